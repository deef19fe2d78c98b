"""Known against official counts, per programme and area, and the data date (atlas.completeness)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas import completeness
from atlas.data import institutes, load_projects, programmes
from atlas.filters import FilterState
from geo import reference
from geo.areas import institute_municipalities


@pytest.fixture(scope="module")
def projects():
    return load_projects().projects


@pytest.fixture(scope="module")
def munis():
    return reference.municipalities()


def lines_for(state, projects, munis, lang="nl"):
    inst_area = institute_municipalities(state.institute, munis, institutes()) if state.institute else None
    nis, name = completeness.area_of(state, munis, inst_area, "SAAMO West-Vlaanderen" if state.institute else "")
    return completeness.lines(projects, programmes(), completeness.official_area_counts(), state, nis, name, lang)


def test_west_vlaanderen_counts_its_zorgzame_buurten_against_the_official_32(projects, munis):
    known = int(((projects["programme"] == "zorgzame_buurt") & (projects["province_nis"] == "30000")).sum())
    lines = lines_for(FilterState(provinces=("30000",), programmes=("zorgzame_buurt",)), projects, munis)
    assert lines == [f"{known} van 32 zorgzame buurten in West-Vlaanderen gekend "
                     "(goedgekeurd op 1 februari 2022; latere teksten: 34)"]


def test_a_province_without_an_official_count_gives_the_flemish_total_never_a_made_up_one(projects, munis):
    line = lines_for(FilterState(provinces=("10000",), programmes=("zorgzame_buurt",)), projects, munis)[0]
    assert "officieel 114 in Vlaanderen" in line and "geen officieel aantal voor dit gebied" in line
    en = lines_for(FilterState(provinces=("10000",), programmes=("zorgzame_buurt",)), projects, munis, "en")[0]
    assert "officially 114 in Flanders" in en


def test_an_institute_counts_its_two_new_steks(projects, munis):
    state = FilterState(institute="saamo-west-vlaanderen", programmes=("stek",))
    line = lines_for(state, projects, munis)[0]
    known = int(((projects["programme"] == "stek") & (projects["province_nis"] == "30000")).sum())
    assert line.startswith(f"{known} van 2 nieuwe STEK-werkingen in SAAMO West-Vlaanderen gekend")


def test_flanders_as_a_whole_uses_the_programme_totals(projects):
    lines = completeness.lines(projects, programmes(), completeness.official_area_counts(),
                               FilterState(), None, "", "nl")
    assert any(line.startswith("6 van 6 proeftuinen in totaal gekend") for line in lines)
    assert any("van 114 zorgzame buurten in Vlaanderen gekend (+ " in line for line in lines)
    assert any(line == "5 bestaande STEK-werkingen gekend (officieel aantal onbekend)" for line in lines)


def test_every_official_area_count_names_a_known_programme_and_area_and_a_source():
    counts = completeness.official_area_counts()
    ids = set(institutes()["id"])
    for _, r in counts.iterrows():
        kind, code = r["area"].split(":")
        assert r["programme"] in programmes().index
        assert (kind == "institute" and code in ids) or (kind == "province" and code in completeness.schema.PROVINCES)
        assert r["source_url"] and r["basis_nl"] and r["basis_en"] and r["official_count"] > 0


def test_data_date_comes_from_the_data_not_the_file():
    facts = programmes()
    assert completeness.data_updated(facts) == date(2026, 12, 6)  # the pass-8 corrections (data/SOURCES.md)
    assert completeness.updated_text(facts, "nl") == "Gegevens bijgewerkt op 6 december 2026"
    changed = facts.assign(data_updated=pd.Series(["2025-01-01"] * len(facts), index=facts.index))
    assert completeness.data_updated(changed) == date(2025, 1, 1)
