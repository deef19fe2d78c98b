"""GIS downloads (atlas.views.gis, geo.gisfile): each file is opened with pyogrio/geopandas and its rows,
codes, labels and coordinates are compared with the data."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from pyproj import Transformer

from atlas.model.data import status_at
from atlas.model.filters import FilterState
from atlas.text.i18n import t
from atlas.views import gis, report, stats

TODAY = date(2026, 12, 6)
LINK = "https://kaart.example/?programme=proeftuin&lang=nl"
SOURCES = ["Bron: Statbel (CC BY 4.0)"]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

pytestmark = pytest.mark.filterwarnings("ignore:File /vsimem/.*non conformant file extension:RuntimeWarning")


@pytest.fixture(scope="module")
def projects(projects):
    """The shipped projects with their status at today's reference date."""
    return projects.assign(status=status_at(projects, FilterState().ref_date))


def shown_for(state: FilterState, projects: pd.DataFrame) -> pd.DataFrame:
    return state.apply(projects, None)


def read_geojson(data: bytes) -> tuple[dict, gpd.GeoDataFrame]:
    doc = json.loads(data.decode("utf-8"))
    return doc, gpd.read_file(io.BytesIO(data))


def layers_of(data: bytes) -> dict[str, str | None]:
    return {name: kind for name, kind in pyogrio.list_layers(io.BytesIO(data))}


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("id").sort_index()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_projects_geojson_has_every_shown_row_with_codes_labels_and_lon_lat(projects, lang):
    state = FilterState(lang=lang)
    shown = shown_for(state, projects)
    doc, gdf = read_geojson(gis.projects_geojson(shown, state, LINK, SOURCES, TODAY))
    # RFC 7946: a FeatureCollection in WGS84 without a `crs` member
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == len(shown) == len(projects)
    got, want = by_id(gdf), by_id(shown)
    assert list(got.index) == list(want.index)
    assert (got["programme_code"] == want["programme"]).all()
    assert (got["status_code"] == want["status"]).all()
    assert (got["programme"] == want["programme"].map(lambda p: t("prog_" + p, lang))).all()
    assert (got["status"] == want["status"].map(lambda s: t("status_" + s, lang))).all()
    assert (got["municipality_nis"] == want["municipality_nis"]).all()
    # [longitude, latitude], as in the data (not swapped)
    assert (got.geometry.x - want["lon"]).abs().max() < 1e-7
    assert (got.geometry.y - want["lat"]).abs().max() < 1e-7
    first = doc["features"][0]
    row = shown[shown["id"] == first["properties"]["id"]].iloc[0]
    assert first["geometry"]["coordinates"] == [pytest.approx(row["lon"]), pytest.approx(row["lat"])]
    # the amounts stay numbers, unknown ones null
    amounts = {f["properties"]["id"]: f["properties"]["budget_eur"] for f in doc["features"]}
    for pid, amount in want["budget_eur"].items():
        assert (amounts[pid] is None) if pd.isna(amount) else amounts[pid] == pytest.approx(amount)


def test_projects_geojson_carries_the_filter_link_sources_and_translated_field_names(projects):
    state = FilterState(programmes=("proeftuin",), lang="en")
    shown = shown_for(state, projects)
    doc, gdf = read_geojson(gis.projects_geojson(shown, state, LINK, SOURCES, TODAY))
    assert set(gdf["programme_code"]) == {"proeftuin"} and len(gdf) == (projects["programme"] == "proeftuin").sum()
    meta = doc[gis.META_KEY]
    assert meta["filter_link"] == LINK and meta["created"] == "2026-12-06" and meta["language"] == "en"
    assert meta["notes"] == stats.export_comments(state, LINK, SOURCES, TODAY)
    assert SOURCES[0] in meta["notes"]
    assert meta["fields"]["municipality"] == t("exp_col_municipality", "en")
    assert set(meta["fields"]) == set(doc["features"][0]["properties"])


def test_projects_gpkg_has_lambert72_and_wgs84_layers_with_the_same_rows(projects):
    state = FilterState(provinces=("70000",))
    shown = shown_for(state, projects)
    data = gis.projects_gpkg(shown, state, LINK, SOURCES, TODAY)
    assert layers_of(data) == {"projects_lambert72": "Point", "projects_wgs84": "Point", "about": None}
    l72 = gpd.read_file(io.BytesIO(data), layer="projects_lambert72")
    wgs = gpd.read_file(io.BytesIO(data), layer="projects_wgs84")
    assert l72.crs.to_epsg() == 31370 and wgs.crs.to_epsg() == 4326
    want = by_id(shown)
    assert 0 < len(want) < len(projects)
    for layer in (l72, wgs):
        got = by_id(layer)
        assert list(got.index) == list(want.index)
        assert (got["programme_code"] == want["programme"]).all()
        assert (got["municipality_nis"] == want["municipality_nis"]).all()
        assert (got["province_name"] == "Limburg").all()
    # Lambert 72 metres: the data's lon/lat projected independently (pyproj)
    to_l72 = Transformer.from_crs(4326, 31370, always_xy=True)
    x, y = to_l72.transform(want["lon"].to_numpy(), want["lat"].to_numpy())
    got = by_id(l72)
    assert (abs(got.geometry.x.to_numpy() - x)).max() < 0.01 and (abs(got.geometry.y.to_numpy() - y)).max() < 0.01
    assert ((got.geometry.x > 150_000) & (got.geometry.x < 260_000)).all()  # Limburg, in metres
    assert (by_id(wgs).geometry.x - want["lon"]).abs().max() < 1e-7
    about = pyogrio.read_dataframe(io.BytesIO(data), layer="about")
    lines = list(about["line"])
    assert f"filter_link: {LINK}" in lines and SOURCES[0] in lines


def test_gis_text_has_no_formulas_and_no_control_characters(projects):
    hostile = projects.head(3).copy()
    hostile["name"] = ["=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(1+1)\x07", "\x1b[31mrood\x85 -1"]
    hostile["organisation"] = ["+cmd|' /C calc'!A0", "a\r\nb\tc", "-5"]
    hostile["organisation_nl"] = hostile["organisation"]  # the Dutch file shows the Dutch text column
    state = FilterState()
    doc, gdf = read_geojson(gis.projects_geojson(hostile, state, LINK, SOURCES, TODAY))
    gpkg = gpd.read_file(io.BytesIO(gis.projects_gpkg(hostile, state, LINK, SOURCES, TODAY)),
                         layer="projects_wgs84")
    for frame in (gdf, gpkg):
        names = list(by_id(frame)["name"])
        orgs = list(by_id(frame)["organisation"])
        want = by_id(hostile)
        assert names == [gis.clean_text(v) for v in want["name"]]
        assert names[list(want.index).index(hostile["id"].iloc[0])] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
        assert "'@SUM(1+1)" in names and "[31mrood -1" in names
        assert "'+cmd|' /C calc'!A0" in orgs and "a\nb c" in orgs and "-5" in orgs  # a number stays as it is
        for value in names + orgs:
            assert not CONTROL.search(value) and not value.startswith(("=", "+", "@"))


def test_file_names_say_what_and_when():
    assert gis.file_name("projecten", "gpkg", TODAY) == "zorgzame-buurten-projecten-2026-12-06.gpkg"
    assert gis.file_name("dekking-saamo-limburg", "geojson", TODAY) == \
        "zorgzame-buurten-dekking-saamo-limburg-2026-12-06.geojson"


# --- the coverage page's municipality table ------------------------------------------------

@pytest.fixture(scope="module")
def limburg(munis, institutes_df, territory, pdata):
    state = FilterState(institute="saamo-limburg")
    area = report.resolve_area(state, munis, institutes_df, state.lang)
    cov = report.compute_coverage(territory, pdata.projects, state.programmes, None, False)
    view = report.build_view(area, cov, typology=state.typology, within_km=None, lang=state.lang)
    return view, munis


def test_municipality_table_with_boundaries_has_the_csv_rows_and_each_polygon(limburg):
    view, munis = limburg
    table, _ = report.table_frame(view)
    comments = [f"filter: {LINK}", *SOURCES]
    doc, gdf = read_geojson(gis.municipalities_geojson(view, munis, LINK, comments, TODAY))
    assert doc[gis.META_KEY]["notes"] == comments and doc[gis.META_KEY]["filter_link"] == LINK
    assert len(gdf) == len(table) == 38
    assert list(gdf["nis"]) == list(table["nis"])
    assert list(gdf["projects"]) == list(table["projects"]) and list(gdf["white_spot"]) == list(table["white_spot"])
    assert gdf["population_2020"].sum() == view.summary.loc["all", "population"]
    shapes = munis.set_index("nis").geometry
    for nis, geom in zip(gdf["nis"], gdf.geometry):
        assert geom.geom_type in ("Polygon", "MultiPolygon")
        assert abs(geom.area - shapes[nis].area) < 1e-6 * max(shapes[nis].area, 1e-9) + 1e-9
    # the field names of the CSV's headers travel along
    assert doc[gis.META_KEY]["fields"]["municipality"] == t("exp_col_municipality", "nl")

    data = gis.municipalities_gpkg(view, munis, LINK, comments, TODAY)
    layers = layers_of(data)
    assert set(layers) == {"municipalities_lambert72", "municipalities_wgs84", "about"}
    l72 = gpd.read_file(io.BytesIO(data), layer="municipalities_lambert72")
    assert l72.crs.to_epsg() == 31370 and list(l72["nis"]) == list(table["nis"])
    want_m2 = munis.set_index("nis").geometry.to_crs(31370).area
    got_m2 = l72.set_index("nis").geometry.area
    assert ((got_m2 - want_m2[got_m2.index]).abs() < 1).all()  # square metres, as projected here
    assert got_m2.between(1e6, 3e8).all()  # from Herstappe (1.4 km²) to about 300 km², in m²
