"""The map as the app builds it (atlas.views.mapview): filter state, language, palette and formats
turned into geo.mapbuilder's plain values. Markers per programme, legend, choropleths, texts."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from atlas.model import schema
from atlas.model.data import status_at
from atlas.model.filters import FilterState
from atlas.text.labels import typology_legend
from atlas.views import mapview
from geo.mapbuilder import ProgrammeMarkers

HOSTILE = "<img src=x onerror=alert(1)> & \"quotes\""


@pytest.fixture(scope="module")
def projects(projects):
    """The shipped projects with their status at today's reference date (as the map page shows them)."""
    return projects.assign(status=status_at(projects, FilterState().ref_date))


def marker_counts(m) -> dict[str, int]:
    return {c.programme: len(c.rows) for c in m.zb_layer._children.values() if isinstance(c, ProgrammeMarkers)}


def legend(m) -> dict:
    doc = m.get_root().render()
    match = re.search(r"zbMap\.legend\(\w+, ", doc)
    return json.JSONDecoder().raw_decode(doc, match.end())[0]


def legend_texts(m) -> list[str]:
    cfg = legend(m)
    return ([cfg["title"]] + [g["label"] for g in cfg["groups"]]
            + [text for s in cfg["sections"] for text in [s["title"]] + [r["label"] for r in s["rows"]]])


def hostile_projects() -> pd.DataFrame:
    row = {c: HOSTILE for c in ("id", "name", "municipality", "neighbourhood", "organisation", "status_note",
                                "period_note", "municipality2025")}
    row.update(programme="zorgzame_buurt", lat=51.0, lon=4.0, start_date=pd.NaT, end_date=pd.NaT,
               budget_eur=float("nan"), budget_basis="", status="unknown", coord_precision="municipality",
               confidence="high", source_url='https://example.org/"><script>alert(1)</script>')
    return pd.DataFrame([row])


def test_one_marker_per_project_grouped_by_programme(projects, layers):
    m = mapview.build(projects, layers, FilterState())
    expected = projects["programme"].value_counts().to_dict()
    assert marker_counts(m) == expected
    assert set(expected) == set(schema.PROGRAMMES)


def test_only_the_filtered_programme_is_drawn(projects, layers):
    state = FilterState(programmes=("proeftuin",))
    m = mapview.build(state.apply(projects), layers, state)
    assert marker_counts(m) == {"proeftuin": 6}


def test_legend_lists_each_programme_with_its_count_and_the_boundaries(projects, layers):
    state = FilterState(programmes=("stek", "proeftuin"))
    texts = legend_texts(mapview.build(state.apply(projects), layers, state))
    n_stek = int((projects["programme"] == "stek").sum())
    assert f"STEK (16 nieuwe) ({n_stek})" in texts
    assert "Proeftuin buurtgericht netwerk (6)" in texts
    assert "gemeentegrens (2025)" in texts and not any(x.startswith("Zorgzame buurt (") for x in texts)


def test_legend_is_english_when_the_state_says_so(projects, layers):
    texts = legend_texts(mapview.build(projects, layers, FilterState(lang="en")))
    assert "municipal boundary (2025)" in texts and "Legend" in texts


def test_typology_choropleth_colours_municipalities_and_explains_classes(projects, layers):
    m = mapview.build(projects, layers, FilterState(), colour_by="typology")
    section = legend(m)["sections"][0]
    assert section["title"] == "Verstedelijkingsgraad (Eurostat DEGURBA)"
    assert [(r["label"], r["colour"]) for r in section["rows"]] == [
        (label, mapview.CLASS_COLOURS["degurba"][code])
        for code, label in typology_legend("degurba", "nl")["classes"].items()]
    assert section["rows"][2]["label"] == "Platteland (dunbevolkt)"
    fills = mapview.params(projects, layers, FilterState(), colour_by="typology").fills
    assert len(fills) == 304 and {"#5e3c99", "#fdb863"} <= set(fills.values())


def test_density_legend_uses_belgian_decimals_and_every_class(projects, layers):
    section = legend(mapview.build(projects, layers, FilterState(), colour_by="density"))["sections"][0]
    assert section["title"] == "Projecten per 10.000 inwoners"
    assert [r["label"] for r in section["rows"]][:2] == ["0", "> 0,0 – 0,5"]
    assert [r["colour"] for r in section["rows"]] == list(mapview.DENSITY_COLOURS)


def test_density_classes_separate_no_project_from_some():
    assert mapview.density_class(0) == 0
    assert mapview.density_class(0.3) == 1
    assert mapview.density_class(1.5) == 3
    assert mapview.density_class(50) == len(mapview.DENSITY_COLOURS) - 1


def test_marker_texts_are_formatted_in_the_ui_language(projects):
    pt01 = projects[projects["id"] == "PT-01"]
    nl = mapview.marker_frame(pt01, "nl").iloc[0]
    en = mapview.marker_frame(pt01, "en").iloc[0]
    assert nl["budget"] == "€\xa0125.000 (toegekend)" and en["budget"] == "€125,000 (granted)"
    assert nl["period"].startswith("1 juli 2019 – 30 juni 2022, verlengd tot 30 juni 2024 (")
    assert en["period"].startswith("1 July 2019 – 30 June 2022, extended until 30 June 2024 (")


def test_data_text_is_passed_on_unescaped_for_the_browser_to_show_as_text():
    frame = mapview.marker_frame(hostile_projects(), "nl")
    row = frame.iloc[0]
    assert row["name"] == HOSTILE and row["id"] == HOSTILE and row["organisation"] == HOSTILE
    assert row["sources"] == ['https://example.org/"><script>alert(1)</script>']
    html_doc = mapview.build(hostile_projects(), None, FilterState()).get_root().render()
    assert "<img" not in html_doc and "<script>alert" not in html_doc


def test_own_uploaded_locations_get_their_own_layer_and_legend_entry():
    own = hostile_projects().assign(own=True, name="Mijn buurthuis", programme="stek")
    official = hostile_projects().assign(own=False, name="Officieel project", lat=50.9)
    m = mapview.build(pd.concat([official, own], ignore_index=True), None, FilterState())
    assert marker_counts(m) == {"zorgzame_buurt": 1, "eigen": 1}  # not counted as a STEK
    texts = legend_texts(m)
    assert "Eigen locatie (upload, enkel voor jou) (1)" in texts and not any(x.startswith("STEK (16") for x in texts)


def test_highlight_label_and_fill_legend_replace_the_choropleth_legend():
    m = mapview.build(hostile_projects(), None, FilterState(), colour_by="density",
                      fill_legend=[("#f4a582", "witte vlek")], fill_title="Dekking",
                      highlight_ids={HOSTILE}, highlight_label="eigen STEK-locaties")
    sections = legend(m)["sections"]
    assert sections[0] == {"title": "Dekking", "rows": [{"kind": "fill", "colour": "#f4a582", "label": "witte vlek"}]}
    assert sections[-1]["rows"][-1] == {"kind": "ring", "colour": "", "label": "eigen STEK-locaties"}


def test_a_selected_municipality_or_single_province_is_highlighted_with_a_legend_row(projects, layers):
    m = mapview.params(projects, layers, FilterState(municipality="23088"))
    assert m.selected == ("23088",)
    rows = m.legend_sections[-1].rows
    assert rows[0].kind == "selected" and rows[0].label == "geselecteerd gebied"
    limburg = mapview.params(projects, layers, FilterState(provinces=("70000",), lang="en"))
    assert len(limburg.selected) == 38 and all(n.startswith("7") for n in limburg.selected)
    assert limburg.legend_sections[-1].rows[0].label == "selected area"
    assert mapview.params(projects, layers, FilterState(provinces=("70000", "10000"))).selected == ()


@pytest.mark.parametrize("mode", ["kansarmoede", "oki"])
def test_need_choropleth_has_fixed_classes_and_no_data_row(projects, layers, mode):
    section = legend(mapview.build(projects, layers, FilterState(), colour_by=mode))["sections"][0]
    rows = section["rows"]
    assert [r["colour"] for r in rows] == list(mapview.NEED_COLOURS) + [mapview.NEED_NO_DATA_COLOUR]
    assert rows[-1]["label"] == "geen gegevens"
    if mode == "kansarmoede":
        assert [r["label"] for r in rows[:-1]] == ["0 – 5 %", "5 – 10 %", "10 – 15 %", "15 – 20 %", "20 – 25 %",
                                                    "25 % en meer"]
    else:
        assert [r["label"] for r in rows[:-1]][:2] == ["0,00 – 0,25", "0,25 – 0,50"]


def test_kansarmoede_fills_known_values_and_leaves_missing_as_no_data(projects, layers):
    fills = mapview.params(projects, layers, FilterState(), colour_by="kansarmoede").fills
    assert fills["35013"] == mapview.NEED_COLOURS[5]  # Oostende 31.91 %
    assert fills["11002"] == mapview.NEED_COLOURS[4]  # Antwerpen 24.82 %
    for nis in ("23009", "45062", "73028", "21004"):  # Bever, Horebeke, Herstappe (no value), Brussel
        assert fills[nis] == mapview.NEED_NO_DATA_COLOUR
    assert mapview.NEED_NO_DATA_COLOUR not in mapview.NEED_COLOURS


def test_need_legend_in_english(projects, layers):
    section = legend(mapview.build(projects, layers, FilterState(lang="en"), colour_by="kansarmoede"))["sections"][0]
    assert section["rows"][-1]["label"] == "no data"
    assert section["rows"][-2]["label"] == "25 % and over"
