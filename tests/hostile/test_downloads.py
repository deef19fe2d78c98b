"""Hostile text in downloads (issue 23.5): no cell of a CSV or XLSX download becomes a formula.

The cases that got through the one table writer (atlas.views.export):
- a comment line (filter link, sources, counts) holding the separator: a spreadsheet splits the
  line there and the text after it is a cell of its own, which could start with `=`;
- fullwidth `＝`, small `﹦` and a blank before `=` (` =1+1`, no-break or zero-width space);
- XLSX text that starts with `=`: typed as text, but editing it in Excel made it a formula
  unless the cell carries the quote prefix.
The checks read the files as a spreadsheet would (every line split at the separator, the
comment lines too) with a formula test of their own, not the writer's.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest

from atlas.views import export

# Formula signs as a spreadsheet reads them (ASCII, fullwidth, small forms) after any blanks.
LIVE = re.compile(r"^[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]*[=+\-@\uff1d\ufe66\uff0b\ufe62\uff0d\ufe63\uff20\ufe6b]")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?")

FORMULAS = ['=HYPERLINK("https://evil.example/f","x")', "=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
            "\uff1dHYPERLINK(\"https://evil.example\")", "\ufe661+1", "\uff0b1+1", "\uff201",
            " =1+1", "  =1+1", "\u00a0=1+1", "\u200b=1+1", "\ufeff=1+1", "\u3000=1+1", " \uff1d1"]


def live(cell: str) -> bool:
    return bool(LIVE.match(cell)) and not PLAIN_NUMBER.fullmatch(cell)


def cells(raw: bytes, lang: str) -> list[list[str]]:
    """Every line of the file split as a spreadsheet splits it, comment lines included."""
    text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=export.delimiter(lang)))


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_comment_line_holding_the_separator_never_carries_a_live_formula(formula, lang):
    sep = export.delimiter(lang)
    comments = [f"Bronnen: Vlaams Parlement{sep}{formula}",  # a source list
                f"Bron{sep}{sep}{formula}{sep}\"{sep}{formula}",  # empty cells, a stray quote
                f"86 van 120 gekend{sep} {formula}\t{sep}{formula}"]
    raw = export.to_csv(export.Sheet(["a"], [["x"]], comments), lang)
    lines = cells(raw, lang)
    assert len(lines) == len(comments) + 2, lines  # each comment one line: no quote spans lines
    for line in lines[: len(comments)]:
        assert line[0].startswith("# ")
        assert not [c for c in line if live(c)], line
    assert lines[-2:] == [["a"], ["x"]]


def test_a_comment_line_keeps_its_text_and_its_link_whole():
    raw = export.to_csv(export.Sheet(["a"], [["x"]], ["Link: https://zb.example/?programme=stek;proeftuin",
                                                      "Bronnen: a; =SUM(1); b"]), "nl")
    text = raw.decode("utf-8-sig").splitlines()
    assert text[0] == "# Link: https://zb.example/?programme=stek%3Bproeftuin"
    assert cells(raw, "nl")[1] == ["# Bronnen: a", "' =SUM(1)", " b"]


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_fullwidth_and_blank_led_formulas_in_data_cells_get_the_apostrophe(formula, lang):
    raw = export.to_csv(export.Sheet(["a", "b"], [[formula, "after"]]), lang)
    row = cells(raw, lang)[-1]
    assert row == ["'" + formula.replace("\r", "\n"), "after"]


@pytest.mark.parametrize("text", ["-5", "+3", "3,5", "-2.5", "Gent", "e-mail", "a=b", "#1", "'quoted"])
def test_numbers_and_ordinary_text_are_left_as_they_are(text):
    assert cells(export.to_csv(export.Sheet(["a"], [[text]]), "en"), "en")[-1] == [text]


@pytest.mark.parametrize("formula", FORMULAS)
def test_xlsx_text_that_reads_as_a_formula_carries_the_quote_prefix(formula):
    raw = export.to_xlsx(export.Sheet(["a", "b"], [[formula, "Gent"]], [f"Bronnen: a; {formula}"]), "nl")
    ws = openpyxl.load_workbook(io.BytesIO(raw)).active
    comment, head, data = ws.cell(1, 1), ws.cell(2, 1), ws.cell(3, 1)
    assert comment.value == f"# Bronnen: a; {formula}" and comment.data_type == "s"
    assert data.value == formula.replace("\r", "\n") and data.data_type == "s"
    assert data.quotePrefix is True  # editing the cell in Excel keeps it text
    assert head.quotePrefix is False and ws.cell(3, 2).quotePrefix is False  # only where needed
