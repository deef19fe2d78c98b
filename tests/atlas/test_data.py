"""Loading the data files: typed frames, skipped rows, the budget basis, status at a date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas import budget, data, schema, stats
from tests.conftest import csv_bytes, row


def test_committed_csvs_are_read_as_text_with_leading_zeros_kept(tmp_path):
    from atlas.validate import read_reference

    path = tmp_path / "x.csv"
    path.write_text("\ufeffnis,name\n01001,A\n02002,\n", encoding="utf-8")
    rows, lines, problems = read_reference(path, ("nis", "name"))  # the one reader of every data file
    assert [r["nis"] for r in rows] == ["01001", "02002"] and [r["name"] for r in rows] == ["A", ""]
    assert lines == [2, 3] and problems == []


def test_programmes_come_in_the_schema_order_indexed_by_code():
    facts = data.programmes()
    assert list(facts.index) == [p for p in schema.PROGRAMMES if p in facts.index]
    assert set(facts.index) == set(schema.PROGRAMMES)


def test_institute_ids_are_none_when_the_file_is_missing(tmp_path):
    assert data.institute_ids(tmp_path / "missing.csv") is None
    assert "saamo-antwerpen-stad" in data.institute_ids()


def test_an_amount_without_a_basis_is_granted_and_an_empty_amount_keeps_none():
    frame = pd.DataFrame({"budget_eur": [100000.0, float("nan"), 5.0], "budget_basis": ["", "", "maximum"]})
    assert list(data.with_budget_basis(frame)["budget_basis"]) == ["granted", "", "maximum"]
    no_column = pd.DataFrame({"budget_eur": [7.0, float("nan")]})
    assert list(data.with_budget_basis(no_column)["budget_basis"]) == ["granted", ""]


def test_a_file_without_the_basis_column_gives_granted_amounts_that_every_reader_sums():
    rows = [row(id="A", budget_eur="100000"), row(id="B")]
    columns = [c for c in rows[0] if c != "budget_basis"]
    pdata = data.load_projects(csv_bytes(rows, columns))
    projects = pdata.projects
    assert list(projects["budget_basis"]) == ["granted", ""]
    k = stats.kpis(projects, "degurba")
    by_prog = budget.budget_by_programme(projects).set_index("programme").loc["stek"]
    assert (k.budget_granted, k.n_granted, k.n_unknown_budget) == (100000.0, 1, 1)
    assert (by_prog["granted_eur"], by_prog["n_granted"], by_prog["n_without_amount"]) == (100000.0, 1, 1)


def test_invalid_rows_are_left_out_and_listed_with_their_reason():
    pdata = data.load_projects(csv_bytes([row(id="A"), row(id="B", lat="vijftig")]), "upload.csv")
    assert list(pdata.projects["id"]) == ["A"]
    assert len(pdata.skipped) == 1 and pdata.skipped[0].startswith("row 2 (B): lat")
    assert pdata.geo_message is None
    placed = pdata.projects.iloc[0]
    assert placed["nis2025"] == "71034" and placed["degurba"] in {"1", "2", "3"}


def test_without_the_reference_geography_projects_load_unplaced_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_GEO_DIR", str(tmp_path))  # the geo caches are keyed on the directory
    pdata = data.load_projects(csv_bytes([row(id="A")]))
    assert pdata.geo_message and "ATLAS_GEO_DIR" in pdata.geo_message
    assert list(pdata.projects["id"]) == ["A"]
    assert pdata.projects.loc[0, "nis2025"] == "" and not pdata.projects.loc[0, "in_stated_municipality"]


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2020-01-01", "2022-12-31", "running"),
    ("2021-06-02", "2022-12-31", "planned"),
    ("2019-01-01", "2021-05-31", "ended"),
    ("2020-01-01", None, "running"),  # an unknown end is open
    (None, None, "unknown"),
    (None, "2020-12-31", "ended"),  # known to have ended, even without a start
    ("2021-06-01", "2021-06-01", "running"),  # both ends count
])
def test_status_at_a_reference_date_follows_from_the_dates(start, end, expected):
    frame = pd.DataFrame({"start_date": [pd.Timestamp(start) if start else pd.NaT],
                          "end_date": [pd.Timestamp(end) if end else pd.NaT]})
    assert data.status_at(frame, date(2021, 6, 1)).iloc[0] == expected
