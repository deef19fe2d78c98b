"""geo.gisfile: points from lon/lat, RFC 7946 GeoJSON and a two-CRS GeoPackage of a plain frame."""

from __future__ import annotations

import io
import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest

from geo import gisfile

pytestmark = pytest.mark.filterwarnings("ignore:File /vsimem/.*non conformant file extension:RuntimeWarning")


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["a", "b", "c", "d"],
        "lon": [4.3517, np.nan, 200.0, 3.7174],
        "lat": [50.8466, 51.0, 51.0, 51.0543],
        "amount": [1.5, np.nan, math.inf, 3],
        "note": ["x", None, "", "y"],
    })


def test_rows_without_valid_coordinates_stay_with_a_null_geometry_and_nan_is_null():
    doc = json.loads(gisfile.to_geojson(gisfile.points(frame()), "meta", {"k": "v"}))
    assert doc["type"] == "FeatureCollection" and doc["meta"] == {"k": "v"} and "crs" not in doc
    geoms = [f["geometry"] for f in doc["features"]]
    assert geoms[0] == {"type": "Point", "coordinates": [4.3517, 50.8466]}  # longitude first
    assert geoms[1] is None and geoms[2] is None  # no longitude; a longitude of 200°
    assert [f["properties"]["amount"] for f in doc["features"]] == [1.5, None, None, 3]
    assert [f["properties"]["note"] for f in doc["features"]] == ["x", None, "", "y"]


def test_geopackage_holds_each_layer_in_its_crs_and_the_metadata_table():
    gdf = gisfile.points(frame())
    data = gisfile.to_gpkg({"p_l72": gdf.to_crs(gisfile.LAMBERT72), "p_wgs84": gdf}, "about", ["one", "two"])
    assert [tuple(x) for x in pyogrio.list_layers(io.BytesIO(data))] == [
        ("p_l72", "Point"), ("p_wgs84", "Point"), ("about", None)]
    l72 = gpd.read_file(io.BytesIO(data), layer="p_l72")
    assert l72.crs.to_epsg() == 31370 and list(l72["id"]) == ["a", "b", "c", "d"]
    # Brussels' Grand-Place in Lambert 72 metres (about x 149 km, y 170 km)
    assert 148_000 < l72.geometry.iloc[0].x < 150_500 and 169_500 < l72.geometry.iloc[0].y < 171_500
    assert l72.geometry.iloc[1] is None
    assert list(pyogrio.read_dataframe(io.BytesIO(data), layer="about")["line"]) == ["one", "two"]
