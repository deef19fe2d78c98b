"""Validation: the shipped data passes; every kind of bad input is refused with row and column."""

from __future__ import annotations

import contextlib
import io
from types import SimpleNamespace

import pytest

from atlas.cli import main as atlas_main
from atlas.model import schema
from atlas.model.sheet import HOW_TO_SAVE
from atlas.model.validate import validate_bytes, validate_file
from tests.conftest import BASE_ROW, csv_bytes, row


def run_cli(*args: str) -> SimpleNamespace:
    """`python -m atlas validate ARGS`, in-process (a subprocess paid the imports each time)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = atlas_main(["validate", *args])
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


def messages(raw: bytes, **kw) -> list[str]:
    return [str(p) for p in validate_bytes(raw, "projects.csv", **kw).problems]


def test_shipped_projects_csv_is_valid_with_reference_geography():
    result = validate_file(schema.PROJECTS_CSV)
    assert result.ok, "\n".join(map(str, result.problems))
    assert len(result.rows) > 50


def test_cli_exits_zero_on_shipped_data_and_reports_row_count():
    proc = run_cli()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "all valid" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_a_valid_row_passes_without_geo():
    assert messages(csv_bytes([row()]), use_geo=False) == []


@pytest.mark.parametrize(
    "changes, column, fragment",
    [
        ({"lat": "vijftig"}, "lat", "'vijftig' is not a number"),
        ({"lon": ""}, "lon", "'' is not a number"),
        ({"lat": "48.85", "lon": "2.35"}, "lat", "outside Flanders and Brussels"),
        ({"programme": "buurtwerk"}, "programme", "'buurtwerk' is not one of"),
        ({"start_date": "2022-13-01"}, "start_date", "is not a date"),
        ({"start_date": "1/3/2022"}, "start_date", "is not a date"),
        ({"start_date": "2023-01-01", "end_date": "2022-01-01"}, "end_date", "is before start_date"),
        ({"municipality_nis": "7103"}, "municipality_nis", "is not a 5-digit NIS code"),
        ({"budget_eur": "-5"}, "budget_eur", "is negative"),
        ({"budget_eur": "veel"}, "budget_eur", "is not a number"),
        ({"source_url": "zie website gemeente"}, "source_url", "is not an http(s) URL"),
        ({"source_url": ""}, "source_url", "is empty"),
        ({"source_url": "https://a.be/x | ftp://b.be/y"}, "source_url", "'ftp://b.be/y' is not an http(s) URL"),
        ({"name": ""}, "name", "is empty"),
        ({"id": ""}, "id", "is empty"),
    ],
)
def test_bad_value_is_refused_naming_row_line_and_column(changes, column, fragment):
    raw = csv_bytes([row(id="OK-1"), row(id="BAD-2", **changes) if "id" not in changes else row(**changes)])
    found = messages(raw, use_geo=False)
    assert any(m.startswith(f"projects.csv row 2 (line 3): {column} ") and fragment in m for m in found), found
    assert not any("row 1 " in m for m in found), "the good row must not be blamed"


def test_duplicate_ids_are_refused():
    found = messages(csv_bytes([row(id="X"), row(id="X")]), use_geo=False)
    assert found == ["projects.csv row 2 (line 3): id 'X' is not unique (also row 1)"]


def test_budget_basis_must_accompany_a_budget():
    cols = list(schema.REQUIRED_COLUMNS) + ["budget_basis"]
    found = messages(csv_bytes([row(budget_eur="1000", budget_basis="")], cols), use_geo=False)
    assert any("budget_basis" in m and "must be one of" in m for m in found)
    found = messages(csv_bytes([row(budget_eur="", budget_basis="granted")], cols), use_geo=False)
    assert any("budget_basis 'granted' is given but budget_eur is empty" in m for m in found)


def test_missing_required_columns_are_listed_in_one_message():
    cols = [c for c in schema.REQUIRED_COLUMNS if c not in ("lat", "source_url")]
    found = messages(csv_bytes([row()], cols), use_geo=False)
    assert found == ["projects.csv: is missing required column(s): lat, source_url"]


def test_empty_file_gets_one_clear_message():
    empty = "projects.csv: is empty (expected a header row and data rows; " + HOW_TO_SAVE + ")"
    assert messages(b"", use_geo=False) == [empty]
    assert messages(b"  \n\n", use_geo=False) == [empty]


def test_binary_file_gets_one_clear_message_saying_how_to_save():
    assert messages(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", use_geo=False) == [
        "projects.csv: is a binary file, not a CSV text file; " + HOW_TO_SAVE
    ]


def test_non_utf8_text_is_decoded_as_windows_1252_with_a_notice():
    raw = csv_bytes([row(name="Zorgzame buurt Neder-Over-Heembeek")]).replace(b"Heembeek", "Heembéék".encode("cp1252"))
    result = validate_bytes(raw, "projects.csv", use_geo=False)
    assert result.ok
    assert result.rows[0]["name"] == "Zorgzame buurt Neder-Over-Heembéék"
    assert any("not UTF-8" in n and "Windows-1252" in n for n in result.notices)


def test_row_with_wrong_field_count_names_its_line():
    raw = csv_bytes([row(id="A"), row(id="B")]) + b"C,stek,only three\n"
    found = messages(raw, use_geo=False)
    assert found == ["projects.csv row 3 (line 4): has 3 fields where the header has 13"]


def test_line_numbers_count_multiline_quoted_fields():
    raw = csv_bytes([row(id="A", name="Twee\nregels"), row(id="B", lat="x")])
    found = messages(raw, use_geo=False)
    assert found == ["projects.csv row 2 (line 4): lat 'x' is not a number"]


def test_unknown_nis_code_is_refused():
    found = messages(csv_bytes([row(municipality_nis="99998")]))
    assert any("municipality_nis '99998' is not a known NIS code" in m for m in found), found


def test_point_outside_its_stated_municipality_is_refused():
    # A point in Lanaken stated as Riemst (73066): the research had this mistake for Vroenhoven.
    found = messages(csv_bytes([row(municipality_nis="73066", municipality="Riemst", lat="50.9170", lon="5.6470")]))
    assert len(found) == 1, found
    assert found[0].startswith("projects.csv row 1 (line 2): lat ")
    assert "Lanaken" in found[0] and "not in the stated municipality Riemst (73066)" in found[0]


def test_point_in_a_municipality_merged_in_2025_is_accepted():
    # Kortessem (73040) merged into Hasselt (71072) on 1 January 2025.
    assert messages(csv_bytes([row(municipality_nis="73040", municipality="Kortessem", lat="50.859", lon="5.390")])) == []


def test_geo_checks_are_skipped_with_one_notice_without_reference_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_GEO_DIR", str(tmp_path / "nowhere"))
    from geo import reference

    for fn in vars(reference).values():
        if hasattr(fn, "cache_clear"):
            fn.cache_clear()
    result = validate_bytes(csv_bytes([row()]), "projects.csv")
    assert result.ok
    assert len(result.notices) == 1 and "ATLAS_GEO_DIR" in result.notices[0]


def test_cli_prints_one_line_per_problem_and_exits_nonzero(make_csv):
    path = make_csv([row(id="A"), row(id="B", lat="vijftig"), row(id="C", budget_eur="-1")])
    proc = run_cli(str(path), "--no-geo")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert "projects.csv row 2 (line 3): lat 'vijftig' is not a number" in lines
    assert "projects.csv row 3 (line 4): budget_eur -1 is negative" in lines
    assert lines[-1] == "projects.csv: 2 problem(s) in 2 of 3 rows"
    assert "Traceback" not in proc.stderr


def test_cli_on_binary_file_prints_one_message_no_traceback(tmp_path):
    path = tmp_path / "projects.csv"
    path.write_bytes(bytes(range(256)))
    proc = run_cli(str(path), "--no-geo")
    assert proc.returncode == 1
    assert "binary file" in proc.stdout and "Traceback" not in proc.stderr


def test_cli_on_missing_file_exits_2_without_traceback(tmp_path):
    proc = run_cli(str(tmp_path / "nope.csv"))
    assert proc.returncode == 2 and "no such file" in proc.stderr and "Traceback" not in proc.stderr


def test_valid_frame_keeps_only_good_rows_typed():
    result = validate_bytes(csv_bytes([row(id="A", budget_eur="100"), row(id="B", lat="x")]), "p.csv", use_geo=False)
    frame = result.valid_frame()
    assert list(frame["id"]) == ["A"]
    assert frame.loc[0, "budget_eur"] == 100.0 and frame.loc[0, "lat"] == pytest.approx(51.117)
    assert str(frame.loc[0, "start_date"].date()) == "2020-01-01"


def test_base_row_is_a_real_leopoldsburg_location():
    assert BASE_ROW["municipality_nis"] == "71034"


def test_row_with_wrong_field_count_is_not_placed_by_the_geographic_checks():
    raw = csv_bytes([row(id="A"), row(id="B", lat="vijftig")]) + b"C,stek,only three\n"
    found = messages(raw)
    assert found == [
        "projects.csv row 2 (line 3): lat 'vijftig' is not a number",
        "projects.csv row 3 (line 4): has 3 fields where the header has 13",
    ]


# ---------------------------------------------------------------------------
# Budget groups and extensions
# ---------------------------------------------------------------------------
GROUPS = {"G-1": {"id": "G-1", "programme": "stek", "n_projects": "2"}}


def group_row(**changes) -> dict:
    return row(**{"budget_group": "G-1", "extended_until": "", **changes})


def test_unknown_budget_group_is_refused():
    msgs = messages(csv_bytes([group_row(budget_group="G-9")]), use_geo=False, groups=GROUPS)
    assert msgs == ["projects.csv row 1 (line 2): budget_group 'G-9' is not an id in budget_groups.csv"]


def test_budget_group_member_of_another_programme_is_refused():
    msgs = messages(csv_bytes([group_row(id="a"), group_row(id="b", programme="proeftuin")]), use_geo=False,
                    groups=GROUPS)
    assert len(msgs) == 1 and "row 2" in msgs[0] and "is a group of programme 'stek'" in msgs[0]


def test_more_group_members_than_the_source_names_are_refused():
    rows = [group_row(id=i) for i in ("a", "b", "c")]
    msgs = messages(csv_bytes(rows), use_geo=False, groups=GROUPS)
    assert msgs == ["projects.csv row 3 (line 4): budget_group 'G-1' has 3 member rows (a, b, c) "
                    "but its source names 2 projects"]
    assert messages(csv_bytes(rows[:2]), use_geo=False, groups=GROUPS) == []


def test_group_member_with_its_own_amount_is_refused_so_no_amount_is_counted_twice():
    msgs = messages(csv_bytes([group_row(budget_eur="80000", budget_basis="granted")]), use_geo=False, groups=GROUPS)
    assert len(msgs) == 1 and "budget_group 'G-1' is given but budget_eur is not empty" in msgs[0]


@pytest.mark.parametrize("changes, fragment", [
    ({"extended_until": "2022-06-30"}, "extended_until 2022-06-30 is not after end_date 2022-12-31"),
    ({"extended_until": "2023-02-30"}, "extended_until '2023-02-30' is not a date"),
    ({"extended_until": "2023-12-31", "end_date": ""}, "extended_until is given but end_date (the original end) is empty"),
])
def test_bad_extension_is_refused(changes, fragment):
    msgs = messages(csv_bytes([row(**changes)]), use_geo=False)
    assert len(msgs) == 1 and fragment in msgs[0], msgs


def test_valid_extension_is_typed_as_a_date():
    result = validate_bytes(csv_bytes([row(extended_until="2023-12-31")]), "p.csv", use_geo=False)
    assert result.ok
    assert str(result.valid_frame()["extended_until"].iloc[0].date()) == "2023-12-31"


def test_shipped_budget_groups_are_valid_and_every_group_has_members_in_its_programme():
    from atlas.model.validate import budget_groups_by_id, validate_budget_groups

    assert validate_budget_groups() == []
    groups = budget_groups_by_id()
    result = validate_file(schema.PROJECTS_CSV, use_geo=False, groups=groups)
    assert result.ok, "\n".join(map(str, result.problems))
    for gid, g in groups.items():
        members = [r for r in result.rows if r["budget_group"] == gid]
        assert 1 <= len(members) <= int(g["n_projects"])
        assert {r["programme"] for r in members} == {g["programme"]}
        assert all(not r["budget_eur"] for r in members)


def test_budget_groups_file_problems_name_row_and_column(tmp_path):
    from atlas.model.validate import validate_budget_groups

    path = tmp_path / "budget_groups.csv"
    header = ",".join(schema.BUDGET_GROUP_COLUMNS)
    path.write_text(header + "\nG,stek,G nl,G en,veel,roughly,granted,1,,ftp://x\n", encoding="utf-8")
    msgs = [str(p) for p in validate_budget_groups(path)]
    for fragment in ("amount_eur 'veel' is not a positive number", "amount_qualifier 'roughly' is not one of",
                     "n_projects '1' is not a number of projects of at least 2", "source_url 'ftp://x' is not"):
        assert any(fragment in m for m in msgs), msgs


# ---------------------------------------------------------------------------
# Issue 19.6: when the geographic checks cannot run, the command never reports success.

def _validate_subprocess(args: list[str], geo_dir) -> "subprocess.CompletedProcess[str]":
    """A real `python -m atlas validate` with ATLAS_GEO_DIR set (the env var is read by a fresh process)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "ATLAS_GEO_DIR": str(geo_dir)}
    root = Path(__file__).resolve().parents[2]
    return subprocess.run([sys.executable, "-m", "atlas", "validate", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_without_derived_layers_does_not_report_valid_and_exits_nonzero(tmp_path, make_csv):
    empty = tmp_path / "geo_without_layers"
    empty.mkdir()
    # An unknown NIS code (99999) that only the geographic checks would catch.
    path = make_csv([row(id="A"), row(id="B", municipality_nis="99999")])
    proc = _validate_subprocess([str(path)], empty)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "all valid" not in proc.stdout
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("projects.csv: NOT validated: the geographic checks")
    assert "ATLAS_GEO_DIR" in last and "--no-geo" in last
    assert "Traceback" not in proc.stderr


def test_cli_on_shipped_data_without_derived_layers_exits_nonzero(tmp_path):
    proc = _validate_subprocess([], tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "all valid" not in proc.stdout and "NOT validated" in proc.stdout


def test_cli_with_no_geo_says_the_geographic_checks_were_skipped(make_csv):
    proc = run_cli(str(make_csv([row(id="A")])), "--no-geo")
    assert proc.returncode == 0
    assert proc.stdout.strip().splitlines()[-1] == "projects.csv: 1 rows, all valid (geographic checks skipped: --no-geo)"
