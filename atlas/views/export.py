"""The one writer of every table download: CSV and XLSX (pure: plain values in, bytes out).

Every download (the map's project table, chart data, the coverage table, budget tables) goes
through :func:`to_csv` / :func:`to_xlsx` with a :class:`Sheet`:

* Spreadsheet formulas never run: a text cell that starts with ``= + - @`` (also fullwidth
  ``＝ ﹦ ＋ － ＠`` or after leading blanks), a tab or a carriage return gets a leading ``'``
  (OWASP "CSV injection"); real numbers are written as numbers, so a negative amount stays a
  negative number. The cells a comment line splits into are neutralised the same way. In XLSX
  every text cell is typed as text, and formula-like text carries Excel's quote prefix.
* Cells are quoted where needed; line breaks inside a cell become ``\\n`` inside quotes, so a
  cell never breaks a row.
* UTF-8 with BOM (Excel reads the accents); the first lines are ``#`` comments with the filter
  link and the sources, each one cell.
* Belgian Excel opens it right: in Dutch the separator is ``;`` and decimals use a comma
  (what Excel in nl-BE expects); English uses ``,`` and a dot. True/False are written as
  Ja/Nee (Yes/No), headers are translated (codes stay in their own technical columns).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from atlas.text.i18n import t

# A cell whose text starts with one of these (after any leading blanks) is read as a formula by
# some spreadsheet: the ASCII four, their fullwidth and small forms (an IME or a paste turns
# them into the ASCII ones), and the control characters that make a cell start over.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n",
                 "\uff1d", "\ufe66", "\uff0b", "\ufe62", "\uff0d", "\ufe63", "\uff20", "\ufe6b")
# Blanks a spreadsheet may skip before the formula sign: whitespace, no-break and zero-width spaces.
_LEADING_BLANKS = re.compile(r"^[\s\u200b\u200c\u200d\u2060\ufeff]+")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAX_CELL = 32_767  # Excel's limit on characters in a cell


@dataclass
class Sheet:
    """A table ready to write: translated headers, rows of plain values, comment lines."""

    headers: list[str]
    rows: list[list[Any]]
    comments: list[str] = field(default_factory=list)


def header(column: str, lang: str) -> str:
    """The translated header of a column (`exp_col_<column>` in the catalogue), else the column
    name itself (a technical column keeps its code)."""
    try:
        return t("exp_col_" + column, lang)
    except KeyError:
        return column


def from_frame(frame: pd.DataFrame, lang: str, comments: list[str] | None = None, *,
               headers: dict[str, str] | None = None) -> Sheet:
    """A Sheet of a frame: headers translated by :func:`header` (or given), values as they are."""
    names = [(headers or {}).get(str(c)) or header(str(c), lang) for c in frame.columns]
    rows = [list(values) for values in frame.itertuples(index=False, name=None)]
    return Sheet(names, rows, list(comments or []))


def formula_like(text: str) -> bool:
    """Would a spreadsheet read this text as a formula? It starts with a formula sign, also
    fullwidth (`＝`, `﹦`) or after leading blanks (` =1+1`). Text that is only a number
    ("-5", "3,5") is data, not a formula."""
    return ((text.startswith(FORMULA_START) or _LEADING_BLANKS.sub("", text).startswith(FORMULA_START))
            and not _PLAIN_NUMBER.fullmatch(text))


def neutralise(text: str) -> str:
    """Text that a spreadsheet would read as a formula (:func:`formula_like`) gets a leading
    apostrophe."""
    return "'" + text if formula_like(text) else text


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes, list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


def _number_text(value: float | int, lang: str) -> str:
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    else:
        text = str(value)
    return text.replace(".", ",") if lang == "nl" else text


def cell_text(value: Any, lang: str) -> str:
    """One value as CSV text: numbers plain (decimal comma in Dutch), booleans Ja/Nee, dates ISO,
    text with its line breaks kept inside the cell and formulas neutralised."""
    if _is_missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return t("exp_yes" if value else "exp_no", lang)
    if isinstance(value, (int, np.integer)):
        return _number_text(int(value), lang)
    if isinstance(value, (float, np.floating)):
        return _number_text(float(value), lang)
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value)).replace("\r\n", "\n").replace("\r", "\n")


def delimiter(lang: str) -> str:
    """';' for Dutch (Excel in Belgium splits on it), ',' otherwise."""
    return ";" if lang == "nl" else ","


def comment_line(text: str, delim: str) -> str:
    """'# text' on one line that starts with '#' (readers skip such lines); in a link the
    separator is percent-encoded (same link) so the link stays whole in the first cell.

    Other text may hold the separator (a source list, a name): a spreadsheet splits the line
    there, so every cell after the first is written as a data cell (formulas neutralised,
    quoted where needed) and cannot become a live formula."""
    words = re.sub(r"[\r\n\t]", " ", str(text)).split(" ")
    enc = {",": "%2C", ";": "%3B", "\t": "%09"}[delim]
    line = "# " + " ".join(w.replace(delim, enc) if w.startswith(("http://", "https://")) else w for w in words)
    first, *rest = line.split(delim)
    if not rest:
        return first
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim, quoting=csv.QUOTE_MINIMAL, lineterminator="").writerow(
        [neutralise(cell) for cell in rest])
    return first + delim + buf.getvalue()


def to_csv(sheet: Sheet, lang: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter(lang), quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for line in sheet.comments:
        buf.write(comment_line(line, delimiter(lang)) + "\r\n")
    writer.writerow([cell_text(h, lang) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow([cell_text(v, lang) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def _xlsx_value(value: Any, lang: str):
    """(value, number_format) for an XLSX cell; text is always text, never a formula."""
    if _is_missing(value):
        return None, None
    if isinstance(value, (bool, np.bool_)):
        return t("exp_yes" if value else "exp_no", lang), None
    if isinstance(value, (int, np.integer)):
        return int(value), None
    if isinstance(value, (float, np.floating)):
        return (float(value), None) if math.isfinite(float(value)) else (None, None)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.date(), "yyyy-mm-dd"
        return value, "yyyy-mm-dd hh:mm"
    if isinstance(value, date):
        return value, "yyyy-mm-dd"
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    return text[:XLSX_MAX_CELL], None


def to_xlsx(sheet: Sheet, lang: str, title: str = "data") -> bytes:
    """The same table as an Excel workbook: comments in the first rows, then the header and the
    rows; numbers and dates typed, every text cell typed as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=re.sub(r"[\[\]:*?/\\]", "", title)[:31] or "data")

    def cell(value, *, bold: bool = False):
        v, number_format = _xlsx_value(value, lang)
        c = WriteOnlyCell(ws, value=v)
        if isinstance(v, str):
            c.data_type = "s"  # never a formula, whatever the text starts with
            if formula_like(v):
                c.quotePrefix = True  # and editing it in Excel keeps it text ('=… in the formula bar)
        if number_format:
            c.number_format = number_format
        if bold:
            c.font = Font(bold=True)
        return c

    for line in sheet.comments:
        ws.append([cell("# " + str(line))])
    ws.append([cell(h, bold=True) for h in sheet.headers])
    for row in sheet.rows:
        ws.append([cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
