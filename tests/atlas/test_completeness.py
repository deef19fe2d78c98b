"""Known against official counts, per programme and area, and the data date (atlas.model.completeness)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas.model import areas, completeness
from atlas.model.data import institutes, programmes
from atlas.model.filters import FilterState
from geo.areas import institute_municipalities


@pytest.fixture(scope="module")
def units(munis, programmes_df, institutes_df):
    return completeness.official_units(completeness.official_area_counts(), programmes_df, munis, institutes_df)


def official_count(programme: str, area: str) -> int:
    counts = completeness.official_area_counts()
    return int(counts.loc[(counts["programme"] == programme) & (counts["area"] == area), "official_count"].iloc[0])


def known_in(projects, programme: str, nis) -> int:
    return int(((projects["programme"] == programme) & projects["nis2025"].isin(set(nis))).sum())


def lines_for(state, projects, munis, units, lang="nl", name="SAAMO West-Vlaanderen"):
    area = areas.resolve(state, munis, institutes(), lang)  # the one area resolver
    assert area.name == (name if state.institute else area.label)
    return completeness.area_lines(projects, programmes(), units, state.programmes, area, lang)


def province(munis, *codes) -> set[str]:
    return set(munis.loc[munis["province_nis"].isin(codes), "nis"])


def test_west_vlaanderen_counts_its_zorgzame_buurten_against_the_official_32(projects, munis, units):
    known = known_in(projects, "zorgzame_buurt", province(munis, "30000"))
    lines = lines_for(FilterState(provinces=("30000",), programmes=("zorgzame_buurt",)), projects, munis, units)
    assert lines == [f"{known} van {official_count('zorgzame_buurt', 'province:30000')} zorgzame buurten in "
                     "West-Vlaanderen gekend (goedgekeurd op 1 februari 2022; latere teksten: 34)"]


@pytest.mark.parametrize("institute, province_code, name", [
    ("saamo-west-vlaanderen", "30000", "SAAMO West-Vlaanderen"), ("saamo-limburg", "70000", "SAAMO Limburg")])
def test_an_institute_whose_area_is_a_province_carries_the_province_count(projects, munis, units, institute,
                                                                        province_code, name, institutes_df):
    """Issue 19.2: SAAMO West-Vlaanderen's working area is the province: '19 van 32', not '... van 114'."""
    state = FilterState(institute=institute, programmes=("zorgzame_buurt",))
    area = institute_municipalities(institute, munis, institutes_df)
    assert area == province(munis, province_code)
    known, official = known_in(projects, "zorgzame_buurt", area), official_count("zorgzame_buurt", f"province:{province_code}")
    line = lines_for(state, projects, munis, units, name=name)[0]
    assert line.startswith(f"{known} van {official} zorgzame buurten in {name} gekend (goedgekeurd op 1 februari 2022")
    en = lines_for(state, projects, munis, units, "en", name=name)[0]
    assert en.startswith(f"{known} of {official} caring neighbourhoods in {name} known")


def test_a_custom_area_equal_to_a_province_carries_its_count(projects, munis, units, programmes_df):
    limburg = province(munis, "70000")
    line = completeness.lines(projects, programmes_df, units, ("zorgzame_buurt",), limburg, "Mijn gebied", "nl")[0]
    assert line.startswith(f"{known_in(projects, 'zorgzame_buurt', limburg)} van "
                           f"{official_count('zorgzame_buurt', 'province:70000')} zorgzame buurten in Mijn gebied gekend")


def test_a_union_of_provinces_carries_the_sum_and_says_of_what(projects, munis, units, programmes_df):
    both = province(munis, "30000", "70000")
    wvl, lim = official_count("zorgzame_buurt", "province:30000"), official_count("zorgzame_buurt", "province:70000")
    line = completeness.lines(projects, programmes_df, units, ("zorgzame_buurt",), both, "Westen en oosten", "nl")[0]
    assert line == (f"{known_in(projects, 'zorgzame_buurt', both)} van {wvl + lim} zorgzame buurten in Westen en "
                    f"oosten gekend (officieel: West-Vlaanderen {wvl}, Limburg {lim})")


def test_brussels_counts_its_zorgzame_buurten_against_the_six_of_the_vgc(projects, munis, units):
    counts = completeness.official_area_counts()
    row = counts[(counts["programme"] == "zorgzame_buurt") & (counts["area"] == "province:4000")].iloc[0]
    assert row["official_count"] == 6 and "vgc.be" in row["source_url"] and "VGC" in row["basis_nl"]
    state = FilterState(institute="saamo-brussel", programmes=("zorgzame_buurt",))
    line = lines_for(state, projects, munis, units, name="SAAMO Brussel")[0]
    known = known_in(projects, "zorgzame_buurt", province(munis, "4000"))
    assert line == f"{known} van 6 zorgzame buurten in SAAMO Brussel gekend (geselecteerd door het College van de VGC)"


def test_where_every_proeftuin_is_known_an_areas_count_is_exact(projects, munis, units, programmes_df):
    facts = programmes_df.loc["proeftuin"]
    total = int(float(facts["official_count"]))
    assert int((projects["programme"] == "proeftuin").sum()) == total  # all six are in the data
    for code, name in (("30000", "West-Vlaanderen"), ("10000", "Antwerpen")):
        n = known_in(projects, "proeftuin", province(munis, code))
        line = lines_for(FilterState(provinces=(code,), programmes=("proeftuin",)), projects, munis, units)[0]
        assert line == f"{n} van {n} proeftuinen in {name} (alle {total} zijn gekend)"
    custom = {"71004", "72018"}  # Beringen (Beverlo) and Kinrooi: any area, even a custom one
    line = completeness.lines(projects, programmes_df, units, ("proeftuin",), custom, "Mijn gebied", "nl")[0]
    n = known_in(projects, "proeftuin", custom)
    assert line == f"{n} van {n} proeftuinen in Mijn gebied (alle {total} zijn gekend)"


def test_an_area_without_an_official_count_says_so_and_never_quotes_flanders(projects, munis, units):
    for lang in ("nl", "en"):
        line = lines_for(FilterState(provinces=("10000",), programmes=("zorgzame_buurt",)), projects, munis, units,
                         lang)[0]
        n = known_in(projects, "zorgzame_buurt", province(munis, "10000"))
        assert line == {"nl": f"{n} zorgzame buurten gekend in Antwerpen (geen officieel aantal voor dit gebied)",
                        "en": f"{n} caring neighbourhoods known in Antwerpen (no official count for this area)"}[lang]
        assert "114" not in line and "Vlaanderen" not in line and "Flanders" not in line


def test_part_of_a_counted_area_has_no_official_count(projects, munis, units, programmes_df):
    wvl = sorted(province(munis, "30000"))
    line = completeness.lines(projects, programmes_df, units, ("zorgzame_buurt",), set(wvl[:-1]), "Bijna", "nl")[0]
    assert "geen officieel aantal voor dit gebied" in line


def test_tiling_uses_disjoint_counted_areas_and_refuses_overlaps():
    a, b, ab = (completeness.Unit("x", frozenset(s), n, name, kind="province")
                for s, n, name in (({"1", "2"}, 3, "A"), ({"3"}, 4, "B"), ({"2", "3"}, 9, "AB")))
    assert completeness.tiling(frozenset({"1", "2", "3"}), [a, b, ab]) == [a, b]  # A and AB overlap
    assert completeness.tiling(frozenset({"2", "3"}), [a, b, ab]) == [ab]
    assert completeness.tiling(frozenset({"1", "3"}), [a, b, ab]) is None
    assert completeness.tiling(frozenset(), [a]) is None


def test_an_institute_counts_its_two_new_steks(projects, munis, units):
    state = FilterState(institute="saamo-west-vlaanderen", programmes=("stek",))
    line = lines_for(state, projects, munis, units)[0]
    known = known_in(projects, "stek", province(munis, "30000"))
    assert line.startswith(f"{known} van 2 nieuwe STEK-werkingen in SAAMO West-Vlaanderen gekend")


def test_flanders_as_a_whole_uses_the_programme_totals(projects, units, programmes_df):
    lines = completeness.lines(projects, programmes_df, units, FilterState().programmes, None, "", "nl")
    assert any(line.startswith("6 van 6 proeftuinen in totaal gekend") for line in lines)
    assert any("van 114 zorgzame buurten in Vlaanderen gekend (+ " in line for line in lines)
    assert any(line == "5 bestaande STEK-werkingen gekend (officieel aantal onbekend)" for line in lines)


def test_every_official_area_count_names_a_known_programme_and_area_and_a_source(institutes_df, programmes_df):
    counts = completeness.official_area_counts()
    ids = set(institutes_df["id"])
    for _, r in counts.iterrows():
        kind, code = r["area"].split(":")
        assert r["programme"] in programmes_df.index
        assert (kind == "institute" and code in ids) or (kind == "province" and code in completeness.schema.PROVINCES)
        assert r["source_url"] and r["basis_nl"] and r["basis_en"] and r["official_count"] > 0


def test_data_date_comes_from_the_data_not_the_file(programmes_df):
    facts = programmes_df
    assert completeness.data_updated(facts) == date(2026, 12, 6)  # the pass-8 corrections (data/SOURCES.md)
    assert completeness.updated_text(facts, "nl") == "Gegevens bijgewerkt op 6 december 2026"
    changed = facts.assign(data_updated=pd.Series(["2025-01-01"] * len(facts), index=facts.index))
    assert completeness.data_updated(changed) == date(2025, 1, 1)
