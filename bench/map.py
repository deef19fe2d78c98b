"""``python -m bench map``: the map page against a hand-written peer.

The peer is what one would write by hand: ``GeoDataFrame.explore()`` of the same 304
municipalities (as read from the reference file) plus one ``folium.Marker`` per project with
a tooltip and a popup. Both maps are turned into the arguments that streamlit-folium sends
to the browser, and measured the same way.

Rows:
* payload sent to the browser per rerun (KB): ours ≤ 400 KB and ≤ 0.25x the peer's;
* build time: the peer's map build (median of 5);
* server time of a map-page rerun with cached data (Streamlit AppTest, median of 5):
  ≤ 150 ms and ≤ 0.5x the peer's build time;
* the same rerun with 10,000 synthetic projects: ≤ 1 s;
* validation (``python -m atlas validate``, every check) of 100,000 synthetic rows: ≤ 10 s.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from bench import Row, register, time_median

SEED = 2026
N_SYNTHETIC = 10_000
N_VALIDATE = 100_000  # the most rows a file may have (atlas.model.sheet.MAX_ROWS)
VALIDATE_TARGET_MS = 10_000.0  # "in seconds"
REPO = Path(__file__).resolve().parent.parent


def component_payload(m) -> int:
    """Bytes of the streamlit-folium component arguments for map `m` (what a rerun sends)."""
    import branca
    import folium
    from streamlit_folium import _get_header, _get_html, _get_map_string

    m.get_root().render()
    html = _get_html(m)
    header = _get_header(m)
    script = _get_map_string(m)
    css, js = [], []

    def walk(el):
        if isinstance(el, folium.elements.JSCSSMixin):
            css.extend(h for _, h in getattr(el, "default_css", []))
            js.extend(s for _, s in getattr(el, "default_js", []))
        if isinstance(el, branca.colormap.ColorMap):
            js.append("d3")
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(m)
    args = {"script": script, "header": header, "html": html, "css_links": list(dict.fromkeys(css)),
            "js_links": list(dict.fromkeys(js))}
    return len(json.dumps(args).encode("utf-8"))


def peer_map(municipalities_full, projects: pd.DataFrame):
    """The hand-written peer: explore() of the municipalities plus one marker per project."""
    import folium

    m = municipalities_full[["nis", "name", "geometry"]].explore(tooltip=["name"], style_kwds={"weight": 0.6})
    for row in projects.itertuples():
        folium.Marker(
            [row.lat, row.lon],
            tooltip=f"{row.name} ({row.programme})",
            popup=folium.Popup(f"<b>{row.name}</b><br>{row.organisation}<br>{row.source_url}", max_width=300),
        ).add_to(m)
    return m


def synthetic_csv(path: Path, n: int = N_SYNTHETIC, seed: int = SEED) -> None:
    """`n` valid project rows at random points inside random municipalities (2025 codes)."""
    import shapely

    from atlas.model import schema
    from geo import reference

    munis = reference.municipalities_full()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(munis), size=n)
    rows = []
    geoms = munis.geometry.values
    for i, k in enumerate(picks):
        geom = geoms[k]
        minx, miny, maxx, maxy = geom.bounds
        while True:
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            if shapely.contains_xy(geom, x, y):
                break
        rows.append({
            "id": f"SYN-{i:05d}", "programme": schema.PROGRAMMES[i % len(schema.PROGRAMMES)],
            "name": f"Synthetisch project {i}", "municipality_nis": munis["nis"].iloc[k],
            "municipality": munis["name"].iloc[k], "neighbourhood": "", "organisation": "Benchmark",
            "lat": f"{y:.5f}", "lon": f"{x:.5f}", "start_date": "2022-03-01", "end_date": "2024-02-29",
            "budget_eur": "", "source_url": "https://example.org/benchmark",
        })
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(schema.REQUIRED_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)


def _page_rerun_ms(runs: int = 5) -> tuple[float, float, float, int]:
    """Median/min/max ms of a map-page rerun with warm caches, and its component payload."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from atlas.ui.chrome import RUN_MS_KEY

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    at.run()  # cold: loads, validates, places and caches the data
    if at.exception:
        raise SystemExit(f"the app failed: {at.exception[0].message}")
    at.run()  # warm-up rerun
    times = []
    for _ in range(runs):
        at.run()
        times.append(at.session_state[RUN_MS_KEY])  # the script's own duration (atlas.ui.chrome.run_timer)
    times.sort()
    med, lo, hi = times[len(times) // 2], times[0], times[-1]
    comps = [e for e in at.main if getattr(e, "type", None) == "component_instance"]
    payload = len(comps[0].proto.json_args.encode("utf-8")) if comps else 0
    return med, lo, hi, payload


@register("map", "map page vs explore() + one folium marker per project")
def run(argv: list[str]) -> list[Row]:
    from atlas.model.data import load_projects
    from geo import reference
    from geo.config import GeoUnavailable

    try:
        munis_full = reference.municipalities_full()
    except GeoUnavailable as exc:
        raise SystemExit(f"reference geography missing: {exc}")
    projects = load_projects().projects

    rows: list[Row] = []
    peer_ms, peer_lo, peer_hi = time_median(lambda: component_payload(peer_map(munis_full, projects)), runs=5)
    peer_kb = component_payload(peer_map(munis_full, projects)) / 1000
    rows.append(Row("peer: build + serialise map", peer_ms, 5, peer_lo, peer_hi, None,
                    f"explore() of {len(munis_full)} municipalities + {len(projects)} folium.Marker"))

    med, lo, hi, payload = _page_rerun_ms()
    ours_kb = payload / 1000
    rows.append(Row("ours: payload sent per rerun", ours_kb, 1, ours_kb, ours_kb, 400.0,
                    f"{ours_kb / peer_kb:.2f}x the peer's {peer_kb:,.0f} KB (target ≤ 0.25x)", unit="KB"))
    rows.append(Row("ours: payload vs peer", ours_kb / peer_kb, 1, ours_kb / peer_kb, ours_kb / peer_kb, 0.25,
                    unit="x"))
    rows.append(Row("ours: map page rerun (server, cached data)", med, 5, lo, hi, 150.0,
                    f"{med / peer_ms:.2f}x the peer's build time (target ≤ 0.5x)"))
    rows.append(Row("ours: rerun time vs peer build time", med / peer_ms, 1, med / peer_ms, med / peer_ms, 0.5,
                    unit="x"))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "projects_10k.csv"
        synthetic_csv(path)
        old = os.environ.get("ATLAS_PROJECTS_CSV")
        os.environ["ATLAS_PROJECTS_CSV"] = str(path)
        try:
            med10, lo10, hi10, payload10 = _page_rerun_ms()
        finally:
            if old is None:
                os.environ.pop("ATLAS_PROJECTS_CSV", None)
            else:
                os.environ["ATLAS_PROJECTS_CSV"] = old
    rows.append(Row(f"ours: rerun with {N_SYNTHETIC:,} synthetic projects", med10, 5, lo10, hi10, 1000.0,
                    f"payload {payload10 / 1e6:.1f} MB"))
    rows.append(_validation_row())
    return rows


def _validation_row(n: int = N_VALIDATE, runs: int = 3) -> Row:
    """`python -m atlas validate` on `n` synthetic rows (every check, the geographic ones too)."""
    from atlas.model.validate import validate_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "projects_100k.csv"
        synthetic_csv(path, n=n)
        size_mb = path.stat().st_size / 1e6
        found = {}

        def once():
            found["result"] = validate_file(path)

        med, lo, hi = time_median(once, runs=runs, warmup=0)
    result = found["result"]
    return Row(f"validation of {n:,} rows (all checks)", med, runs, lo, hi, VALIDATE_TARGET_MS,
               f"{size_mb:.1f} MB CSV, {len(result.rows):,} rows read, {len(result.problems):,} problems (points rounded "
               f"across a border); "
               f"{n / (med / 1000):,.0f} rows/s")
