"""Validation of the project CSV, shared by the CLI and the app.

Every problem names the file, the data row (1 = first row under the header) and the
line in the file where that row starts, the column, and what is wrong. Bad data never
raises: it becomes a `Problem`. Checks that need the reference geography are skipped
with one notice when it is unavailable, and the result says so (`geo_unavailable`): the
CLI then refuses to call the file valid.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from atlas.model import schema, sheet

# ASCII digits only: `\d` also matches Arabic-Indic or fullwidth digits, which pandas cannot load.
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_NIS_RE = re.compile(r"^\d{5}$", re.ASCII)


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # data row, 1-based (None: the whole file)
    line: int | None  # line in the file where the row starts
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row} (line {self.line})"
        if self.column:
            return f"{where}: {self.column} {self.message}"
        return f"{where}: {self.message}"


@dataclass
class ValidationResult:
    file: str
    workbook_refused: bool = False  # an .xlsx refused for the work it asks (atlas.model.xlsx bounds)
    rows: list[dict[str, str]] = field(default_factory=list)  # every parsed data row
    lines: list[int] = field(default_factory=list)  # start line of each row
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # Why the geographic checks were requested but could not run ('' = they ran or were not asked for).
    geo_unavailable: str = ""

    def add(self, row: int, column: str | None, message: str) -> None:
        """Record a problem in data row `row` (1-based)."""
        self.problems.append(Problem(self.file, row, self.lines[row - 1], column, message))

    @property
    def ok(self) -> bool:
        return not self.problems

    def bad_rows(self) -> set[int]:
        return {p.row for p in self.problems if p.row is not None}

    def file_level_problem(self) -> bool:
        return any(p.row is None for p in self.problems)

    def valid_frame(self) -> pd.DataFrame:
        """The rows without problems, typed (floats, dates), in file order."""
        if self.file_level_problem():
            return _typed(pd.DataFrame(columns=list(schema.ALL_COLUMNS)))
        bad = self.bad_rows()
        keep = [r for i, r in enumerate(self.rows, start=1) if i not in bad]
        frame = pd.DataFrame(keep, columns=_columns(self.rows))
        for col in schema.ALL_COLUMNS:
            if col not in frame.columns:
                frame[col] = ""
        return _typed(frame)


def _columns(rows: list[dict[str, str]]) -> list[str]:
    cols: list[str] = list(schema.ALL_COLUMNS)
    for r in rows[:1]:
        cols += [c for c in r if c not in cols]
    return cols


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for col in ("lat", "lon", "budget_eur"):
        frame[col] = frame[col].map(parse_number).astype("float64")  # the validator's parser: valid is loaded
    for col in schema.DATE_COLUMNS:
        if col in frame.columns:
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d", errors="coerce")
    text_cols = [c for c in frame.columns if c not in ("lat", "lon", "budget_eur", *schema.DATE_COLUMNS)]
    for col in text_cols:
        frame[col] = frame[col].astype("object").fillna("").astype(str)
    return frame.reset_index(drop=True)


_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$", re.ASCII)
_INT_RE = re.compile(r"^[+-]?\d+$", re.ASCII)
# Dates a project of these programmes can have (the first grants were in 2018).
DATE_RANGE = (date(2000, 1, 1), date(2035, 12, 31))
MAX_BUDGET = 1_000_000_000  # euro; no project or group of these programmes comes near
MAX_LISTED = 50  # problems listed before "... and N more"


def parse_number(value) -> float | None:
    """The one number parser of the data files, for validation AND loading: a plain finite
    decimal number in ASCII digits, else None. Not: underscores (float() accepts '5_1.1'), nan,
    inf, 1e400, or Arabic-Indic and fullwidth digits (float() accepts them, pandas does not)."""
    text = str(value).strip()
    if not _NUMBER_RE.match(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def _is_number(value: str) -> bool:
    return parse_number(value) is not None


def _not_a_number(value: str) -> str:
    """Why `value` is refused as a number (naming digits other than 0-9, which look right)."""
    if any(ch.isdigit() and not ch.isascii() for ch in value):
        return f"'{value}' is not a number (it has digits other than 0-9)"
    return f"'{value}' is not a number"


def listing(problems: list, limit: int = MAX_LISTED) -> list[str]:
    """The first `limit` problems, one line each, then '... and N more' (never thousands of lines)."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit:,} more")
    return lines


def _parse_date(value: str) -> date | None:
    if not _DATE_RE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _plausible(parsed: date) -> bool:
    return DATE_RANGE[0] <= parsed <= DATE_RANGE[1]


# Characters no source URL holds as they are (they would be percent-encoded): blanks, quotes,
# angle brackets (a `>` closes a markdown link), backslashes, backticks, control characters.
_URL_UNSAFE = re.compile(r'[\s<>"`\\\x00-\x1f\x7f]')


def _is_http_url(value: str) -> bool:
    try:
        parsed = urlparse(value)
    except ValueError:  # an unbalanced '[' in the host
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and not _URL_UNSAFE.search(value)


def invisible(value: str) -> str | None:
    """The first invisible character in a code or id (BOM, zero-width space, soft hyphen, a
    control or other format character, a blank other than the space) as 'U+XXXX', else None.
    Two ids that differ only by one would look the same and count as two."""
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or (ch.isspace() and ch != " "):
            return f"U+{ord(ch):04X}"
    return None


def _check_code(value: str, column: str, add) -> None:
    """An id or code holds no invisible character."""
    found = invisible(value)
    if found:
        add(column, f"'{value[:40]}' holds an invisible character ({found}); retype it")


def read_rows(raw: bytes, name: str) -> ValidationResult:
    """Decode and parse a table (CSV in any common encoding and separator, or XLSX) into rows;
    file-level problems stop here. Linear in the input and bounded (see atlas.model.sheet)."""
    result = ValidationResult(file=name)
    table = sheet.read_table(raw, numeric_columns=("lat", "lon", "budget_eur"), date_columns=schema.DATE_COLUMNS)
    result.notices.extend(f"{name} {n}" for n in table.notices)
    if table.error and not table.header:
        result.problems.append(Problem(name, None, table.error_line, None, table.error))
        result.workbook_refused = table.refused
        return result
    header = table.header
    missing = [c for c in schema.REQUIRED_COLUMNS if c not in header]
    if missing:
        hint = ""
        if len(header) == 1 and len(missing) == len(schema.REQUIRED_COLUMNS):
            hint = " (the header is one column: the separator was not recognised; " + sheet.HOW_TO_SAVE + ")"
        result.problems.append(
            Problem(name, None, 1, None, "is missing required column(s): " + ", ".join(missing) + hint)
        )
        return result
    counts = Counter(header)
    dupes = sorted(h for h, n in counts.items() if n > 1 and h)
    if dupes:
        result.problems.append(Problem(name, None, 1, None, "has duplicate column(s): " + ", ".join(dupes)))
        return result
    if table.error:  # header fine, but the file stops being readable (or too long) further down
        result.problems.append(Problem(name, None, table.error_line, None, table.error))
        return result
    width = len(header)
    for row_no, (start_line, values) in enumerate(table.rows, start=1):
        result.lines.append(start_line)
        if len(values) != width:
            result.rows.append(dict.fromkeys(header, ""))
            result.problems.append(
                Problem(name, row_no, start_line, None, f"has {len(values)} fields where the header has {width}")
            )
            continue
        long = [h for h, v in zip(header, values) if len(v) > sheet.MAX_FIELD]
        if long:
            result.rows.append(dict.fromkeys(header, ""))
            result.problems.append(Problem(name, row_no, start_line, long[0],
                                           f"is longer than {sheet.MAX_FIELD:,} characters"))
            continue
        result.rows.append({h: v.strip() for h, v in zip(header, values)})
    if not result.rows and not result.problems:
        result.problems.append(Problem(name, None, None, None, "has a header but no data rows"))
    return result


def _check_row(row: dict[str, str], add, institutes: set[str] | None) -> None:
    if not row.get("id"):
        add("id", "is empty")
    for col in ("id", "institute_id", "budget_group"):
        _check_code(row.get(col, ""), col, add)
    if row.get("programme") not in schema.PROGRAMMES:
        add("programme", f"'{row.get('programme')}' is not one of {', '.join(schema.PROGRAMMES)}")
    if not row.get("name"):
        add("name", "is empty")

    nis = row.get("municipality_nis", "")
    if not _NIS_RE.match(nis):
        add("municipality_nis", f"'{nis}' is not a 5-digit NIS code")

    for col, (lo, hi) in (("lat", schema.LAT_RANGE), ("lon", schema.LON_RANGE)):
        value = row.get(col, "")
        if not _is_number(value):
            add(col, _not_a_number(value))
        elif not lo <= float(value) <= hi:
            add(col, f"{value} lies outside Flanders and Brussels ({lo} to {hi})")

    dates = {}
    for col in schema.DATE_COLUMNS:
        value = row.get(col, "")
        if value:
            parsed = _parse_date(value)
            if parsed is None:
                add(col, f"'{value}' is not a date in the form YYYY-MM-DD")
            elif not _plausible(parsed):
                add(col, f"{value} is not between {DATE_RANGE[0].year} and {DATE_RANGE[1].year}")
                parsed = None
            dates[col] = parsed
    if dates.get("start_date") and dates.get("end_date") and dates["start_date"] > dates["end_date"]:
        add("end_date", f"{row['end_date']} is before start_date {row['start_date']}")
    if row.get("extended_until"):
        # An extension continues a known end: the original end stays in end_date.
        if not row.get("end_date"):
            add("extended_until", "is given but end_date (the original end) is empty")
        elif dates.get("extended_until") and dates.get("end_date") and dates["extended_until"] <= dates["end_date"]:
            add("extended_until", f"{row['extended_until']} is not after end_date {row['end_date']}")

    budget = row.get("budget_eur", "")
    basis = row.get("budget_basis", "")
    if budget:
        if not _is_number(budget):
            add("budget_eur", _not_a_number(budget) + " (leave it empty when unknown)")
        elif float(budget) < 0:
            add("budget_eur", f"{budget} is negative")
        elif float(budget) > MAX_BUDGET:
            add("budget_eur", f"{budget} is more than {MAX_BUDGET:,} euro")
        elif "budget_basis" in row and basis not in schema.BUDGET_BASES:
            add("budget_basis", f"'{basis}' must be one of {', '.join(schema.BUDGET_BASES)} when budget_eur is given")
    elif basis:
        add("budget_basis", f"'{basis}' is given but budget_eur is empty")
    if row.get("budget_group") and budget:
        add("budget_group", f"'{row['budget_group']}' is given but budget_eur is not empty: an amount belongs to the "
                            "project or to its group, never both (the group amount is never split)")

    sources = schema.split_sources(row.get("source_url", ""))
    if not sources:
        add("source_url", "is empty (at least one http(s) URL is required)")
    for src in sources:
        if not _is_http_url(src):
            add("source_url", f"'{src}' is not an http(s) URL")

    prec = row.get("coord_precision", "")
    if prec and prec not in schema.COORD_PRECISIONS:
        add("coord_precision", f"'{prec}' is not one of {', '.join(schema.COORD_PRECISIONS)}")
    conf = row.get("confidence", "")
    if conf and conf not in schema.CONFIDENCES:
        add("confidence", f"'{conf}' is not one of {', '.join(schema.CONFIDENCES)} (low-confidence rows stay out)")
    inst = row.get("institute_id", "")
    if inst and institutes is not None and inst not in institutes:
        add("institute_id", f"'{inst}' is not an id in institutes.csv")


def _geo_checks(result: ValidationResult) -> None:
    """Checks that need the reference geography: known NIS code, point in its municipality."""
    from geo import place, reference
    from geo.config import GeoUnavailable

    try:
        known = reference.known_nis()
        to_2025 = reference.nis_2024_to_2025()
    except GeoUnavailable as exc:
        result.geo_unavailable = str(exc)
        result.notices.append(f"Reference geography not available, geographic checks skipped: {exc}")
        return

    # Rows whose coordinates (or whole row) are already refused are not placed.
    unusable = {p.row for p in result.problems if p.column in ("lat", "lon", None)}
    candidates = []
    for i, row in enumerate(result.rows, start=1):
        nis = row.get("municipality_nis", "")
        if _NIS_RE.match(nis) and nis not in known:
            result.add(i, "municipality_nis", f"'{nis}' is not a known NIS code (2019-2024 or 2025 municipalities)")
        elif _NIS_RE.match(nis) and i not in unusable:
            candidates.append(i)
    if not candidates:
        return
    frame = pd.DataFrame(
        {
            "lat": [float(result.rows[i - 1]["lat"]) for i in candidates],
            "lon": [float(result.rows[i - 1]["lon"]) for i in candidates],
            "municipality_nis": [result.rows[i - 1]["municipality_nis"] for i in candidates],
        }
    )
    try:
        located = place.locate(frame)
    except GeoUnavailable as exc:  # a broken polygon layer: named by geo_layer_problems, not per row
        result.geo_unavailable = str(exc)
        result.notices.append(f"Reference geography not available, geographic checks skipped: {exc}")
        return
    for i, nis2025, muni2025, inside in zip(candidates, located["nis2025"], located["municipality2025"],
                                          located["in_stated_municipality"]):
        row = result.rows[i - 1]
        loc = {"nis2025": nis2025, "municipality2025": muni2025, "in_stated_municipality": inside}
        if not loc["nis2025"]:
            result.add(i, "lat", f"{row['lat']}, lon {row['lon']} is not inside any Flemish or Brussels municipality")
        elif not loc["in_stated_municipality"]:
            stated = row["municipality_nis"]
            result.add(
                i,
                "lat",
                f"{row['lat']}, lon {row['lon']} lies in {loc['municipality2025']} ({loc['nis2025']}), "
                f"not in the stated municipality {row.get('municipality') or ''} ({stated}"
                + (f", since 2025 {to_2025[stated]}" if to_2025.get(stated, stated) != stated else "")
                + ")",
            )


def _group_checks(result: ValidationResult, groups: dict[str, dict[str, str]] | None) -> None:
    """Each `budget_group` names a group of budget_groups.csv, in the project's programme, with
    no more member rows than the number of projects the group's source names."""
    members: dict[str, list[int]] = {}
    for i, row in enumerate(result.rows, start=1):
        gid = row.get("budget_group", "")
        if not gid:
            continue
        if groups is not None and gid not in groups:
            result.add(i, "budget_group", f"'{gid}' is not an id in budget_groups.csv")
            continue
        members.setdefault(gid, []).append(i)
        group = (groups or {}).get(gid)
        if group and row.get("programme") != group.get("programme"):
            result.add(i, "budget_group", f"'{gid}' is a group of programme '{group.get('programme')}', "
                                          f"not of this row's programme '{row.get('programme')}'")
    for gid, rows in members.items():
        group = (groups or {}).get(gid)
        stated = parse_int(group.get("n_projects", "")) if group else None
        if stated is not None and len(rows) > stated:
            ids = ", ".join(result.rows[i - 1].get("id", "") for i in rows)
            result.add(rows[-1], "budget_group",
                       f"'{gid}' has {len(rows)} member rows ({ids}) but its source names {stated} projects")


def parse_int(value: str) -> int | None:
    """A whole number in ASCII digits (int() also accepts '٥' and '1_0'), else None."""
    text = str(value).strip()
    return int(text) if _INT_RE.match(text) and len(text) < 20 else None


INSTITUTE_COLUMNS = ("id", "name", "former_name", "short_name", "area", "area_note_nl", "area_note_en", "source_url")
PROGRAMME_REQUIRED = ("programme", "name_nl", "name_en")
# Every column of programmes.csv (CONTRACT.md); the app's frame has them all, empty when unknown.
PROGRAMME_COLUMNS = (
    "programme", "name_nl", "name_en", "description_nl", "description_en", "funder", "operator", "start_date",
    "end_date", "official_count", "official_count_scope", "official_count_note", "official_count_note_nl",
    "official_count_note_en", "official_count_source",
    "total_budget_eur", "total_budget_basis", "total_budget_note", "total_budget_source",
    "max_budget_per_project_eur", "max_budget_note", "max_budget_source", "extension_note_nl", "extension_note_en",
    "extension_source", "funder_en", "operator_en", "total_budget_note_nl", "total_budget_note_en",
    "max_budget_note_nl", "max_budget_note_en", "data_updated",
)
PROGRAMME_NUMBERS = ("official_count", "total_budget_eur", "max_budget_per_project_eur")
PROGRAMME_SOURCES = ("official_count_source", "total_budget_source", "max_budget_source", "extension_source")
PROGRAMME_DATES = ("start_date", "end_date")
_AREA_TOKEN = re.compile(r"^-?(province|region|municipality):\d{4,5}$")


def read_reference(path: str | Path, required: tuple[str, ...]) -> tuple[list[dict[str, str]], list[int], list[Problem]]:
    """A reference CSV (institutes, programmes, budget groups) as (rows, start lines, problems).

    A missing, unreadable or malformed file is one problem naming it (and the line); it never
    raises. Rows are returned even when some have problems: each checker drops its own bad rows.
    """
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:  # the message names the file, never the server's folders (shown on every page)
        return [], [], [Problem(name, None, None, None, f"cannot be read ({os_reason(exc)})")]
    table = sheet.read_table(raw)
    if table.error and not table.header:
        return [], [], [Problem(name, None, table.error_line, None, table.error)]
    missing = [c for c in required if c not in table.header]
    if missing:
        return [], [], [Problem(name, None, 1, None, "is missing required column(s): " + ", ".join(missing))]
    problems = []
    if table.error:
        problems.append(Problem(name, None, table.error_line, None, table.error))
    rows, lines = [], []
    width = len(table.header)
    for i, (line, values) in enumerate(table.rows, start=1):
        if len(values) != width:
            problems.append(Problem(name, i, line, None, f"has {len(values)} fields where the header has {width}"))
            continue
        rows.append({h: v.strip() for h, v in zip(table.header, values)})
        lines.append(line)
    return rows, lines, problems


def _reference_rows(path, required, check, key: tuple[str, ...] | None = None) -> tuple[list[dict[str, str]], list[Problem]]:
    """Read a reference file and run `check(row, add)` on each row; returns (valid rows, problems).

    `key`: the columns that identify a row (unique together, no invisible characters);
    default the first required column."""
    name = Path(path).name
    rows, lines, problems = read_reference(path, required)
    valid = []
    seen: set[tuple[str, ...]] = set()
    key = key or required[:1]
    for i, (row, line) in enumerate(zip(rows, lines), start=1):
        mine: list[Problem] = []

        def add(col: str, msg: str, i=i, line=line) -> None:
            mine.append(Problem(name, i, line, col, msg))

        rid = tuple(row.get(k, "") for k in key)
        for k, value in zip(key, rid):
            if not value:
                add(k, "is empty")
            _check_code(value, k, add)
        if all(rid) and rid in seen:
            add(key[-1], f"'{' '.join(rid)[:80]}' is not unique")
        seen.add(rid)
        for col, value in row.items():
            if len(value) > sheet.MAX_FIELD:
                add(col, f"is longer than {sheet.MAX_FIELD:,} characters")
        check(row, add)
        problems += mine
        if not mine:
            valid.append(row)
    return valid, problems


def os_reason(exc: OSError) -> str:
    """Why a file cannot be read, without its path ('No such file or directory')."""
    return exc.strerror or type(exc).__name__


def _check_sources(row: dict[str, str], add, *, urls_only: bool = True, column: str = "source_url",
                   required: bool = True) -> None:
    """Sources separated by ` | `: http(s) URLs, or (urls_only=False) also document references;
    a part that starts like a URL must be a clean one."""
    sources = schema.split_sources(row.get(column, ""))
    if not sources and required:
        add(column, "is empty (at least one http(s) URL is required)")
    for src in sources:
        looks_like_url = re.match(r"(?i)^[a-z][a-z0-9+.-]*://", src)
        if (urls_only or looks_like_url) and not _is_http_url(src):
            add(column, f"'{src[:80]}' is not an http(s) URL (no blanks, quotes or < >)")


def _check_institute(row: dict[str, str], add) -> None:
    if not row["name"]:
        add("name", "is empty")
    _check_sources(row, add, required=False)
    tokens = [tok.strip() for tok in row["area"].split(";") if tok.strip()]
    if not tokens:
        add("area", "is empty")
    for tok in tokens:
        if not _AREA_TOKEN.match(tok):
            add("area", f"'{tok[:40]}' is not province:<code>, region:<code> or municipality:<nis> (- to exclude)")


def _check_programme(row: dict[str, str], add) -> None:
    if row["programme"] not in schema.PROGRAMMES:
        add("programme", f"'{row['programme'][:40]}' is not one of {', '.join(schema.PROGRAMMES)}")
    for col in PROGRAMME_NUMBERS:
        value = row.get(col, "")
        if value and (not _is_number(value) or not 0 <= float(value) <= MAX_BUDGET):
            add(col, f"'{value[:40]}' is not a number between 0 and {MAX_BUDGET:,}")
    for col in PROGRAMME_DATES:
        value = row.get(col, "")
        parsed = _parse_date(value) if value else None
        if value and (parsed is None or not _plausible(parsed)):
            add(col, f"'{value[:40]}' is not a date YYYY-MM-DD between {DATE_RANGE[0].year} and {DATE_RANGE[1].year}")
    for col in PROGRAMME_SOURCES:
        _check_sources(row, add, urls_only=False, column=col, required=False)


def _check_group(row: dict[str, str], add) -> None:
    if row["programme"] not in schema.PROGRAMMES:
        add("programme", f"'{row['programme']}' is not one of {', '.join(schema.PROGRAMMES)}")
    if not _is_number(row["amount_eur"]) or not 0 < float(row["amount_eur"]) <= MAX_BUDGET:
        add("amount_eur", f"'{row['amount_eur']}' is not a positive number (at most {MAX_BUDGET:,})")
    if row["amount_qualifier"] not in schema.AMOUNT_QUALIFIERS:
        add("amount_qualifier", f"'{row['amount_qualifier']}' is not one of {', '.join(schema.AMOUNT_QUALIFIERS)}")
    if row["budget_basis"] not in schema.BUDGET_BASES:
        add("budget_basis", f"'{row['budget_basis']}' is not one of {', '.join(schema.BUDGET_BASES)}")
    n = parse_int(row["n_projects"])
    if n is None or n < 2:
        add("n_projects", f"'{row['n_projects']}' is not a number of projects of at least 2")
    for col in ("name_nl", "name_en"):
        if not row[col].strip():
            add(col, "is empty")
    _check_sources(row, add)


_OFFICIAL_AREA = re.compile(r"(province:[0-9]{4,5}|institute:[a-z0-9][a-z0-9-]*)")
_COUNT = re.compile(r"[0-9]{1,6}")


def _check_official_count(row: dict[str, str], add) -> None:
    if row["programme"] not in schema.PROGRAMMES:
        add("programme", f"'{row['programme'][:40]}' is not one of {', '.join(schema.PROGRAMMES)}")
    if not _OFFICIAL_AREA.fullmatch(row["area"]):
        add("area", f"'{row['area'][:40]}' is not province:<code> or institute:<id>")
    if not _COUNT.fullmatch(row["official_count"]):
        add("official_count", f"'{row['official_count'][:40]}' is not a whole number of projects "
                              "(digits only: a remark such as 'ca.' goes in basis_nl / basis_en)")
    _check_sources(row, add, urls_only=False)


def official_count_rows(path: str | Path | None = None) -> tuple[list[dict[str, str]], list[Problem]]:
    """The valid rows of official_counts.csv (one per programme and area) and the problems."""
    return _reference_rows(path or schema.OFFICIAL_COUNTS_CSV, schema.OFFICIAL_COUNT_COLUMNS, _check_official_count,
                           key=("programme", "area"))


def institute_rows(path: str | Path | None = None) -> tuple[list[dict[str, str]], list[Problem]]:
    """The valid rows of institutes.csv and the problems of the others (and of the file)."""
    return _reference_rows(path or schema.INSTITUTES_CSV, INSTITUTE_COLUMNS, _check_institute)


def programme_rows(path: str | Path | None = None) -> tuple[list[dict[str, str]], list[Problem]]:
    """The valid rows of programmes.csv and the problems of the others (and of the file)."""
    return _reference_rows(path or schema.PROGRAMMES_CSV, PROGRAMME_REQUIRED, _check_programme)


def budget_group_rows(path: str | Path | None = None) -> tuple[list[dict[str, str]], list[Problem]]:
    """The valid rows of budget_groups.csv and the problems of the others (and of the file)."""
    return _reference_rows(path or schema.BUDGET_GROUPS_CSV, schema.BUDGET_GROUP_COLUMNS, _check_group)


def budget_groups_by_id(path: str | Path | None = None) -> dict[str, dict[str, str]] | None:
    """The valid rows of budget_groups.csv by id (None when the file is missing or unreadable)."""
    if not Path(path or schema.BUDGET_GROUPS_CSV).is_file():
        return None
    rows, problems = budget_group_rows(path)
    if any(p.row is None for p in problems):
        return None
    return {r["id"]: r for r in rows}


def validate_budget_groups(path: str | Path | None = None) -> list[Problem]:
    """Check data/budget_groups.csv itself: columns, unique ids, programme, amount, basis, count, sources."""
    return budget_group_rows(path)[1]


def reference_problems(institutes: str | Path | None = None, programmes: str | Path | None = None,
                       groups: str | Path | None = None, official_counts: str | Path | None = None) -> list[Problem]:
    """Every problem of the four reference files (a missing file is a problem)."""
    return [*institute_rows(institutes)[1], *programme_rows(programmes)[1], *budget_group_rows(groups)[1],
            *official_count_rows(official_counts)[1]]


def geo_layer_problems() -> list[Problem]:
    """A reference-geography layer that is there but broken (empty, truncated, a bad value),
    named with its line where known (never its folder)."""
    from geo.reference import broken_layers

    return [Problem(exc.file, None, exc.line, None, (f"line {exc.line}: " if exc.line else "") + exc.reason)
            for exc in broken_layers()]


def validate_bytes(raw: bytes, name: str, *, use_geo: bool = True, institutes: set[str] | None = None,
                   groups: dict[str, dict[str, str]] | None = None) -> ValidationResult:
    """Validate CSV content. `name` is the file name used in messages.

    `groups` (budget_groups.csv by id) enables the check that every `budget_group` is known."""
    result = read_rows(raw, name)
    if result.file_level_problem():
        return result
    seen: dict[str, int] = {}
    for i, row in enumerate(result.rows, start=1):
        if not any(row.values()):
            continue  # a malformed row, already reported

        add = functools.partial(result.add, i)
        _check_row(row, add, institutes)
        rid = row.get("id", "")
        if rid:
            if rid in seen:
                add("id", f"'{rid}' is not unique (also row {seen[rid]})")
            else:
                seen[rid] = i
    _group_checks(result, groups)

    if use_geo:
        _geo_checks(result)
    else:
        result.notices.append("Geographic checks skipped (no reference geography requested).")
    result.problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return result


def validate_file(path: str | Path, *, use_geo: bool = True, institutes: set[str] | None = None,
                  groups: dict[str, dict[str, str]] | None = None) -> ValidationResult:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        result = ValidationResult(file=path.name)
        result.problems.append(Problem(path.name, None, None, None, f"cannot be read ({os_reason(exc)})"))
        return result
    return validate_bytes(raw, path.name, use_geo=use_geo, institutes=institutes, groups=groups)
