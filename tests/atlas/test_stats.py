"""Map-page figures: KPIs, n of N known, the generated summary, the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest

from atlas.model import completeness, schema
from atlas.model.filters import FilterState
from atlas.views import stats


def frame(**cols) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    base = {"id": [f"p{i}" for i in range(n)], "programme": ["zorgzame_buurt"] * n, "nis2025": ["11002"] * n,
            "degurba": ["1"] * n, "uitrusting": ["a0"] * n, "budget_eur": [float("nan")] * n,
            "budget_basis": [""] * n, "start_date": [pd.NaT] * n, "end_date": [pd.NaT] * n}
    base.update(cols)
    return pd.DataFrame(base)


def test_budget_kpi_sums_only_granted_amounts_and_counts_the_rest():
    f = frame(budget_eur=[100000.0, 82000.0, 75000.0, 100000.0, float("nan")],
              budget_basis=["granted", "granted", "standard_rate", "maximum", ""])
    k = stats.kpis(f, "degurba")
    assert k.budget_granted == 182000.0 and k.n_granted == 2
    assert k.n_other_basis == 2 and k.n_unknown_budget == 1


def test_rural_share_uses_the_chosen_typology():
    f = frame(degurba=["3", "3", "2", "1"], uitrusting=["c3", "b0", "a0", "a1"])
    assert stats.kpis(f, "degurba").rural_share == pytest.approx(0.5)
    # uitrustingsgraad: b1 and c0-c3 count as more rural
    assert stats.kpis(f, "uitrusting").rural_share == pytest.approx(0.25)


def test_rural_share_ignores_projects_without_a_class():
    f = frame(uitrusting=["", "", "c1", "a0"])  # Brussels has no uitrustingsgraad class
    k = stats.kpis(f, "uitrusting")
    assert k.rural_known == 2 and k.rural_share == pytest.approx(0.5)


def test_municipalities_reached_counts_distinct_2025_codes():
    assert stats.kpis(frame(nis2025=["11002", "11002", "44021", ""]), "degurba").municipalities == 2


def test_known_counts_compare_the_map_with_the_official_totals(projects, programmes_df):
    counts = {kc.programme: kc for kc in completeness.known_counts(projects, programmes_df)}
    # Expected numbers from the raw CSV (rows per programme; Brussels NIS codes start with 21).
    with open(schema.PROJECTS_CSV, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    n_rows = {p: sum(r["programme"] == p for r in rows) for p in schema.PROGRAMMES}
    n_bxl = sum(r["programme"] == "zorgzame_buurt" and r["municipality_nis"].startswith("21") for r in rows)
    assert counts["stek"].official == 16 and counts["stek"].known == n_rows["stek"]
    assert counts["proeftuin"].official == 6 and counts["proeftuin"].known == n_rows["proeftuin"]
    zb = counts["zorgzame_buurt"]
    # 114 were approved in Flanders: Brussels projects are counted apart.
    assert zb.official == 114 and zb.scope == "flanders"
    assert zb.known + zb.outside_scope == n_rows["zorgzame_buurt"] and zb.outside_scope == n_bxl
    assert counts["stek_bestaand"].official is None
    text = completeness.known_count_text(zb, "nl")
    assert text == (f"Zorgzame buurt: {n_rows['zorgzame_buurt'] - n_bxl} van 114 projecten in Vlaanderen met gekende "
                    f"locatie (+ {n_bxl} in Brussel)")


def test_summary_states_counts_budget_and_status_in_dutch():
    f = frame(programme=["stek", "zorgzame_buurt"], nis2025=["71034", "71004"], degurba=["2", "3"],
              budget_eur=[float("nan"), 100000.0], budget_basis=["", "granted"],
              start_date=[pd.NaT, pd.Timestamp("2022-03-01")], end_date=[pd.NaT, pd.Timestamp("2024-02-29")])
    text = stats.summary(f, FilterState(date=date(2024, 3, 1)), "nl")
    assert text.startswith("De kaart toont 2 projecten (1 STEK (16 nieuwe), 1 Zorgzame buurt) in 2 gemeenten.")
    assert "ligt 50 % ervan in landelijk gebied" in text
    assert "€\xa0100.000 voor 1 projecten" in text and "1 projecten hebben geen gepubliceerd bedrag" in text
    assert "Status op 1 maart 2024: 0 lopend, 1 afgelopen, 0 gepland, 1 onbekend." in text


def test_summary_of_nothing_says_so():
    assert stats.summary(frame(id=[]), FilterState(), "en").startswith("No projects for these filters")


def test_summary_of_a_selected_place_names_it_even_when_empty():
    text = stats.summary(frame(id=[]), FilterState(municipality="23088"), "nl", place="Vilvoorde")
    assert text.startswith("0 projecten in Vilvoorde")
    assert stats.summary(frame(id=[]), FilterState(), "en", place="Vilvoorde").startswith("0 projects in Vilvoorde")


def test_export_has_exactly_the_shown_rows_with_filter_and_sources():
    f = frame(id=["a", "b"], source_url=["https://a.be", "https://b.be | https://c.be"],
              start_date=pd.to_datetime(["2022-03-01", None]), end_date=pd.to_datetime(["2024-02-29", None]))
    state = FilterState(programmes=("zorgzame_buurt",), lang="en")
    raw = stats.export_csv(f, state, "http://localhost:8501/?programme=zorgzame_buurt", ["Bron: Statbel"],
                           today=date(2026, 1, 2))
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "# filter: http://localhost:8501/?programme=zorgzame_buurt"
    assert text.splitlines()[1].startswith("# Zorgzame buurten in kaart")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert "# Bron: Statbel" in comments
    table = pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)
    assert list(table["Id"]) == ["a", "b"]
    assert list(table["Sources"]) == ["https://a.be", "https://b.be | https://c.be"]
    assert list(table["Start"]) == ["2022-03-01", ""]
    assert list(table["Programme code (technical)"]) == ["zorgzame_buurt"] * 2


def test_dutch_export_opens_in_belgian_excel_semicolons_dutch_headers_decimal_comma():
    f = frame(id=["a"], source_url=["https://a.be"], lat=[51.05], lon=[3.72], budget_eur=[12500.5],
              budget_basis=["granted"], name=["=HYPERLINK(\"https://evil.example\")"])
    raw = stats.export_csv(f, FilterState(), "http://x/", [], today=date(2026, 1, 2)).decode("utf-8-sig")
    table = pd.read_csv(io.StringIO(raw), comment="#", sep=";", dtype=str, keep_default_na=False)
    assert table.loc[0, "Breedtegraad"] == "51,05" and table.loc[0, "Budget (euro)"] == "12500,5"
    assert table.loc[0, "Programma"] == "Zorgzame buurt" or table.loc[0, "Programma"].startswith("Zorgzame")
    assert table.loc[0, "Naam"].startswith("'=")


def test_xlsx_export_has_the_same_rows_with_typed_numbers():
    import openpyxl

    f = frame(id=["a", "b"], source_url=["https://a.be", "https://b.be"], budget_eur=[1000.5, float("nan")],
              budget_basis=["granted", ""], name=["=1+1", "ok"])
    raw = stats.export_xlsx(f, FilterState(), "http://x/?lang=nl", ["Bron: Statbel"], today=date(2026, 1, 2))
    rows = list(openpyxl.load_workbook(io.BytesIO(raw)).active.iter_rows(values_only=True))
    assert rows[0][0] == "# filter: http://x/?lang=nl"
    header = next(i for i, r in enumerate(rows) if r[0] == "Id")
    table = [dict(zip(rows[header], r)) for r in rows[header + 1:]]
    assert [r["Id"] for r in table] == ["a", "b"] and table[0]["Budget (euro)"] == 1000.5
    assert table[0]["Naam"] == "=1+1"  # a text cell, not a formula
