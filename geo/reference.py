"""Reference geography: municipalities, provinces, regions, deelgemeenten, place names.

All layers are read at run time from ``geo.config.geo_dir()`` (see
``shared/geo/SOURCES.md`` for the files). Nothing read here is ever written into the
repository; derived layers are cached in memory (``functools.lru_cache`` keyed on the
geo directory) and, for the expensive ones, on disk in ``geo.config.cache_dir()``
(pickle files whose name carries a fingerprint of the source files' sizes and
modification times, the code version and the library versions, so a changed source
invalidates them; when the cache directory is not writable everything still works,
just without the disk cache).

Municipalities (2025 layout: 285 Flemish + 19 Brussels)
-------------------------------------------------------
* geometry: PinC polygons, simplified with ``GeoSeries.simplify_coverage`` in
  Belgian Lambert 72 (EPSG:31370) with a tolerance of ``SIMPLIFY_TOLERANCE_M`` metres
  (neighbours keep shared edges: no gaps, no overlaps), then reprojected to EPSG:4326
  and rounded to ``COORD_DECIMALS`` decimals. With 300 m the 304 polygons keep about
  10,600 of 71,000 vertices and their GeoJSON (5 decimals, no attributes, compact
  separators) is about 222 KiB; 150 m would still be about 390 KiB.
  ``municipalities_full()`` keeps the unsimplified polygons (for point-in-polygon).
  ``area_km2`` is computed from the unsimplified polygons in Lambert 72.
* ``province_nis`` from the NIS code: 1xxxx -> 10000 Antwerpen, 23xxx/24xxx -> 20001
  Vlaams-Brabant, 3xxxx -> 30000 West-Vlaanderen, 4xxxx -> 40000 Oost-Vlaanderen,
  7xxxx -> 70000 Limburg, 21xxx -> '4000' Brussels. Exception: 46030
  Beveren-Kruibeke-Zwijndrecht (contains former Zwijndrecht 11056) is Oost-Vlaanderen.
* ``population``: Statbel, 1 January 2020 (2019-2024 municipalities), summed to the
  2025 municipalities through the PinC 2024->2025 crosswalk (dummy codes 999xx ignored).
* ``degurba``: Eurostat DEGURBA of the LAU 2019 table (2011 population grid), which
  lists the 589 pre-2019 municipalities. Carried to the 2019 codes with the 2018->2019
  merger crosswalk, then to the 2025 codes with the 2024->2025 crosswalk.
  RULE for a merged municipality whose parts fall in different classes: it takes the
  class of the part with the largest population (Eurostat ``population`` column,
  1 January 2018); the population of the merged unit is the sum of its parts (used when
  a 2019 merger merges again). Ties go to the part with the lowest NIS code.
  Cases in the data: Deinze 44083 (Deinze 2 / Nevele 3 -> 2), Aalter 44084 (2/3 -> 2),
  Kruisem 45068 (Kruishoutem 3 / Zingem 2 -> 3), Oudsbergen 72042 (Meeuwen-Gruitrode 3 /
  Opglabbeek 2 -> 3), Antwerpen 11002 (Antwerpen 1 / Borsbeek 2 -> 1), Pajottegem 23106
  (Gooik 3, Galmaarden 3, Herne 2 -> 3), Lochristi 44087 (Lochristi 2 / Wachtebeke 3 -> 2),
  Lokeren 46029 (Lokeren 2 / Moerbeke 3 -> 2), Tongeren-Borgloon 73111 (Tongeren 2 /
  Borgloon 3 -> 2). Brussels: all 19 municipalities are class 1.
* ``uitrusting``: PinC 'uitrustingsgraad' 2025 class code (a0 ... c3); '' for Brussels.

Deelgemeenten: the ``geoitem`` prefix (first 5 characters) is NOT always a 2025 code
(it is the code of the municipality the section belonged to, e.g. 44011 Deinze (pre-2019)
or 11007 Borsbeek (2024)); ``nis`` is that prefix carried through the 2018->2019 and
2024->2025 crosswalks (checked spatially: every deelgemeente lies in that municipality).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import re
import threading
from pathlib import Path
from typing import Callable

import geopandas as gpd

from atlas.schema import PROVINCES
import numpy as np
import pandas as pd
import shapely

from geo.config import cache_dir, geo_dir, require

log = logging.getLogger(__name__)

CACHE_VERSION = "geo-reference-2"
"""Bump when a builder changes its output; part of every disk-cache fingerprint."""

SIMPLIFY_TOLERANCE_M = 300.0
"""Coverage simplification tolerance (metres, EPSG:31370) for municipalities/provinces/regions."""

DEELGEMEENTE_TOLERANCE_M = 100.0
"""Coverage simplification tolerance (metres) for the deelgemeenten display layer."""

COORD_DECIMALS = 5
"""Simplified (display) layers are rounded to this many decimals of a degree (about 1 m),
so their GeoJSON stays small. Shared vertices round identically: no gaps appear."""

LAMBERT72 = 31370
WGS84 = 4326

# --- source files (see shared/geo/SOURCES.md) ------------------------------------------
F_MUN_2025 = "municipalities_2025_flanders_brussels_pinc_wgs84.geojson"
F_MUN_2024 = "municipalities_2024_flanders_brussels_pinc_lambert72.shp"
F_MUN_2024_ALL = (
    F_MUN_2024,
    "municipalities_2024_flanders_brussels_pinc_lambert72.shx",
    "municipalities_2024_flanders_brussels_pinc_lambert72.dbf",
    "municipalities_2024_flanders_brussels_pinc_lambert72.prj",
)
F_CW_2024_2025 = "crosswalk_gemeente2024_to_gemeente2025_pinc.csv"
F_CW_2018_2019 = "crosswalk_gemeente2018_to_gemeente2019.csv"
F_DEGURBA = "degurba_lau2019_belgium_eurostat_via_rogov_regions.csv"
F_POPULATION = "population_2020_statbel_via_bmesuere.csv"
F_UITRUSTING = "typology_uitrustingsgraad_2025_pinc.csv"
F_DEELGEMEENTEN = "deelgemeenten_2025_flanders_brussels_pinc_wgs84.geojson"

MUNICIPALITY_SOURCES = (
    F_MUN_2025,
    F_CW_2024_2025,
    F_CW_2018_2019,
    F_DEGURBA,
    F_POPULATION,
    F_UITRUSTING,
)

PROVINCE_NAMES: dict[str, str] = PROVINCES  # one list of province codes and Dutch names (atlas.schema)
PROVINCE_ORDER = ("10000", "20001", "30000", "40000", "70000", "4000")

REGION_NIS = {"flanders": "2000", "brussels": "4000"}
REGION_NAMES = {"flanders": "Vlaams Gewest", "brussels": "Brussels Hoofdstedelijk Gewest"}

MUNICIPALITY_COLUMNS = [
    "nis",
    "name",
    "province_nis",
    "province_name",
    "region",
    "population",
    "degurba",
    "uitrusting",
    "area_km2",
    "geometry",
]


# --- small helpers ---------------------------------------------------------------------
def nis5(values) -> pd.Series:
    """Normalise NIS codes (int/str/float) to 5-character strings ('' for missing)."""
    s = pd.Series(values)
    out = s.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
    out = out.where(~out.str.fullmatch(r"\d{1,5}").fillna(False), out.str.zfill(5))
    return out.fillna("").astype(str)


def province_of(nis2025: str) -> str:
    """Province code of a 2025 NIS code ('4000' for Brussels, '' if not Flemish/Brussels)."""
    code = str(nis2025).strip().zfill(5)
    if code == "46030":  # Beveren-Kruibeke-Zwijndrecht: former Zwijndrecht (11056) joined O-Vl.
        return "40000"
    if code.startswith("21"):
        return "4000"
    if code.startswith(("23", "24")):
        return "20001"
    return {"1": "10000", "3": "30000", "4": "40000", "7": "70000"}.get(code[0], "")


def region_of(nis2025: str) -> str:
    """'brussels' for 21xxx, 'flanders' otherwise."""
    return "brussels" if str(nis2025).zfill(5).startswith("21") else "flanders"


def _read_csv(path: Path, **kwargs) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)


def _round_coords(geoms, decimals: int = COORD_DECIMALS) -> np.ndarray:
    """Round lon/lat coordinates; keep the original where rounding would make it invalid."""
    geoms = np.asarray(geoms)
    rounded = shapely.transform(geoms, lambda xy: np.round(xy, decimals))
    return np.where(shapely.is_valid(rounded), rounded, geoms)


def _representative_lonlat(geoms) -> tuple[np.ndarray, np.ndarray]:
    """lon, lat of a point guaranteed to lie inside each (lon/lat) polygon."""
    pts = shapely.point_on_surface(np.asarray(geoms))
    return shapely.get_x(pts), shapely.get_y(pts)


# --- disk cache ------------------------------------------------------------------------
def _fingerprint(name: str, gdir: Path, files: tuple[str, ...], extra: str = "") -> str:
    h = hashlib.sha256()
    for part in (
        CACHE_VERSION,
        name,
        extra,
        str(gdir.resolve()),
        gpd.__version__,
        shapely.__version__,
        pd.__version__,
        np.__version__,
    ):
        h.update(part.encode())
        h.update(b"\0")
    for fname in sorted(files):
        st = (gdir / fname).stat()
        h.update(f"{fname}:{st.st_size}:{st.st_mtime_ns}".encode())
        h.update(b"\0")
    return h.hexdigest()[:24]


def cache_path(name: str, gdir: Path, files: tuple[str, ...], extra: str = "") -> Path:
    """Disk-cache file for a derived layer (exists or not)."""
    return cache_dir() / f"{name}-{_fingerprint(name, gdir, files, extra)}.pkl"


def _disk_cached(
    name: str,
    gdir: Path,
    files: tuple[str, ...],
    build: Callable[[Path], object],
    extra: str = "",
):
    """Load ``name`` from the disk cache or build it and try to store it."""
    require(*files, directory=gdir)
    path = cache_path(name, gdir, files, extra)
    try:
        with open(path, "rb") as fh:
            obj = pickle.load(fh)
        log.debug("geo cache hit: %s", path)
        return obj
    except FileNotFoundError:
        pass
    except Exception as exc:  # corrupt/incompatible cache file: rebuild
        log.warning("geo cache: ignoring unreadable %s (%s)", path, exc)

    obj = build(gdir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob(f"{name}-*.pkl"):  # stale fingerprints
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
    except OSError as exc:
        log.info("geo cache: not writing %s (%s)", path, exc)
    return obj


# --- tables ----------------------------------------------------------------------------
@functools.lru_cache(maxsize=8)
def _crosswalk_2024_2025(gdir: Path) -> dict[str, str]:
    require(F_CW_2024_2025, directory=gdir)
    cw = _read_csv(gdir / F_CW_2024_2025)
    old, new = nis5(cw["gemeente2024"]), nis5(cw["gemeente"])
    keep = ~old.str.startswith("999") & ~new.str.startswith("999")  # PinC dummy codes
    return dict(zip(old[keep], new[keep]))


@functools.lru_cache(maxsize=8)
def _crosswalk_2018_2019(gdir: Path) -> dict[str, str]:
    require(F_CW_2018_2019, directory=gdir)
    cw = _read_csv(gdir / F_CW_2018_2019)
    return dict(zip(nis5(cw["gemeente2018"]), nis5(cw["gemeente2019"])))


def nis_2024_to_2025() -> dict[str, str]:
    """2019-2024 NIS code -> 2025 NIS code (319 codes; unchanged codes map to themselves)."""
    return dict(_crosswalk_2024_2025(geo_dir()))


def known_nis() -> set[str]:
    """All valid municipality codes: the 2019-2024 codes and the 2025 codes."""
    cw = _crosswalk_2024_2025(geo_dir())
    return set(cw) | set(cw.values())


def _population_2025(gdir: Path, codes_2025: pd.Series) -> pd.Series:
    pop = pd.read_csv(gdir / F_POPULATION, encoding="utf-8-sig", dtype={"NIS code": str})
    pop["nis"] = nis5(pop["NIS code"])
    cw = _crosswalk_2024_2025(gdir)
    pop = pop[pop["nis"].isin(list(cw))]
    missing = set(cw) - set(pop["nis"])
    if missing:
        raise ValueError(f"{F_POPULATION}: no population for {sorted(missing)}")
    summed = pop.assign(nis2025=pop["nis"].map(cw)).groupby("nis2025")["Totaal"].sum()
    return codes_2025.map(summed)


def _merge_classes(parts: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """One crosswalk step for (nis, population, degurba) rows: class of the largest part."""
    df = parts.assign(nis=parts["nis"].map(lambda c: mapping.get(c, c)))
    df = df.sort_values(["nis", "population", "part"], ascending=[True, False, True])
    first = df.groupby("nis", sort=True).first()
    return pd.DataFrame(
        {
            "nis": first.index,
            "population": df.groupby("nis", sort=True)["population"].sum().values,
            "degurba": first["degurba"].values,
            "part": first["part"].values,
        }
    )


def degurba_2025(gdir: Path | None = None) -> dict[str, int]:
    """DEGURBA class per 2025 NIS code (see the module docstring for the merger rule)."""
    gdir = gdir or geo_dir()
    require(F_DEGURBA, F_CW_2018_2019, F_CW_2024_2025, directory=gdir)
    dg = _read_csv(gdir / F_DEGURBA)
    parts = pd.DataFrame(
        {
            "nis": nis5(dg["lau_code"]),
            "population": dg["population"].astype(int),
            "degurba": dg["degurba"].astype(int),
        }
    )
    parts["part"] = parts["nis"]
    step19 = _merge_classes(parts, _crosswalk_2018_2019(gdir))
    cw = _crosswalk_2024_2025(gdir)
    step19 = step19[step19["nis"].isin(list(cw))]  # Flanders + Brussels only
    step25 = _merge_classes(step19, cw)
    return dict(zip(step25["nis"], step25["degurba"].astype(int)))


# --- municipalities --------------------------------------------------------------------
def _build_municipalities_full(gdir: Path) -> gpd.GeoDataFrame:
    raw = gpd.read_file(gdir / F_MUN_2025)
    if raw.crs is None or raw.crs.to_epsg() != WGS84:
        raw = raw.to_crs(WGS84)
    nis = nis5(raw["geoitem"])
    gdf = gpd.GeoDataFrame(
        {"nis": nis.values, "name": raw["naam"].astype(str).values},
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    gdf["province_nis"] = gdf["nis"].map(province_of)
    gdf["province_name"] = gdf["province_nis"].map(PROVINCE_NAMES).fillna("")
    gdf["region"] = gdf["nis"].map(region_of)

    pop = _population_2025(gdir, gdf["nis"])
    if pop.isna().any():
        raise ValueError(f"no population for {gdf.loc[pop.isna(), 'nis'].tolist()}")
    gdf["population"] = pop.astype("int64").values

    dg = gdf["nis"].map(degurba_2025(gdir))
    if dg.isna().any():
        raise ValueError(f"no DEGURBA class for {gdf.loc[dg.isna(), 'nis'].tolist()}")
    gdf["degurba"] = dg.astype("int64").values

    ut = _read_csv(gdir / F_UITRUSTING)
    uit = dict(zip(nis5(ut["gemeente"]), ut["uitrustingsgraad"].str.strip()))
    gdf["uitrusting"] = gdf["nis"].map(uit).fillna("").astype(str)

    gdf["area_km2"] = gdf.geometry.to_crs(LAMBERT72).area.values / 1e6
    gdf = gdf[MUNICIPALITY_COLUMNS].sort_values("nis").reset_index(drop=True)
    return gdf


def _build_municipalities(gdir: Path) -> gpd.GeoDataFrame:
    full = _municipalities_full_cached(gdir)
    lambert = full.geometry.to_crs(LAMBERT72)
    simplified = lambert.simplify_coverage(SIMPLIFY_TOLERANCE_M)
    out = full.copy()
    return out.set_geometry(_round_coords(simplified.to_crs(WGS84).values), crs=WGS84)


@functools.lru_cache(maxsize=4)
def _municipalities_full_cached(gdir: Path) -> gpd.GeoDataFrame:
    return _disk_cached(
        "municipalities_full", gdir, MUNICIPALITY_SOURCES, _build_municipalities_full
    )


@functools.lru_cache(maxsize=4)
def _municipalities_cached(gdir: Path) -> gpd.GeoDataFrame:
    return _disk_cached(
        "municipalities",
        gdir,
        MUNICIPALITY_SOURCES,
        _build_municipalities,
        extra=f"tol={SIMPLIFY_TOLERANCE_M}",
    )


def municipalities() -> gpd.GeoDataFrame:
    """The 304 municipalities of 2025 (285 Flemish + 19 Brussels), simplified, EPSG:4326.

    Columns: nis, name, province_nis, province_name, region, population, degurba,
    uitrusting, area_km2, geometry. Raises ``GeoUnavailable`` when a source is missing.
    """
    return _municipalities_cached(geo_dir()).copy()


def municipalities_full() -> gpd.GeoDataFrame:
    """As :func:`municipalities` but with the unsimplified polygons (for point-in-polygon)."""
    return _municipalities_full_cached(geo_dir()).copy()


@functools.lru_cache(maxsize=4)
def _municipalities_2024_cached(gdir: Path) -> gpd.GeoDataFrame:
    require(*F_MUN_2024_ALL, directory=gdir)
    raw = gpd.read_file(gdir / F_MUN_2024)
    if raw.crs is None:
        raw = raw.set_crs(LAMBERT72)
    gdf = gpd.GeoDataFrame(
        {"nis": nis5(raw["gemeente"]).values, "name": raw["naam"].astype(str).values},
        geometry=raw.geometry.values,
        crs=raw.crs,
    ).to_crs(WGS84)
    return gdf.sort_values("nis").reset_index(drop=True)


def municipalities_2024() -> gpd.GeoDataFrame:
    """The 319 municipalities of 2019-2024 (unsimplified, EPSG:4326): nis, name, geometry."""
    return _municipalities_2024_cached(geo_dir()).copy()


# --- provinces and regions -------------------------------------------------------------
def _dissolve(gdf: gpd.GeoDataFrame, by: str) -> gpd.GeoDataFrame:
    # Union of the coverage-simplified municipalities: the outlines are themselves a
    # coverage simplification and line up exactly with the municipality layer.
    return gdf[[by, "geometry"]].dissolve(by=by, as_index=False)


@functools.lru_cache(maxsize=4)
def _provinces_cached(gdir: Path) -> gpd.GeoDataFrame:
    mun = _municipalities_cached(gdir)
    out = _dissolve(mun, "province_nis")
    out["name"] = out["province_nis"].map(PROVINCE_NAMES)
    out["_order"] = out["province_nis"].map({c: i for i, c in enumerate(PROVINCE_ORDER)})
    out = out.sort_values("_order").drop(columns="_order").reset_index(drop=True)
    return out[["province_nis", "name", "geometry"]]


def provinces() -> gpd.GeoDataFrame:
    """5 Flemish provinces + Brussels ('4000'), EPSG:4326: province_nis, name, geometry.

    Outlines are the union of the simplified municipalities (they coincide with the PinC
    province file to within a few hundred m² per province before simplification), so
    province borders line up exactly with municipality borders on the map.
    """
    return _provinces_cached(geo_dir()).copy()


@functools.lru_cache(maxsize=4)
def _regions_cached(gdir: Path) -> gpd.GeoDataFrame:
    mun = _municipalities_cached(gdir)
    out = _dissolve(mun, "region")
    out["region_nis"] = out["region"].map(REGION_NIS)
    out["name"] = out["region"].map(REGION_NAMES)
    out = out.sort_values("region_nis").reset_index(drop=True)
    return out[["region", "region_nis", "name", "geometry"]]


def regions() -> gpd.GeoDataFrame:
    """Flemish Region and Brussels-Capital Region, EPSG:4326, simplified.

    Columns: region ('flanders' | 'brussels'), region_nis ('2000' | '4000'), name, geometry.
    """
    return _regions_cached(geo_dir()).copy()


# --- deelgemeenten ---------------------------------------------------------------------
_SUFFIX = re.compile(r"\s*\(([^()]*)\)\s*$")


def deelgemeente_name(naam: str) -> str:
    """'Beverlo (Beringen)' -> 'Beverlo'; 'Aartselaar (Dg.)' -> 'Aartselaar'."""
    return _SUFFIX.sub("", str(naam)).strip()


def _deelgemeenten_raw(gdir: Path) -> gpd.GeoDataFrame:
    raw = gpd.read_file(gdir / F_DEELGEMEENTEN)
    if raw.crs is None or raw.crs.to_epsg() != WGS84:
        raw = raw.to_crs(WGS84)
    code = raw["geoitem"].astype(str).str.strip()
    prefix = code.str[:5]
    c18, c24 = _crosswalk_2018_2019(gdir), _crosswalk_2024_2025(gdir)
    nis = prefix.map(lambda c: c24.get(c18.get(c, c), c18.get(c, c)))
    gdf = gpd.GeoDataFrame(
        {
            "code": code.values,
            "name": raw["naam"].map(deelgemeente_name).values,
            "nis": nis.values,
            "full_name": raw["naam"].astype(str).values,
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return gdf.sort_values("code").reset_index(drop=True)


def _build_deelgemeenten(gdir: Path) -> gpd.GeoDataFrame:
    gdf = _deelgemeenten_raw(gdir)
    simplified = gdf.geometry.to_crs(LAMBERT72).simplify_coverage(DEELGEMEENTE_TOLERANCE_M)
    return gdf.set_geometry(_round_coords(simplified.to_crs(WGS84).values), crs=WGS84)


_DEELGEMEENTE_SOURCES = (F_DEELGEMEENTEN, F_CW_2018_2019, F_CW_2024_2025)


@functools.lru_cache(maxsize=4)
def _deelgemeenten_cached(gdir: Path) -> gpd.GeoDataFrame:
    return _disk_cached(
        "deelgemeenten",
        gdir,
        _DEELGEMEENTE_SOURCES,
        _build_deelgemeenten,
        extra=f"tol={DEELGEMEENTE_TOLERANCE_M}",
    )


def deelgemeenten() -> gpd.GeoDataFrame:
    """The 1,119 deelgemeenten (2025), EPSG:4326, simplified for display.

    Columns: code (e.g. '71004D'), name ('Beverlo'), nis (2025 municipality code),
    full_name ('Beverlo (Beringen)'), geometry.
    """
    return _deelgemeenten_cached(geo_dir()).copy()


# --- places ----------------------------------------------------------------------------
def _place_rows(gdf: gpd.GeoDataFrame, kind: str, names, nis) -> pd.DataFrame:
    lon, lat = _representative_lonlat(gdf.geometry.values)
    bounds = shapely.bounds(np.asarray(gdf.geometry.values))
    return pd.DataFrame(
        {
            "name": list(names),
            "kind": kind,
            "nis": list(nis),
            "lat": lat,
            "lon": lon,
            "bounds": [tuple(float(v) for v in b) for b in bounds],
        }
    )


def _build_places(gdir: Path) -> pd.DataFrame:
    mun = _municipalities_full_cached(gdir)
    name_2025 = dict(zip(mun["nis"], mun["name"]))
    rows = [_place_rows(mun, "gemeente", mun["name"], mun["nis"])]

    cw = _crosswalk_2024_2025(gdir)
    m24 = _municipalities_2024_cached(gdir)
    gone = m24[~m24["name"].isin(set(mun["name"]))]
    rows.append(_place_rows(gone, "gemeente_2024", gone["name"], gone["nis"].map(cw)))

    dg = _deelgemeenten_raw(gdir)
    dg_rows = _place_rows(dg, "deelgemeente", dg["name"], dg["nis"])
    # A deelgemeente named like a (former) municipality with the same 2025 code
    # (e.g. 'Aartselaar (Dg.)', 'Borsbeek (Antwerpen)') would only duplicate that entry.
    taken = set(zip(rows[0]["name"], rows[0]["nis"])) | set(zip(rows[1]["name"], rows[1]["nis"]))
    dg_rows = dg_rows[[(n, c) not in taken for n, c in zip(dg_rows["name"], dg_rows["nis"])]]
    rows.append(dg_rows)

    places_df = pd.concat(rows, ignore_index=True)
    places_df["municipality"] = places_df["nis"].map(name_2025).fillna("")
    kind_order = {"gemeente": 0, "gemeente_2024": 1, "deelgemeente": 2}
    places_df = places_df.assign(
        _k=places_df["kind"].map(kind_order), _n=places_df["name"].str.casefold()
    ).sort_values(["_n", "_k", "nis"])
    return places_df.drop(columns=["_k", "_n"]).reset_index(drop=True)


_PLACE_SOURCES = MUNICIPALITY_SOURCES + F_MUN_2024_ALL + (F_DEELGEMEENTEN,)


@functools.lru_cache(maxsize=4)
def _places_cached(gdir: Path) -> pd.DataFrame:
    return _disk_cached("places", gdir, _PLACE_SOURCES, _build_places)


def places() -> pd.DataFrame:
    """Searchable place names.

    Columns: name, kind ('gemeente' | 'gemeente_2024' | 'deelgemeente'), nis (2025
    municipality), lat, lon (a point inside the unsimplified polygon), bounds
    ((minx, miny, maxx, maxy) in WGS84), municipality (2025 name). Sorted by name.
    'gemeente_2024' rows are 2019-2024 municipalities whose name no longer exists in 2025
    (Borsbeek, Kortessem, Zwijndrecht, ...). Deelgemeenten whose name repeats a (former)
    municipality with the same 2025 code are left out.
    """
    return _places_cached(geo_dir()).copy()


def clear_memory_cache() -> None:
    """Forget every in-memory layer (the disk cache is left alone)."""
    for fn in (
        _crosswalk_2024_2025,
        _crosswalk_2018_2019,
        _municipalities_full_cached,
        _municipalities_cached,
        _municipalities_2024_cached,
        _provinces_cached,
        _regions_cached,
        _deelgemeenten_cached,
        _places_cached,
    ):
        fn.cache_clear()
