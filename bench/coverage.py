"""``python -m bench coverage``: coverage of all 304 municipalities (geo.coverage).

Rows (median of 5 wall-clock runs after one warm-up; the static part is built once and
cached, as in the app, so the timed calls pay only for the project-dependent part):

* the real projects (data/projects.csv), all together, for 2, 5 and 10 km, plus the
  area figures and the municipality table: target ≤ 200 ms;
* the same per programme plus all together (what the page computes, once per programme
  selection; for information);
* 10,000 synthetic projects, uniformly random inside the Flemish and Brussels
  municipality polygons (fixed seed), all together: target ≤ 1 s;
* building the static part itself (once per process; for information).
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from bench import Row, measure, register

SEED = 2026
N_SYNTHETIC = 10_000
TARGET_REAL_MS = 200.0
TARGET_SYNTHETIC_MS = 1000.0


def synthetic_projects(terr, n: int = N_SYNTHETIC, seed: int = SEED) -> pd.DataFrame:
    """`n` random points inside the territory's polygons (rejection sampling in Lambert 72)."""
    import pyproj
    import shapely

    from atlas.model import schema

    rng = np.random.default_rng(seed)
    union = shapely.union_all(terr.geoms)
    shapely.prepare(union)
    minx, miny, maxx, maxy = terr.bounds
    chunks, have = [], 0
    while have < n:
        xy = rng.uniform((minx, miny), (maxx, maxy), size=(2 * n, 2))
        keep = xy[shapely.contains_xy(union, xy[:, 0], xy[:, 1])]
        chunks.append(keep)
        have += len(keep)
    xy = np.concatenate(chunks)[:n]
    to_wgs = pyproj.Transformer.from_crs(31370, 4326, always_xy=True)
    lon, lat = to_wgs.transform(xy[:, 0], xy[:, 1])
    return pd.DataFrame({
        "id": [f"SYN-{i:05d}" for i in range(n)],
        "name": [f"synthetic {i}" for i in range(n)],
        "programme": rng.choice(np.array(schema.PROGRAMMES, dtype=object), size=n),
        "lat": lat,
        "lon": lon,
    })


def _figures(cov_mod, terr, projects: pd.DataFrame, group_col: str):
    cov = cov_mod.compute(terr, projects, group_col=group_col)
    cov_mod.summary(cov, None)
    cov_mod.municipality_table(cov, None)
    return cov


@register("coverage", "coverage of all 304 municipalities against the projects (geo.coverage)")
def run(argv: list[str]) -> list[Row]:
    parser = argparse.ArgumentParser(prog="python -m bench coverage")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per row (median is reported)")
    args = parser.parse_args(argv)

    from geo import coverage as cov_mod
    from geo import reference
    from geo.config import GeoUnavailable

    try:
        full = reference.municipalities_full()
    except GeoUnavailable as exc:
        print(exc)
        raise SystemExit(2) from exc
    from atlas.model.data import load_projects

    projects = load_projects().projects
    terr = cov_mod.default_territory()
    synthetic = synthetic_projects(terr)
    n_real = len(projects)
    together = projects.assign(bench_group=cov_mod.ALL)
    syn_together = synthetic.assign(bench_group=cov_mod.ALL)
    km = "/".join(str(d) for d in cov_mod.DISTANCES_KM)

    rows = [
        measure(f"{len(terr)} municipalities × {n_real} projects, all together ({km} km) + figures",
                lambda: _figures(cov_mod, terr, together, "bench_group"), runs=args.runs,
                target_ms=TARGET_REAL_MS),
        measure(f"{len(terr)} municipalities × {n_real} projects, per programme + all (5 groups)",
                lambda: _figures(cov_mod, terr, projects, "programme"), runs=args.runs,
                note="what the coverage page computes once per programme selection (then cached)"),
        measure(f"{len(terr)} municipalities × {N_SYNTHETIC:,} synthetic projects, all together ({km} km)",
                lambda: _figures(cov_mod, terr, syn_together, "bench_group"), runs=args.runs,
                target_ms=TARGET_SYNTHETIC_MS,
                note=f"uniform random points inside the municipality polygons, seed {SEED}"),
        measure("static part: 304 polygons to EPSG:31370, areas, centres, STRtree (once)",
                lambda: cov_mod.territory(full), runs=max(1, args.runs // 2), warmup=0,
                note="cached per process by geo.coverage.default_territory()"),
    ]
    return rows
