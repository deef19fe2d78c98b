"""GIS files of plain tables: GeoJSON (RFC 7946) and GeoPackage bytes (pure: frames in, bytes out).

The table (its columns, labels, escaping) is the caller's; this module only adds geometry:
points from longitude/latitude columns, or the polygons of a GeoDataFrame, and writes them.

* GeoJSON follows RFC 7946: WGS84 longitude/latitude, no `crs` member, a row without
  coordinates is a feature with `"geometry": null`; NaN becomes `null`; extra information
  (the filter link, the sources) goes in one top-level foreign member.
* A GeoPackage holds the same rows twice, in Belgian Lambert 72 (EPSG:31370, metres, what
  Flemish GIS data uses) and in WGS84 (EPSG:4326), plus an attribute table with the metadata
  lines.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

GEOJSON_MIME = "application/geo+json"
GPKG_MIME = "application/geopackage+sqlite3"
WGS84 = "EPSG:4326"
LAMBERT72 = "EPSG:31370"
COORD_DECIMALS = 7  # about 1 cm: the precision of the data, no more


def points(frame: pd.DataFrame, lon: str = "lon", lat: str = "lat") -> gpd.GeoDataFrame:
    """The frame with point geometry (WGS84) from its lon/lat columns; a row without valid
    coordinates keeps an empty geometry (None)."""
    x = pd.to_numeric(frame[lon], errors="coerce")
    y = pd.to_numeric(frame[lat], errors="coerce")
    ok = x.between(-180, 180) & y.between(-90, 90)
    geometry = gpd.GeoSeries.from_xy(x.where(ok), y.where(ok), crs=WGS84, index=frame.index)
    geometry = geometry.where(ok, None)
    return gpd.GeoDataFrame(frame.copy(), geometry=geometry, crs=WGS84)


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(float(value)) else None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _rounded(coords: Any) -> Any:
    if isinstance(coords, (list, tuple)):
        return [_rounded(c) for c in coords]
    return round(float(coords), COORD_DECIMALS)


def _geometry(geom) -> dict | None:
    if geom is None or geom.is_empty:
        return None
    mapping = geom.__geo_interface__
    return {"type": mapping["type"], "coordinates": _rounded(mapping["coordinates"])}


def to_geojson(gdf: gpd.GeoDataFrame, meta_key: str, meta: dict) -> bytes:
    """A FeatureCollection (RFC 7946) of every row; `meta` under the top-level member `meta_key`."""
    wgs = gdf.to_crs(WGS84) if gdf.crs is not None and gdf.crs != WGS84 else gdf
    columns = [c for c in wgs.columns if c != wgs.geometry.name]
    features = [
        {"type": "Feature",
         "geometry": _geometry(geom),
         "properties": {c: _json_value(v) for c, v in zip(columns, values)}}
        for geom, values in zip(wgs.geometry, wgs[columns].itertuples(index=False, name=None))
    ]
    doc = {"type": "FeatureCollection", meta_key: meta, "features": features}
    return json.dumps(doc, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _for_gpkg(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Text and date columns as plain values GDAL types as text (dates as ISO text), so that a
    column of Python dates or mixed objects never fails or becomes a binary field."""
    out = gdf.copy()
    for c in out.columns:
        if c != out.geometry.name and (out[c].dtype == object or pd.api.types.is_string_dtype(out[c])):
            out[c] = pd.Series([_json_value(x) for x in out[c]], index=out.index, dtype=object)
    return out


def to_gpkg(layers: dict[str, gpd.GeoDataFrame], meta_layer: str, meta_lines: list[str]) -> bytes:
    """A GeoPackage with each layer of `layers` (name -> frame, in its own CRS) and an attribute
    table `meta_layer` with one line of metadata per row. (Written to a private temporary
    folder: GDAL cannot append layers to an in-memory buffer.)"""
    import tempfile

    import pyogrio

    with tempfile.TemporaryDirectory(prefix="zb-gpkg-") as folder:
        path = Path(folder) / "export.gpkg"
        for i, (name, gdf) in enumerate(layers.items()):
            pyogrio.write_dataframe(_for_gpkg(gdf), path, layer=name, driver="GPKG", append=i > 0,
                                    promote_to_multi=False)
        pyogrio.write_dataframe(pd.DataFrame({"line": [str(x) for x in meta_lines]}), path, layer=meta_layer,
                                driver="GPKG", append=True)
        return path.read_bytes()
