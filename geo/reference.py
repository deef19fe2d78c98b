"""Reference geography: municipalities, provinces, regions, deelgemeenten, place names.

Every layer is read from the DERIVED files in ``geo.config.geo_dir()``: the folder
``geo/layers`` committed with the app, or ``$ATLAS_GEO_DIR`` pointing at another folder
of the same files. ``python -m geo build-reference`` makes them from the official raw
files; ``geo.build`` documents how each column is derived (merger rules, crosswalks,
simplification) and data/SOURCES.md lists sources and licences. Layers are kept in
memory once read (``functools.lru_cache`` keyed on the folder); each call returns a copy.

Two precisions of the 2025 municipalities:

* :func:`municipalities` for the map (coverage simplification at 300 m, about 10,600
  vertices; provinces and regions are unions of it, so borders line up);
* :func:`municipalities_full` for point-in-polygon placement and the coverage maths
  (coverage simplification at 20 m: measured, no project changes municipality and no
  coverage share moves by more than 0.02 percentage point against the unsimplified
  official polygons).
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import admin
from geo import config as cfg
from geo.config import GeoBroken, GeoUnavailable, geo_dir, require

LAMBERT72 = 31370
WGS84 = 4326

PROVINCE_NAMES: dict[str, str] = admin.PROVINCES
PROVINCE_ORDER = admin.PROVINCE_ORDER
REGION_NIS = admin.REGION_NIS
REGION_NAMES = admin.REGION_NAMES

MUNICIPALITY_COLUMNS = [*cfg.MUNICIPALITY_CSV_COLUMNS, "geometry"]
"""Columns of :func:`municipalities` / :func:`municipalities_full`.

``kansarmoede_index_pct`` (share of children born into a deprived family, %, Opgroeien)
and ``oki`` (onderwijskansarmoede-indicator) come from the Gemeente-Stadsmonitor; they are
NaN where the source has no value and for Brussels (never 0). ``elz``: eerstelijnszone code.
"""


# --- small helpers ---------------------------------------------------------------------
def nis5(values) -> pd.Series:
    """Normalise NIS codes (int/str/float) to 5-character strings ('' for missing)."""
    s = pd.Series(values)
    out = s.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
    out = out.where(~out.str.fullmatch(r"\d{1,5}").fillna(False), out.str.zfill(5))
    return out.fillna("").astype(str)


province_of = admin.province_of
region_of = admin.region_of


@contextlib.contextmanager
def _layer(path: Path):
    """Reading one layer file: whatever goes wrong (empty, truncated, not UTF-8, a column or a
    value missing) becomes `GeoBroken` naming the file and, where known, its line; never the
    folder it is in, never a traceback on a page."""
    try:
        yield
    except GeoUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's problem
        text = " ".join(str(exc).split()) or type(exc).__name__
        text = text.replace(str(path), path.name).replace(str(path.parent), "")
        found = re.search(r"\bline (\d+)", text)
        raise GeoBroken(path.name, f"cannot be read ({text[:200]})", int(found.group(1)) if found else None,
                        path.parent) from exc


def _read_csv(path: Path) -> pd.DataFrame:
    with _layer(path):
        raw = path.read_bytes()
        table = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8")
    if table.empty:
        raise GeoBroken(path.name, "has no rows", None, path.parent)
    if not raw.endswith(b"\n"):  # geo.build ends every line; a cut file does not
        raise GeoBroken(path.name, "ends in the middle of a line (truncated?)", raw.count(b"\n") + 1, path.parent)
    for i, row in enumerate(table.itertuples(index=False), start=2):  # a truncated last line: fields missing
        if any(isinstance(v, float) for v in row):
            raise GeoBroken(path.name, "has fewer fields than its header (truncated?)", i, path.parent)
    return table


def _numbers(table: pd.DataFrame, column: str, path: Path, *, integer: bool = False,
             empty_ok: bool = False) -> pd.Series:
    """A layer column as numbers; the first value that is not one names its line."""
    with _layer(path):
        text = table[column].astype(str).str.strip()
    values = pd.to_numeric(text.where(text != "", np.nan), errors="coerce")
    bad = values.isna() & ~((text == "") & empty_ok)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise GeoBroken(path.name, f"{column} '{text.iloc[i][:40]}' is not a number", i + 2, path.parent)
    return values.astype("int64") if integer else values.astype(float)


def _read_geojson(path: Path, columns: list[str]) -> gpd.GeoDataFrame:
    with _layer(path):
        gdf = gpd.read_file(path)
        if gdf.empty:
            raise ValueError("has no features")
        gdf = gdf[[*columns, "geometry"]]
    if gdf.crs is None or gdf.crs.to_epsg() != WGS84:
        gdf = gdf.set_crs(WGS84, allow_override=True)  # RFC 7946: GeoJSON is WGS84
    return gdf


def _representative_lonlat(geoms) -> tuple[np.ndarray, np.ndarray]:
    """lon, lat of a point guaranteed to lie inside each (lon/lat) polygon."""
    pts = shapely.point_on_surface(np.asarray(geoms))
    return shapely.get_x(pts), shapely.get_y(pts)


def _bounds(frame: pd.DataFrame) -> list[tuple[float, float, float, float]]:
    cols = [frame[c].astype(float).to_numpy() for c in ("minx", "miny", "maxx", "maxy")]
    return [tuple(float(v) for v in b) for b in zip(*cols)]


# --- municipalities --------------------------------------------------------------------
@functools.lru_cache(maxsize=4)
def _municipality_table(gdir: Path) -> pd.DataFrame:
    require(cfg.MUNICIPALITIES_CSV, directory=gdir)
    path = gdir / cfg.MUNICIPALITIES_CSV
    table = _read_csv(path)
    with _layer(path):
        table = table[list(cfg.MUNICIPALITY_CSV_COLUMNS)].copy()
    for a in cfg.MUNICIPALITY_ATTRIBUTES:  # the numbers, as each attribute's kind says
        if a.kind != "text":
            table[a.name] = _numbers(table, a.name, path, integer=a.kind in ("count", "class"),
                                     empty_ok=a.kind == "measure")
    return table


def _with_attributes(gdir: Path, layer: str) -> gpd.GeoDataFrame:
    require(cfg.MUNICIPALITIES_CSV, layer, directory=gdir)
    table = _municipality_table(gdir)
    shapes = _read_geojson(gdir / layer, ["nis"])
    geometry = shapes.set_index(shapes["nis"].astype(str)).geometry
    missing = set(table["nis"]) - set(geometry.index)
    if missing:
        raise GeoBroken(layer, f"no geometry for {len(missing)} municipalities ({', '.join(sorted(missing)[:5])} …)",
                        None, gdir)
    return gpd.GeoDataFrame(
        table, geometry=geometry.loc[table["nis"]].values, crs=WGS84
    )[MUNICIPALITY_COLUMNS]


@functools.lru_cache(maxsize=4)
def _municipalities_cached(gdir: Path) -> gpd.GeoDataFrame:
    return _with_attributes(gdir, cfg.MUNICIPALITIES_MAP_GEOJSON)


@functools.lru_cache(maxsize=4)
def _municipalities_full_cached(gdir: Path) -> gpd.GeoDataFrame:
    return _with_attributes(gdir, cfg.MUNICIPALITIES_GEOJSON)


def municipalities() -> gpd.GeoDataFrame:
    """The 304 municipalities of 2025 (285 Flemish + 19 Brussels), map precision, EPSG:4326.

    Columns: :data:`MUNICIPALITY_COLUMNS`, sorted by nis. Raises
    ``geo.config.GeoUnavailable`` when a layer file is missing.
    """
    return _municipalities_cached(geo_dir()).copy()


def municipalities_full() -> gpd.GeoDataFrame:
    """As :func:`municipalities` at placement precision (for point-in-polygon and coverage)."""
    return _municipalities_full_cached(geo_dir()).copy()


def _point_table(gdir: Path, name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """A places layer: the text `columns`, a point (lat, lon) and its bounds tuple."""
    require(name, directory=gdir)
    path = gdir / name
    raw = _read_csv(path)
    with _layer(path):
        out = raw[list(columns)].copy()
    for col in ("lat", "lon", "minx", "miny", "maxx", "maxy"):
        raw[col] = _numbers(raw, col, path)
    out["lat"] = raw["lat"]
    out["lon"] = raw["lon"]
    out["bounds"] = _bounds(raw)
    return out


# --- 2019-2024 municipalities and the crosswalk ----------------------------------------
@functools.lru_cache(maxsize=4)
def _municipalities_2024_cached(gdir: Path) -> pd.DataFrame:
    return _point_table(gdir, cfg.MUNICIPALITIES_2024_CSV, ("nis", "name", "nis2025"))


def municipalities_2024() -> pd.DataFrame:
    """The 319 municipalities of 2019-2024: nis, name, nis2025 (successor), lat, lon, bounds.

    ``lat``/``lon`` is a point inside the 2024 polygon; ``bounds`` (minx, miny, maxx, maxy)
    its extent in WGS84. The polygons themselves are not kept (nothing draws them).
    """
    return _municipalities_2024_cached(geo_dir()).copy()


def nis_2024_to_2025() -> dict[str, str]:
    """2019-2024 NIS code -> 2025 NIS code (319 codes; unchanged codes map to themselves)."""
    m24 = _municipalities_2024_cached(geo_dir())
    return dict(zip(m24["nis"], m24["nis2025"]))


def known_nis() -> set[str]:
    """All valid municipality codes: the 2019-2024 codes and the 2025 codes."""
    m24 = _municipalities_2024_cached(geo_dir())
    return set(m24["nis"]) | set(m24["nis2025"])


def nis_2018_to_2019() -> dict[str, str]:
    """The 15 municipalities merged on 1 January 2019: pre-2019 NIS code -> 2019 code."""
    gdir = require(cfg.CROSSWALK_2018_2019_CSV)
    path = gdir / cfg.CROSSWALK_2018_2019_CSV
    cw = _read_csv(path)
    with _layer(path):
        return dict(zip(cw["gemeente2018"], cw["gemeente2019"]))


# --- provinces and regions -------------------------------------------------------------
@functools.lru_cache(maxsize=4)
def _provinces_cached(gdir: Path) -> gpd.GeoDataFrame:
    require(cfg.PROVINCES_MAP_GEOJSON, directory=gdir)
    return _read_geojson(gdir / cfg.PROVINCES_MAP_GEOJSON, ["province_nis", "name"])


def provinces() -> gpd.GeoDataFrame:
    """5 Flemish provinces + Brussels ('4000'), EPSG:4326: province_nis, name, geometry.

    Outlines are the union of the map-precision municipalities, so province borders line
    up exactly with municipality borders on the map.
    """
    return _provinces_cached(geo_dir()).copy()


@functools.lru_cache(maxsize=4)
def _regions_cached(gdir: Path) -> gpd.GeoDataFrame:
    require(cfg.REGIONS_MAP_GEOJSON, directory=gdir)
    return _read_geojson(gdir / cfg.REGIONS_MAP_GEOJSON, ["region", "region_nis", "name"])


def regions() -> gpd.GeoDataFrame:
    """Flemish Region and Brussels-Capital Region, EPSG:4326, map precision.

    Columns: region ('flanders' | 'brussels'), region_nis ('2000' | '4000'), name, geometry.
    """
    return _regions_cached(geo_dir()).copy()


# --- deelgemeenten ---------------------------------------------------------------------
@functools.lru_cache(maxsize=4)
def _deelgemeenten_cached(gdir: Path) -> pd.DataFrame:
    return _point_table(gdir, cfg.DEELGEMEENTEN_CSV, ("code", "name", "nis", "full_name"))


def deelgemeenten() -> pd.DataFrame:
    """The 1,119 deelgemeenten (2025): code ('71004D'), name ('Beverlo'), nis (2025
    municipality), full_name ('Beverlo (Beringen)'), lat, lon (a point inside the official
    polygon), bounds ((minx, miny, maxx, maxy) in WGS84). No polygons: the app only
    searches them."""
    return _deelgemeenten_cached(geo_dir()).copy()


# --- places ----------------------------------------------------------------------------
@functools.lru_cache(maxsize=4)
def _places_cached(gdir: Path) -> pd.DataFrame:
    mun = _municipalities_full_cached(gdir)
    lon, lat = _representative_lonlat(mun.geometry.values)
    bounds = shapely.bounds(np.asarray(mun.geometry.values))
    rows = [
        pd.DataFrame(
            {
                "name": mun["name"].to_numpy(),
                "kind": "gemeente",
                "nis": mun["nis"].to_numpy(),
                "lat": lat,
                "lon": lon,
                "bounds": [tuple(float(v) for v in b) for b in bounds],
            }
        )
    ]
    m24 = _municipalities_2024_cached(gdir)
    gone = m24[~m24["name"].isin(set(mun["name"]))]
    rows.append(
        pd.DataFrame({"name": gone["name"], "kind": "gemeente_2024", "nis": gone["nis2025"],
                      "lat": gone["lat"], "lon": gone["lon"], "bounds": gone["bounds"]})
    )
    dg = _deelgemeenten_cached(gdir)
    # A deelgemeente named like a (former) municipality with the same 2025 code
    # (e.g. 'Aartselaar (Dg.)', 'Borsbeek (Antwerpen)') would only duplicate that entry.
    taken = set(zip(rows[0]["name"], rows[0]["nis"])) | set(zip(rows[1]["name"], rows[1]["nis"]))
    dg = dg[[(n, c) not in taken for n, c in zip(dg["name"], dg["nis"])]]
    rows.append(dg.assign(kind="deelgemeente")[["name", "kind", "nis", "lat", "lon", "bounds"]])

    places_df = pd.concat(rows, ignore_index=True)
    places_df["municipality"] = places_df["nis"].map(dict(zip(mun["nis"], mun["name"]))).fillna("")
    kind_order = {"gemeente": 0, "gemeente_2024": 1, "deelgemeente": 2}
    places_df = places_df.assign(
        _k=places_df["kind"].map(kind_order), _n=places_df["name"].str.casefold()
    ).sort_values(["_n", "_k", "nis"])
    return places_df.drop(columns=["_k", "_n"]).reset_index(drop=True)


def places() -> pd.DataFrame:
    """Searchable place names.

    Columns: name, kind ('gemeente' | 'gemeente_2024' | 'deelgemeente'), nis (2025
    municipality), lat, lon (a point inside the place), bounds ((minx, miny, maxx, maxy)
    in WGS84), municipality (2025 name). Sorted by name. 'gemeente_2024' rows are
    2019-2024 municipalities whose name no longer exists in 2025 (Borsbeek, Kortessem,
    Zwijndrecht, ...). Deelgemeenten whose name repeats a (former) municipality with the
    same 2025 code are left out.
    """
    return _places_cached(geo_dir()).copy()


def broken_layers() -> list[GeoBroken]:
    """Each layer file that is there but cannot be used (empty, truncated, a bad value), read
    the way the app reads it; a missing file is not listed here (GeoUnavailable says so)."""
    found: dict[str, GeoBroken] = {}
    for load in (municipalities, municipalities_full, municipalities_2024, deelgemeenten, provinces, regions,
                 nis_2018_to_2019):
        try:
            load()
        except GeoBroken as exc:
            found.setdefault(exc.file, exc)
        except GeoUnavailable:
            pass
    return list(found.values())


def clear_memory_cache() -> None:
    """Forget every layer read so far (the next call reads the files again)."""
    for fn in (
        _municipality_table,
        _municipalities_full_cached,
        _municipalities_cached,
        _municipalities_2024_cached,
        _provinces_cached,
        _regions_cached,
        _deelgemeenten_cached,
        _places_cached,
    ):
        fn.cache_clear()
