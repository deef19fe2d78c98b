"""Browser assets served by the app itself (no CDN), so the map renders offline.

Leaflet and Leaflet.markercluster come from their PyPI XStatic packages, the map's own
script and styles from `geo/web/` (read with importlib.resources); all are copied into
`static/` (git-ignored) at start-up; Streamlit serves that folder at `/app/static/`
(`[server] enableStaticServing = true`). For a self-contained HTML export the same files
are inlined instead (`inline_assets`).
"""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
from importlib import resources
from pathlib import Path, PurePosixPath

import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_cluster

REPO_ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = REPO_ROOT / "static"
URL_PREFIX = "app/static"  # relative to the Streamlit server root

# (package data dir, files to copy, target sub-folder)
_PACKAGES = (
    (Path(xs_leaflet.BASE_DIR), ("leaflet.js", "leaflet.css", "images"), "leaflet"),
    (Path(xs_cluster.BASE_DIR), ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"),
     "markercluster"),
)

LEAFLET_VERSION = xs_leaflet.VERSION


def _sources() -> dict[str, Path]:
    """Target path under static/ -> source file in the installed package."""
    out: dict[str, Path] = {}
    for base, names, sub in _PACKAGES:
        for name in names:
            src = base / name
            if src.is_dir():
                for f in src.rglob("*"):
                    if f.is_file():
                        out[f"{sub}/{name}/{f.relative_to(src).as_posix()}"] = f
            else:
                out[f"{sub}/{name}"] = src
    web = resources.files("geo") / "web"
    for name in ("map.js", "map.css"):
        out[f"zb/{name}"] = web / name
    return out


@functools.lru_cache(maxsize=4)
def ensure_static(static_dir: Path = STATIC_DIR) -> Path:
    """Copy the assets into `static_dir` when missing or out of date; once per process
    (app.py calls it on every run)."""
    for rel, src in _sources().items():
        dst = static_dir / rel
        if not dst.exists() or dst.stat().st_size != src.stat().st_size or dst.stat().st_mtime < src.stat().st_mtime:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    return static_dir


def url(rel: str, base: str = "/") -> str:
    return f"{base}{URL_PREFIX}/{rel}"


MAP_JS = [("leaflet", "leaflet/leaflet.js")]
MAP_CSS = [("leaflet_css", "leaflet/leaflet.css")]
# The map's own behaviour and styles (geo/web/map.js, geo/web/map.css).
ZB_JS = [("zbmapjs", "zb/map.js")]
ZB_CSS = [("zbmapcss", "zb/map.css")]
CLUSTER_JS = [("markerclusterjs", "markercluster/leaflet.markercluster.js")]
CLUSTER_CSS = [
    ("markerclustercss", "markercluster/MarkerCluster.css"),
    ("markerclusterdefaultcss", "markercluster/MarkerCluster.Default.css"),
]


def local(pairs: list[tuple[str, str]], base: str = "/") -> list[tuple[str, str]]:
    return [(name, url(rel, base)) for name, rel in pairs]


def read_text(rel: str) -> str:
    return _sources()[rel].read_text(encoding="utf-8")


# What `publish` writes: a content-hashed name, so the browser may keep it for good (the app's
# server sends IMMUTABLE for it, see atlas.ui.cache_headers; deploy/nginx.conf.j2 does the same).
HASHED = re.compile(r"/zb/data/[A-Za-z0-9_]+-[0-9a-f]{12}\.(?:js|css|json)$")
IMMUTABLE = "public, max-age=31536000, immutable"


def publish(name: str, text: str, static_dir: Path = STATIC_DIR, suffix: str = ".json") -> str:
    """Write `text` once as `zb/data/<name>-<content hash><suffix>` under `static_dir`; returns
    that path (for `url`). The name changes with the content, so the browser may cache it."""
    data = text.encode("utf-8")
    rel = f"zb/data/{name}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    dst = static_dir / rel
    if not dst.exists() or dst.stat().st_size != len(data):
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(dst)
    return rel


# The map's scripts and styles as one file each (see bundle_js): streamlit-folium loads its
# script links one after another, each a round trip before the map can start.
BUNDLE_JS = MAP_JS + CLUSTER_JS + ZB_JS
BUNDLE_CSS = MAP_CSS + CLUSTER_CSS + ZB_CSS
_CSS_URL = re.compile(r"url\((['\"]?)(?!data:|#|/|https?:)([^)'\"]+)\1\)")


def bundle_js(extra: str = "") -> str:
    """Leaflet, the cluster plugin and map.js in one script, followed by `extra` (data to
    preload). Each part ends with a newline and a semicolon, so no statement runs into the next."""
    return "".join(f"/* {rel} */\n{read_text(rel)}\n;\n" for _, rel in BUNDLE_JS) + extra


def bundle_css(at: str = "zb/data") -> str:
    """The map's style sheets in one, for a file at `at` (under static/): relative image URLs
    (Leaflet's images/...) are rewritten to stay correct from there."""
    up = "../" * len(PurePosixPath(at).parts)
    out = []
    for _, rel in BUNDLE_CSS:
        folder = PurePosixPath(rel).parent.as_posix()
        text = _CSS_URL.sub(lambda m: f"url({m.group(1)}{up}{folder}/{m.group(2)}{m.group(1)})", read_text(rel))
        out.append(f"/* {rel} */\n{text}\n")
    return "".join(out)
