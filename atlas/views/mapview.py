"""The project map as the app shows it: the filter state, the string table, Babel formatting
and the palette turned into the plain values of ``geo.mapbuilder.build_map``.

``geo`` imports nothing from ``atlas``; this module is the one place where a ``FilterState``
and a language meet the map builder. Pages call :func:`build` with the same keyword extras
the builder used to take::

    fmap = mapview.build(projects, layers, state, colour_by=state.colour)

Texts reach the map as plain text in JSON; the browser inserts them with ``textContent``
(geo/web/map.js), so nothing is HTML-escaped here (escaping it would show ``&amp;``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from atlas.model import schema
from atlas.model.data import column, lang_text, text_column
from atlas.model.filters import FilterState
from atlas.text import fmt
from atlas.text.i18n import t
from atlas.text.labels import typology_legend
from atlas.text.palette import (
    CLASS_COLOURS,
    DENSITY_COLOURS,
    NEED_COLOURS,
    NEED_NO_DATA_COLOUR,
    NO_DATA_COLOUR,
    OWN_COLOUR,
    OWN_SHAPE,
    PROGRAMME_COLOURS,
    PROGRAMME_SHAPES,
)
from atlas.views.project_columns import money_keys, money_text, project_money, source_links
from geo.mapbuilder import (
    OWN_GROUP,
    LegendRow,
    LegendSection,
    MapLayers,
    MapParams,
    MarkerGroup,
    build_map,
)
from geo.need import INDICATORS, class_bounds, need_class

DENSITY_BREAKS = (0.0, 0.5, 1.0, 2.0, 5.0)  # projects per 10,000 inhabitants (classes of DENSITY_COLOURS)
MARKER_GROUPS = schema.PROGRAMMES + (OWN_GROUP,)
GROUP_STYLE: dict[str, tuple[str, str]] = {
    **{p: (PROGRAMME_COLOURS[p], PROGRAMME_SHAPES[p]) for p in schema.PROGRAMMES},
    OWN_GROUP: (OWN_COLOUR, OWN_SHAPE),  # a user's own uploaded locations: never mixed with a programme
}


# ---------------------------------------------------------------------------
# Marker rows: display texts per project, in the UI language
# ---------------------------------------------------------------------------
def _map_unique(keys, fn) -> list:
    """fn applied once per distinct key (periods, budgets and labels repeat a lot)."""
    cache: dict = {}
    out = []
    for key in keys:
        if key not in cache:
            cache[key] = fn(key)
        out.append(cache[key])
    return out


def _when(day, year: str, lang: str) -> str:
    """A full date, else the year a source gives, else 'onbekend'."""
    if day is not None and pd.notna(day):
        return fmt.day(day, lang)
    return year or t("unknown", lang)


def _period(start, end, extended, note: str, lang: str, start_year: str = "", end_year: str = "") -> str:
    text = f"{_when(start, start_year, lang)} – {_when(end, end_year, lang)}"
    if extended is not None and pd.notna(extended):
        text = t("period_extended", lang, period=text, date=fmt.day(extended, lang))
    return f"{text} ({note})" if note else text


def marker_frame(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per project: `group`, true `lat`/`lon`, `id` and the popup texts (plain text,
    dates and money in `lang`), `sources` a list of URLs — the rows geo.mapbuilder draws."""
    if projects.empty:
        return pd.DataFrame(columns=["group", "lat", "lon", "id", "name", "municipality", "neighbourhood",
                                     "organisation", "period", "budget", "status", "status_note", "precision",
                                     "confidence", "sources"])
    unknown = t("unknown", lang)
    muni, muni25 = text_column(projects, "municipality"), text_column(projects, "municipality2025")
    muni_label = [m25 or m if not (m and m25 and m != m25) else f"{m} (2025: {m25})" for m, m25 in zip(muni, muni25)]
    own = projects["own"].fillna(False).astype(bool) if "own" in projects.columns else [False] * len(projects)
    return pd.DataFrame({
        "group": [OWN_GROUP if mine else prog for prog, mine in zip(projects["programme"], own)],
        "lat": projects["lat"].to_numpy(dtype=float),
        "lon": projects["lon"].to_numpy(dtype=float),
        "id": text_column(projects, "id").to_numpy(),
        "name": text_column(projects, "name").to_numpy(),
        "municipality": [m or unknown for m in muni_label],
        "neighbourhood": [v or unknown for v in lang_text(projects, "neighbourhood", lang)],
        "organisation": [v or unknown for v in lang_text(projects, "organisation", lang)],
        "period": _map_unique(zip(projects["start_date"], projects["end_date"],
                                  pd.to_datetime(column(projects, "extended_until"), errors="coerce"),
                                  lang_text(projects, "period_note", lang),
                                  text_column(projects, "start_year"), text_column(projects, "end_year")),
                              lambda k: _period(k[0], k[1], k[2], k[3], lang, k[4], k[5])),
        "budget": _map_unique(money_keys(projects), lambda k: money_text(project_money(*k, lang), lang)),
        "status": _map_unique(text_column(projects, "status").replace("", "unknown"),
                              lambda v: t("status_" + v, lang)),
        "status_note": lang_text(projects, "status_note", lang).to_numpy(),
        "precision": _map_unique(text_column(projects, "coord_precision"),
                                 lambda v: t("precision_" + v, lang) if v else ""),
        "confidence": _map_unique(text_column(projects, "confidence"),
                                  lambda v: t("confidence_" + v, lang) if v else ""),
        "sources": _map_unique(text_column(projects, "source_url"), source_links),  # http(s) only: one rule
    })


def popup_labels(lang: str, ref_label: str, *, report_links: bool = True) -> dict[str, str]:
    keys = {"municipality": "tt_municipality", "neighbourhood": "pp_neighbourhood", "organisation": "pp_organisation",
            "period": "pp_period", "budget": "pp_budget", "precision": "pp_precision",
            "confidence": "pp_confidence", "sources": "pp_sources"}
    labels = {k: t(v, lang) for k, v in keys.items()}
    labels["status"] = t("pp_status", lang, date=ref_label)
    if report_links:  # 'Klopt er iets niet?': map.js links each popup to /melden?project=<id> (issue 20)
        labels["report"], labels["report_href"] = t("mld_link_project", lang), f"/melden?lang={lang}&project="
    return labels


# ---------------------------------------------------------------------------
# Choropleth
# ---------------------------------------------------------------------------
def density_class(per_10k: float) -> int:
    """Index into DENSITY_COLOURS: 0 = no project, then by DENSITY_BREAKS."""
    if per_10k <= 0:
        return 0
    return int(np.searchsorted(DENSITY_BREAKS, per_10k, side="left"))


def density_labels(lang: str) -> list[str]:
    b = DENSITY_BREAKS
    labels = ["0"]
    for lo, hi in zip(b[:-1], b[1:]):
        labels.append(f"> {fmt.number(lo, lang, 1)} – {fmt.number(hi, lang, 1)}")
    labels.append(f"> {fmt.number(b[-1], lang, 1)}")
    return labels


def need_labels(mode: str, lang: str) -> list[str]:
    """Class labels of a need indicator (geo.need.INDICATORS[mode]): '0 – 5 %', …, '25 % en meer'."""
    ind = INDICATORS[mode]
    unit = (" " + ind.unit) if ind.unit else ""
    out = []
    for lo, hi in class_bounds(ind.breaks):
        lo_text = fmt.number(lo, lang, ind.decimals)
        if hi is None:
            out.append(t("need_class_top", lang, value=lo_text + unit))
        else:
            out.append(f"{lo_text} – {fmt.number(hi, lang, ind.decimals)}{unit}")
    return out


def is_need_mode(colour_by: str) -> bool:
    return colour_by in INDICATORS


def municipality_values(projects: pd.DataFrame, attributes: dict, colour_by: str, typology: str) -> dict[str, str]:
    """Fill colour per municipality NIS code for the chosen choropleth (a missing need value:
    NEED_NO_DATA_COLOUR, 'geen gegevens')."""
    if colour_by in INDICATORS:
        ind = INDICATORS[colour_by]
        out = {}
        for nis, a in attributes.items():
            cls = need_class(a.get(ind.column), ind.breaks)
            out[nis] = NEED_NO_DATA_COLOUR if cls is None else NEED_COLOURS[cls]
        return out
    if colour_by == "typology":
        palette = CLASS_COLOURS[typology]
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


def _fill_section(lang: str, colour_by: str, typology: str) -> LegendSection | None:
    if colour_by == "typology":
        legend = typology_legend(typology, lang)
        rows = tuple(LegendRow(label, CLASS_COLOURS[typology].get(code, NO_DATA_COLOUR))
                     for code, label in legend["classes"].items())
        return LegendSection(legend["label"], rows)
    if colour_by == "density":
        rows = tuple(LegendRow(label, colour) for colour, label in zip(DENSITY_COLOURS, density_labels(lang)))
        return LegendSection(t("legend_density", lang), rows)
    if colour_by in INDICATORS:
        rows = tuple(LegendRow(label, colour) for colour, label in zip(NEED_COLOURS, need_labels(colour_by, lang)))
        rows += (LegendRow(t("need_no_data", lang), NEED_NO_DATA_COLOUR),)
        return LegendSection(t("legend_" + colour_by, lang), rows)
    return None


def _selected(state: FilterState, layers: MapLayers | None) -> tuple[str, ...]:
    """The municipalities the page describes: the selected one, else those of a single province."""
    if state.municipality:
        return (state.municipality,)
    if len(state.provinces) == 1 and layers is not None and layers.attributes is not None:
        return tuple(sorted(nis for nis, a in layers.attributes.items() if a.get("province_nis") == state.provinces[0]))
    return ()


# ---------------------------------------------------------------------------
# The map
# ---------------------------------------------------------------------------
def build(
    projects: pd.DataFrame,
    layers: MapLayers | None,
    state: FilterState,
    *,
    colour_by: str = "none",
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
    split: bool = False,
    report_links: bool = True,
):
    """The map of `projects` (already filtered) in the language and typology of `state`.

    `projects` needs id, programme, name, lat, lon and, for the popup, the other project
    columns plus `status` and `municipality2025`; rows with `own == True` are their own
    group. `colour_by`: none | typology | density | kansarmoede | oki (geo.need.INDICATORS).

    Extras for area views (coverage page, reports): `fills` (NIS code -> fill colour)
    overrides the choropleth, explained by `fill_legend` [(colour, label)] under
    `fill_title`; `only_municipalities` draws just those municipalities; projects whose id
    is in `highlight_ids` get a ring, labelled `highlight_label` in the legend; `bounds`
    ([[south, west], [north, east]]) replaces the Flanders view. `split`: the layer that
    follows the filters is left out of the map for st_folium's `feature_group_to_add`
    (see geo.mapbuilder.build_map). `report_links`: each popup links to the app's /melden form
    ('Klopt er iets niet?'); off for exports (static site, report), which have no such page.
    """
    return build_map(marker_frame(projects, state.lang), layers,
                     params(projects, layers, state, colour_by=colour_by, tiles=tiles,
                            asset_base=asset_base, height=height, fills=fills, fill_legend=fill_legend,
                            fill_title=fill_title, only_municipalities=only_municipalities,
                            highlight_ids=highlight_ids, highlight_label=highlight_label, bounds=bounds,
                            report_links=report_links),
                     split=split)


def params(projects: pd.DataFrame, layers: MapLayers | None, state: FilterState, *, colour_by: str = "none",
           tiles: bool = True, asset_base: str = "/", height: int = 620,
           fills: dict[str, str] | None = None, fill_legend: list[tuple[str, str]] | None = None,
           fill_title: str | None = None, only_municipalities: set[str] | None = None,
           highlight_ids: set[str] | None = None, highlight_label: str | None = None,
           bounds: list[list[float]] | None = None, report_links: bool = True) -> MapParams:
    """The plain values for geo.mapbuilder.build_map (see :func:`build`)."""
    lang = state.lang
    own = projects["own"].fillna(False).astype(bool) if "own" in projects.columns else pd.Series(False, index=projects.index)
    counts = pd.Series(np.where(own, OWN_GROUP, projects["programme"].astype(str)) if len(projects) else [],
                       dtype=object).value_counts().to_dict()
    groups = tuple(
        MarkerGroup(key, t("prog_" + key, lang), f"{t('prog_' + key, lang)} ({fmt.number(counts[key], lang)})",
                    *GROUP_STYLE[key])
        for key in MARKER_GROUPS if key in counts
    )
    sections = []
    if fills is None and layers is not None and layers.attributes is not None:
        fills = municipality_values(projects, layers.attributes, colour_by, state.typology)
    if fill_legend:
        sections.append(LegendSection(fill_title or "", tuple(LegendRow(label, colour) for colour, label in fill_legend)))
    else:
        section = _fill_section(lang, colour_by, state.typology)
        if section:
            sections.append(section)
    reference = [LegendRow(t("legend_boundaries", lang), kind="boundary"),
                 LegendRow(t("legend_provinces", lang), kind="province")]
    if highlight_ids:
        reference.append(LegendRow(highlight_label or "", kind="ring"))
    selected = _selected(state, layers)
    if selected:
        name = (t("legend_selected", lang) if state.municipality or len(state.provinces) == 1 else "")
        reference.insert(0, LegendRow(name, kind="selected"))
    sections.append(LegendSection("", tuple(reference)))
    return MapParams(
        groups=groups,
        popup_labels=popup_labels(lang, fmt.day(state.ref_date, lang), report_links=report_links),
        legend_title=t("legend_title", lang),
        legend_sections=tuple(sections),
        fills=fills,
        selected=selected,
        only_municipalities=frozenset(only_municipalities) if only_municipalities is not None else None,
        highlight_ids=frozenset(highlight_ids or ()),
        bounds=bounds,
        tiles=tiles,
        asset_base=asset_base,
        height=height,
        title=t("map_title", lang),
    )
