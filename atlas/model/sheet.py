"""Reading a table a person may have saved from any spreadsheet program (pure, bounded, linear).

`read_table(raw)` accepts what Belgian users produce: CSV UTF-8 (with or without BOM), Excel's
"CSV" (Windows-1252, semicolon-separated, decimal commas, dd/mm/yyyy dates), "Unicode text"
(UTF-16, tab-separated) and an .xlsx workbook (first sheet). Everything it had to guess is a
notice; what it cannot read is one message that says how to save the file. It never raises on
bad input and its work is linear in the input, with bounds on bytes, columns, rows and fields.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date

MAX_BYTES = 20_000_000  # 100,000 rows of ~130 bytes; uploads are limited to 1 MB before this
MAX_COLUMNS = 60
MAX_ROWS = 100_000
MAX_FIELD = 5_000  # characters in one cell (several source URLs fit easily)

HOW_TO_SAVE = ("save it from your spreadsheet program as 'CSV UTF-8 (comma delimited)' or as an Excel "
               "workbook (.xlsx)")

# "51,05", "1.234,5", "1.234.567": a decimal comma, or dots that can only be thousands. A lone
# dot ("51.05", "12.500") stays a decimal dot: Excel writes no thousands dots unless formatted.
_BE_NUMBER = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$|^[+-]?\d{1,3}(\.\d{3}){2,}$|^[+-]?\d+,\d+$", re.ASCII)
_BE_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", re.ASCII)


@dataclass
class Table:
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line where the row starts, values)
    notices: list[str] = field(default_factory=list)
    error: str | None = None  # the whole file cannot be read (with how to fix it)
    error_line: int | None = None
    refused: bool = False  # a workbook refused because it asks for too much work (atlas.model.xlsx)
    date1904: bool = False  # the workbook counts its date serials from 1904


def _read_xlsx(raw: bytes, table: Table) -> list[tuple[int, list[str]]] | None:
    """The first sheet's rows as (row number, values), read by atlas.model.xlsx with the work bounded."""
    from atlas.model import xlsx

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            if "xl/workbook.xml" not in zf.namelist():
                table.error = "is a zip file but not an Excel workbook (.xlsx); " + HOW_TO_SAVE
                return None
        result = xlsx.read_first_sheet(raw, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS + 1, max_field=MAX_FIELD)
    except xlsx.Refused as exc:
        table.error = f"is an Excel workbook that is refused: it {exc}; save the sheet as CSV UTF-8"
        table.refused = True
        return None
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one message, never a traceback
        table.error = f"is not a readable Excel workbook ({type(exc).__name__}); " + HOW_TO_SAVE
        return None
    table.notices.append("read the first sheet of an Excel workbook (.xlsx)")
    table.date1904 = result.date1904
    return result.rows


def excel_date(value: str, date1904: bool = False) -> str:
    """A date cell as a workbook stores it without its style (a day serial: 45292) -> '2024-01-01'.
    Anything else (text, a year typed as a number) is returned unchanged for the validator."""
    if value.endswith("T00:00:00") and len(value) == 19:  # a typed ISO date cell (t="d")
        return value[:10]
    if not value or not value.isascii() or not value.isdigit():
        return value
    serial = int(value)
    if not 32_874 <= serial <= 73_050:  # 1990-01-01 to 2099-12-31: a plain number ('2024') stays as typed
        return value
    base = date(1904, 1, 1) if date1904 else date(1899, 12, 30)  # Excel's 1900 leap-year bug: serials from March 1900
    return date.fromordinal(base.toordinal() + int(serial)).isoformat()


def _decode(raw: bytes, table: Table) -> str | None:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(raw) > 3 and raw[1:2] == b"\x00" and raw[3:4] == b"\x00"):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            table.error = "looks like UTF-16 text but cannot be decoded; " + HOW_TO_SAVE
            return None
        table.notices.append("decoded as UTF-16 ('Unicode text'); CSV UTF-8 is preferred")
        return text.lstrip("\ufeff")
    if b"\x00" in raw:
        table.error = "is a binary file, not a CSV text file; " + HOW_TO_SAVE
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        table.notices.append(f"is not UTF-8 (first at line {line}); decoded as Windows-1252, as Excel saves 'CSV'. "
                             "Check accented letters, or save as CSV UTF-8")
        return raw.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def belgian_number(value: str) -> str:
    """'51,0543' -> '51.0543', '1.234.567,5' -> '1234567.5'; anything else ('51.05') unchanged."""
    if _BE_NUMBER.match(value):
        return value.replace(".", "").replace(",", ".")
    return value


def belgian_date(value: str) -> str:
    """'31/12/2024' or '31-12-2024' (day first, as Belgian Excel writes) -> '2024-12-31'."""
    m = _BE_DATE.match(value)
    if not m:
        return value
    day, month, year = (int(g) for g in m.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return value


def read_table(raw: bytes, *, numeric_columns: tuple[str, ...] = (), date_columns: tuple[str, ...] = ()) -> Table:
    """Decode, split and bound a table; see the module docstring. `numeric_columns` and
    `date_columns` are rewritten from Belgian notation when the file is semicolon-separated
    or a workbook."""
    table = Table()
    if len(raw) > MAX_BYTES:
        table.error = f"is {len(raw):,} bytes; at most {MAX_BYTES:,} are read"
        return table
    if not raw.strip():
        table.error = "is empty (expected a header row and data rows; " + HOW_TO_SAVE + ")"
        return table
    belgian = xlsx = False
    if raw[:4] == b"PK\x03\x04":
        rows = _read_xlsx(raw, table)
        if rows is None:
            return table
        belgian = xlsx = True
        lines = iter(rows)
    elif raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        table.error = "is an old Excel .xls file; " + HOW_TO_SAVE
        return table
    else:
        text = _decode(raw, table)
        if text is None:
            return table
        delim = _delimiter(text)
        if delim == ";":
            belgian = True
            table.notices.append("semicolon-separated (Excel in Belgium): read with decimal commas and day-first dates")
        elif delim == "\t":
            table.notices.append("tab-separated")
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)

        def numbered():
            line = 1
            while True:
                start = line
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    table.error = f"is not valid CSV near line {start}: {exc}"
                    table.error_line = start
                    return
                line = reader.line_num + 1
                yield start, values

        lines = numbered()
    header_line = None
    for start, values in lines:
        if any(v.strip() for v in values):
            header_line, header = start, values
            break
    if header_line is None:
        table.error = table.error or "has no header row"
        return table
    while header and not header[-1].strip():
        header.pop()  # spreadsheets add empty columns at the right
    if len(header) > MAX_COLUMNS:
        table.error = f"has {len(header):,} columns in its header (line {header_line}); at most {MAX_COLUMNS} are read"
        table.error_line = header_line
        return table
    table.header = [h.strip().lstrip("\ufeff") for h in header]
    width = len(table.header)
    # Workbook cells carry typed numbers (already with a dot); only CSV text needs converting.
    convert_num = [i for i, h in enumerate(table.header) if belgian and not xlsx and h in numeric_columns]
    convert_date = [i for i, h in enumerate(table.header) if belgian and h in date_columns]
    xlsx_dates = [i for i, h in enumerate(table.header) if xlsx and h in date_columns]  # styles.xml is never read
    for start, values in lines:
        if len(values) > width and not any(v.strip() for v in values[width:]):
            values = values[:width]
        elif xlsx and len(values) < width:
            values = values + [""] * (width - len(values))  # a workbook stores no empty cells at the right
        if not any(v.strip() for v in values):
            continue
        if len(table.rows) >= MAX_ROWS:
            table.error = f"has more than {MAX_ROWS:,} data rows; split the file"
            table.error_line = start
            return table
        if len(values) == width:
            for i in convert_num:
                values[i] = belgian_number(values[i].strip())
            for i in convert_date:
                values[i] = belgian_date(values[i].strip())
            for i in xlsx_dates:
                values[i] = excel_date(values[i].strip(), table.date1904)
        table.rows.append((start, values))
    return table
