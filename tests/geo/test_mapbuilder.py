"""The map builder, called directly: markers per programme, escaping, local assets, legend."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from atlas import schema
from atlas.data import load_projects, status_at
from atlas.filters import FilterState
from geo.mapbuilder import (
    DENSITY_COLOURS,
    ProgrammeMarkers,
    build_map,
    density_class,
    esc,
    prepare_layers,
    spread_colocated,
    standalone_html,
)

HOSTILE = "<img src=x onerror=alert(1)>"
CDN = re.compile(r"cdn\.jsdelivr|cdnjs|unpkg\.com|code\.jquery|bootstrapcdn|googleapis|d3js\.org", re.I)


@pytest.fixture(scope="module")
def layers():
    from geo import reference

    return prepare_layers(reference.municipalities(), reference.provinces())


@pytest.fixture(scope="module")
def projects():
    frame = load_projects().projects
    return frame.assign(status=status_at(frame, FilterState().ref_date))


def rendered(m) -> str:
    """The HTML document with JSON unicode escapes decoded, as the browser's JS would see the strings."""
    html_doc = m.get_root().render()
    for code, char in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&"), ("\\u0027", "'")):
        html_doc = html_doc.replace(code, char)
    return html_doc


def marker_counts(m) -> dict[str, int]:
    out = {}
    for child in m._children.values():
        if isinstance(child, ProgrammeMarkers):
            out[child.programme] = len(child.rows)
    return out


def test_one_marker_per_project_grouped_by_programme(projects, layers):
    m = build_map(projects, layers, FilterState())
    expected = projects["programme"].value_counts().to_dict()
    assert marker_counts(m) == expected
    assert set(expected) == set(schema.PROGRAMMES)


def test_only_the_filtered_programme_is_drawn(projects, layers):
    state = FilterState(programmes=("proeftuin",))
    m = build_map(state.apply(projects), layers, state)
    assert marker_counts(m) == {"proeftuin": 6}


def hostile_projects() -> pd.DataFrame:
    row = {c: HOSTILE for c in ("id", "name", "municipality", "neighbourhood", "organisation", "status_note",
                                "period_note", "municipality2025")}
    row.update(programme="zorgzame_buurt", lat=51.0, lon=4.0, start_date=pd.NaT, end_date=pd.NaT,
               budget_eur=float("nan"), budget_basis="", status="unknown", coord_precision="municipality",
               confidence="high", source_url='https://example.org/"><script>alert(1)</script>')
    return pd.DataFrame([row])


def test_hostile_text_in_every_field_is_escaped_in_the_rendered_map():
    html_doc = rendered(build_map(hostile_projects(), None, FilterState()))
    assert HOSTILE not in html_doc
    assert "<script>alert(1)</script>" not in html_doc
    assert html_doc.count(esc(HOSTILE)) >= 7  # name, municipality, neighbourhood, organisation, notes, id


def test_hostile_municipality_name_is_escaped_in_the_boundary_tooltips():
    from geo import reference

    munis = reference.municipalities()
    munis.loc[munis.index[0], "name"] = HOSTILE
    html_doc = rendered(build_map(hostile_projects().iloc[:0], prepare_layers(munis, None), FilterState()))
    assert HOSTILE not in html_doc and esc(HOSTILE) in html_doc


def test_map_loads_no_asset_from_a_cdn(projects, layers):
    html_doc = build_map(projects, layers, FilterState()).get_root().render()
    assert not CDN.search(html_doc)
    sources = re.findall(r'<script src="([^"]+)"', html_doc) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html_doc)
    assert sources and all(s.startswith("/app/static/") for s in sources), sources


def test_standalone_html_inlines_every_asset(projects, layers):
    html_doc = standalone_html(build_map(projects, layers, FilterState()))
    assert not re.search(r'<script src=|<link rel="stylesheet" href=', html_doc)
    assert "L.Map" in html_doc or "L.map" in html_doc
    assert "MarkerClusterGroup" in html_doc


def test_legend_lists_each_programme_with_its_count_and_the_boundaries(projects, layers):
    state = FilterState(programmes=("stek", "proeftuin"))
    html_doc = build_map(state.apply(projects), layers, state).get_root().render()
    n_stek = int((projects["programme"] == "stek").sum())
    assert f"STEK (16 nieuwe) ({n_stek})" in html_doc
    assert "Proeftuin buurtgericht netwerk (6)" in html_doc
    assert "gemeentegrens (2025)" in html_doc and "Zorgzame buurt (" not in html_doc


def test_legend_is_english_when_the_state_says_so(projects, layers):
    html_doc = build_map(projects, layers, FilterState(lang="en")).get_root().render()
    assert "municipal boundary (2025)" in html_doc and "Legend" in html_doc


def test_typology_choropleth_colours_municipalities_and_explains_classes(projects, layers):
    from geo.typology import TYPOLOGIES

    html_doc = build_map(projects, layers, FilterState(), colour_by="typology",
                         typology_def=TYPOLOGIES["degurba"]).get_root().render()
    for meta in TYPOLOGIES["degurba"]["classes"].values():
        assert esc(meta["label_nl"]) in html_doc
    assert "#5e3c99" in html_doc and "#fdb863" in html_doc


def test_density_classes_separate_no_project_from_some():
    assert density_class(0) == 0
    assert density_class(0.3) == 1
    assert density_class(1.5) == 3
    assert density_class(50) == len(DENSITY_COLOURS) - 1


def test_colocated_markers_are_spread_and_others_left_alone():
    lat = pd.Series([51.023, 51.023, 50.9])
    lon = pd.Series([3.719, 3.719, 4.0])
    new_lat, new_lon = spread_colocated(lat, lon)
    assert (new_lat[0], new_lon[0]) != (new_lat[1], new_lon[1])
    assert abs(new_lat[0] - 51.023) < 0.002 and abs(new_lon[1] - 3.719) < 0.003
    assert (new_lat[2], new_lon[2]) == (50.9, 4.0)


def test_map_without_reference_layers_still_shows_projects():
    m = build_map(hostile_projects(), None, FilterState())
    assert marker_counts(m) == {"zorgzame_buurt": 1}


def test_own_uploaded_locations_get_their_own_layer_and_legend_entry():
    own = hostile_projects().assign(own=True, name="Mijn buurthuis", programme="stek")
    official = hostile_projects().assign(own=False, name="Officieel project", lat=50.9)
    m = build_map(pd.concat([official, own], ignore_index=True), None, FilterState())
    assert marker_counts(m) == {"zorgzame_buurt": 1, "eigen": 1}  # not counted as a STEK
    html_doc = rendered(m)
    assert "Eigen locatie (upload, enkel voor jou) (1)" in html_doc and "STEK (16 nieuwe) (" not in html_doc
