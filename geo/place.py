"""Place points in today's (2025) municipalities.

``locate(df)`` is a vectorised point-in-polygon join (``geopandas.sjoin``) on the
placement-precision 2025 municipality polygons (``geo.reference.municipalities_full()``:
the official polygons with a 20 m coverage simplification, measured to place every project
of data/projects.csv as the official polygons do; see ``geo.build``).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import reference

LOCATE_COLUMNS = [
    "nis2025",
    "municipality2025",
    "province_nis",
    "province_name",
    "region",
    "in_stated_municipality",
]
_SOURCE_COLUMNS = ("nis", "name", "province_nis", "province_name", "region")


def representative_points(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Copy of ``gdf`` whose geometry is a point guaranteed to lie inside each polygon,
    with added ``lon`` / ``lat`` columns (coordinates in the layer's CRS)."""
    lon, lat = reference._representative_lonlat(gdf.geometry.values)
    out = gdf.copy()
    out = out.set_geometry(gpd.points_from_xy(lon, lat), crs=gdf.crs)
    out["lon"] = lon
    out["lat"] = lat
    return out


def locate(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` with the 2025 municipality of each point.

    Input columns: ``lat``, ``lon`` (WGS84 floats) and ``municipality_nis`` (the stated
    municipality, a 2019-2024 or 2025 code). Added columns: ``nis2025``,
    ``municipality2025``, ``province_nis``, ``province_name``, ``region`` (empty strings
    when the point lies outside every Flemish/Brussels municipality or has no
    coordinates) and ``in_stated_municipality`` (bool: the point lies in the stated
    municipality after mapping its code 2024 -> 2025). A point exactly on a border is
    given to the stated municipality when that is one of the touching municipalities.
    The index of ``df`` is kept. Raises ``geo.config.GeoUnavailable`` when the
    reference layer is missing (only possible with an incomplete ``$ATLAS_GEO_DIR``).
    """
    missing = [c for c in ("lat", "lon", "municipality_nis") if c not in df.columns]
    if missing:
        raise KeyError(f"locate(): missing column(s) {missing}")

    out = df.copy()
    n = len(out)
    mun = reference.municipalities_full()
    cw = reference.nis_2024_to_2025()

    stated = reference.nis5(out["municipality_nis"].to_numpy()).to_numpy(dtype=object)
    stated25 = np.array([cw.get(code, code) for code in stated], dtype=object)

    lat = pd.to_numeric(out["lat"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(out["lon"], errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(lat) & np.isfinite(lon)

    mun_nis = mun["nis"].to_numpy(dtype=object)
    hit = np.full(n, -1, dtype=np.int64)  # row position in `mun`; -1 = no municipality
    if ok.any():
        pos = np.flatnonzero(ok)
        points = gpd.GeoDataFrame(
            {"_pos": pos},
            geometry=gpd.points_from_xy(lon[pos], lat[pos]),
            crs=reference.WGS84,
        )
        polys = gpd.GeoDataFrame(
            {"_row": np.arange(len(mun))}, geometry=mun.geometry.values, crs=mun.crs
        )
        joined = gpd.sjoin(points, polys, how="inner", predicate="intersects")
        if len(joined):
            j = pd.DataFrame(
                {"_pos": joined["_pos"].to_numpy(), "_row": joined["_row"].to_numpy()}
            )
            j["_stated"] = mun_nis[j["_row"].to_numpy()] == stated25[j["_pos"].to_numpy()]
            # Border points: prefer the stated municipality, then the first row.
            j = j.sort_values(["_pos", "_stated", "_row"], ascending=[True, False, True])
            j = j.drop_duplicates("_pos")
            hit[j["_pos"].to_numpy()] = j["_row"].to_numpy()

    found = hit >= 0
    safe = np.where(found, hit, 0)

    def take(col: str) -> np.ndarray:
        values = mun[col].to_numpy(dtype=object)[safe] if len(mun) else np.full(n, "")
        return np.where(found, values, "").astype(object)

    for col, src in zip(LOCATE_COLUMNS[:5], _SOURCE_COLUMNS):
        out[col] = pd.Series(take(src), index=out.index, dtype=str)
    in_stated = found & (take("nis") == stated25)
    out["in_stated_municipality"] = pd.Series(in_stated, index=out.index, dtype=bool)
    return out
