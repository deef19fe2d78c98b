"""Build the committed reference layers (``geo/layers/``) from the official raw files.

Run ``python -m geo build-reference --from ../shared/geo [--out geo/layers]``. The input
folder holds the raw files described in its ``SOURCES.md`` (PinC polygons and tables built
on Statbel open data, Statbel population, Eurostat DEGURBA, Gemeente-Stadsmonitor need
indicators); the output folder gets the compact derived layers the app reads (file names
in ``geo.config.LAYER_FILES``; their content is documented in ``data/SOURCES.md``).

The output is reproducible: building twice from the same inputs gives identical bytes
(no timestamps, rows sorted by code, coordinates printed with a fixed number of
decimals, ``\\n`` line ends). The simplification itself is GEOS's coverage simplification
(shapely 2.2 / GEOS 3.14 as pinned in requirements.txt): another GEOS version may move a
few vertices, which the rebuild test then reports.

Municipalities (2025 layout: 285 Flemish + 19 Brussels)
-------------------------------------------------------
* Geometry, two precisions, both made with ``GeoSeries.simplify_coverage`` in Belgian
  Lambert 72 (EPSG:31370), so neighbours keep shared edges (no gaps, no overlaps), then
  reprojected to WGS84 and printed with ``DECIMALS`` decimals (about 1 m):

  - ``municipalities_2025.geojson``: tolerance ``PLACEMENT_TOLERANCE_M`` (20 m), for
    point-in-polygon placement and the coverage maths. Measured against the unsimplified
    PinC polygons: no project of data/projects.csv changes municipality (the nearest
    project is 150 m from a border) and no coverage share within 2/5/10 km moves by more
    than 0.02 percentage point per municipality (tests/geo/test_geo_build.py asserts
    < 0.5 pp). At 50 m it would still be 0.18 pp, at 100 m 1.2 pp.
  - ``municipalities_2025_map.geojson``: tolerance ``MAP_TOLERANCE_M`` (300 m), for the
    map (about 10,600 of 71,000 vertices).

* ``area_km2`` is computed from the unsimplified polygons in Lambert 72.
* ``province_nis`` / ``region`` from the NIS code (``geo.admin.province_of``).
* ``population``: Statbel, 1 January 2020 (2019-2024 municipalities), summed to the 2025
  municipalities through the PinC 2024->2025 crosswalk (dummy codes 999xx ignored).
* ``degurba``: Eurostat DEGURBA of the LAU 2019 table (2011 population grid), which lists
  the 589 pre-2019 municipalities. Carried to the 2019 codes with the 2018->2019 merger
  crosswalk, then to the 2025 codes with the 2024->2025 crosswalk. RULE for a merged
  municipality whose parts fall in different classes: it takes the class of the part with
  the largest population (Eurostat ``population``, 1 January 2018); the population of the
  merged unit is the sum of its parts (used when a 2019 merger merges again). Ties go to
  the part with the lowest NIS code. Cases in the data: Deinze 44083 (Deinze 2 / Nevele 3
  -> 2), Aalter 44084 (2/3 -> 2), Kruisem 45068 (Kruishoutem 3 / Zingem 2 -> 3),
  Oudsbergen 72042 (Meeuwen-Gruitrode 3 / Opglabbeek 2 -> 3), Antwerpen 11002 (Antwerpen
  1 / Borsbeek 2 -> 1), Pajottegem 23106 (Gooik 3, Galmaarden 3, Herne 2 -> 3), Lochristi
  44087 (2/3 -> 2), Lokeren 46029 (2/3 -> 2), Tongeren-Borgloon 73111 (2/3 -> 2).
  Brussels: all 19 municipalities are class 1.
* ``uitrusting``: PinC 'uitrustingsgraad' 2025 class code (a0 ... c3); '' for Brussels.
* ``kansarmoede_index_pct`` and ``oki``: Gemeente-Stadsmonitor (latest year per
  municipality as of March 2026, see the input's SOURCES.md §15); empty where the source
  has no value (never 0) and for Brussels.
* ``elz``: the eerstelijnszone (primary-care zone) code of the municipality (PinC table).

Provinces and regions: unions of the map-precision municipalities, so their outlines line
up exactly with the municipal borders on the map.

Deelgemeenten: the ``geoitem`` prefix (first 5 characters) is NOT always a 2025 code (it
is the code of the municipality the section belonged to, e.g. 44011 Deinze (pre-2019) or
11007 Borsbeek (2024)); ``nis`` is that prefix carried through the 2018->2019 and
2024->2025 crosswalks. Only a point inside each polygon and its bounds are kept (for the
place search); nothing in the app draws deelgemeente polygons.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import admin
from geo import config as cfg

LAMBERT72 = 31370
WGS84 = 4326

PLACEMENT_TOLERANCE_M = 20.0
"""Coverage-simplification tolerance (m) of the placement/coverage municipality layer."""
MAP_TOLERANCE_M = 300.0
"""Coverage-simplification tolerance (m) of the map layers (municipalities, provinces, regions)."""
DECIMALS = 5
"""Decimals of a degree for polygon vertices (about 1 m; shared vertices round alike)."""
POINT_DECIMALS = 6
"""Decimals of a degree for points and bounds (about 0.1 m)."""

# --- raw input files (see the input folder's SOURCES.md) -------------------------------
F_MUN_2025 = "municipalities_2025_flanders_brussels_pinc_wgs84.geojson"
F_MUN_2024 = "municipalities_2024_flanders_brussels_pinc_lambert72.shp"
F_MUN_2024_PARTS = (
    F_MUN_2024,
    "municipalities_2024_flanders_brussels_pinc_lambert72.shx",
    "municipalities_2024_flanders_brussels_pinc_lambert72.dbf",
    "municipalities_2024_flanders_brussels_pinc_lambert72.prj",
    "municipalities_2024_flanders_brussels_pinc_lambert72.cpg",
)
F_CW_2024_2025 = "crosswalk_gemeente2024_to_gemeente2025_pinc.csv"
F_CW_2018_2019 = "crosswalk_gemeente2018_to_gemeente2019.csv"
F_CW_ELZ = "crosswalk_gemeente2025_to_eerstelijnszone_pinc.csv"
F_DEGURBA = "degurba_lau2019_belgium_eurostat_via_rogov_regions.csv"
F_POPULATION = "population_2020_statbel_via_bmesuere.csv"
F_UITRUSTING = "typology_uitrustingsgraad_2025_pinc.csv"
F_NEED = "need_kansarmoede_oki_2025_gemeente_stadsmonitor.csv"
F_DEELGEMEENTEN = "deelgemeenten_2025_flanders_brussels_pinc_wgs84.geojson"

INPUT_FILES: tuple[str, ...] = (
    F_MUN_2025,
    *F_MUN_2024_PARTS,
    F_CW_2024_2025,
    F_CW_2018_2019,
    F_CW_ELZ,
    F_DEGURBA,
    F_POPULATION,
    F_UITRUSTING,
    F_NEED,
    F_DEELGEMEENTEN,
)

MUNICIPALITY_CSV_COLUMNS = cfg.MUNICIPALITY_CSV_COLUMNS
POINT_COLUMNS = ("lat", "lon", "minx", "miny", "maxx", "maxy")


class MissingInput(FileNotFoundError):
    """A raw input file of build-reference is missing."""


# --- small helpers ---------------------------------------------------------------------
def nis5(values) -> pd.Series:
    """Normalise NIS codes (int/str/float) to 5-character strings ('' for missing)."""
    s = pd.Series(values)
    out = s.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
    out = out.where(~out.str.fullmatch(r"\d{1,5}").fillna(False), out.str.zfill(5))
    return out.fillna("").astype(str)


def _read_csv(path: Path, **kwargs) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)


def _number(value: float, decimals: int) -> str:
    """Fixed-decimal text without trailing zeros ('4.1', '51.02345', '0')."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_SUFFIX = re.compile(r"\s*\(([^()]*)\)\s*$")


def deelgemeente_name(naam: str) -> str:
    """'Beverlo (Beringen)' -> 'Beverlo'; 'Aartselaar (Dg.)' -> 'Aartselaar'."""
    return _SUFFIX.sub("", str(naam)).strip()


# --- crosswalks and attributes ---------------------------------------------------------
def crosswalk_2024_2025(src: Path) -> dict[str, str]:
    cw = _read_csv(src / F_CW_2024_2025)
    old, new = nis5(cw["gemeente2024"]), nis5(cw["gemeente"])
    keep = ~old.str.startswith("999") & ~new.str.startswith("999")  # PinC dummy codes
    return dict(zip(old[keep], new[keep]))


def crosswalk_2018_2019(src: Path) -> dict[str, str]:
    cw = _read_csv(src / F_CW_2018_2019)
    return dict(zip(nis5(cw["gemeente2018"]), nis5(cw["gemeente2019"])))


def population_2025(src: Path, cw: dict[str, str]) -> dict[str, int]:
    pop = pd.read_csv(src / F_POPULATION, encoding="utf-8-sig", dtype={"NIS code": str})
    pop["nis"] = nis5(pop["NIS code"])
    pop = pop[pop["nis"].isin(list(cw))]
    missing = set(cw) - set(pop["nis"])
    if missing:
        raise ValueError(f"{F_POPULATION}: no population for {sorted(missing)}")
    summed = pop.assign(nis2025=pop["nis"].map(cw)).groupby("nis2025")["Totaal"].sum()
    return {k: int(v) for k, v in summed.items()}


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


def degurba_2025(src: Path) -> dict[str, int]:
    """DEGURBA class per 2025 NIS code (see the module docstring for the merger rule)."""
    dg = _read_csv(src / F_DEGURBA)
    parts = pd.DataFrame(
        {
            "nis": nis5(dg["lau_code"]),
            "population": dg["population"].astype(int),
            "degurba": dg["degurba"].astype(int),
        }
    )
    parts["part"] = parts["nis"]
    step19 = _merge_classes(parts, crosswalk_2018_2019(src))
    cw = crosswalk_2024_2025(src)
    step19 = step19[step19["nis"].isin(list(cw))]  # Flanders + Brussels only
    step25 = _merge_classes(step19, cw)
    return dict(zip(step25["nis"], step25["degurba"].astype(int)))


def need_indicators(src: Path) -> pd.DataFrame:
    """kansarmoede_index_pct and oki per 2025 NIS code, as the source's text ('' = missing)."""
    need = _read_csv(src / F_NEED)
    out = pd.DataFrame({"nis": nis5(need["nis2025"])})
    for col in ("kansarmoede_index_pct", "oki"):
        text = need[col].str.strip()
        numeric = pd.to_numeric(text.where(text != ""), errors="raise")
        if (numeric == 0).any():
            raise ValueError(f"{F_NEED}: {col} is 0 somewhere; missing values must stay empty")
        out[col] = text.values
    if not out["nis"].is_unique:
        raise ValueError(f"{F_NEED}: duplicate NIS codes")
    return out.set_index("nis")


def _municipalities_raw(src: Path) -> gpd.GeoDataFrame:
    raw = gpd.read_file(src / F_MUN_2025)
    if raw.crs is None or raw.crs.to_epsg() != WGS84:
        raw = raw.to_crs(WGS84)
    gdf = gpd.GeoDataFrame(
        {"nis": nis5(raw["geoitem"]).values, "name": raw["naam"].astype(str).values},
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return gdf.sort_values("nis").reset_index(drop=True)


def municipalities_table(src: Path, mun: gpd.GeoDataFrame) -> pd.DataFrame:
    """The attribute table of the 2025 municipalities (all values as text, sorted by nis)."""
    out = pd.DataFrame({"nis": mun["nis"], "name": mun["name"]})
    out["province_nis"] = out["nis"].map(admin.province_of)
    out["province_name"] = out["province_nis"].map(admin.PROVINCES).fillna("")
    out["region"] = out["nis"].map(admin.region_of)

    cw = crosswalk_2024_2025(src)
    pop = out["nis"].map(population_2025(src, cw))
    if pop.isna().any():
        raise ValueError(f"no population for {out.loc[pop.isna(), 'nis'].tolist()}")
    out["population"] = pop.astype("int64").astype(str)

    dg = out["nis"].map(degurba_2025(src))
    if dg.isna().any():
        raise ValueError(f"no DEGURBA class for {out.loc[dg.isna(), 'nis'].tolist()}")
    out["degurba"] = dg.astype("int64").astype(str)

    ut = _read_csv(src / F_UITRUSTING)
    out["uitrusting"] = out["nis"].map(dict(zip(nis5(ut["gemeente"]), ut["uitrustingsgraad"].str.strip()))).fillna("")

    area = mun.geometry.to_crs(LAMBERT72).area.to_numpy() / 1e6
    out["area_km2"] = [_number(a, 4) for a in area]

    need = need_indicators(src)
    unknown = set(need.index) - set(out["nis"])
    if unknown:
        raise ValueError(f"{F_NEED}: codes not among the 2025 municipalities: {sorted(unknown)}")
    for col in ("kansarmoede_index_pct", "oki"):
        out[col] = out["nis"].map(need[col]).fillna("")

    elz = _read_csv(src / F_CW_ELZ)
    elz_of = dict(zip(nis5(elz["gemeente"]), elz["elz"].str.strip()))
    out["elz"] = out["nis"].map(elz_of).fillna("")
    if (out["elz"] == "").any():
        raise ValueError(f"{F_CW_ELZ}: no zone for {out.loc[out['elz'] == '', 'nis'].tolist()}")
    return out[list(MUNICIPALITY_CSV_COLUMNS)].reset_index(drop=True)


# --- geometry --------------------------------------------------------------------------
def _round(geoms: np.ndarray, decimals: int = DECIMALS) -> np.ndarray:
    return shapely.transform(np.asarray(geoms), lambda xy: np.round(xy, decimals))


def simplified(mun: gpd.GeoDataFrame, tolerance_m: float) -> np.ndarray:
    """Coverage-simplified polygons (Lambert 72), back in WGS84, rounded to DECIMALS."""
    lambert = mun.geometry.to_crs(LAMBERT72)
    simple = lambert.simplify_coverage(tolerance_m) if tolerance_m > 0 else lambert
    rounded = _round(simple.to_crs(WGS84).values)
    bad = ~shapely.is_valid(rounded)
    if bad.any():
        raise ValueError(f"rounding made {int(bad.sum())} polygon(s) invalid at {tolerance_m} m")
    return shapely.orient_polygons(rounded, exterior_cw=False)  # RFC 7946 winding


def _rings_json(polygon, decimals: int) -> str:
    rings = [polygon.exterior, *polygon.interiors]
    return "[" + ",".join(
        "[" + ",".join(f"[{_number(x, decimals)},{_number(y, decimals)}]" for x, y in ring.coords) + "]"
        for ring in rings
    ) + "]"


def _geometry_json(geom, decimals: int) -> str:
    if geom.geom_type == "Polygon":
        return '{"type":"Polygon","coordinates":' + _rings_json(geom, decimals) + "}"
    if geom.geom_type == "MultiPolygon":
        parts = ",".join(_rings_json(p, decimals) for p in geom.geoms)
        return '{"type":"MultiPolygon","coordinates":[' + parts + "]}"
    raise ValueError(f"unexpected geometry type {geom.geom_type}")


def geojson_text(properties: list[dict], geoms, decimals: int = DECIMALS) -> str:
    """A FeatureCollection, one feature per line, fixed decimals, no CRS member (WGS84)."""
    lines = []
    for props, geom in zip(properties, geoms):
        p = json.dumps(props, ensure_ascii=False, separators=(",", ":"))
        lines.append('{"type":"Feature","properties":' + p + ',"geometry":' + _geometry_json(geom, decimals) + "}")
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def csv_text(columns, rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def _point_rows(geoms_wgs84) -> list[list[str]]:
    """lat, lon of a point inside each polygon, and its bounds (widened outwards)."""
    geoms = np.asarray(geoms_wgs84)
    pts = shapely.point_on_surface(geoms)
    bounds = shapely.bounds(geoms)
    scale = 10**POINT_DECIMALS
    rows = []
    for pt, (minx, miny, maxx, maxy) in zip(pts, bounds):
        rows.append(
            [
                _number(pt.y, POINT_DECIMALS),
                _number(pt.x, POINT_DECIMALS),
                _number(math.floor(minx * scale) / scale, POINT_DECIMALS),
                _number(math.floor(miny * scale) / scale, POINT_DECIMALS),
                _number(math.ceil(maxx * scale) / scale, POINT_DECIMALS),
                _number(math.ceil(maxy * scale) / scale, POINT_DECIMALS),
            ]
        )
    return rows


def _dissolved(codes: pd.Series, geoms: np.ndarray, order: list[str]) -> list:
    out = []
    for code in order:
        union = shapely.union_all(geoms[(codes == code).to_numpy()])
        union = _round(np.array([union]))[0]
        if not union.is_valid:
            raise ValueError(f"outline {code} is invalid after rounding")
        out.append(shapely.orient_polygons(union, exterior_cw=False))
    return out


# --- the build -------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def layer_texts(src: Path) -> dict[str, str]:
    """Every derived layer as text, keyed by file name (``geo.config.LAYER_FILES``)."""
    src = Path(src)
    missing = [name for name in INPUT_FILES if not (src / name).is_file()]
    if missing:
        raise MissingInput(f"build-reference: missing in {src}: {', '.join(missing)}")

    mun = _municipalities_raw(src)
    table = municipalities_table(src, mun)
    ident = [{"nis": n, "name": m} for n, m in zip(table["nis"], table["name"])]
    placement = simplified(mun, PLACEMENT_TOLERANCE_M)
    on_map = simplified(mun, MAP_TOLERANCE_M)

    provinces = _dissolved(table["province_nis"], on_map, list(admin.PROVINCE_ORDER))
    prov_props = [{"province_nis": c, "name": admin.PROVINCES[c]} for c in admin.PROVINCE_ORDER]
    region_order = sorted(admin.REGION_NIS, key=admin.REGION_NIS.get)
    regions = _dissolved(table["region"], on_map, region_order)
    region_props = [{"region": r, "region_nis": admin.REGION_NIS[r], "name": admin.REGION_NAMES[r]} for r in region_order]

    cw24 = crosswalk_2024_2025(src)
    m24 = gpd.read_file(src / F_MUN_2024)
    if m24.crs is None:
        m24 = m24.set_crs(LAMBERT72)
    m24 = gpd.GeoDataFrame(
        {"nis": nis5(m24["gemeente"]).values, "name": m24["naam"].astype(str).values},
        geometry=m24.geometry.values,
        crs=m24.crs,
    ).to_crs(WGS84).sort_values("nis").reset_index(drop=True)
    if set(m24["nis"]) != set(cw24):
        raise ValueError(f"{F_MUN_2024} and {F_CW_2024_2025} disagree on the 2019-2024 codes")
    m24_rows = [
        [n, name, cw24[n], *pts] for n, name, pts in zip(m24["nis"], m24["name"], _point_rows(m24.geometry.values))
    ]

    cw18 = crosswalk_2018_2019(src)
    dg = gpd.read_file(src / F_DEELGEMEENTEN)
    if dg.crs is None or dg.crs.to_epsg() != WGS84:
        dg = dg.to_crs(WGS84)
    dg = dg.assign(code=dg["geoitem"].astype(str).str.strip()).sort_values("code").reset_index(drop=True)
    prefix = dg["code"].str[:5]
    dg_nis = prefix.map(lambda c: cw24.get(cw18.get(c, c), cw18.get(c, c)))
    if not set(dg_nis) <= set(table["nis"]):
        raise ValueError(f"{F_DEELGEMEENTEN}: codes without a 2025 municipality: {sorted(set(dg_nis) - set(table['nis']))}")
    dg_rows = [
        [code, deelgemeente_name(full), full, n, *pts]
        for code, full, n, pts in zip(dg["code"], dg["naam"].astype(str), dg_nis, _point_rows(dg.geometry.values))
    ]

    c18 = _read_csv(src / F_CW_2018_2019)
    c18 = c18.assign(gemeente2018=nis5(c18["gemeente2018"]), gemeente2019=nis5(c18["gemeente2019"]))
    c18 = c18.sort_values("gemeente2018")
    c18_cols = ["gemeente2018", "naam_gemeente2018", "gemeente2019", "naam_gemeente2019"]

    inputs = [[name, str((src / name).stat().st_size), _sha256(src / name)] for name in sorted(INPUT_FILES)]

    texts = {
        cfg.MUNICIPALITIES_CSV: csv_text(MUNICIPALITY_CSV_COLUMNS, table.itertuples(index=False)),
        cfg.MUNICIPALITIES_GEOJSON: geojson_text(ident, placement),
        cfg.MUNICIPALITIES_MAP_GEOJSON: geojson_text(ident, on_map),
        cfg.PROVINCES_MAP_GEOJSON: geojson_text(prov_props, provinces),
        cfg.REGIONS_MAP_GEOJSON: geojson_text(region_props, regions),
        cfg.MUNICIPALITIES_2024_CSV: csv_text(("nis", "name", "nis2025", *POINT_COLUMNS), m24_rows),
        cfg.DEELGEMEENTEN_CSV: csv_text(("code", "name", "full_name", "nis", *POINT_COLUMNS), dg_rows),
        cfg.CROSSWALK_2018_2019_CSV: csv_text(c18_cols, c18[c18_cols].itertuples(index=False)),
        cfg.INPUTS_CSV: csv_text(("file", "bytes", "sha256"), inputs),
    }
    assert tuple(texts) == cfg.LAYER_FILES
    return texts


def build_reference(src: Path, out: Path) -> list[Path]:
    """Write every derived layer from the raw files in `src` into `out`; return the paths."""
    texts = layer_texts(Path(src))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        path = out / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
