"""Loading the data files: typed frames, skipped rows, the budget basis, status at a date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas.model import budget, data, schema
from atlas.views import stats
from tests.conftest import csv_bytes, row


def test_committed_csvs_are_read_as_text_with_leading_zeros_kept(tmp_path):
    from atlas.model.validate import read_reference

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


# ---------------------------------------------------------------------------
# The pass-8 corrections (research/programmes/pass8.md §5, data/SOURCES.md): each fact as its
# source gives it.

def test_stek_opening_dates_from_their_sources_give_a_status(projects):
    p = projects.set_index("id")
    assert str(p.loc["STEK-N01", "start_date"].date()) == "2021-10-13"  # HBvL: official start of the inloophuis
    assert str(p.loc["STEK-N03", "start_date"].date()) == "2020-09-19"  # HLN: buurthuis moZaïek opened
    assert str(p.loc["STEK-N12", "start_date"].date()) == "2020-05-19"  # HLN: ontmoetingshuis Nest opened
    new = p[p["programme"] == "stek"]
    status = data.status_at(new, date(2026, 12, 6))
    assert dict(status.value_counts()) == {"unknown": 7, "running": 3, "ended": 1}
    assert list(status[status != "unknown"].sort_index().index) == ["STEK-N01", "STEK-N03", "STEK-N12", "STEK-N20"]
    assert p.loc["STEK-N07", "start_year"] == "2021" and p.loc["STEK-N07", "end_year"] == ""
    assert "pittige-bui" not in p.loc["STEK-N20", "source_url"]  # the HLN weather slug
    assert "dwvg.be/jaarverslag2019" in p.loc["STEK-E05", "source_url"]


def test_lokeren_beernem_and_geraardsbergen_as_their_sources_give_them(projects):
    p = projects.set_index("id")
    assert p.loc["ZB-OVL-16", "budget_eur"] == 100000 and p.loc["ZB-OVL-16", "budget_basis"] == "granted"
    assert p.loc["ZB-OVL-16", "neighbourhood_nl"].startswith("centrumwijk")
    assert p.loc["ZB-WVL-05", "organisation_nl"] == "Gemeente / Sociaal Huis Beernem"
    assert p.loc["ZB-WVL-05", "confidence"] == "high"
    assert (p.loc["ZB-OVL-06", "lat"], p.loc["ZB-OVL-06", "lon"]) == (50.79235, 3.95721)
    assert p.loc["ZB-OVL-06", "coord_precision"] == "deelgemeente"


def test_brugge_sint_kruis_is_a_medium_row_without_the_joint_amount(projects):
    p = projects.set_index("id")
    r = p.loc["ZB-WVL-47"]
    assert (r["programme"], r["municipality_nis"], r["confidence"]) == ("zorgzame_buurt", "31005", "medium")
    assert pd.isna(r["budget_eur"])  # EUR 200,000 is the Flemish + local total, not a grant
    assert r["source_url"] == "https://www.brugge.be/200.000-euro-voor-een-zorgzaam-sint-kruis"
    zb_wvl = p[(p["programme"] == "zorgzame_buurt") & (p["municipality_nis"].str[0] == "3")]
    assert len(zb_wvl) == 20  # of the 32 approved in West-Vlaanderen


def test_method_text_defines_the_kansarmoede_index_by_the_parents_education_over_three_birth_years():
    from importlib import resources

    nl = resources.files("atlas.views").joinpath("content/method/40_need.nl.md").read_text(encoding="utf-8")
    en = resources.files("atlas.views").joinpath("content/method/40_need.en.md").read_text(encoding="utf-8")
    kansarmoede_nl = " ".join(nl.split("**Kansarmoede-index**")[1].split("**Onderwijskansarmoede")[0].split())
    kansarmoede_en = " ".join(en.split("**Kansarmoede-index**")[1].split("**Onderwijskansarmoede")[0].split())
    assert "opleiding van de ouders" in kansarmoede_nl and "moeder" not in kansarmoede_nl
    assert "drie geboortejaren" in kansarmoede_nl
    assert "the parents' education" in kansarmoede_en and "mother" not in kansarmoede_en
    assert "three birth years" in kansarmoede_en
