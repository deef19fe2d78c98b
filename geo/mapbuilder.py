"""The folium map builder: the only module that imports folium.

`build_map(projects, layers, params)` is a pure function of plain values: a frame of marker
rows whose texts are already translated and formatted, the prepared boundary layers, and a
`MapParams` (labels, colours, fills, ids, bounds). It never reads files, Streamlit state,
the filter state or the string table; `atlas.views.mapview` turns those into these plain values.

What the browser runs lives in `geo/web/map.js` and `geo/web/map.css` (served locally like
Leaflet, see geo.assets; inlined by `standalone_html`). Each layer is one short call whose
data is a JSON blob made safe for a <script> element; map.js inserts every data-derived
string as text (textContent), never as HTML, so no HTML escaping happens here at all.

Online base tiles are an optional extra; boundaries keep the map readable without them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Mapping

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from geo import assets
from geo.config import MUNICIPALITY_ATTRIBUTES, MunicipalityAttribute

FLANDERS_BOUNDS = [[50.68, 2.54], [51.51, 5.92]]
OWN_GROUP = "eigen"  # marker group of rows with own == True (uploaded, session-only)
SHAPES = ("circle", "square", "diamond", "triangle", "star")  # marker shapes map.js can draw
RING_COLOUR = "#d7191c"  # highlighted projects (also in map.css, .sw-ring)

# Marker rows carry display texts only (translated and formatted by the caller); the popup and
# tooltip are assembled in the browser from one label set per layer (compact payload, lazy popups).
ROW_FIELDS = ("lat", "lon", "id", "name", "municipality", "neighbourhood", "organisation", "period", "budget",
              "status", "status_note", "precision", "confidence", "sources")
POPUP_FIELDS = ("municipality", "neighbourhood", "organisation", "period", "budget", "status", "precision",
                "confidence", "sources")


# ---------------------------------------------------------------------------
# Plain parameters
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class MarkerGroup:
    """One marker layer (a programme, or the user's own locations)."""

    key: str  # the value of the frame's `group` column
    label: str  # popups, tooltips and the checkbox's accessible name
    legend_label: str  # the legend row, e.g. with the count
    colour: str  # '#rrggbb'
    shape: str  # one of SHAPES


@dataclass(frozen=True)
class LegendRow:
    label: str
    colour: str = ""  # fill colour of the swatch ('#rrggbb'), for kind 'fill'
    kind: str = "fill"  # fill | boundary | province | ring | selected


@dataclass(frozen=True)
class LegendSection:
    title: str
    rows: tuple[LegendRow, ...]


@dataclass(frozen=True)
class MapParams:
    """Everything the map shows besides the rows and boundaries; texts already translated."""

    groups: tuple[MarkerGroup, ...] = ()  # drawing and legend order
    popup_labels: Mapping[str, str] = field(default_factory=dict)  # POPUP_FIELDS -> label
    legend_title: str = ""
    legend_sections: tuple[LegendSection, ...] = ()  # below the marker groups
    fills: Mapping[str, str] | None = None  # NIS code -> fill colour; None or empty: light uniform fill
    selected: tuple[str, ...] = ()  # NIS codes drawn with a heavy outline and a highlight fill
    only_municipalities: frozenset[str] | None = None  # draw just these municipalities
    highlight_ids: frozenset[str] = frozenset()  # project ids ringed in RING_COLOUR
    bounds: list[list[float]] | None = None  # [[south, west], [north, east]]; None: Flanders
    tiles: bool = True  # the optional online OpenStreetMap tiles
    asset_base: str = "/"
    height: int = 620
    title: str = ""  # the map's accessible name (the iframe's title in the app)


# ---------------------------------------------------------------------------
# Rendering without re-compiling data: branca's MacroElement.render wraps every rendered
# macro in Element(text), which compiles that text as a Jinja template. For the boundary
# GeoJSON (about 215 KB) and large marker arrays that costs more than everything else in a
# rerun; these elements add their rendered text verbatim instead.
# ---------------------------------------------------------------------------
class _Raw(Element):
    """Already-rendered text, added to the figure verbatim."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class FastMacro(MacroElement):
    """A MacroElement whose header/html/script output is not compiled again."""

    def render(self, **kwargs):
        figure = self.get_root()
        module = self._template.module
        for part in ("header", "html", "script"):
            macro = module.__dict__.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Raw(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


# ---------------------------------------------------------------------------
# Boundary layers: prepared once (cached by the app), reused on every rerun.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class MapLayers:
    municipalities: dict | None  # GeoJSON FeatureCollection (WGS84, 4-decimal coordinates): nis, name, lp
    municipalities_js: str | None  # the same, serialised once (inlined in exports)
    provinces_js: str | None  # province outlines, serialised once
    attributes: dict | None  # nis -> {population, degurba, uitrusting, province_nis, kansarmoede_index_pct, oki}
    # (server side only; a missing need indicator is None, never 0)
    # Where the browser fetches the same JSON (a content-hashed static file the browser caches,
    # see geo.assets.publish); None: the JSON is inlined in the map script.
    municipalities_src: str | None = None
    provinces_src: str | None = None
    # The map's scripts with the boundaries preloaded, and its styles, as one file each (see
    # publish_layers); None: the separate asset files.
    script_src: str | None = None
    style_src: str | None = None


def publish_layers(layers: MapLayers | None, base: str = "/", static_dir: Path = assets.STATIC_DIR) -> MapLayers | None:
    """The same layers with their JSON written once as static files (geo.assets.publish), so a
    map script refers to them by URL instead of carrying ~280 KB on every rerun.

    Also one script for the browser: Leaflet, the cluster plugin, map.js and the boundaries
    (preloaded under their URLs), and one style sheet. streamlit-folium loads script links one
    after another and the boundaries would be fetched only after the map script ran; as one
    file the map needs one round trip. All files are content-named, so the browser caches them."""
    if layers is None:
        return None
    munis = provs = None
    preload = {}
    if layers.municipalities_js is not None:
        munis = assets.url(assets.publish("municipalities", layers.municipalities_js, static_dir), base)
        preload[munis] = layers.municipalities_js
    if layers.provinces_js is not None:
        provs = assets.url(assets.publish("provinces", layers.provinces_js, static_dir), base)
        preload[provs] = layers.provinces_js
    # JSON.parse of a string literal: faster to parse than the same data as a JS object literal
    extra = "zbMap.preload({" + ",".join(f"{json.dumps(url)}:JSON.parse({json.dumps(text)})"
                                         for url, text in preload.items()) + "});\n"
    script = assets.url(assets.publish("map", assets.bundle_js(extra), static_dir, suffix=".js"), base)
    style = assets.url(assets.publish("map", assets.bundle_css("zb/data"), static_dir, suffix=".css"), base)
    return replace(layers, municipalities_src=munis, provinces_src=provs, script_src=script, style_src=style)


def _compact_json(value) -> str:
    """Compact JSON that is safe inside a <script> element (and an HTML attribute): `<`, `>`,
    `&` and `'` become \\u escapes, so data text can never close the script or add markup."""
    return str(htmlsafe_json_dumps(value, separators=(",", ":"), ensure_ascii=False))


def _rounded_geojson(gdf, columns: list[str], digits: int = 4, label_points: bool = False) -> dict:
    geoms = shapely.transform(gdf.geometry.values, lambda xy: np.round(xy, digits))
    records = gdf[columns].to_dict("records")
    if label_points:  # where the name goes when zoomed in: a point inside the polygon, [lat, lon]
        points = shapely.point_on_surface(gdf.geometry.values)
        for props, x, y in zip(records, shapely.get_x(points), shapely.get_y(points)):
            props["lp"] = [round(float(y), digits), round(float(x), digits)]
    features = []
    for props, geom in zip(records, geoms):
        features.append({"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(geom))})
    return {"type": "FeatureCollection", "features": features}


def _map_values(municipalities, a: MunicipalityAttribute) -> list:
    """An attribute's values as the map takes them: text (codes, classes), an int, or a float
    (None where a measure is unknown)."""
    if a.as_text:
        return [str(v) for v in municipalities[a.name]]
    if a.kind == "count":
        return [int(v) for v in municipalities[a.name]]
    values = (pd.to_numeric(municipalities[a.name], errors="coerce") if a.name in municipalities.columns
              else pd.Series(np.nan, index=municipalities.index))
    return [None if pd.isna(v) else float(v) for v in values]


def prepare_layers(municipalities, provinces) -> MapLayers:
    """Turn the reference GeoDataFrames into compact GeoJSON once. Either may be None."""
    munis = munis_js = provs_js = attrs = None
    if municipalities is not None:
        munis = _rounded_geojson(municipalities, ["nis", "name"], label_points=True)
        munis_js = _compact_json(munis)
        # Attributes for server-side choropleths (geo.config.MUNICIPALITY_ATTRIBUTES, `map=True`)
        # stay out of the payload.
        attrs = {nis: {} for nis in municipalities["nis"]}
        for a in MUNICIPALITY_ATTRIBUTES:
            if a.map:
                for nis, v in zip(municipalities["nis"], _map_values(municipalities, a)):
                    attrs[nis][a.name] = v
    if provinces is not None:
        provs_js = _compact_json(_rounded_geojson(provinces, ["province_nis", "name"]))
    return MapLayers(munis, munis_js, provs_js, attrs)


SELECTED_FILL = "#ffd54f"  # a selected municipality or province, when no choropleth colours it


class Boundaries(FastMacro):
    """A GeoJSON boundary layer drawn by `zbMap.boundaries` (map.js): from a URL the browser
    fetches and caches (`src`), else from pre-serialised JSON (no per-rerun encoding). It is the
    same on every rerun; what changes with the filters (fills, the selection) is `Style`.
    `labels`: municipality names at their label points when zoomed in."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = zbMap.boundaries({{ this._parent.get_name() }}, {{ this.options_js }}, {{ this.source_js }});
        {% endmacro %}"""
    )

    def __init__(self, data_js: str, *, src: str | None = None, interactive: bool = True, colour: str = "#8a8a8a",
                 weight: float = 0.6, fill: bool = True, labels: bool = False, base: bool = False):
        super().__init__()
        self._name = "Boundaries"
        self.data_js = data_js
        self.src = src
        self.options_js = _compact_json({"interactive": interactive, "colour": colour, "weight": weight, "fill": fill,
                                         "labels": labels, "base": base})

    @property
    def source_js(self) -> str:
        return _compact_json(self.src) if self.src else self.data_js


class Style(FastMacro):
    """The municipal layer's fills and selection (`zbMap.style`): `fills` maps NIS codes to fill
    colours (empty: light uniform fill); `selected` municipalities are drawn with a heavy outline
    and, where `fills` has no colour for them, filled with SELECTED_FILL."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        zbMap.style({{ this._parent.get_name() }}, {{ this.options_js }});
        {% endmacro %}"""
    )

    def __init__(self, fills: Mapping[str, str] | None = None, selected: Iterable[str] = ()):
        super().__init__()
        self._name = "Style"
        self.options_js = _compact_json({"fills": dict(fills or {}), "selected": sorted(selected),
                                         "selectedFill": SELECTED_FILL, "fillOpacity": 0.75 if fills else 0.35})


def _subset_js(collection: dict, keep: set[str] | frozenset[str]) -> str:
    return _compact_json({"type": "FeatureCollection",
                          "features": [f for f in collection["features"] if f["properties"]["nis"] in keep]})


# ---------------------------------------------------------------------------
# Marker data
# ---------------------------------------------------------------------------
def spread_colocated(lat: pd.Series, lon: pd.Series, radius_deg: float = 0.0012) -> tuple[np.ndarray, np.ndarray]:
    """Spread markers that share a location on a small circle so each stays clickable.

    Display only: the table and popups keep the true coordinates. Vectorised: the k-th of
    n markers at one spot goes to angle 2*pi*k/n.
    """
    lat_in, lon_in = lat.to_numpy(dtype=float), lon.to_numpy(dtype=float)
    keys = pd.DataFrame({"a": np.round(lat_in, 4), "b": np.round(lon_in, 4)})
    group = keys.groupby(["a", "b"], sort=False)
    n = group["a"].transform("size").to_numpy()
    k = group.cumcount().to_numpy()
    angle = 2 * np.pi * k / n
    shared = n > 1
    lat_out = lat_in + np.where(shared, radius_deg * np.sin(angle), 0.0)
    lon_out = lon_in + np.where(shared, radius_deg * 1.6 * np.cos(angle), 0.0)
    return lat_out, lon_out


def _column(values: list) -> list | dict:
    """A column as a plain list, or dictionary-encoded {"v": distinct values, "i": codes} when
    values repeat (periods, budgets, statuses, sources...): what keeps 10,000 markers small."""
    if len(values) < 8:
        return values
    keys = [tuple(v) if isinstance(v, list) else v for v in values]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), use_na_sentinel=False)
    if len(uniques) * 2 > len(values):
        return values
    return {"v": [list(u) if isinstance(u, tuple) else u for u in uniques], "i": codes.tolist()}


def marker_columns(projects: pd.DataFrame) -> dict[str, dict]:
    """Per group, its markers as columns: {"lat": [...], "lon": [...], "cols": [one column per
    ROW_FIELDS[2:]]} (display coordinates: co-located markers spread). Columns whose values
    repeat are dictionary-encoded (see _column); map.js reads row i back as
    [lat, lon, id, texts..., [source URLs]] (the order of ROW_FIELDS)."""
    if projects.empty:
        return {}
    lat, lon = spread_colocated(projects["lat"], projects["lon"])
    frame = pd.DataFrame({"group": projects["group"].to_numpy(), "lat": np.round(lat, 5), "lon": np.round(lon, 5)})
    out: dict[str, dict] = {}
    for group, index in frame.groupby("group", sort=False).indices.items():
        part = projects.iloc[index]
        out[group] = {"lat": frame["lat"].to_numpy()[index].tolist(), "lon": frame["lon"].to_numpy()[index].tolist(),
                      "cols": [_column(part[name].tolist()) for name in ROW_FIELDS[2:]]}
    return out


class Layer(FastMacro):
    """Everything on the map that follows the filters (markers, rings, legend, fills and the
    view), as one Leaflet layer group `zbMap.layer` creates; its children draw into it.

    In the app it is streamlit-folium's `feature_group_to_add` (named like a FeatureGroup for
    that reason): the map script proper (Leaflet, boundaries, labels) then stays the same on
    every rerun, so the browser keeps the map and swaps this layer instead of rebuilding it.
    In an export it is an ordinary child of the map.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = zbMap.layer({{ this._parent.get_name() }}, {{ this.view_js }});
        {% endmacro %}"""
    )

    def __init__(self, view: Mapping):
        super().__init__()
        self._name = "FeatureGroup"
        self.view_js = _compact_json(dict(view))


class ProgrammeMarkers(FastMacro):
    """One group's markers in a marker-cluster group, from a compact data array.

    Same approach as folium's FastMarkerCluster (one JS function builds each marker), but the
    function lives in map.js, the data is serialised once and added verbatim, and
    Leaflet.markercluster is served locally (listed on the map, see build_map).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = zbMap.markers({{ this._parent.get_name() }}, {{ this.config_js }});
        {% endmacro %}"""
    )

    def __init__(self, group: MarkerGroup, columns: dict, labels: Mapping[str, str]):
        super().__init__()
        self._name = "ProgrammeMarkers"
        self.programme = group.key
        self.columns = columns
        self.config_js = _compact_json({
            "group": group.key, "label": group.label, "colour": group.colour, "shape": group.shape,
            "labels": dict(labels),
            "options": {"maxClusterRadius": 14, "showCoverageOnHover": False, "spiderfyOnMaxZoom": True,
                        "disableClusteringAtZoom": 12},
            **columns,
        })

    @property
    def rows(self) -> list[list]:
        """The marker rows [lat, lon, id, texts..., sources] decoded from the columns (tests, tools)."""
        return decode_columns(self.columns)


def decode_columns(columns: dict) -> list[list]:
    """Rows back from marker_columns' form (what map.js does per marker)."""
    cols = [c if isinstance(c, list) else [c["v"][i] for i in c["i"]] for c in columns["cols"]]
    return [[lat, lon, *values] for lat, lon, *values in zip(columns["lat"], columns["lon"], *cols)]


class Rings(FastMacro):
    """A ring around each highlighted project (true coordinates), `zbMap.rings` in map.js."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = zbMap.rings({{ this._parent.get_name() }}, {{ this.config_js }});
        {% endmacro %}"""
    )

    def __init__(self, points: list[list[float]]):
        super().__init__()
        self._name = "Rings"
        self.config_js = _compact_json({"colour": RING_COLOUR, "points": points})


class Legend(FastMacro):
    """Legend and marker-layer toggles in one Leaflet control, built by `zbMap.legend` (map.js).

    Works in st_folium, in a plain browser and in HTML exports; unticking a group's row hides
    that group's markers.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        zbMap.legend({{ this._parent.get_name() }}, {{ this.config_js }});
        {% endmacro %}"""
    )

    def __init__(self, title: str, groups: list[tuple[MarkerGroup, int]], sections: tuple[LegendSection, ...],
                 position: str = "topleft"):
        super().__init__()
        self._name = "Legend"
        self.config = {
            "title": title, "position": position,
            "groups": [{"key": g.key, "name": g.label, "label": g.legend_label, "colour": g.colour, "shape": g.shape}
                       for g, _ in groups],
            "sections": [{"title": s.title, "rows": [{"kind": r.kind, "colour": r.colour, "label": r.label}
                                                     for r in s.rows]} for s in sections],
        }
        self.config_js = _compact_json(self.config)


# ---------------------------------------------------------------------------
# The map
# ---------------------------------------------------------------------------
def build_map(projects: pd.DataFrame, layers: MapLayers | None, params: MapParams, *,
              split: bool = False) -> folium.Map:
    """Build the map of `projects` (already filtered) over the boundary `layers`.

    `projects`: one row per marker with `group` (a key of `params.groups`), the ROW_FIELDS
    columns as display texts and the true `lat`/`lon` (rings).

    Everything that follows the filters is one `Layer`, at `map.zb_layer`. `split=False`: it is
    part of the map (exports, a map drawn once). `split=True`: it is left out of the map, and
    the caller passes it to st_folium as `feature_group_to_add=[map.zb_layer]`, so a rerun with
    other filters updates the map in the browser instead of rebuilding it.
    """
    known = {g.key for g in params.groups}
    unknown = set(projects["group"]) - known if len(projects) else set()
    if unknown:
        raise ValueError(f"marker rows of groups without a MarkerGroup: {sorted(unknown)}")
    m = folium.Map(location=[51.0, 4.25], zoom_start=8, tiles=None, control_scale=True, prefer_canvas=True,
                   height=params.height, minZoom=6, maxZoom=18, zoomSnap=0.25, zoomDelta=0.5,
                   # Leaflet's keyboard handler focuses the map on the first mousedown; inside the
                   # Streamlit iframe that scrolls the page and the click misses (Leaflet #5392).
                   keyboard=False)
    # Local assets only (nothing from a CDN): Leaflet, the cluster plugin, map.js / map.css;
    # published layers bring them as one script (with the boundaries) and one style sheet.
    if layers is not None and layers.script_src and layers.style_src:
        m.default_js = [("zbbundle", layers.script_src)]
        m.default_css = [("zbbundlecss", layers.style_src)]
    else:
        _separate_assets(m, params.asset_base)
    if params.tiles:
        folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap", control=False, overlay=False, show=True,
            attr='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers',
            opacity=0.55,
        ).add_to(m)

    if layers is not None and layers.municipalities is not None:
        if params.only_municipalities is not None:
            Boundaries(_subset_js(layers.municipalities, params.only_municipalities), labels=True, base=True).add_to(m)
        else:
            Boundaries(layers.municipalities_js, src=layers.municipalities_src, labels=True, base=True).add_to(m)
    if layers is not None and layers.provinces_js is not None:
        Boundaries(layers.provinces_js, src=layers.provinces_src, interactive=False, colour="#333333", weight=2.2,
                   fill=False).add_to(m)

    # The view: Flanders (or the selection) fitted to the frame, clear of the legend, at any size.
    layer = Layer({"bounds": params.bounds or FLANDERS_BOUNDS, "title": params.title})
    Style(params.fills, params.selected).add_to(layer)
    columns = marker_columns(projects)
    drawn = []
    for group in params.groups:
        if group.key in columns:
            ProgrammeMarkers(group, columns[group.key], params.popup_labels).add_to(layer)
            drawn.append((group, len(columns[group.key]["lat"])))
    if params.highlight_ids and len(projects):
        ring = projects[projects["id"].isin(params.highlight_ids)]
        if len(ring):
            Rings([[float(a), float(b)] for a, b in zip(ring["lat"], ring["lon"])]).add_to(layer)
    Legend(params.legend_title, drawn, params.legend_sections).add_to(layer)
    if not split:
        layer.add_to(m)
    m.zb_layer = layer
    return m


def _inline_boundaries(element) -> None:
    if isinstance(element, Boundaries):
        element.src = None
    for child in element._children.values():
        _inline_boundaries(child)


def _separate_assets(m: folium.Map, base: str = "/") -> None:
    m.default_js = assets.local(assets.BUNDLE_JS, base)
    m.default_css = assets.local(assets.BUNDLE_CSS, base)


def standalone_html(m: folium.Map) -> str:
    """The map as one self-contained HTML document: local assets and boundaries inlined, opens offline."""
    _inline_boundaries(m)
    _separate_assets(m)  # each inlined below
    html_doc = m.get_root().render()
    for _, rel in assets.BUNDLE_JS:
        tag_src = assets.url(rel, "/")
        html_doc = html_doc.replace(f'<script src="{tag_src}"></script>', f"<script>{assets.read_text(rel)}</script>")
    for _, rel in assets.BUNDLE_CSS:
        href = assets.url(rel, "/")
        html_doc = html_doc.replace(f'<link rel="stylesheet" href="{href}"/>', f"<style>{assets.read_text(rel)}</style>")
    return html_doc
