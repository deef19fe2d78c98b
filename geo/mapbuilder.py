"""The folium map builder: the only module that imports folium.

`build_map(projects, layers, state)` is a pure function of its arguments: it never reads
files or Streamlit state, so tests call it directly. Every data-derived string passes
`atlas.escape.esc()` (html.escape) before folium sees it: one boundary for map and report.

Browser assets are local (see geo.assets): the map renders with no internet. Online base
tiles are an optional extra; boundaries keep the map readable without them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from atlas import fmt, schema
from atlas.escape import esc  # the one escaping boundary
from atlas.filters import FilterState
from atlas.palette import CLASS_COLOURS, OWN_COLOUR, PROGRAMME_COLOURS
from atlas.i18n import t
from geo import assets

FLANDERS_BOUNDS = [[50.68, 2.54], [51.51, 5.92]]
OWN_GROUP = "eigen"  # marker group of rows with own == True (uploaded, session-only)

# Okabe-Ito colours (colour-blind safe) plus a distinct shape per programme, so the
# programmes stay apart in grayscale too.
_SHAPES = {"stek": "circle", "stek_bestaand": "diamond", "proeftuin": "square", "zorgzame_buurt": "triangle"}
PROGRAMME_STYLE: dict[str, dict[str, str]] = {
    **{p: {"colour": PROGRAMME_COLOURS[p], "shape": _SHAPES[p]} for p in schema.PROGRAMMES},
    # A user's own uploaded locations (coverage page): never mixed with a programme.
    OWN_GROUP: {"colour": OWN_COLOUR, "shape": "star"},
}
MARKER_GROUPS = schema.PROGRAMMES + (OWN_GROUP,)
TYPOLOGY_COLOURS = CLASS_COLOURS
DENSITY_BREAKS = (0.0, 0.5, 1.0, 2.0, 5.0)  # projects per 10,000 inhabitants
DENSITY_COLOURS = ("#f7f7f7", "#d0e6f2", "#92c5de", "#4393c3", "#2166ac", "#053061")
NO_DATA_COLOUR = "#ffffff"


def marker_svg(programme: str, size: int = 18) -> str:
    style = PROGRAMME_STYLE[programme]
    c, s = style["colour"], size
    stroke = 'stroke="#1a1a1a" stroke-width="1.5"'
    shapes = {
        "circle": f'<circle cx="{s/2}" cy="{s/2}" r="{s/2-2}" fill="{c}" {stroke}/>',
        "square": f'<rect x="2.5" y="2.5" width="{s-5}" height="{s-5}" fill="{c}" {stroke}/>',
        "diamond": f'<polygon points="{s/2},1.5 {s-1.5},{s/2} {s/2},{s-1.5} 1.5,{s/2}" fill="{c}" {stroke}/>',
        "triangle": f'<polygon points="{s/2},1.5 {s-1.5},{s-2.5} 1.5,{s-2.5}" fill="{c}" {stroke}/>',
        "star": '<polygon points="' + " ".join(
            f"{s/2 + (s/2 - 1.5 if k % 2 == 0 else s/5) * math.sin(math.pi * k / 5):.1f},"
            f"{s/2 - (s/2 - 1.5 if k % 2 == 0 else s/5) * math.cos(math.pi * k / 5):.1f}" for k in range(10)
        ) + f'" fill="{c}" {stroke}/>',
    }
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{s}" height="{s}" viewBox="0 0 {s} {s}">{shapes[style["shape"]]}</svg>'


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
    municipalities: dict | None  # GeoJSON FeatureCollection (WGS84, 4-decimal coordinates): nis, name
    municipalities_js: str | None  # the same, serialised once (reused on every rerun)
    provinces_js: str | None  # province outlines, serialised once
    attributes: dict | None  # nis -> {population, degurba, uitrusting} (server side only)


def _compact_json(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _rounded_geojson(gdf, columns: list[str], digits: int = 4) -> dict:
    geoms = shapely.transform(gdf.geometry.values, lambda xy: np.round(xy, digits))
    features = []
    for props, geom in zip(gdf[columns].to_dict("records"), geoms):
        features.append({"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(geom))})
    return {"type": "FeatureCollection", "features": features}


def prepare_layers(municipalities, provinces) -> MapLayers:
    """Turn the reference GeoDataFrames into compact GeoJSON once. Either may be None."""
    munis = munis_js = provs_js = attrs = None
    if municipalities is not None:
        munis = _rounded_geojson(municipalities.assign(name=municipalities["name"].map(esc)), ["nis", "name"])
        munis_js = _compact_json(munis)
        # Attributes for server-side choropleths stay out of the payload.
        attrs = {nis: {"population": int(pop), "degurba": str(d), "uitrusting": str(u)} for nis, pop, d, u in
                 zip(municipalities["nis"], municipalities["population"], municipalities["degurba"],
                     municipalities["uitrusting"])}
    if provinces is not None:
        provs_js = _compact_json(_rounded_geojson(provinces.assign(name=provinces["name"].map(esc)),
                                                  ["province_nis", "name"]))
    return MapLayers(munis, munis_js, provs_js, attrs)


class Boundaries(FastMacro):
    """A GeoJSON boundary layer from pre-serialised JSON (no per-rerun encoding).

    `fills` maps NIS codes to fill colours (empty: light uniform fill); `selected` is drawn
    with a heavy outline. Properties must already be escaped (prepare_layers does that).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var fills = {{ this.fills_js }};
            var selected = {{ this.selected|tojson }};
            var base = function (f) {
                var nis = f.properties.nis || f.properties.province_nis;
                var sel = nis === selected;
                return {color: sel ? '#1a1a1a' : {{ this.colour|tojson }}, weight: sel ? 3 : {{ this.weight }},
                        fill: {{ this.fill|tojson }}, fillColor: fills[nis] || '#ffffff',
                        fillOpacity: {{ this.fill_opacity }}};
            };
            var layer = L.geoJson({{ this.data_js }}, {
                style: base,
                interactive: {{ this.interactive|tojson }},
                onEachFeature: function (f, l) {
                    {% if this.interactive %}
                    l.bindTooltip(f.properties.name, {sticky: true});
                    l.on('mouseover', function () { l.setStyle({weight: 2, color: '#333333'}); });
                    l.on('mouseout', function () { l.setStyle(base(f)); });
                    {% endif %}
                }
            });
            return layer.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}"""
    )

    def __init__(self, data_js: str, *, fills: dict[str, str] | None = None, selected: str | None = None,
                 interactive: bool = True, colour: str = "#8a8a8a", weight: float = 0.6, fill: bool = True):
        super().__init__()
        self._name = "Boundaries"
        self.data_js = data_js
        self.fills_js = _compact_json(fills or {})
        self.selected = selected
        self.interactive = interactive
        self.colour = colour
        self.weight = weight
        self.fill = fill
        self.fill_opacity = 0.75 if fills else 0.35


def _subset_js(collection: dict, keep: set[str]) -> str:
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


def _period(row, lang: str) -> str:
    start, end = row.get("start_date"), row.get("end_date")
    text = f"{fmt.day(start, lang) if pd.notna(start) else t('unknown', lang)} – {fmt.day(end, lang) if pd.notna(end) else t('unknown', lang)}"
    if row.get("period_note"):
        text += f" ({row['period_note']})"
    return text


def _budget(row, lang: str) -> str:
    value = row.get("budget_eur")
    group = row.get("budget_group_eur")
    if (value is None or pd.isna(value)) and group is not None and not pd.isna(group):
        money = fmt.money(group, lang)  # the group's amount as a whole, never a share of it
        money = t("money_at_least", lang, amount=money) if row.get("budget_group_at_least") else money
        return t("budget_group_part", lang, amount=money, n=row.get("budget_group_n"))
    if value is None or pd.isna(value):
        return t("budget_unpublished", lang)
    basis = row.get("budget_basis") or "granted"
    return f"{fmt.money(value, lang)} ({t('budget_' + basis, lang)})"


# Marker rows carry escaped field values only; the popup and tooltip are assembled in the
# browser from one template per layer (compact payload, lazy popups).
ROW_FIELDS = ("lat", "lon", "id", "name", "municipality", "neighbourhood", "organisation", "period", "budget",
              "status", "status_note", "precision", "confidence", "sources")


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series([""] * len(frame), index=frame.index, dtype=object)


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").astype(str)


def _map_unique(keys: list, fn) -> list:
    """fn applied once per distinct key (periods, budgets and labels repeat a lot)."""
    cache: dict = {}
    out = []
    for key in keys:
        if key not in cache:
            cache[key] = fn(key)
        out.append(cache[key])
    return out


def marker_rows(projects: pd.DataFrame, lang: str) -> dict[str, list[list]]:
    """Per programme, the marker rows [lat, lon, escaped fields..., [escaped source URLs]] in
    ROW_FIELDS order (display coordinates: co-located markers spread)."""
    if projects.empty:
        return {}
    unknown = t("unknown", lang)
    lat, lon = spread_colocated(projects["lat"], projects["lon"])
    muni, muni25 = _text(_col(projects, "municipality")), _text(_col(projects, "municipality2025"))
    muni_label = [m25 or m if not (m and m25 and m != m25) else f"{m} (2025: {m25})" for m, m25 in zip(muni, muni25)]
    period_keys = list(zip(projects["start_date"], projects["end_date"], _text(_col(projects, "period_note"))))
    periods = _map_unique(period_keys, lambda k: esc(_period(
        {"start_date": k[0], "end_date": k[1], "period_note": k[2]}, lang)))
    group_eur = _col(projects, "budget_group_eur")
    budget_keys = list(zip(projects["budget_eur"].astype(object).where(projects["budget_eur"].notna(), None),
                           _text(_col(projects, "budget_basis")),
                           group_eur.astype(object).where(pd.to_numeric(group_eur, errors="coerce").notna(), None),
                           _col(projects, "budget_group_at_least").astype(object).eq(True),
                           _text(_col(projects, "budget_group_n"))))
    budgets = _map_unique(budget_keys, lambda k: esc(_budget({"budget_eur": k[0], "budget_basis": k[1],
                                                             "budget_group_eur": k[2], "budget_group_at_least": k[3],
                                                             "budget_group_n": k[4]}, lang)))
    statuses = _map_unique(list(_text(_col(projects, "status")).replace("", "unknown")),
                           lambda v: esc(t("status_" + v, lang)))
    precisions = _map_unique(list(_text(_col(projects, "coord_precision"))),
                             lambda v: esc(t("precision_" + v, lang)) if v else "")
    confidences = _map_unique(list(_text(_col(projects, "confidence"))),
                              lambda v: esc(t("confidence_" + v, lang)) if v else "")
    sources = _map_unique(list(_text(_col(projects, "source_url"))),
                          lambda v: [esc(u) for u in schema.split_sources(v)])
    columns = zip(
        np.round(lat, 5).tolist(), np.round(lon, 5).tolist(),
        map(esc, projects["id"]), map(esc, projects["name"]),
        (esc(m) or unknown for m in muni_label),
        (esc(v) or unknown for v in _text(_col(projects, "neighbourhood"))),
        (esc(v) or unknown for v in _text(_col(projects, "organisation"))),
        periods, budgets, statuses, map(esc, _text(_col(projects, "status_note"))), precisions, confidences, sources,
    )
    own = projects["own"].fillna(False).astype(bool) if "own" in projects.columns else [False] * len(projects)
    groups = [OWN_GROUP if mine else prog for prog, mine in zip(projects["programme"], own)]
    out: dict[str, list[list]] = {}
    for group, row in zip(groups, columns):
        out.setdefault(group, []).append(list(row))
    return out


def popup_labels(programme: str, lang: str, ref_label: str) -> dict[str, str]:
    keys = {"programme": "prog_" + programme, "municipality": "tt_municipality", "neighbourhood": "pp_neighbourhood",
            "organisation": "pp_organisation", "period": "pp_period", "budget": "pp_budget",
            "precision": "pp_precision", "confidence": "pp_confidence", "sources": "pp_sources"}
    labels = {k: esc(t(v, lang)) for k, v in keys.items()}
    labels["status"] = esc(t("pp_status", lang, date=ref_label))
    return labels


_CALLBACK = """
function (row) {
    var T = %(labels)s;
    var icon = L.divIcon({html: %(svg)s, className: 'zb-marker zb-%(prog)s', iconSize: [18, 18], iconAnchor: [9, 9]});
    var marker = L.marker(new L.LatLng(row[0], row[1]), {icon: icon, alt: row[2], keyboard: true});
    marker.options.zbId = row[2];
    marker.bindTooltip('<b>' + row[3] + '</b><br>' + T.programme + '<br>' + row[4]);
    marker.bindPopup(function () {
        var h = '<div class="zb-pop"><b>' + row[3] + '</b><div class="zb-prog">' + T.programme + '</div><table>';
        function tr(label, value) { if (value) { h += '<tr><th>' + label + '</th><td>' + value + '</td></tr>'; } }
        tr(T.municipality, row[4]); tr(T.neighbourhood, row[5]); tr(T.organisation, row[6]);
        tr(T.period, row[7]); tr(T.budget, row[8]); tr(T.status, row[9]); tr('', row[10]);
        tr(T.precision, row[11]); tr(T.confidence, row[12]);
        tr(T.sources, row[13].map(function (u, i) {
            return '<a href="' + u + '" target="_blank" rel="noopener noreferrer">[' + (i + 1) + ']</a>';
        }).join(' '));
        return h + '</table></div>';
    }, {maxWidth: 320});
    return marker;
}
"""

_CLUSTER_ICON = """
function (cluster) {
    var n = cluster.getChildCount();
    return L.divIcon({html: '<div class="zb-cluster" style="background:%(colour)s">' + n + '</div>',
                      className: 'zb-cluster-wrap', iconSize: [28, 28]});
}
"""


class ProgrammeMarkers(JSCSSMixin, FastMacro):
    """One programme's markers in a marker-cluster group, from a compact data array.

    Same approach as folium's FastMarkerCluster (one JS callback builds each marker), but
    the data is serialised once and added verbatim; Leaflet.markercluster is served locally.
    """

    default_js = assets.local(assets.CLUSTER_JS)
    default_css = assets.local(assets.CLUSTER_CSS)

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var callback = {{ this.callback }};
            var data = {{ this.data_js }};
            var options = {{ this.options_js }};
            options.iconCreateFunction = {{ this.icon_create_function }};
            var cluster = L.markerClusterGroup(options);
            for (var i = 0; i < data.length; i++) {
                callback(data[i]).addTo(cluster);
            }
            cluster.addTo({{ this._parent.get_name() }});
            return cluster;
        })();
        {% endmacro %}"""
    )

    def __init__(self, programme: str, rows: list[list], lang: str, ref_label: str):
        super().__init__()
        self._name = "ProgrammeMarkers"
        self.programme = programme
        self.rows = rows
        self.data_js = _compact_json(rows)
        self.callback = _CALLBACK % {"svg": json.dumps(marker_svg(programme)), "prog": programme,
                                     "labels": json.dumps(popup_labels(programme, lang, ref_label))}
        self.options_js = _compact_json({"maxClusterRadius": 14, "showCoverageOnHover": False,
                                         "spiderfyOnMaxZoom": True, "disableClusteringAtZoom": 12})
        self.icon_create_function = _CLUSTER_ICON % {"colour": PROGRAMME_STYLE[programme]["colour"]}


# ---------------------------------------------------------------------------
# Choropleth and legend
# ---------------------------------------------------------------------------
def density_class(per_10k: float) -> int:
    """Index into DENSITY_COLOURS: 0 = no project, then by DENSITY_BREAKS."""
    if per_10k <= 0:
        return 0
    return int(np.searchsorted(DENSITY_BREAKS, per_10k, side="left"))


def _density_labels(lang: str) -> list[str]:
    b = DENSITY_BREAKS
    labels = ["0"]
    for lo, hi in zip(b[:-1], b[1:]):
        labels.append(f"> {fmt.number(lo, lang, 1)} – {fmt.number(hi, lang, 1)}")
    labels.append(f"> {fmt.number(b[-1], lang, 1)}")
    return labels


class Legend(FastMacro):
    """Legend and programme layer toggles in one Leaflet control.

    Works in st_folium, in a plain browser and in HTML exports. `toggles` pairs each
    programme layer with its legend row; unticking a row hides that layer.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var layers = { {% for key, layer in this.layers %}{{ key|tojson }}: {{ layer.get_name() }},{% endfor %} };
            var legend = L.control({position: {{ this.position|tojson }}});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'zb-legend');
                div.innerHTML = {{ this.html|tojson }};
                div.querySelectorAll('input[data-layer]').forEach(function (box) {
                    box.addEventListener('change', function () {
                        var layer = layers[box.getAttribute('data-layer')];
                        if (box.checked) { map.addLayer(layer); } else { map.removeLayer(layer); }
                    });
                });
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo(map);
        })();
        {% endmacro %}"""
    )

    def __init__(self, html_text: str, layers: list[tuple[str, Any]] | None = None, position: str = "topleft"):
        super().__init__()
        self._name = "Legend"
        self.html = html_text
        self.layers = layers or []
        self.position = position


_CSS = """
<style>
.leaflet-container { background: #eef1f4; font: 12px/1.3 system-ui, sans-serif; }
.zb-legend { background: rgba(255,255,255,.94); padding: 8px 10px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 230px; color: #1a1a1a; }
.zb-legend h4 { margin: 0 0 4px; font-size: 13px; }
.zb-legend .row { display: flex; align-items: center; gap: 6px; margin: 2px 0; cursor: pointer; }
.zb-legend input { margin: 0; }
.zb-legend .sw { width: 16px; height: 12px; border: 1px solid #555; display: inline-block; }
.zb-legend .note { color: #444; font-size: 11px; margin-top: 4px; }
.zb-marker { background: none; border: none; }
.zb-cluster-wrap { background: none; }
.zb-cluster { width: 28px; height: 28px; border-radius: 14px; color: #fff; font-weight: 700;
  text-align: center; line-height: 26px; border: 2px solid #1a1a1a; text-shadow: 0 0 2px #000; }
.zb-pop th { text-align: left; padding-right: 6px; vertical-align: top; color: #444; font-weight: 600; }
.zb-pop .zb-prog { color: #444; margin-bottom: 4px; }
</style>
"""


def _swatch_row(style: str, label: str) -> str:
    """One legend row: a swatch with the given CSS and an escaped label."""
    return f'<div class="row"><span class="sw" style="{style}"></span><span>{esc(label)}</span></div>'


def legend_html(counts: dict[str, int], lang: str, colour_by: str, typology: str, typology_def: dict | None) -> str:
    parts = [f"<h4>{esc(t('legend_title', lang))}</h4>"]
    for prog in MARKER_GROUPS:
        if prog in counts:
            parts.append(
                f'<label class="row"><input type="checkbox" checked data-layer="{prog}" '
                f'aria-label="{esc(t("prog_" + prog, lang))}">{marker_svg(prog, 16)}'
                f'<span>{esc(t("prog_" + prog, lang))} ({fmt.number(counts[prog], lang)})</span></label>'
            )
    if colour_by == "typology" and typology_def:
        label = typology_def["label_" + lang]
        parts.append(f"<h4>{esc(label)}</h4>")
        for code, meta in typology_def["classes"].items():
            colour = TYPOLOGY_COLOURS[typology].get(code, NO_DATA_COLOUR)
            parts.append(_swatch_row(f"background:{colour}", meta["label_" + lang]))
    elif colour_by == "density":
        parts.append(f"<h4>{esc(t('legend_density', lang))}</h4>")
        for colour, label in zip(DENSITY_COLOURS, _density_labels(lang)):
            parts.append(_swatch_row(f"background:{colour}", label))
    parts.append(_swatch_row("background:#fff;border-color:#8a8a8a", t("legend_boundaries", lang)))
    parts.append(_swatch_row("background:#fff;border:2px solid #333", t("legend_provinces", lang)))
    return "".join(parts)


def municipality_values(projects: pd.DataFrame, attributes: dict, colour_by: str, typology: str) -> dict[str, str]:
    """Fill colour per municipality NIS code for the chosen choropleth."""
    if colour_by == "typology":
        palette = TYPOLOGY_COLOURS[typology]
        return {nis: palette.get(a.get(typology, ""), NO_DATA_COLOUR) for nis, a in attributes.items()}
    if colour_by == "density":
        counts = projects["nis2025"].value_counts().to_dict() if len(projects) else {}
        out = {}
        for nis, a in attributes.items():
            pop = a.get("population") or 0
            per_10k = counts.get(nis, 0) / pop * 10_000 if pop else 0.0
            out[nis] = DENSITY_COLOURS[density_class(per_10k)]
        return out
    return {}


# ---------------------------------------------------------------------------
# The map
# ---------------------------------------------------------------------------
def build_map(
    projects: pd.DataFrame,
    layers: MapLayers | None,
    state: FilterState,
    *,
    colour_by: str = "none",
    typology_def: dict | None = None,
    tiles: bool = True,
    asset_base: str = "/",
    height: int = 620,
    fills: dict[str, str] | None = None,
    fill_legend: list[tuple[str, str]] | None = None,
    fill_title: str | None = None,
    only_municipalities: set[str] | None = None,
    highlight_ids: set[str] | None = None,
    highlight_label: str | None = None,
    bounds: list[list[float]] | None = None,
) -> folium.Map:
    """Build the map of `projects` (already filtered) over the boundary `layers`.

    `projects` needs id, programme, name, lat, lon and, for the popup, the other project
    columns plus `status` and `municipality2025`. `colour_by`: none | typology | density.

    Extras for area views (coverage page, reports): `fills` (NIS code -> fill colour)
    overrides the choropleth, explained by `fill_legend` [(colour, label)] under
    `fill_title`; `only_municipalities` draws just those municipalities; projects whose id
    is in `highlight_ids` get a ring, labelled `highlight_label` in the legend; `bounds`
    ([[south, west], [north, east]]) replaces the Flanders view. Labels are escaped here.
    """
    lang = state.lang
    m = folium.Map(location=[51.0, 4.25], zoom_start=8, tiles=None, control_scale=True, prefer_canvas=True,
                   height=height, minZoom=7, maxZoom=18, zoomSnap=0.25, zoomDelta=0.5,
                   # Leaflet's keyboard handler focuses the map on the first mousedown; inside the
                   # Streamlit iframe that scrolls the page and the click misses (Leaflet #5392).
                   keyboard=False)
    # Local assets only: Leaflet itself; nothing from a CDN.
    m.default_js = assets.local(assets.MAP_JS, asset_base)
    m.default_css = assets.local(assets.MAP_CSS, asset_base)
    m.get_root().header.add_child(_Raw(_CSS), name="zb_css")
    if tiles:
        folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap", control=False, overlay=False, show=True,
            attr='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers',
            opacity=0.55,
        ).add_to(m)

    if layers is not None and layers.municipalities is not None:
        data_js = layers.municipalities_js
        if only_municipalities is not None:
            data_js = _subset_js(layers.municipalities, only_municipalities)
        if fills is None:
            fills = municipality_values(projects, layers.attributes, colour_by, state.typology)
        Boundaries(data_js, fills=fills, selected=state.municipality).add_to(m)
    if layers is not None and layers.provinces_js is not None:
        Boundaries(layers.provinces_js, interactive=False, colour="#333333", weight=2.2, fill=False).add_to(m)

    ref_label = fmt.day(state.ref_date, lang)
    rows = marker_rows(projects, lang)
    toggles = []
    for prog in MARKER_GROUPS:
        if prog in rows:
            toggles.append((prog, ProgrammeMarkers(prog, rows[prog], lang, ref_label).add_to(m)))
    counts = {p: len(r) for p, r in rows.items()}
    if highlight_ids:
        ring = projects[projects["id"].isin(highlight_ids)]
        group = folium.FeatureGroup(name="highlight", control=False)
        for lat, lon in zip(ring["lat"], ring["lon"]):
            folium.CircleMarker([lat, lon], radius=14, color="#d7191c", weight=3, fill=False,
                                interactive=False).add_to(group)
        group.add_to(m)
    html_legend = legend_html(counts, lang, "none" if fill_legend else colour_by, state.typology, typology_def)
    if fill_legend:
        html_legend += f"<h4>{esc(fill_title)}</h4>" if fill_title else ""
        html_legend += "".join(_swatch_row(f"background:{esc(c)}", label) for c, label in fill_legend)
    if highlight_ids:
        html_legend += _swatch_row("border:3px solid #d7191c;border-radius:8px", highlight_label or "")
    Legend(html_legend, toggles).add_to(m)
    # Keep Flanders clear of the legend (top-left) so no municipality hides under it.
    m.fit_bounds(bounds or FLANDERS_BOUNDS, padding_top_left=(250, 10), padding_bottom_right=(10, 10))
    return m


def standalone_html(m: folium.Map) -> str:
    """The map as one self-contained HTML document: local assets inlined, opens offline."""
    html_doc = m.get_root().render()
    for _, rel in assets.MAP_JS + assets.CLUSTER_JS:
        tag_src = assets.url(rel, "/")
        html_doc = html_doc.replace(f'<script src="{tag_src}"></script>', f"<script>{assets.read_text(rel)}</script>")
    for _, rel in assets.MAP_CSS + assets.CLUSTER_CSS:
        href = assets.url(rel, "/")
        html_doc = html_doc.replace(f'<link rel="stylesheet" href="{href}"/>', f"<style>{assets.read_text(rel)}</style>")
    return html_doc
