"""`python -m atlas validate --summary [--against OLD.csv]`: the maintainer's table after a merge.

The CLI is called in-process through `atlas.cli.main(argv)`.
"""

from __future__ import annotations

import csv

import pytest

from atlas.cli import main
from atlas.model import data_summary, schema
from tests.conftest import csv_bytes, row


def shipped_rows() -> list[dict[str, str]]:
    with open(schema.PROJECTS_CSV, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("nis, province", [("11002", "10000"), ("21004", "4000"), ("23088", "20001"),
                                           ("24062", "20001"), ("31005", "30000"), ("44021", "40000"),
                                           ("73111", "70000"), ("99999", "")])
def test_province_comes_from_the_nis_code(nis, province):
    assert data_summary.province_of_nis(nis) == province


def test_counts_split_high_and_medium_per_programme_and_province():
    rows = [row(id="a", confidence="high"), row(id="b", confidence="medium"),
            row(id="c", confidence="high", municipality_nis="44021"), row(id="d", programme="proeftuin", confidence="")]
    out = {(c.programme, c.province): (c.high, c.medium, c.total) for c in data_summary.counts(rows)}
    assert out == {("stek", "70000"): (1, 1, 2), ("stek", "40000"): (1, 0, 1), ("proeftuin", "70000"): (0, 0, 1)}


def test_changes_list_added_removed_and_changed_columns_ignoring_new_empty_columns():
    old = [row(id="a"), row(id="b"), row(id="c")]
    new = [row(id="a", extended_until=""), row(id="c", name="Renamed", end_date="2023-12-31"), row(id="d")]
    ch = data_summary.changes(old, new)
    assert ch.added == ["d"] and ch.removed == ["b"]
    assert ch.changed == {"c": ["name", "end_date"]}


def test_summary_prints_known_against_official_per_programme_from_the_shipped_data(capsys):
    assert main(["validate", "--no-geo", "--summary"]) == 0
    out = capsys.readouterr().out
    rows = shipped_rows()
    zb = [r for r in rows if r["programme"] == "zorgzame_buurt"]
    bxl = [r for r in zb if r["municipality_nis"].startswith("21")]
    line = next(ln for ln in out.splitlines() if ln.startswith("zorgzame_buurt") and "Flanders" in ln)
    assert f"{len(zb) - len(bxl)} of 114" in line and f"+ {len(bxl)} outside scope" in line
    bxl_official = next(r for r in csv.DictReader(schema.OFFICIAL_COUNTS_CSV.open(encoding="utf-8"))
                        if r["programme"] == "zorgzame_buurt" and r["area"] == "province:4000")["official_count"]
    assert f"(Brussels: {len(bxl)} of {bxl_official})" in line  # Brussels' own official count (the VGC's)
    # one line per programme and province, with the high / medium split of the CSV
    wvl = [r for r in zb if r["municipality_nis"].startswith("3")]
    high = sum(r["confidence"] == "high" for r in wvl)
    medium = sum(r["confidence"] == "medium" for r in wvl)
    wvl_line = next(ln for ln in out.splitlines() if ln.startswith("zorgzame_buurt") and "West-Vlaanderen" in ln)
    assert wvl_line.split()[-3:] == [str(high), str(medium), str(len(wvl))]
    assert "all valid" in out


def test_against_an_older_file_lists_what_changed(tmp_path, capsys):
    rows = shipped_rows()
    old = [dict(r) for r in rows if r["id"] != rows[-1]["id"]]  # the newest row did not exist yet
    old[0]["name"] = "Old name"
    old.append({**rows[0], "id": "GONE-01"})
    path = tmp_path / "old.csv"
    path.write_bytes(csv_bytes(old, list(rows[0].keys())))
    assert main(["validate", "--no-geo", "--against", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Changes from old.csv to projects.csv: 1 added, 1 removed, 1 changed" in out
    assert f"  added:   {rows[-1]['id']}" in out and "  removed: GONE-01" in out
    assert f"  changed: {rows[0]['id']} (name)" in out
    assert "Rows known per programme" not in out  # the counts table only with --summary


def test_against_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["validate", "--no-geo", "--against", str(tmp_path / "nope.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_a_bad_group_reference_fails_the_validation(tmp_path, capsys):
    path = tmp_path / "projects.csv"
    path.write_bytes(csv_bytes([row(budget_group="NO-SUCH-GROUP")]))
    assert main(["validate", "--no-geo", str(path)]) == 1
    assert "budget_group 'NO-SUCH-GROUP' is not an id in budget_groups.csv" in capsys.readouterr().out
