"""Hostile and careless files: each class is read, bounded and reported; nothing raises.

The corpus is tests/hostile/files (written by tests/hostile/make_corpus.py); the large inputs
are generated here. Bounds are asserted as "seconds, not minutes" (generous limits on a
loaded machine), the real timings are `python -m bench load`'s business.
"""

from __future__ import annotations

import contextlib
import io
import time
from pathlib import Path

import pytest

from atlas.cli import main as atlas_main
from atlas.model import data, schema, sheet
from atlas.model.validate import listing, reference_problems, validate_bytes
from tests.conftest import BASE_ROW, csv_bytes, row

FILES = Path(__file__).resolve().parent / "files"


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = atlas_main(["validate", *args])
    return code, out.getvalue()


# --- encodings, separators, formats (Belgian spreadsheets) -----------------------
@pytest.mark.parametrize("name, notice", [
    ("latin1.csv", "Windows-1252"),
    ("semicolon_decimal_comma.csv", "semicolon-separated"),
    ("utf16.csv", "UTF-16"),
    ("workbook.xlsx", "Excel workbook"),
])
def test_belgian_spreadsheet_files_are_read_with_a_notice(name, notice):
    result = validate_bytes(read(name), name, use_geo=True)
    assert result.ok, [str(p) for p in result.problems]
    assert any(notice in n for n in result.notices), result.notices
    frame = result.valid_frame()
    assert frame["lat"].between(50.65, 51.52).all() and frame["lon"].between(2.5, 5.95).all()


def test_decimal_commas_and_day_first_dates_become_numbers_and_dates():
    frame = validate_bytes(read("semicolon_decimal_comma.csv"), "x.csv", use_geo=False).valid_frame()
    assert frame.loc[1, "budget_eur"] == 12500.5 and frame.loc[0, "lat"] == float(BASE_ROW["lat"])
    assert frame.loc[0, "start_date"].date().isoformat() == BASE_ROW["start_date"]


def test_latin1_accents_survive():
    frame = validate_bytes(read("latin1.csv"), "x.csv", use_geo=False).valid_frame()
    assert frame.loc[0, "name"] == "Zorgzame buurt Neder-Over-Heembéék"


@pytest.mark.parametrize("name, fragment", [
    ("empty.csv", "is empty"),
    ("header_only.csv", "has a header but no data rows"),
    ("binary.png", "is a binary file"),
])
def test_unreadable_files_get_one_message_that_says_how_to_save(name, fragment):
    problems = validate_bytes(read(name), name, use_geo=False).problems
    assert len(problems) == 1 and fragment in str(problems[0])
    if name != "header_only.csv":
        assert "CSV UTF-8" in str(problems[0])


def test_one_column_header_hints_at_the_separator():
    raw = csv_bytes([row()]).replace(b",", b"|")
    (problem,) = validate_bytes(raw, "x.csv", use_geo=False).problems
    assert "separator was not recognised" in str(problem)


def test_an_old_xls_and_a_zip_that_is_no_workbook_are_refused_clearly():
    assert "old Excel .xls" in str(validate_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "x.xls").problems[0])
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert "not an Excel workbook" in str(validate_bytes(buf.getvalue(), "x.xlsx").problems[0])


# --- values -----------------------------------------------------------------------
def test_non_finite_and_python_only_numbers_are_refused():
    result = validate_bytes(read("numbers.csv"), "numbers.csv", use_geo=False)
    bad = {(p.row, p.column) for p in result.problems}
    assert bad == {(1, "budget_eur"), (2, "budget_eur"), (3, "budget_eur"), (4, "lat"), (5, "budget_eur")}
    assert list(result.valid_frame()["id"]) == ["N-6"]


def test_implausible_dates_are_refused():
    result = validate_bytes(read("dates.csv"), "dates.csv", use_geo=False)
    assert {(p.row, p.column) for p in result.problems} == {(1, "start_date"), (2, "end_date")}
    assert all("between 2000 and 2035" in p.message for p in result.problems)


def test_markup_and_formulas_are_data_valid_rows_kept_as_written():
    frame = validate_bytes(read("markup.csv"), "markup.csv", use_geo=False).valid_frame()
    assert frame.loc[0, "name"].startswith("<a href=") and frame.loc[1, "organisation"].startswith("=HYPERLINK")


def test_an_unclosed_quote_is_one_row_problem_not_a_crash():
    result = validate_bytes(read("quotes_unclosed.csv"), "q.csv", use_geo=False)
    assert len(result.valid_frame()) == 2 and len(result.problems) == 1


# --- size: linear, bounded, the first problems listed ------------------------------
def test_a_1_mb_header_of_commas_is_checked_in_seconds():
    raw = (",".join(schema.REQUIRED_COLUMNS) + "," * 990_000 + "\n").encode() + csv_bytes([row()]).split(b"\n", 1)[1]
    t0 = time.perf_counter()
    result = validate_bytes(raw, "wide.csv", use_geo=False)
    assert time.perf_counter() - t0 < 5
    assert result.ok  # the empty columns on the right are what spreadsheets add


def test_too_many_named_columns_are_refused():
    raw = (",".join(list(schema.REQUIRED_COLUMNS) + [f"c{i}" for i in range(100)]) + "\n").encode()
    (problem,) = validate_bytes(raw, "wide.csv", use_geo=False).problems
    assert "at most 60" in problem.message


@pytest.mark.parametrize("raw", [b"a" * 1_000_000, b",\n" * 500_000, b'"' + b"x" * 1_000_000, b"\n" * 1_000_000,
                                 b";" * 1_000_000, "é".encode("utf-16") * 300_000])
def test_a_megabyte_of_anything_is_checked_in_seconds(raw):
    t0 = time.perf_counter()
    result = validate_bytes(raw, "junk.csv", use_geo=True)
    assert time.perf_counter() - t0 < 5
    assert result.problems and not result.valid_frame().shape[0]


def test_100000_rows_are_checked_in_seconds_and_listed_briefly():
    rows = [row(id=f"R{i}", budget_eur="1e400" if i % 2 else "") for i in range(100_000)]
    raw = csv_bytes(rows)
    t0 = time.perf_counter()
    result = validate_bytes(raw, "big.csv", use_geo=True)
    assert time.perf_counter() - t0 < 30
    assert len(result.problems) == 50_000 and len(result.valid_frame()) == 50_000
    lines = listing(result.problems)
    assert len(lines) == 51 and lines[-1] == "… and 49,950 more"


def test_more_than_100000_rows_are_refused_as_a_whole():
    raw = csv_bytes([row()]) + (csv_bytes([row()]).split(b"\n", 1)[1]) * sheet.MAX_ROWS
    (problem,) = validate_bytes(raw, "big.csv", use_geo=False).problems
    assert "more than 100,000 data rows" in problem.message


def test_an_over_long_field_is_a_row_problem():
    result = validate_bytes(csv_bytes([row(name="x" * 6000), row(id="ok")]), "x.csv", use_geo=False)
    assert [(p.row, p.column) for p in result.problems] == [(1, "name")]


# --- reference files ---------------------------------------------------------------
@pytest.mark.parametrize("which, name", [
    ("institutes", "institutes_malformed.csv"),
    ("programmes", "programmes_malformed.csv"),
    ("groups", "budget_groups_malformed.csv"),
])
def test_a_malformed_reference_file_is_named_with_line_and_what_is_wrong(which, name):
    paths = {"institutes": schema.INSTITUTES_CSV, "programmes": schema.PROGRAMMES_CSV,
             "groups": schema.BUDGET_GROUPS_CSV}
    paths[which] = FILES / name
    problems = [str(p) for p in reference_problems(*paths.values())]
    assert problems and all(p.startswith(name) for p in problems), problems


def test_a_missing_reference_file_is_a_problem(tmp_path):
    problems = [str(p) for p in reference_problems(tmp_path / "institutes.csv")]
    # The file by name, never the server's folders (the message is shown on every page).
    assert problems == ["institutes.csv: cannot be read (No such file or directory)"]
    assert str(tmp_path) not in " ".join(problems)


def test_the_app_keeps_what_is_valid_of_a_broken_programmes_file():
    facts = data.programmes(FILES / "programmes_malformed.csv")
    assert list(facts.index) == list(schema.PROGRAMMES)
    assert facts.loc["stek", "official_count"] == "" and facts.loc["stek", "total_budget_eur"] == ""
    assert data.institutes(FILES / "institutes_malformed.csv").empty
    assert data.budget_groups(FILES / "budget_groups_malformed.csv").empty


@pytest.mark.parametrize("missing", ["INSTITUTES_CSV", "PROGRAMMES_CSV", "BUDGET_GROUPS_CSV", "OFFICIAL_COUNTS_CSV"])
def test_validate_exits_non_zero_without_traceback_when_a_reference_file_is_missing(missing, tmp_path, monkeypatch):
    projects = tmp_path / "p" / "projects.csv"
    projects.parent.mkdir()
    projects.write_bytes(schema.PROJECTS_CSV.read_bytes())
    monkeypatch.setattr(schema, missing, tmp_path / getattr(schema, missing).name)
    code, out = run_cli(str(projects), "--no-geo")
    assert code == 1 and "Traceback" not in out
    assert f"{getattr(schema, missing).name}: cannot be read" in out


@pytest.mark.parametrize("name", sorted(p.name for p in FILES.iterdir()))
def test_validate_never_shows_a_traceback(name):
    code, out = run_cli(str(FILES / name), "--no-geo")
    assert "Traceback" not in out and code in (0, 1)
