"""The pages offer the GIS downloads next to CSV and Excel, and what a click downloads holds the
rows of the view (atlas.ui.tables.project_downloads, atlas.ui.tables.coverage_table_downloads)."""

from __future__ import annotations

import io
import json
from datetime import date

import geopandas as gpd
import pyogrio
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from atlas.text.i18n import t
from tests.app.conftest import run_app

pytestmark = pytest.mark.filterwarnings("ignore:File /vsimem/.*non conformant file extension:RuntimeWarning")


@pytest.fixture
def deferred(monkeypatch):
    """file name -> (mime, the callable a click runs) of every download button built on click."""
    files: dict[str, tuple[str, object]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        files[file_name] = (mimetype, data_callable)
        return original(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return files


def labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def ids_of_programme(projects, code: str) -> set[str]:
    return set(projects.loc[projects["programme"] == code, "id"])


def test_map_page_offers_the_shown_rows_as_csv_excel_geojson_and_geopackage(deferred, projects):
    at = run_app({"programme": "proeftuin"})
    assert not at.exception
    assert labels(at) == ["Download deze rijen (CSV, met filter en bronnen)", "Download als Excel (.xlsx)",
                          "Als GeoJSON (kaartlaag, WGS84)", "Als GeoPackage (Lambert 72 en WGS84)"]
    stamp = date.today().isoformat()
    names = {f"zorgzame-buurten-projecten-{stamp}.{ext}" for ext in ("csv", "xlsx", "geojson", "gpkg")}
    assert names <= set(deferred)
    mime, build = deferred[f"zorgzame-buurten-projecten-{stamp}.geojson"]
    doc = json.loads(build())
    assert mime == "application/geo+json"
    assert {f["properties"]["id"] for f in doc["features"]} == ids_of_programme(projects, "proeftuin")
    assert "programme=proeftuin" in doc["zorgzame_buurten"]["filter_link"]
    mime, build = deferred[f"zorgzame-buurten-projecten-{stamp}.gpkg"]
    data = build()
    assert mime == "application/geopackage+sqlite3"
    l72 = gpd.read_file(io.BytesIO(data), layer="projects_lambert72")
    assert set(l72["id"]) == ids_of_programme(projects, "proeftuin") and l72.crs.to_epsg() == 31370


def test_english_map_page_labels_the_gis_downloads_and_their_properties_in_english(deferred):
    at = run_app({"programme": "proeftuin", "lang": "en"})
    assert "As GeoJSON (map layer, WGS84)" in labels(at) and "As GeoPackage (Lambert 72 and WGS84)" in labels(at)
    _, build = deferred[f"zorgzame-buurten-projecten-{date.today().isoformat()}.geojson"]
    doc = json.loads(build())
    assert {(f["properties"]["programme_code"], f["properties"]["programme"]) for f in doc["features"]} == {
        ("proeftuin", t("prog_proeftuin", "en"))}
    assert t("prog_proeftuin", "en") != t("prog_proeftuin", "nl")
    assert doc["zorgzame_buurten"]["language"] == "en"


def test_programme_page_offers_its_rows_with_geometry(deferred, projects):
    at = run_app(page="pages/programme_proeftuin.py")
    assert not at.exception
    assert labels(at).count("Als GeoPackage (Lambert 72 en WGS84)") == 1
    _, build = deferred[f"zorgzame-buurten-projecten-proeftuin-{date.today().isoformat()}.geojson"]
    doc = json.loads(build())
    assert {f["properties"]["id"] for f in doc["features"]} == ids_of_programme(projects, "proeftuin")


def test_coverage_page_offers_its_municipality_table_with_boundaries(deferred):
    at = run_app({"institute": "saamo-limburg"}, page="pages/coverage.py")
    assert not at.exception
    assert {"Tabel met gemeentegrenzen (GeoJSON)", "Tabel met gemeentegrenzen (GeoPackage)"} <= set(labels(at))
    stamp = date.today().isoformat()
    _, build = deferred[f"zorgzame-buurten-dekking-saamo-limburg-{stamp}.gpkg"]
    data = build()
    assert {name for name, _ in pyogrio.list_layers(io.BytesIO(data))} == {
        "municipalities_lambert72", "municipalities_wgs84", "about"}
    wgs = gpd.read_file(io.BytesIO(data), layer="municipalities_wgs84")
    assert len(wgs) == 38 and set(wgs.geom_type) <= {"Polygon", "MultiPolygon"}
    _, build = deferred[f"zorgzame-buurten-dekking-saamo-limburg-{stamp}.csv"]
    assert build().decode("utf-8-sig").count("\r\n") >= 38
