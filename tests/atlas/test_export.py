"""The one table writer: formulas neutralised, rows intact, BOM, Belgian Excel, XLSX typed."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from atlas.views import export

HOSTILE = ["=HYPERLINK(\"https://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\tTAB=1", "\r=1+1"]


def rows_of(raw: bytes, lang: str) -> list[list[str]]:
    text = raw.decode("utf-8-sig")
    body = "".join(line for line in io.StringIO(text, newline="") if not line.startswith("#"))
    return list(csv.reader(io.StringIO(body, newline=""), delimiter=export.delimiter(lang)))


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_formula_leading_text_gets_an_apostrophe_and_stays_one_cell(text, lang):
    sheet = export.Sheet(["a", "b"], [[text, "after"]])
    rows = rows_of(export.to_csv(sheet, lang), lang)
    assert len(rows) == 2 and len(rows[1]) == 2
    assert rows[1][0].startswith("'") and rows[1][1] == "after"


def test_real_negative_numbers_stay_numbers():
    sheet = export.Sheet(["n", "t"], [[-5, "-5"], [-2.5, "-2,5"]])
    assert rows_of(export.to_csv(sheet, "nl"), "nl")[1:] == [["-5", "-5"], ["-2,5", "-2,5"]]
    assert rows_of(export.to_csv(sheet, "en"), "en")[1:] == [["-5", "-5"], ["-2.5", "-2,5"]]


def test_line_breaks_inside_a_cell_never_break_the_row():
    sheet = export.Sheet(["a", "b", "c"], [["line1\r\nline2\rline3", "x;y,z", 'say "hi"']])
    for lang in ("nl", "en"):
        rows = rows_of(export.to_csv(sheet, lang), lang)
        assert rows[1] == ["line1\nline2\nline3", "x;y,z", 'say "hi"']


def test_utf8_bom_booleans_dates_and_missing_values():
    sheet = export.Sheet(["x"] * 5, [[True, False, date(2024, 2, 29), float("nan"), None]], ["filter: http://x/?a=b,c"])
    raw = export.to_csv(sheet, "nl")
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "# filter: http://x/?a=b,c"
    assert rows_of(raw, "nl")[1] == ["Ja", "Nee", "2024-02-29", "", ""]
    assert rows_of(export.to_csv(sheet, "en"), "en")[1][:2] == ["Yes", "No"]
    # In English the comma of the link is percent-encoded: the link stays one cell and means the same.
    assert export.to_csv(sheet, "en").decode("utf-8-sig").splitlines()[0] == "# filter: http://x/?a=b%2Cc"


def test_dutch_csv_uses_semicolons_and_decimal_commas():
    sheet = export.from_frame(pd.DataFrame({"lat": [51.05], "budget_eur": [1234.5], "n": [3]}), "nl")
    text = export.to_csv(sheet, "nl").decode("utf-8-sig")
    assert text.splitlines() == ["Breedtegraad;Budget (euro);n", "51,05;1234,5;3"]


def test_xlsx_types_text_as_text_never_a_formula():
    frame = pd.DataFrame({"name": HOSTILE[:1] + ["ok"], "budget_eur": [-5.5, 12.0], "white_spot": [True, False],
                          "start_date": pd.to_datetime(["2022-03-01", None])})
    raw = export.to_xlsx(export.from_frame(frame, "nl", ["filter: http://x/"]), "nl")
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    ws = wb.active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "# filter: http://x/"
    assert rows[1] == ("Naam", "Budget (euro)", "Geen gekend project", "Start")
    assert rows[2][0] == HOSTILE[0] and ws.cell(3, 1).data_type == "s"
    assert rows[2][1] == -5.5 and rows[2][2] == "Ja" and rows[2][3].date() == date(2022, 3, 1)
    assert rows[3][3] is None


def test_xlsx_drops_control_characters_openpyxl_refuses():
    raw = export.to_xlsx(export.Sheet(["a"], [["bell\x07 and \x00 nul"]]), "en")
    assert openpyxl.load_workbook(io.BytesIO(raw)).active.cell(2, 1).value == "bell and  nul"
