"""A broken data or reference file, through the real app (AppTest): every page still renders,
with one message at the top naming the file and what is wrong, and shows what is valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.model import schema
from tests.app.conftest import clear_streamlit_caches, every_page, run_app  # noqa: F401 - autouse fixture

FILES = Path(__file__).resolve().parent / "files"


def errors(at) -> list[str]:
    return [e.value.replace("\\", "").replace("\u200b", "") for e in at.error]  # as read: escapes removed


def assert_page_ok(at, fragment: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert any(fragment in e for e in errors(at)), errors(at)


BROKEN_PROJECTS = [
    ("empty.csv", "empty.csv: is empty"),
    ("header_only.csv", "has a header but no data rows"),
    ("binary.png", "binary file"),
]


@pytest.mark.parametrize("name, fragment", BROKEN_PROJECTS)
def test_a_broken_projects_file_is_one_message_on_every_page(name, fragment, monkeypatch):
    monkeypatch.setenv("ATLAS_PROJECTS_CSV", str(FILES / name))
    for at in every_page(run_app(), case=BROKEN_PROJECTS.index((name, fragment))):  # each page kind
        assert_page_ok(at, fragment)


@pytest.mark.parametrize("name", ["latin1.csv", "semicolon_decimal_comma.csv", "utf16.csv", "workbook.xlsx"])
def test_a_belgian_spreadsheet_as_projects_file_is_shown(name, monkeypatch):
    monkeypatch.setenv("ATLAS_PROJECTS_CSV", str(FILES / name))
    at = run_app()
    assert not at.exception and not at.error
    assert not any("niet getoond" in e.label for e in at.expander)
    assert any("Gelezen met aanpassing" in i.value for i in at.info)


MISSING_REFERENCE = [("INSTITUTES_CSV", "institutes.csv"), ("PROGRAMMES_CSV", "programmes.csv"),
                     ("BUDGET_GROUPS_CSV", "budget_groups.csv")]


@pytest.mark.parametrize("const, name", MISSING_REFERENCE)
def test_a_missing_reference_file_is_named_on_every_page_and_the_rest_works(const, name, tmp_path, monkeypatch):
    monkeypatch.setattr(schema, const, tmp_path / name)
    for at in every_page(run_app(), case=MISSING_REFERENCE.index((const, name))):  # each page kind
        assert_page_ok(at, f"{name}: cannot be read")


def test_a_malformed_programmes_file_names_file_line_and_column(monkeypatch):
    monkeypatch.setattr(schema, "PROGRAMMES_CSV", FILES / "programmes_malformed.csv")
    at = run_app(page="pages/budget_status.py")
    assert_page_ok(at, "programmes_malformed.csv row 1 (line 2): official_count")


@pytest.mark.parametrize("name, mime, notice", [
    ("workbook.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook"),
    ("semicolon_decimal_comma.csv", "text/csv", "semicolon-separated"),
    ("utf16.csv", "text/csv", "UTF-16"),
])
def test_a_belgian_spreadsheet_upload_is_read_with_a_notice(name, mime, notice):
    at = run_app({"institute": "saamo-limburg"}, page="pages/coverage.py")
    at.file_uploader(key="cov_upload").set_value((name, (FILES / name).read_bytes(), mime)).run()
    assert not at.exception and not at.error
    assert any("2 van 2 rijen zijn geldig" in s.value for s in at.success)
    assert any(notice in i.value.replace("\\", "") for i in at.info)


def test_an_upload_full_of_markup_shows_its_name_and_values_as_text():
    at = run_app({"institute": "saamo-limburg"}, page="pages/coverage.py")
    raw = (FILES / "numbers.csv").read_bytes()
    at.file_uploader(key="cov_upload").set_value(("[x](https://evil.example).csv", raw, "text/csv")).run()
    assert not at.exception
    assert any("budget_eur '1e400' is not a number" in c.value for c in at.code)


@pytest.mark.parametrize("case", ["empty_cells_12m", "shared_strings_3m_last_used", "billion_laughs_sheet"])
def test_a_hostile_workbook_upload_is_refused_with_its_message_in_seconds(case):
    from tests.hostile.workbooks import CASES

    at = run_app({"institute": "saamo-limburg"}, page="pages/coverage.py")
    raw = CASES[case][0]()
    at.file_uploader(key="cov_upload").set_value(
        ("werkmap.xlsx", raw, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run(timeout=60)
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Bestand geweigerd: deze Excel-werkmap vraagt te veel werk om te lezen (meer dan 1.000.000 cellen of 50 MB "
        "uitgepakt, ongewone XML of een zip die over zijn grootte liegt). Bewaar het eerste blad als 'CSV UTF-8 (door "
        "komma's gescheiden)' en laad dat op."]
    assert not any(c.key == "cov_include_own" for c in at.checkbox)


@pytest.mark.parametrize("size", [1_000_001, 1_048_577, 1_999_999])
def test_an_upload_over_the_stated_1_mb_is_refused_on_the_page_with_its_size(size):
    """The uploader lets up to 2 MB through (report.UPLOADER_MB), so the page, not a red icon,
    says why: the stated 1 MB is 1,000,000 bytes (issue 23.7)."""
    at = run_app({"institute": "saamo-limburg"}, page="pages/coverage.py")
    at.file_uploader(key="cov_upload").set_value(("groot.csv", b"\n" * size, "text/csv")).run()
    assert not at.exception
    shown = f"{size:,}".replace(",", ".")
    assert [e.value for e in at.error] == [
        f"Bestand geweigerd: {shown} bytes is groter dan het maximum van 1 MB (1.000.000 bytes). Bewaar enkel de "
        "nodige rijen en kolommen."]


def test_an_upload_with_arabic_indic_digits_shows_the_valid_row_and_names_the_other():
    from tests.conftest import csv_bytes, row

    raw = csv_bytes([row(id="U-1"), row(id="U-2", lat="٥١.١١٧")])
    at = run_app({"institute": "saamo-limburg"}, page="pages/coverage.py")
    at.file_uploader(key="cov_upload").set_value(("cijfers.csv", raw, "text/csv")).run()
    assert not at.exception
    assert any("1 van 2 rijen zijn geldig" in s.value for s in at.success)
    assert any("cijfers.csv row 2 (line 3): lat '٥١.١١٧' is not a number (it has digits other than 0-9)" in c.value
               for c in at.code)
