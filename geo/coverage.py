"""Coverage of a working area by the programmes' projects: pure geometry, no UI.

Everything is computed in Belgian Lambert 72 (EPSG:31370, metres) on the placement-precision
2025 municipality polygons (``geo.reference.municipalities_full()``: 20 m coverage
simplification of the official polygons; no share moves by more than 0.02 percentage point
against the unsimplified ones, see ``geo.build``). Nothing here imports
streamlit, folium or plotly; the page and the report call these functions.

Definitions (also shown on screen and in the report)
----------------------------------------------------
* Distances are straight lines in Lambert 72 metres (the projection's scale error in
  Flanders and Brussels is below 0.01 %).
* ``n``: projects whose point lies in the municipality (the project's ``nis2025`` when the
  frame carries it, else point-in-polygon on the same polygons).
* Population within d km: AREAL WEIGHTING. The municipality's population (Statbel,
  1 January 2020) is assumed to be spread evenly over its area, so the share of its
  inhabitants within d km of a project is
  ``area(municipality ∩ union of d-km discs around the projects) / area(municipality)``.
  Discs are 64-sided polygons with the area of the true disc. Projects outside the area
  count too: a project across a border still serves the people next to it.
* Nearest project: straight-line distance from the municipality's centre (its centroid,
  or a point inside it when the centroid falls outside) to the nearest project.
* White spot: a municipality without any project in it (``within_km=None``), or, for a
  chosen distance d, one of which no part lies within d km of a project (share 0).

How it stays fast (``python -m bench coverage``)
------------------------------------------------
The static part (polygons in EPSG:31370, prepared, their areas, centres and an STRtree)
is built once per reference folder and cached (:func:`default_territory`). Per call only the
project-dependent part is computed, with no Python loop over municipalities or projects:

* up to ``UNION_MAX_POINTS`` distinct points: the discs are unioned (cheap for a few
  hundred discs) and the union's parts are matched to municipalities with the STRtree;
* above that (e.g. 10,000 projects) the union itself gets expensive, so it is never built:
  the Voronoi cells of the points partition the plane, ``union of discs = ⋃ (cell_p ∩
  disc_p)`` with disjoint pieces, and a cell that lies inside its disc is covered whole.
  When the uncovered remainders (``cell_p − disc_p``) touch fewer municipalities than the
  covered pieces, the covered area is computed as ``area − uncovered`` instead.

Either way, a piece inside a municipality (or a municipality inside a piece) needs no
overlay: only the pieces that cross a municipal border are intersected (GEOS, vectorised).
"""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from geo.config import MUNICIPALITY_ATTRIBUTES

LAMBERT72 = 31370
WGS84 = 4326
DISTANCES_KM: tuple[int, ...] = (2, 5, 10)
ALL = "all"
"""Group key of 'all projects together'."""

QUAD_SEGS = 16
"""Segments per quarter circle for the discs (64-gons)."""

_N_SIDES = 4 * QUAD_SEGS
# Radius of the 64-gon whose area equals that of the true disc (an unbiased area estimate).
EQUAL_AREA_FACTOR = math.sqrt(2 * math.pi / (_N_SIDES * math.sin(2 * math.pi / _N_SIDES)))

_LOCK = threading.RLock()
# GEOS prepared geometries build their indexes lazily on first use, which is not safe when two
# threads (two Streamlit sessions) use the same cached Territory at once: one call at a time.

# The municipality attributes of the table (geo.config.MUNICIPALITY_ATTRIBUTES, `table=True`); the
# measures (need indicators, geo.need) are optional: NaN where unknown.
TABLE_COLUMNS = [a.name for a in MUNICIPALITY_ATTRIBUTES if a.table and a.kind != "measure"]
OPTIONAL_COLUMNS = [a.name for a in MUNICIPALITY_ATTRIBUTES if a.table and a.kind == "measure"]


# ---------------------------------------------------------------------------
# The static part: municipalities in Lambert 72
# ---------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Territory:
    """The municipalities, ready for coverage maths (built once, then reused).

    ``table`` holds the attributes (index 0..n-1 = position, plus a ``nis`` column);
    ``geoms`` the placement-precision polygons in EPSG:31370 (prepared), ``area_m2`` their areas,
    ``centres`` a point inside each, ``tree`` an STRtree over ``geoms``.
    """

    table: pd.DataFrame
    geoms: np.ndarray
    area_m2: np.ndarray
    centres: np.ndarray
    tree: shapely.STRtree
    bounds: tuple[float, float, float, float]
    _pos: Mapping[str, int] = field(repr=False, default_factory=dict)

    def __len__(self) -> int:
        return len(self.geoms)

    @property
    def nis(self) -> np.ndarray:
        return self.table["nis"].to_numpy(dtype=object)

    def positions(self, nis: Iterable[str]) -> np.ndarray:
        """Row positions of the given NIS codes (unknown codes are ignored), sorted."""
        return np.array(sorted({self._pos[c] for c in nis if c in self._pos}), dtype=np.int64)


def territory(municipalities: gpd.GeoDataFrame) -> Territory:
    """Build the static part from a municipality layer (any CRS; use the placement-precision one)."""
    missing = [c for c in TABLE_COLUMNS if c not in municipalities.columns]
    if missing:
        raise KeyError(f"territory(): missing column(s) {missing}")
    lambert = municipalities.to_crs(LAMBERT72) if municipalities.crs is not None else municipalities
    geoms = np.asarray(lambert.geometry.values, dtype=object)
    geoms = shapely.make_valid(geoms) if not shapely.is_valid(geoms).all() else geoms.copy()
    shapely.prepare(geoms)
    centroids = shapely.centroid(geoms)
    inside = shapely.contains(geoms, centroids)
    centres = np.where(inside, centroids, shapely.point_on_surface(geoms))
    table = pd.DataFrame(municipalities[TABLE_COLUMNS]).reset_index(drop=True).copy()
    for col in OPTIONAL_COLUMNS:
        table[col] = (pd.to_numeric(municipalities[col], errors="coerce").to_numpy()
                      if col in municipalities.columns else np.nan)
    table["nis"] = table["nis"].astype(str)
    table["population"] = table["population"].astype("int64")
    b = shapely.total_bounds(geoms)
    return Territory(
        table=table,
        geoms=geoms,
        area_m2=shapely.area(geoms),
        centres=centres,
        tree=shapely.STRtree(geoms),
        bounds=(float(b[0]), float(b[1]), float(b[2]), float(b[3])),
        _pos={c: i for i, c in enumerate(table["nis"])},
    )


@functools.lru_cache(maxsize=4)
def _territory_cached(gdir) -> Territory:
    from geo import reference

    return territory(reference.municipalities_full())


def default_territory() -> Territory:
    """The 304 municipalities of 2025 from the reference layers (cached per folder).

    Reads the committed geo/layers (or ``$ATLAS_GEO_DIR``); raises
    ``geo.config.GeoUnavailable`` only when an override folder lacks the layer.
    """
    from geo.config import geo_dir

    return _territory_cached(geo_dir())


@functools.lru_cache(maxsize=1)
def _to_lambert() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(WGS84, LAMBERT72, always_xy=True)


def to_lambert(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 lon/lat arrays -> Lambert 72 x/y arrays (metres)."""
    x, y = _to_lambert().transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


# ---------------------------------------------------------------------------
# Per call: the project-dependent part
# ---------------------------------------------------------------------------
def _voronoi_cells(xy: np.ndarray, envelope) -> np.ndarray:
    """One Voronoi cell per (unique) point, in input order, clipped to `envelope`."""
    if len(xy) == 1:
        return np.array([envelope], dtype=object)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=envelope, ordered=True)
    )
    if len(cells) != len(xy):  # defensive: match cells to points by location
        tree = shapely.STRtree(cells)
        pi, ci = tree.query(shapely.points(xy), predicate="intersects")
        first = np.unique(pi, return_index=True)[1]
        out = np.empty(len(xy), dtype=object)
        out[pi[first]] = cells[ci[first]]
        cells = out
    return cells


def _overlay_area(terr: Territory, parts: np.ndarray, pairs: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Sum over `parts` of area(part ∩ municipality), per municipality."""
    pi, mi = pairs
    out = np.zeros(len(terr))
    if len(pi) == 0:
        return out
    part_area = shapely.area(parts)
    area = np.zeros(len(pi))
    inside = shapely.contains_properly(terr.geoms[mi], parts[pi])  # part within municipality
    area[inside] = part_area[pi[inside]]
    rest = np.flatnonzero(~inside)
    if len(rest):
        shapely.prepare(parts)
        whole = shapely.contains(parts[pi[rest]], terr.geoms[mi[rest]])  # municipality within part
        area[rest[whole]] = terr.area_m2[mi[rest[whole]]]
        cut = rest[~whole]
        if len(cut):
            area[cut] = shapely.area(shapely.intersection(terr.geoms[mi[cut]], parts[pi[cut]]))
    return np.bincount(mi, weights=area, minlength=len(terr))


UNION_MAX_POINTS = 250
"""Up to this many distinct points the discs are unioned directly; above it the Voronoi route is used."""


def covered_area(terr: Territory, xy: np.ndarray, distances_m: Iterable[float], method: str = "auto") -> dict[float, np.ndarray]:
    """Area (m²) of each municipality within each distance of any of the points `xy` (n×2, Lambert 72).

    Returns {distance_m: array of len(terr)}, exact up to the 64-gon discs. `method`:
    ``union`` (union of the discs, then overlay: fastest for a few hundred points),
    ``voronoi`` (disjoint pieces per Voronoi cell, no union: fastest for many points) or
    ``auto`` (by the number of distinct points). Both give the same areas.
    """
    distances_m = [float(d) for d in distances_m]
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    xy = xy[np.isfinite(xy).all(axis=1)]
    if len(xy) == 0:
        return {d: np.zeros(len(terr)) for d in distances_m}
    xy = np.unique(np.round(xy, 2), axis=0)  # co-located projects: one disc is enough
    if method == "auto":
        method = "union" if len(xy) <= UNION_MAX_POINTS else "voronoi"
    if method not in ("union", "voronoi"):
        raise ValueError(f"method must be auto, union or voronoi, not {method!r}")
    with _LOCK:
        if method == "union":
            return {d: _union_area(terr, xy, d) for d in distances_m}
        return _voronoi_area(terr, xy, distances_m)


def _union_area(terr: Territory, xy: np.ndarray, d: float) -> np.ndarray:
    discs = shapely.buffer(shapely.points(xy), d * EQUAL_AREA_FACTOR, quad_segs=QUAD_SEGS)
    parts = shapely.get_parts(shapely.union_all(discs))
    pairs = terr.tree.query(parts, predicate="intersects")
    return np.clip(_overlay_area(terr, parts, (pairs[0], pairs[1])), 0.0, terr.area_m2)


def _voronoi_area(terr: Territory, xy: np.ndarray, distances_m: list[float]) -> dict[float, np.ndarray]:
    dmax = max(distances_m) * EQUAL_AREA_FACTOR + 1000.0
    tb = terr.bounds
    envelope = shapely.box(
        min(tb[0], xy[:, 0].min()) - dmax, min(tb[1], xy[:, 1].min()) - dmax,
        max(tb[2], xy[:, 0].max()) + dmax, max(tb[3], xy[:, 1].max()) + dmax,
    )  # the cells must cover every municipality (the complement sum relies on it)
    cells = _voronoi_cells(xy, envelope)
    coords, owner = shapely.get_coordinates(cells, return_index=True)
    reach = np.zeros(len(cells))
    np.maximum.at(reach, owner, np.hypot(coords[:, 0] - xy[owner, 0], coords[:, 1] - xy[owner, 1]))
    points = shapely.points(xy)

    out: dict[float, np.ndarray] = {}
    for d in distances_m:
        radius = d * EQUAL_AREA_FACTOR
        inradius = radius * math.cos(math.pi / _N_SIDES)
        full = reach <= inradius  # the whole cell lies inside its disc
        part = np.flatnonzero(~full)
        discs = shapely.buffer(points[part], radius, quad_segs=QUAD_SEGS)
        covered = np.concatenate([cells[full], shapely.intersection(cells[part], discs)])
        uncovered = shapely.difference(cells[part], discs)
        covered = covered[~shapely.is_empty(covered)]
        uncovered = uncovered[~shapely.is_empty(uncovered)]
        # Whichever side touches fewer municipalities (bounding boxes: a cheap estimate).
        if terr.tree.query(uncovered).shape[1] < terr.tree.query(covered).shape[1]:
            pairs = terr.tree.query(uncovered, predicate="intersects")
            area = terr.area_m2 - _overlay_area(terr, uncovered, (pairs[0], pairs[1]))
        else:
            pairs = terr.tree.query(covered, predicate="intersects")
            area = _overlay_area(terr, covered, (pairs[0], pairs[1]))
        out[d] = np.clip(area, 0.0, terr.area_m2)
    return out


def locate_points(terr: Territory, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Position of the municipality holding each point (-1 outside every municipality)."""
    pos = np.full(len(x), -1, dtype=np.int64)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.any():
        idx = np.flatnonzero(ok)
        pi, mi = terr.tree.query(shapely.points(x[idx], y[idx]), predicate="intersects")
        first = np.unique(pi, return_index=True)[1]  # a point on a border: the first municipality
        pos[idx[pi[first]]] = mi[first]
    return pos


@dataclass(frozen=True, eq=False)
class Coverage:
    """Per-municipality coverage of all municipalities of a territory by one set of projects.

    * ``municipalities``: the territory's table (index = nis) with ``area_km2``.
    * ``counts``: projects per municipality (index = nis) and group (columns: ``all`` first).
    * ``area_share``: {distance_km: DataFrame (index = nis, columns = groups)}, 0..1.
    * ``nearest``: per municipality (index = nis): ``nearest_pos`` (row position in
      ``projects``, -1 without projects), ``nearest_id``, ``nearest_name``,
      ``nearest_programme``, ``nearest_group``, ``nearest_km``.
    * ``projects``: the input frame plus ``x``, ``y`` (Lambert 72), ``cov_nis`` (the
      municipality used for the counts, '' outside) and ``cov_group``.
    """

    municipalities: pd.DataFrame
    counts: pd.DataFrame
    area_share: dict[int, pd.DataFrame]
    nearest: pd.DataFrame
    projects: pd.DataFrame
    groups: tuple[str, ...]
    distances_km: tuple[int, ...]
    territory: Territory = field(repr=False, default=None)


def compute(
    terr: Territory,
    projects: pd.DataFrame,
    *,
    group_col: str = "programme",
    groups: Iterable[str] | None = None,
    distances_km: Iterable[int] = DISTANCES_KM,
) -> Coverage:
    """Coverage of every municipality of `terr` by `projects` (columns lat, lon, and `group_col`).

    Groups: ``all`` (every project) plus one per value of `group_col` (in the order of
    `groups` when given; groups without projects get zeros). Optional columns used:
    ``nis2025`` (overrides point-in-polygon for the counts), ``id``, ``name``, ``programme``.
    """
    distances_km = tuple(int(d) if float(d).is_integer() else float(d) for d in distances_km)
    proj = projects.reset_index(drop=True).copy()
    n = len(proj)
    lat = pd.to_numeric(proj["lat"], errors="coerce").to_numpy(dtype=float) if n else np.zeros(0)
    lon = pd.to_numeric(proj["lon"], errors="coerce").to_numpy(dtype=float) if n else np.zeros(0)
    x, y = to_lambert(lon, lat) if n else (np.zeros(0), np.zeros(0))
    proj["x"], proj["y"] = x, y
    group = proj[group_col].astype(str).to_numpy(dtype=object) if n else np.zeros(0, dtype=object)
    proj["cov_group"] = group

    with _LOCK:
        pos = locate_points(terr, x, y)
    if "nis2025" in proj.columns and n:  # the app's own placement wins (same polygons, border rule)
        given = proj["nis2025"].fillna("").astype(str).map(terr._pos).fillna(-1).astype(np.int64).to_numpy()
        pos = np.where(given >= 0, given, pos)
    proj["cov_nis"] = np.where(pos >= 0, terr.nis[np.maximum(pos, 0)], "") if n else np.zeros(0, dtype=object)

    present = list(dict.fromkeys(group))
    order = list(groups) if groups is not None else present
    order += [g for g in present if g not in order]
    all_groups = (ALL, *[g for g in order if g != ALL])

    index = pd.Index(terr.table["nis"], name="nis")
    counts = pd.DataFrame(0, index=index, columns=list(all_groups), dtype="int64")
    shares = {d: pd.DataFrame(0.0, index=index, columns=list(all_groups)) for d in distances_km}
    xy = np.column_stack([x, y])
    for g in all_groups:
        mask = np.ones(n, dtype=bool) if g == ALL else (group == g)
        inside = pos[mask]
        counts[g] = np.bincount(inside[inside >= 0], minlength=len(terr))
        if mask.any():
            areas = covered_area(terr, xy[mask], [d * 1000.0 for d in distances_km])
            for d in distances_km:
                shares[d][g] = areas[d * 1000.0] / terr.area_m2

    nearest = pd.DataFrame(
        {"nearest_pos": -1, "nearest_id": "", "nearest_name": "", "nearest_programme": "",
         "nearest_group": "", "nearest_km": np.nan},
        index=index,
    )
    finite = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    if len(finite):
        ptree = shapely.STRtree(shapely.points(x[finite], y[finite]))
        (ci, pi), dist = ptree.query_nearest(terr.centres, return_distance=True, all_matches=False)
        near = np.full(len(terr), -1, dtype=np.int64)
        near[ci] = finite[pi]
        km = np.full(len(terr), np.nan)
        km[ci] = dist / 1000.0
        nearest["nearest_pos"] = near
        nearest["nearest_km"] = km
        for col, src in (("nearest_id", "id"), ("nearest_name", "name"), ("nearest_programme", "programme"),
                         ("nearest_group", "cov_group")):
            if src in proj.columns:
                values = proj[src].astype(str).to_numpy(dtype=object)
                nearest[col] = np.where(near >= 0, values[np.maximum(near, 0)], "")

    munis = terr.table.set_index("nis", drop=False).rename_axis("nis")
    munis = munis.assign(area_km2=terr.area_m2 / 1e6)
    return Coverage(munis, counts, shares, nearest, proj, all_groups, distances_km, terr)


# ---------------------------------------------------------------------------
# Summaries for an area (a set of 2025 NIS codes)
# ---------------------------------------------------------------------------
def _area_index(cov: Coverage, area: Iterable[str] | None) -> pd.Index:
    if area is None:
        return cov.municipalities.index
    wanted = set(area)
    return cov.municipalities.index[cov.municipalities.index.isin(wanted)]


def area_population(cov: Coverage, area: Iterable[str] | None) -> int:
    idx = _area_index(cov, area)
    return int(cov.municipalities.loc[idx, "population"].sum())


def summary(cov: Coverage, area: Iterable[str] | None) -> pd.DataFrame:
    """Coverage figures for an area, one row per group (``all`` first).

    Columns: ``projects`` (in the area), ``municipalities`` (in the area),
    ``municipalities_with`` (with at least one project), ``population``,
    ``population_with`` and ``population_with_share`` (living in those municipalities),
    and per distance d: ``population_within_<d>km`` and ``share_within_<d>km`` (areal
    weighting). An empty area or a group without projects gives zeros, never an error.
    """
    idx = _area_index(cov, area)
    pop = cov.municipalities.loc[idx, "population"].astype(float)
    total = float(pop.sum())
    rows = []
    for g in cov.groups:
        n = cov.counts.loc[idx, g]
        with_ = n > 0
        row = {
            "group": g,
            "projects": int(n.sum()),
            "municipalities": int(len(idx)),
            "municipalities_with": int(with_.sum()),
            "population": int(total),
            "population_with": int(pop[with_].sum()),
            "population_with_share": float(pop[with_].sum() / total) if total else 0.0,
        }
        for d in cov.distances_km:
            within = float((pop * cov.area_share[d].loc[idx, g]).sum())
            row[f"population_within_{d}km"] = within
            row[f"share_within_{d}km"] = within / total if total else 0.0
        rows.append(row)
    return pd.DataFrame(rows).set_index("group")


def white_spots(cov: Coverage, area: Iterable[str] | None = None, within_km: float | None = None,
                group: str = ALL) -> pd.Series:
    """True for municipalities without a project (`within_km` None) or with no part within `within_km`."""
    idx = _area_index(cov, area)
    if within_km is None:
        return cov.counts.loc[idx, group] == 0
    if within_km not in cov.area_share:
        raise KeyError(f"coverage was computed for {cov.distances_km} km, not {within_km}")
    return cov.area_share[within_km].loc[idx, group] <= 0.0


def municipality_table(cov: Coverage, area: Iterable[str] | None, typology: str = "degurba",
                       within_km: float | None = None) -> pd.DataFrame:
    """One row per municipality of the area: the white spots first, then the farthest from a project.

    Columns: nis, name, province_name, population, area_class (code of `typology`),
    area_km2, projects (all groups), one ``projects_<group>`` per group, nearest_id,
    nearest_name, nearest_programme, nearest_group, nearest_km, share_within_<d>km
    (all groups), white_spot, kansarmoede_index_pct and oki (NaN where unknown).
    """
    idx = _area_index(cov, area)
    m = cov.municipalities.loc[idx]
    out = pd.DataFrame(
        {
            "nis": m["nis"].to_numpy(),
            "name": m["name"].to_numpy(),
            "province_name": m["province_name"].to_numpy(),
            "population": m["population"].to_numpy(dtype="int64"),
            "area_class": m[typology].astype(str).to_numpy() if typology in m.columns else "",
            "area_km2": m["area_km2"].to_numpy(),
            "projects": cov.counts.loc[idx, ALL].to_numpy(dtype="int64"),
        },
        index=idx,
    )
    for g in cov.groups[1:]:
        out[f"projects_{g}"] = cov.counts.loc[idx, g].to_numpy(dtype="int64")
    for col in ("nearest_id", "nearest_name", "nearest_programme", "nearest_group", "nearest_km"):
        out[col] = cov.nearest.loc[idx, col].to_numpy()
    for d in cov.distances_km:
        out[f"share_within_{d}km"] = cov.area_share[d].loc[idx, ALL].to_numpy()
    out["white_spot"] = white_spots(cov, idx, within_km).to_numpy()
    for col in OPTIONAL_COLUMNS:
        out[col] = m[col].to_numpy(dtype=float) if col in m.columns else np.nan
    far = out["nearest_km"].fillna(np.inf)
    out = out.assign(_far=far).sort_values(["white_spot", "_far", "population", "name"],
                                          ascending=[False, False, False, True])
    return out.drop(columns="_far").reset_index(drop=True)


def balance(cov: Coverage, area: Iterable[str] | None, typology: str = "degurba") -> pd.DataFrame:
    """Projects against population per area class of `typology`, for the area.

    One row per class present in the area (index = class code as str, '' = no class):
    municipalities, population, population_share, projects (all), projects_share,
    projects_per_100k, and one ``projects_<group>`` per group.
    """
    idx = _area_index(cov, area)
    m = cov.municipalities.loc[idx]
    cls = m[typology].astype(str) if typology in m.columns else pd.Series("", index=idx)
    frame = pd.DataFrame({"cls": cls.to_numpy(), "population": m["population"].to_numpy(dtype=float)}, index=idx)
    for g in cov.groups:
        frame[g] = cov.counts.loc[idx, g].to_numpy()
    grouped = frame.groupby("cls", sort=True)
    out = pd.DataFrame({
        "municipalities": grouped.size(),
        "population": grouped["population"].sum().astype("int64"),
    })
    out["population_share"] = out["population"] / max(float(out["population"].sum()), 1.0)
    out["projects"] = grouped[ALL].sum().astype("int64")
    total = float(out["projects"].sum())
    out["projects_share"] = out["projects"] / total if total else 0.0
    out["projects_per_100k"] = np.where(out["population"] > 0, out["projects"] / out["population"].clip(lower=1) * 1e5, 0.0)
    for g in cov.groups[1:]:
        out[f"projects_{g}"] = grouped[g].sum().astype("int64")
    out.index = out.index.astype(str)
    out.index.name = "class"
    return out


def near_xy(terr: Territory, x, y, area: Iterable[str], km: float) -> np.ndarray:
    """Mask: the point (Lambert 72) lies in, or within `km` of, the area's municipalities."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    mask = np.zeros(len(x), dtype=bool)
    pos = terr.positions(area)
    ok = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    if len(ok) == 0 or len(pos) == 0:
        return mask
    area_tree = shapely.STRtree(terr.geoms[pos])
    pi, _ = area_tree.query(shapely.points(x[ok], y[ok]), predicate="dwithin", distance=km * 1000.0)
    mask[ok[np.unique(pi)]] = True
    return mask


def near_area(terr: Territory, lon, lat, area: Iterable[str], km: float) -> np.ndarray:
    """As :func:`near_xy` for WGS84 lon/lat."""
    x, y = to_lambert(lon, lat)
    return near_xy(terr, x, y, area, km)


def projects_near(cov: Coverage, area: Iterable[str] | None, km: float) -> np.ndarray:
    """Mask over ``cov.projects``: the project lies in the area or within `km` of it."""
    idx = _area_index(cov, area)
    if len(cov.projects) == 0:
        return np.zeros(0, dtype=bool)
    mask = near_xy(cov.territory, cov.projects["x"], cov.projects["y"], idx, km)
    return mask | cov.projects["cov_nis"].isin(set(idx)).to_numpy()
