"""Budget and status statistics: sourced sums, counted unknowns, bases kept apart, per inhabitant."""

from __future__ import annotations

import csv
import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from atlas.model import budget, schema
from atlas.model.filters import FilterState


def frame(rows: list[dict]) -> pd.DataFrame:
    """A small projects frame with the columns the statistics read."""
    defaults = {"id": "", "programme": "zorgzame_buurt", "name": "", "municipality": "", "organisation": "",
                "institute_id": "", "budget_eur": np.nan, "budget_basis": "", "province_nis": "30000",
                "nis2025": "", "degurba": "", "uitrusting": "", "start_date": pd.NaT, "end_date": pd.NaT}
    out = pd.DataFrame([{**defaults, **r} for r in rows])
    out["start_date"] = pd.to_datetime(out["start_date"])
    out["end_date"] = pd.to_datetime(out["end_date"])
    return out


# ---------------------------------------------------------------------------
# Sums, unknowns, bases
# ---------------------------------------------------------------------------
def test_granted_amounts_are_summed_and_unknown_amounts_are_counted_not_zero():
    f = frame([
        {"id": "a", "budget_eur": 100_000, "budget_basis": "granted"},
        {"id": "b", "budget_eur": 50_000, "budget_basis": "granted"},
        {"id": "c"},
        {"id": "d", "programme": "stek"},
        {"id": "e", "programme": "stek"},
    ])
    out = budget.budget_by_programme(f).set_index("programme")
    assert out.loc["zorgzame_buurt", "granted_eur"] == 150_000
    assert out.loc["zorgzame_buurt", "n_granted"] == 2
    assert out.loc["zorgzame_buurt", "n_without_amount"] == 1
    # A programme without any published amount has an unknown sum (NaN), never 0.
    assert math.isnan(out.loc["stek", "granted_eur"])
    assert out.loc["stek", "n_without_amount"] == 2
    # Every listed programme gets a row, also without projects.
    assert out.loc["proeftuin", "n_projects"] == 0


def test_granted_standard_rate_and_maximum_are_kept_in_separate_columns_never_added():
    f = frame([
        {"id": "beverlo", "programme": "proeftuin", "budget_eur": 125_000, "budget_basis": "granted"},
        {"id": "z", "programme": "proeftuin", "budget_eur": 75_000, "budget_basis": "standard_rate"},
        {"id": "v", "programme": "proeftuin", "budget_eur": 75_000, "budget_basis": "standard_rate"},
        {"id": "bxl", "programme": "proeftuin", "budget_eur": 200_000, "budget_basis": "maximum"},
    ])
    row = budget.budget_by_programme(f, ("proeftuin",)).iloc[0]
    assert row["granted_eur"] == 125_000
    assert row["standard_rate_eur"] == 150_000
    assert row["maximum_eur"] == 200_000
    amount_columns = [c for c in budget.budget_by_programme(f).columns if c.endswith("_eur")]
    # No 'total' mixing bases; group amounts (several projects together) have a column of their own.
    assert sorted(amount_columns) == ["granted_eur", "group_eur", "maximum_eur", "standard_rate_eur"]


def _csv_rows() -> list[dict[str, str]]:
    with open(schema.PROJECTS_CSV, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_real_data_sums_equal_the_amounts_in_the_csv_per_basis(projects):
    rows = _csv_rows()
    out = budget.budget_by_programme(projects)
    for b in budget.BASES:
        amounts = [float(r["budget_eur"]) for r in rows if r["budget_basis"] == b and r["budget_eur"]]
        assert out[f"n_{b}"].sum() == len(amounts)
        assert (out[f"{b}_eur"].sum() if amounts else 0) == sum(amounts)


def test_real_data_unknown_count_matches_the_empty_budget_cells_outside_groups(projects):
    rows = _csv_rows()
    empty, grouped = {}, {}
    for r in rows:
        if not r["budget_eur"].strip():
            target = grouped if r["budget_group"] else empty
            target[r["programme"]] = target.get(r["programme"], 0) + 1
    out = budget.budget_by_programme(projects).set_index("programme")
    assert out["n_without_amount"].to_dict() == {p: empty.get(p, 0) for p in schema.PROGRAMMES}
    assert out["n_in_group"].to_dict() == {p: grouped.get(p, 0) for p in schema.PROGRAMMES}


def test_stek_total_is_the_programme_fact_not_a_sum_of_projects(programmes_df, projects):
    totals = budget.programme_totals(programmes_df).set_index("programme")
    assert totals.loc["stek", "total_budget_eur"] == pytest.approx(1_494_572.92, abs=0.001)
    assert totals.loc["stek", "total_budget_basis"] == "granted"
    # No STEK location has a published amount: the project-level sum stays unknown.
    stek = budget.budget_by_programme(projects).set_index("programme").loc["stek"]
    assert math.isnan(stek["granted_eur"]) and stek["n_without_amount"] == stek["n_projects"]
    # A programme without a published total is NaN, not zero.
    assert math.isnan(totals.loc["stek_bestaand", "total_budget_eur"])
    assert totals.loc["proeftuin", "total_budget_basis"] == "standard_rate"


def test_programme_totals_follow_the_programme_selection_only(programmes_df):
    totals = budget.programme_totals(programmes_df, ("proeftuin", "zorgzame_buurt"))
    assert list(totals["programme"]) == ["proeftuin", "zorgzame_buurt"]


def test_budget_by_province_keeps_province_order_and_a_row_for_unknown_province():
    f = frame([
        {"id": "a", "province_nis": "70000", "budget_eur": 10, "budget_basis": "granted"},
        {"id": "b", "province_nis": "10000"},
        {"id": "c", "province_nis": ""},
    ])
    out = budget.budget_by_province(f)
    assert list(out["province_nis"]) == ["10000", "70000", ""]
    assert list(out["province_name"]) == ["Antwerpen", "Limburg", ""]
    assert out.set_index("province_nis").loc["10000", "n_without_amount"] == 1


def test_budget_by_holder_uses_the_institute_for_stek_and_the_organisation_name_otherwise():
    inst = pd.DataFrame({"id": ["saamo-limburg"], "short_name": ["SAAMO Limburg"]})
    f = frame([
        {"id": "s1", "programme": "stek", "institute_id": "saamo-limburg", "municipality": "Beringen",
         "organisation": "Samenlevingsopbouw RIMO Limburg (with Stad Beringen)"},
        {"id": "z1", "organisation": "Gemeente Zonnebeke", "municipality": "Zonnebeke", "budget_eur": 100_000,
         "budget_basis": "granted"},
        {"id": "z2", "organisation": "Gemeente Zonnebeke", "municipality": "Zonnebeke", "budget_eur": 100_000,
         "budget_basis": "granted"},
        {"id": "r", "organisation": "Gemeente Riemst (per VRT; formal penhouder not verified)", "municipality": "Riemst",
         "budget_eur": 100_000, "budget_basis": "granted"},
    ])
    out = budget.budget_by_holder(f, inst).set_index("holder")
    assert out.loc["Gemeente Zonnebeke (Zonnebeke)", "granted_eur"] == 200_000
    assert "Gemeente Riemst (Riemst)" in out.index  # the remark in brackets is not part of the name
    assert out.loc["SAAMO Limburg", "holder_kind"] == "institute"
    assert math.isnan(out.loc["SAAMO Limburg", "granted_eur"])
    assert len(budget.with_amount(out.reset_index())) == 2


def test_stek_institutes_compare_known_locations_with_official_count_over_institutes(programmes_df):
    inst = pd.DataFrame({"id": [f"i{k}" for k in range(8)], "short_name": list("ABCDEFGH")})
    f = frame([{"id": "x", "programme": "stek", "institute_id": "i0", "municipality": "M"}])
    out = budget.stek_institutes(f, inst, programmes_df)
    assert list(out["n_official"]) == [16 / 8] * 8  # data/programmes.csv: 16 new STEKs, 8 institutes
    assert list(out["n_known"]) == [1] + [0] * 7


# ---------------------------------------------------------------------------
# Per inhabitant
# ---------------------------------------------------------------------------
def test_per_inhabitant_divides_by_the_population_of_the_funded_municipalities_each_once():
    munis = pd.DataFrame({
        "nis": ["A", "B", "C", "D", "E"],
        "name": ["Aa", "Bb", "Cc", "Dd", "Ee"],
        "population": [10_000, 30_000, 60_000, 1_000, 5_000],
    })
    f = frame([
        {"id": "1", "nis2025": "A", "budget_eur": 100_000, "budget_basis": "granted"},
        {"id": "2", "nis2025": "B", "budget_eur": 50_000, "budget_basis": "granted"},
        {"id": "3", "nis2025": "B", "budget_eur": 20_000, "budget_basis": "granted"},
        {"id": "4", "nis2025": "C"},  # no amount: not in the divisor
        {"id": "5", "nis2025": "D", "budget_eur": 75_000, "budget_basis": "standard_rate"},  # other basis
        {"id": "6", "nis2025": "E", "province_nis": "70000", "budget_eur": 10_000, "budget_basis": "granted"},
    ])
    out = budget.per_inhabitant(f, munis).set_index("province_nis")
    # West-Vlaanderen by hand: (100,000 + 50,000 + 20,000) / (10,000 + 30,000) = 4.25 EUR per inhabitant.
    assert out.loc["30000", "amount_eur"] == 170_000
    assert out.loc["30000", "population"] == 40_000
    assert out.loc["30000", "eur_per_inhabitant"] == pytest.approx(4.25)
    assert out.loc["30000", "municipalities"] == "Aa, Bb"
    assert out.loc["70000", "eur_per_inhabitant"] == pytest.approx(2.0)
    standard = budget.per_inhabitant(f, munis, basis="standard_rate").set_index("province_nis")
    assert standard.loc["30000", "eur_per_inhabitant"] == pytest.approx(75.0)


def test_per_inhabitant_for_limburg_with_real_data_checked_by_hand(munis, projects):
    out = budget.per_inhabitant(projects, munis).set_index("province_nis")
    # Limburg's granted amounts (SOURCES.md): Beverlo/Beringen 125,000, Heusden-Zolder 100,000, Vroenhoven/Riemst 100,000.
    pop = munis.set_index("name").loc[["Beringen", "Heusden-Zolder", "Riemst"], "population"].sum()
    assert out.loc["70000", "amount_eur"] == 325_000
    assert out.loc["70000", "population"] == pop
    assert out.loc["70000", "eur_per_inhabitant"] == pytest.approx(325_000 / pop)


# ---------------------------------------------------------------------------
# Status and timeline
# ---------------------------------------------------------------------------
def test_status_counts_at_the_reference_date_with_unknown_for_missing_start():
    f = frame([
        {"id": "run", "start_date": "2022-03-01", "end_date": "2024-02-29"},
        {"id": "open", "start_date": "2022-03-01"},
        {"id": "nostart", "end_date": "2024-02-29"},
        {"id": "ended", "programme": "proeftuin", "start_date": "2019-07-01", "end_date": "2022-06-30"},
        {"id": "plan", "programme": "proeftuin", "start_date": "2024-01-01", "end_date": "2025-01-01"},
        {"id": "none", "programme": "stek"},
    ])
    out = budget.status_counts(f, date(2023, 5, 1)).set_index("programme")
    assert out.loc["zorgzame_buurt", ["running", "planned", "ended", "unknown"]].tolist() == [2, 0, 0, 1]
    assert out.loc["proeftuin", ["running", "planned", "ended", "unknown"]].tolist() == [0, 1, 1, 0]
    assert out.loc["stek", "unknown"] == 1
    assert out.loc["stek_bestaand", "n_projects"] == 0


def test_timeline_draws_full_periods_only_and_lists_the_rest_as_counts(programmes_df):
    f = frame([
        {"id": "p1", "programme": "proeftuin", "start_date": "2019-07-01", "end_date": "2022-06-30"},
        {"id": "p2", "programme": "proeftuin", "start_date": "2019-07-01", "end_date": "2022-06-30"},
        {"id": "p3", "programme": "proeftuin", "start_date": "2019-07-01", "end_date": "2024-06-30"},
        {"id": "s1", "programme": "stek"},
        {"id": "s2", "programme": "stek", "end_date": "2023-10-31"},
    ])
    tl = budget.timeline(f, programmes_df, ("stek", "proeftuin"))
    drawn = tl[tl["kind"] == "projects"]
    assert drawn["n_projects"].tolist() == [2, 1]
    assert drawn["ids"].tolist() == ["p1, p2", "p3"]
    stek = tl[tl["programme"] == "stek"].set_index("kind")
    assert stek.loc["no_dates", "n_projects"] == 1 and pd.isna(stek.loc["no_dates", "start"])
    assert stek.loc["end_only", "n_projects"] == 1 and pd.isna(stek.loc["end_only", "end"])
    # The official programme period is its own row (from data/programmes.csv); STEK has none.
    prog = tl[tl["kind"] == "programme"]
    assert prog["programme"].tolist() == ["proeftuin"]
    assert prog["start"].iloc[0] == pd.Timestamp("2019-07-01") and prog["end"].iloc[0] == pd.Timestamp("2022-06-30")


# ---------------------------------------------------------------------------
# Urban versus rural
# ---------------------------------------------------------------------------
def test_area_split_gives_project_shares_next_to_population_shares():
    munis = pd.DataFrame({"nis": list("abcd"), "degurba": [1, 2, 3, 3], "population": [500, 300, 150, 50]})
    f = frame([
        {"id": "1", "degurba": "1"}, {"id": "2", "degurba": "3"}, {"id": "3", "degurba": "3"},
        {"id": "4", "degurba": "3"}, {"id": "5", "programme": "stek", "degurba": "2"},
    ])
    out = budget.area_split(f, munis, "degurba", ["1", "2", "3"])
    zb = out[out["group"] == "zorgzame_buurt"].set_index("class")["share"]
    assert zb.to_dict() == {"1": 0.25, "2": 0.0, "3": 0.75}
    pop = out[out["group"] == "population"].set_index("class")["share"]
    assert pop.to_dict() == pytest.approx({"1": 0.5, "2": 0.3, "3": 0.2})
    assert set(out["group"]) == {"stek", "zorgzame_buurt", "population"}  # programmes without projects left out


def test_area_split_keeps_projects_without_class_as_their_own_segment():
    munis = pd.DataFrame({"nis": list("ab"), "uitrusting": ["a0", ""], "population": [60, 40]})
    f = frame([{"id": "1", "uitrusting": "a0"}, {"id": "2", "uitrusting": ""}])
    out = budget.area_split(f, munis, "uitrusting", ["a0", "a1"])
    zb = out[out["group"] == "zorgzame_buurt"].set_index("class")["share"]
    assert zb[""] == 0.5
    assert out[(out["group"] == "population") & (out["class"] == "")]["share"].iloc[0] == pytest.approx(0.4)


def test_reference_municipalities_follow_province_and_area_filters_but_not_the_class_filter():
    munis = pd.DataFrame({"nis": ["1", "2", "3"], "province_nis": ["30000", "30000", "70000"]})
    munis = munis.assign(degurba=["1", "3", "3"])
    assert budget.reference_municipalities(munis, FilterState(provinces=("30000",)))["nis"].tolist() == ["1", "2"]
    assert budget.reference_municipalities(munis, FilterState(municipalities=("2", "3")))["nis"].tolist() == ["2", "3"]
    assert len(budget.reference_municipalities(munis, FilterState(area=("3",)))) == 3  # not the class filter
    assert budget.reference_municipalities(munis, FilterState(municipality="2"))["nis"].tolist() == ["2"]


def test_source_parts_split_urls_from_document_references():
    parts = budget.source_parts("Vlaams Parlement, schriftelijke vraag nr. 662 | https://www.vvsg.be/nieuws/x")
    assert parts[0] == ("Vlaams Parlement, schriftelijke vraag nr. 662", None)
    assert parts[1] == ("vvsg.be/nieuws/x", "https://www.vvsg.be/nieuws/x")


# ---------------------------------------------------------------------------
# Group amounts: one amount for several projects, never split, never added to per-project sums
# ---------------------------------------------------------------------------
def grouped(rows: list[dict]) -> pd.DataFrame:
    f = frame(rows)
    member = f["id"].str.startswith("g")
    f["budget_group"] = np.where(member, "G", "")
    f["budget_group_eur"] = np.where(member, 400_000.0, np.nan)
    f["budget_group_at_least"] = member
    f["budget_group_n"] = np.where(member, 3, 0)
    f["budget_group_name_nl"] = np.where(member, "Gent (3 projecten samen)", "")
    f["budget_group_name_en"] = np.where(member, "Ghent (3 projects together)", "")
    return f


def test_a_group_amount_is_counted_once_apart_from_the_per_project_sums():
    f = grouped([{"id": "g1", "province_nis": "40000"}, {"id": "g2", "province_nis": "40000"},
                 {"id": "g3", "province_nis": "40000"}, {"id": "p", "budget_eur": 100_000, "budget_basis": "granted",
                                                         "province_nis": "40000"}, {"id": "u", "province_nis": "40000"}])
    row = budget.budget_by_programme(f).set_index("programme").loc["zorgzame_buurt"]
    assert row["granted_eur"] == 100_000  # the group's 400,000 is not added, nor split over g1..g3
    assert row["group_eur"] == 400_000 and row["n_groups"] == 1 and bool(row["group_at_least"])
    assert row["n_in_group"] == 3 and row["n_without_amount"] == 1


def test_a_group_whose_members_fall_in_two_rows_is_in_neither_row():
    f = grouped([{"id": "g1", "province_nis": "40000"}, {"id": "g2", "province_nis": "30000"}])
    out = budget.budget_by_province(f).set_index("province_nis")
    assert out["group_eur"].isna().all() and out["n_groups"].sum() == 0
    assert out["n_in_group"].to_dict() == {"30000": 1, "40000": 1}


def test_group_amounts_list_each_group_once_with_its_members():
    f = grouped([{"id": "g1", "municipality": "Gent"}, {"id": "g2", "municipality": "Gent"}, {"id": "x"}])
    out = budget.group_amounts(f)
    assert len(out) == 1
    g = out.iloc[0]
    assert (g["amount_eur"], g["n_projects"], g["n_shown"], g["ids"]) == (400_000, 3, 2, "g1, g2")


def test_budget_by_holder_makes_a_group_one_holder_named_after_the_group():
    f = grouped([{"id": "g1", "organisation": "vzw A"}, {"id": "g2", "organisation": "vzw B"}])
    out = budget.budget_by_holder(f, pd.DataFrame({"id": [], "short_name": []}))
    assert list(out["holder_kind"]) == ["group"]
    assert out.iloc[0]["label_nl"] == "Gent (3 projecten samen)" and out.iloc[0]["group_eur"] == 400_000


def test_real_gent_group_is_one_amount_for_its_members_and_the_sources_figure(projects):
    groups = budget.group_amounts(projects).set_index("budget_group")
    members = projects[projects["budget_group"] == "ZB-GRP-GENT"]
    g = groups.loc["ZB-GRP-GENT"]
    assert g["n_shown"] == len(members) <= g["n_projects"]
    assert set(members["municipality"]) == {"Gent"} and members["budget_eur"].isna().all()
    prov = budget.budget_by_province(projects).set_index("province_nis").loc["40000"]
    assert prov["group_eur"] == g["amount_eur"] and prov["n_in_group"] == len(members)


# ---------------------------------------------------------------------------
# Extensions are data (extended_until), not a rule
# ---------------------------------------------------------------------------
def test_status_uses_extended_until_where_the_row_records_an_extension():
    from atlas.model.data import status_at

    f = frame([{"id": "ext", "start_date": "2022-03-01", "end_date": "2024-02-29"},
               {"id": "plain", "start_date": "2022-03-01", "end_date": "2024-02-29"}])
    f["extended_until"] = pd.to_datetime(["2025-02-28", None])
    assert list(status_at(f, date(2024, 6, 1))) == ["running", "ended"]
    assert list(status_at(f, date(2025, 3, 1))) == ["ended", "ended"]


def test_timeline_draws_an_extended_project_to_its_extended_end():
    f = frame([{"id": "ext", "start_date": "2022-03-01", "end_date": "2024-02-29"}])
    f["extended_until"] = pd.to_datetime(["2025-02-28"])
    tl = budget.timeline(f, None, ("zorgzame_buurt",))
    assert list(tl["end"]) == [pd.Timestamp("2025-02-28")]


def test_extension_note_comes_from_programmes_csv_only_after_the_programme_end(programmes_df):
    facts = programmes_df
    notes = budget.extension_notes(facts, schema.PROGRAMMES, "nl", date(2024, 6, 1))
    assert [p for p, _, _ in notes] == [p for p in schema.PROGRAMMES if facts.loc[p, "extension_note_nl"]]
    assert all("kortemark.be" in src for p, _, src in notes if p == "zorgzame_buurt")
    assert budget.extension_notes(facts, schema.PROGRAMMES, "nl", date(2023, 6, 1)) == []


def test_real_kortemark_runs_after_the_programme_end_and_its_extension_is_sourced(projects):
    from atlas.model.data import status_at

    k = projects[projects["id"] == "ZB-WVL-01"]
    assert k["extended_until"].notna().all()
    assert "kortemark.be" in k["source_url"].iloc[0]
    assert list(status_at(k, date(2024, 6, 1))) == ["running"]


# --- need (issue 15) ------------------------------------------------------------------------------
def _need_projects():
    import pandas as pd

    return pd.DataFrame({
        "nis2025": ["35013", "35013", "11002"],
        "budget_eur": [10_000.0, None, 5_000.0],
        "budget_basis": ["granted", "", "maximum"],
    })



def test_need_against_projects_per_municipality_keeps_zero_and_missing_apart(munis):
    from atlas.model import budget as b

    frame = b.need_against_projects(_need_projects(), munis).set_index("name")
    oostende = frame.loc["Oostende"]
    assert oostende["kansarmoede_index_pct"] == pytest.approx(31.91)
    assert oostende["n_projects"] == 2 and oostende["amount_granted_eur"] == 10_000.0 and oostende["n_granted"] == 1
    assert oostende["projects_per_10k"] == pytest.approx(2 / 71_647 * 10_000)
    antwerpen = frame.loc["Antwerpen"]
    assert antwerpen["n_projects"] == 1 and antwerpen["amount_granted_eur"] == 0.0  # a maximum is not summed
    assert frame.loc["Gent", "n_projects"] == 0
    import math
    assert math.isnan(frame.loc["Herstappe", "kansarmoede_index_pct"])


def test_need_against_projects_per_province_weights_the_index_by_inhabitants(munis):
    from atlas.model import budget as b
    from geo.need import weighted_index

    frame = b.need_against_projects(_need_projects(), munis, "province").set_index("nis")
    west = munis[munis["province_nis"] == "30000"]
    assert frame.loc["30000", "kansarmoede_index_pct"] == pytest.approx(
        weighted_index(west["kansarmoede_index_pct"], west["population"]))
    assert frame.loc["30000", "n_projects"] == 2 and frame.loc["10000", "n_projects"] == 1
    import math
    assert math.isnan(frame.loc["4000", "kansarmoede_index_pct"])  # Brussels: no index, not 0
