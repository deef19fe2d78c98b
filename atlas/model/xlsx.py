"""The first sheet of an .xlsx workbook as rows of text, with the WORK bounded (pure, no openpyxl).

A workbook is a zip of XML parts. A few kilobytes can ask for minutes and gigabytes: 470,000
style entries, 12 million empty cells without a `<dimension>`, a row of 2 million cells,
3 million shared strings, a zip member that unpacks to far more than its header says. openpyxl
builds whole trees of such parts even in read-only mode, so this module reads only the parts a
table needs (workbook.xml and its relationships, the first sheet, the shared strings that sheet
uses; never styles.xml) with expat, event by event, on the member's stream, and stops at hard
limits: bytes actually unpacked per member and in total (whatever the zip header declares),
XML elements, cells, rows, columns. No DTD or entity is accepted (XXE, billion laughs).

`read_first_sheet(raw)` returns `Sheet(rows, date1904)` where rows are (row number, values) with
the row numbers as the sheet gives them (so a row at 1,048,576 is kept), or raises `Refused`
with a message that says what was too much (in English, like every reader message; the app
shows its own catalogue text around it).
"""

from __future__ import annotations

import io
import posixpath
import re
import time
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

MAX_MEMBER_BYTES = 50_000_000  # unpacked bytes read from one part, counted while reading
MAX_TOTAL_BYTES = 60_000_000  # unpacked bytes read from all parts together
MAX_SMALL_PART = 2_000_000  # workbook.xml and its relationships: a few KB in real workbooks
MAX_MEMBERS = 2_000  # entries in the zip directory
# A cell costs ~2 us and any element ~0.6 us of CPU (expat calls back into Python), so these
# bound the work of any workbook to ~2.5 s; a table of 50,000 rows of 20 columns still fits.
MAX_ELEMENTS = 3_500_000  # XML elements parsed in all parts together
MAX_CELLS = 1_000_000  # <c> elements in the sheet, empty ones included
MAX_SECONDS = 4.0  # CPU seconds of the reading thread: a backstop, checked after each 64 KB
MAX_DEPTH = 100  # nesting of elements (a sheet's cell text is 7 deep)
MAX_RUN = 1_048_576  # bytes without a '>': a start tag of 100,000s of attributes, or a name of megabytes
MAX_SHEET_ROW = 1_048_576  # Excel's last row
MAX_SHEET_COLUMN = 16_384  # Excel's last column (XFD)
CHUNK = 64 * 1024

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_REL_SHEET = "/worksheet"
_REL_STRINGS = "/sharedStrings"


class Refused(Exception):
    """The workbook asks for more work than a table of this size can need (message says what)."""


@dataclass
class Sheet:
    rows: list[tuple[int, list[str]]]
    date1904: bool = False


def _local(name: str) -> str:
    return name.rpartition(" ")[2]


class _Budget:
    """Counts elements and unpacked bytes over all parts of one workbook."""

    def __init__(self) -> None:
        self.elements = 0
        self.bytes = 0
        self.seconds = 0.0  # CPU seconds of this thread spent parsing


def _parse(zf: zipfile.ZipFile, name: str, budget: _Budget, start, end=None, text=None,
           limit: int = MAX_MEMBER_BYTES) -> None:
    """Stream member `name` through expat with the given handlers (called with local names);
    stop at the bounds. A handler may raise `_Stop` to end the part early (all that is needed
    was read)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = CHUNK

    def no_dtd(*_args):
        raise Refused(f"{name} declares a DTD or entities (not allowed in a workbook)")

    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    parser.ExternalEntityRefHandler = no_dtd
    names: dict[str, str] = {}
    count = budget.elements
    depth = 0

    def on_start(tag, attrs):
        nonlocal count, depth
        count += 1
        depth += 1
        if depth > MAX_DEPTH:  # expat keeps every open element: 3 million nested ones took 370 MB
            raise Refused(f"{name} nests elements more than {MAX_DEPTH} deep")
        local = names.get(tag)
        if local is None:
            local = names[tag] = _local(tag)
        start(local, attrs)

    def on_end(tag):
        nonlocal depth
        depth -= 1
        if end is not None:
            local = names.get(tag)
            if local is None:
                local = names[tag] = _local(tag)
            end(local)

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    if text is not None:
        parser.CharacterDataHandler = text
    read = 0
    run = 0  # bytes since the last '>': one start tag (or text) of megabytes is refused before expat builds it
    started = time.thread_time()
    try:
        with zf.open(name) as member:
            while True:
                chunk = member.read(CHUNK)
                if not chunk:
                    break
                read += len(chunk)
                budget.bytes += len(chunk)
                if read > limit:
                    raise Refused(f"{name} unpacks to more than {limit:,} bytes")
                if budget.bytes > MAX_TOTAL_BYTES:
                    raise Refused(f"unpacks to more than {MAX_TOTAL_BYTES:,} bytes")
                first = chunk.find(b">")
                if first < 0:
                    run += len(chunk)
                    gap = run
                else:
                    gap = run + first
                    run = len(chunk) - 1 - chunk.rfind(b">")
                if gap > MAX_RUN:
                    raise Refused(f"{name} has a tag or text of more than {MAX_RUN:,} bytes")
                parser.Parse(chunk, False)
                if count > MAX_ELEMENTS:
                    raise Refused(f"has more than {MAX_ELEMENTS:,} XML elements")
                if time.thread_time() - started + budget.seconds > MAX_SECONDS:
                    raise Refused(f"needs more than {MAX_SECONDS} seconds to read")
            parser.Parse(b"", True)
    except _Stop:
        pass
    finally:
        budget.elements = count
        budget.seconds += time.thread_time() - started


class _Stop(Exception):
    pass


def _attr(attrs: dict, key: str) -> str | None:
    for k, v in attrs.items():
        if _local(k) == key:
            return v
    return None


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _number_text(value: str) -> str:
    """A number as Excel stores it ('51.0543', '12500', '4.5E-3') -> the text a person typed.
    Anything but ASCII stays as written (float() would read Arabic-Indic digits; the validator refuses them)."""
    if not value.isascii():
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    if number != number or number in (float("inf"), float("-inf")):
        return value
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def _targets(zf: zipfile.ZipFile, budget: _Budget) -> tuple[str, str | None, bool]:
    """(first sheet part, shared strings part or None, date1904) from workbook.xml and its rels."""
    first: dict[str, str] = {}
    props = {"date1904": False}

    def on_workbook(tag, attrs):
        if tag == "sheet" and "rid" not in first:
            rid = _attr(attrs, "id")
            if rid:
                first["rid"] = rid
        elif tag == "workbookPr":
            props["date1904"] = (_attr(attrs, "date1904") or "").lower() in ("1", "true")

    _parse(zf, "xl/workbook.xml", budget, on_workbook, limit=MAX_SMALL_PART)
    rels: dict[str, tuple[str, str]] = {}

    def on_rel(tag, attrs):
        if tag == "Relationship":
            rels[_attr(attrs, "Id") or ""] = (_attr(attrs, "Type") or "", _attr(attrs, "Target") or "")

    names = set(zf.namelist())
    if "xl/_rels/workbook.xml.rels" in names:
        _parse(zf, "xl/_rels/workbook.xml.rels", budget, on_rel, limit=MAX_SMALL_PART)

    def part(target: str) -> str:
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        return path

    sheet = None
    if "rid" in first and first["rid"] in rels and rels[first["rid"]][0].endswith(_REL_SHEET):
        sheet = part(rels[first["rid"]][1])
    if sheet not in names:
        sheet = "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in names else None
    if sheet is None:
        raise Refused("has no worksheet")
    strings = next((part(t) for typ, t in rels.values() if typ.endswith(_REL_STRINGS)), None)
    if strings not in names:
        strings = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else None
    return sheet, strings, props["date1904"]


def _sheet_cells(zf: zipfile.ZipFile, name: str, budget: _Budget, max_rows: int, max_columns: int, max_field: int):
    """The sheet's cells by row: {row: {column: value}}; shared strings as ('s', index).
    Written for speed (closure variables, cached column letters): it runs once per cell."""
    rows: dict[int, dict[int, object]] = {}
    row_no = col = cells = length = 0
    in_data = in_is = False
    in_rph = 0
    cell: int | None = None
    typ = "n"
    buf: list[str] | None = None
    letters_to_col: dict[str, int] = {}
    row_text = ""  # the digits of the current row's number, as the cell references write them

    def new_row(row: int) -> None:
        nonlocal row_no, col, row_text
        if row < 1 or row > MAX_SHEET_ROW:
            raise Refused(f"has a row numbered {row:,} (Excel's rows are 1 to {MAX_SHEET_ROW:,})")
        if row < row_no:
            raise Refused(f"has row {row:,} after row {row_no:,}")
        row_no, col, row_text = row, 0, ""

    def column_of(ref: str) -> int:
        nonlocal row_text
        letters = ref.rstrip("0123456789")
        number = letters_to_col.get(letters)
        if number is None:
            m = _REF.match(ref)
            if not m:
                raise Refused(f"has a cell with the reference '{ref[:20]}'")
            number = letters_to_col[letters] = _column(m.group(1))
        digits = ref[len(letters):]
        if digits != row_text:
            if not digits.isdigit() or not digits.isascii() or len(digits) > 7:
                raise Refused(f"has a cell with the reference '{ref[:20]}'")
            if int(digits) != row_no:
                new_row(int(digits))
            row_text = digits
        return number

    def on_start(tag, attrs):
        nonlocal col, cells, cell, typ, buf, length, in_data, in_is, in_rph
        if tag == "c":
            if not in_data:
                return
            cells += 1
            if cells > MAX_CELLS:
                raise Refused(f"has more than {MAX_CELLS:,} cells in its first sheet")
            ref = attrs.get("r")
            col = column_of(ref) if ref else col + 1
            if col > MAX_SHEET_COLUMN:
                raise Refused(f"has a cell beyond column {MAX_SHEET_COLUMN:,} (XFD)")
            cell = col if col <= max_columns else None  # columns far right are not kept
            typ = attrs.get("t", "n")
            buf = None
            length = 0
        elif tag == "v" or tag == "t":
            if cell is not None and not in_rph and (tag == "v" or in_is) and buf is None:
                buf = []
        elif tag == "row":
            if not in_data:
                return
            ref = attrs.get("r")
            if ref is None:
                new_row(row_no + 1)
            elif ref.isascii() and ref.isdigit() and len(ref) <= 7:
                new_row(int(ref))
            else:
                raise Refused(f"has a row with the number '{ref[:20]}'")
        elif tag == "is":
            in_is = True
        elif tag == "rPh":
            in_rph += 1
        elif tag == "sheetData":
            in_data = True

    def on_text(data):
        nonlocal length
        if buf is not None and length <= max_field:
            buf.append(data)
            length += len(data)

    def on_end(tag):
        nonlocal cell, buf, in_is, in_rph, in_data
        if tag == "c":
            if cell is not None and buf:
                value = "".join(buf)[: max_field + 1]
                if typ == "s" or typ == "n":  # resolved once the sheet is read (a cell may be overwritten)
                    value = (typ, value.strip())
                elif typ == "b":
                    value = "true" if value.strip() == "1" else "false"
                # "str" (a formula's text), "inlineStr", "e" (#N/A), "d" (ISO date): as written
                row = rows.get(row_no)
                if row is None:
                    if len(rows) > max_rows:
                        raise Refused(f"has more than {max_rows:,} rows with data")
                    row = rows[row_no] = {}
                row[cell] = value
            cell = buf = None
        elif tag == "is":
            in_is = False
        elif tag == "rPh":
            in_rph -= 1
        elif tag == "sheetData":
            in_data = False
            raise _Stop

    _parse(zf, name, budget, on_start, on_end, on_text)
    return rows


def _shared_strings(zf: zipfile.ZipFile, name: str, budget: _Budget, wanted: set[int], max_field: int) -> dict[int, str]:
    """Only the strings the sheet uses; parsing stops after the last one needed."""
    found: dict[int, str] = {}
    if not wanted:
        return found
    last = max(wanted)
    state = {"i": -1, "buf": None, "in_t": False, "in_rph": 0, "len": 0}

    def on_start(tag, attrs):
        if tag == "si":
            state["i"] += 1
            state["buf"] = [] if state["i"] in wanted else None
            state["len"] = 0
        elif tag == "t":
            state["in_t"] = True
        elif tag == "rPh":
            state["in_rph"] += 1

    def on_end(tag):
        if tag == "si":
            if state["buf"] is not None:
                found[state["i"]] = "".join(state["buf"])[: max_field + 1]
            if state["i"] >= last:
                raise _Stop
        elif tag == "t":
            state["in_t"] = False
        elif tag == "rPh":
            state["in_rph"] -= 1

    def on_text(data):
        buf = state["buf"]
        if buf is not None and state["in_t"] and not state["in_rph"] and state["len"] <= max_field:
            buf.append(data)
            state["len"] += len(data)

    _parse(zf, name, budget, on_start, on_end, on_text)
    return found


def read_first_sheet(raw: bytes, *, max_rows: int, max_columns: int, max_field: int) -> Sheet:
    """See the module docstring. Raises `Refused` (too much work) or zipfile/expat errors
    (not a readable workbook); the caller turns both into one message."""
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        if len(zf.infolist()) > MAX_MEMBERS:
            raise Refused(f"has more than {MAX_MEMBERS:,} parts")
        budget = _Budget()
        sheet_name, strings_name, date1904 = _targets(zf, budget)
        cells = _sheet_cells(zf, sheet_name, budget, max_rows, max_columns, max_field)
        wanted: set[int] = set()
        for row in cells.values():
            for value in row.values():
                if isinstance(value, tuple) and value[0] == "s":
                    idx = value[1]
                    if not idx.isascii() or not idx.isdigit() or len(idx) > 9:
                        raise Refused(f"has a shared-string index '{idx[:20]}'")
                    wanted.add(int(idx))
        strings = _shared_strings(zf, strings_name, budget, wanted, max_field) if strings_name else {}
    rows = []
    for number in sorted(cells):
        row = cells[number]
        width = max(row)
        values = [""] * width
        for col, value in row.items():
            if isinstance(value, tuple) and value[0] == "n":
                value = _number_text(value[1])
            elif isinstance(value, tuple):
                idx = int(value[1])
                if idx not in strings:
                    raise Refused(f"refers to shared string {idx:,}, which it does not have")
                value = strings[idx]
            values[col - 1] = value
        rows.append((number, values))
    return Sheet(rows, date1904)
