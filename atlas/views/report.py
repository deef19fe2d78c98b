"""The coverage view and its exports: what pages/coverage.py shows and the report it offers.

Pure functions (no streamlit, no plotly, no folium of its own): the page is a thin shell
around them and the tests call them directly. The map comes from ``atlas.views.mapview`` (drawn by
``geo.mapbuilder``); this module only embeds it.

* :func:`resolve_area` turns the filter state into an area (a set of 2025 NIS codes) with a
  label and a written definition: atlas.model.areas.resolve, the one resolver every page uses
  (a province choice on the coverage page is stored as the existing province filter, so the
  link stays short and the map page shows the same province).
* :func:`read_own_locations` reads an uploaded CSV ("eigen locaties") with the same
  validator and messages as ``python -m atlas validate``; nothing is written anywhere.
* :func:`compute_coverage` and :func:`build_view` assemble the figures
  (``geo.coverage``), :func:`report_html` writes a self-contained HTML report (no external
  script, stylesheet or font; the map is inlined in an ``iframe srcdoc``) and
  :func:`table_csv` the municipality table. The report's HTML is the autoescaping Jinja
  template ``atlas/views/templates/report.html.j2``: data reaches it as plain text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable

import numpy as np
import pandas as pd


from atlas.model import areas, schema
from atlas.model.areas import Area
from atlas.text import fmt
from atlas.text.i18n import t
from atlas.text.labels import class_label, typology_definition, typology_label
from atlas.views import export, mapview, project_columns, templates
from geo import coverage as cov_mod
from geo import need as need_mod
from geo.areas import bounds_of
from geo.mapbuilder import standalone_html
from geo.typology import ATTRIBUTION, TYPOLOGIES

MAX_UPLOAD_BYTES = 1_000_000
"""Largest accepted upload: 1 MB, 1,000,000 bytes (the megabyte the browser's uploader counts in
outside Windows). The uploader itself lets files up to UPLOADER_MB through, so a larger file
reaches the app and gets its clear message instead of Streamlit's red icon."""
UPLOADER_MB = 2
"""The uploader widget's and the server's limit (config.toml server.maxUploadSize)."""

OWN_GROUP = "eigen"
"""Group key of the uploaded own locations in the coverage figures."""
OWN_ID_PREFIX = "eigen:"

WITHIN_CHOICES: tuple[int | None, ...] = (None, 2, 5, 10)
"""White-spot rules: None = no project in the municipality; d = no part within d km."""

# Fill colours of the coverage map (colour-blind safe; markers keep their own colours).
WHITE_SPOT_COLOUR = "#f4a582"
FILL_COLOURS = {
    "with": "#d9d9d9",
    "none": WHITE_SPOT_COLOUR,
    "low": "#fddbc7",
    "mid": "#e0e0e0",
    "full": "#b3b3b3",
}
OUTSIDE_COLOUR = "#ffffff"
# A need gap (kansarmoede-index at or above the threshold, no known project): drawn over the
# coverage fill, dark red, apart from the light white-spot orange and the greys by lightness.
NEED_GAP_COLOUR = "#b2182b"


# ---------------------------------------------------------------------------
# Own locations (upload)
# ---------------------------------------------------------------------------
@dataclass
class OwnLocations:
    """The result of reading an uploaded CSV. ``projects``: the valid rows, located."""

    name: str
    size: int
    projects: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[str] = field(default_factory=list)  # the validator's messages, as the CLI prints them
    notices: list[str] = field(default_factory=list)
    refused: str | None = None  # why the whole file was refused (too big), if it was
    n_rows: int = 0

    @property
    def n_valid(self) -> int:
        return len(self.projects)


def read_own_locations(raw: bytes, name: str, lang: str = "nl") -> OwnLocations:
    """Validate an uploaded projects CSV; keep the valid rows (in memory only)."""
    from atlas.model.data import load_projects

    size = len(raw)
    if size > MAX_UPLOAD_BYTES:
        return OwnLocations(
            name=name, size=size,
            refused=t("cov_upload_too_big", lang, size=fmt.number(size, lang), max=fmt.number(MAX_UPLOAD_BYTES, lang)),
        )
    pdata = load_projects(raw, name)
    result = pdata.validation
    if result.workbook_refused:
        from atlas.model import xlsx

        return OwnLocations(name=name, size=size, refused=t(
            "cov_upload_xlsx_refused", lang, cells=fmt.number(xlsx.MAX_CELLS, lang),
            mb=fmt.number(xlsx.MAX_MEMBER_BYTES / 1_000_000, lang, 0)))
    frame = pdata.projects.copy()
    if len(frame):
        frame["id"] = OWN_ID_PREFIX + frame["id"].astype(str)
        frame["own"] = True
    notices = list(result.notices)
    if pdata.geo_message:
        notices.append(pdata.geo_message)
    return OwnLocations(
        name=name, size=size, projects=frame.reset_index(drop=True),
        problems=[str(p) for p in result.problems], notices=notices, n_rows=len(result.rows),
    )


# ---------------------------------------------------------------------------
# The area
# ---------------------------------------------------------------------------
def resolve_area(state, municipalities: pd.DataFrame, institutes: pd.DataFrame, lang: str = "nl") -> Area:
    """The area chosen in `state`: atlas.model.areas.resolve, the one area resolver."""
    return areas.resolve(state, municipalities, institutes, lang)


# ---------------------------------------------------------------------------
# Coverage
# ---------------------------------------------------------------------------
def coverage_projects(official: pd.DataFrame, programmes: Iterable[str], own: pd.DataFrame | None = None,
                      include_own: bool = False) -> pd.DataFrame:
    """The projects that count: the official ones of the chosen programmes (group = programme)
    plus, when `include_own`, the own locations (group = 'eigen')."""
    programmes = tuple(programmes)
    frame = official[official["programme"].isin(programmes)].copy()
    frame["cov_group"] = frame["programme"].astype(str)
    frame["own"] = False
    if include_own and own is not None and len(own):
        mine = own.copy()
        mine["cov_group"] = OWN_GROUP
        mine["own"] = True
        frame = pd.concat([frame, mine], ignore_index=True)
    return frame.reset_index(drop=True)


def compute_coverage(terr: cov_mod.Territory, official: pd.DataFrame, programmes: Iterable[str],
                     own: pd.DataFrame | None = None, include_own: bool = False) -> cov_mod.Coverage:
    programmes = tuple(programmes)
    frame = coverage_projects(official, programmes, own, include_own)
    groups = [p for p in schema.PROGRAMMES if p in programmes] + ([OWN_GROUP] if include_own and own is not None and len(own) else [])
    return cov_mod.compute(terr, frame, group_col="cov_group", groups=groups)


@dataclass
class CoverageView:
    """Everything the page and the report show for one area."""

    area: Area
    coverage: cov_mod.Coverage
    summary: pd.DataFrame
    balance: pd.DataFrame
    table: pd.DataFrame
    typology: str
    within_km: int | None
    lang: str
    map_projects: pd.DataFrame  # projects to draw: in the area or within the largest distance of it
    highlight_ids: frozenset[str]
    own_total: int = 0  # valid own locations (shown on the map)
    own_included: bool = False
    created: datetime = field(default_factory=datetime.now)
    need_threshold: float = need_mod.DEFAULT_THRESHOLD  # % kansarmoede-index
    need_gaps: pd.DataFrame = field(default_factory=pd.DataFrame)  # geo.need.need_gaps of the table
    need_counts: need_mod.NeedCounts | None = None
    known: tuple[str, ...] = ()  # per chosen programme, known against official for this area (atlas.model.completeness)
    filters: str = ""  # the filters that narrow the projects that count (FilterState.coverage_filters)
    not_applied: str = ""  # set filters this page does not apply
    ref_date: date | None = None  # the reference date of the statuses

    @property
    def empty(self) -> bool:
        return not self.area.nis


def build_view(area: Area, coverage: cov_mod.Coverage, *, typology: str = "degurba", within_km: int | None = None,
               lang: str = "nl", own: pd.DataFrame | None = None, include_own: bool = False,
               created: datetime | None = None, need_threshold: float = need_mod.DEFAULT_THRESHOLD,
               known: Iterable[str] = (), state=None, vocab=None) -> CoverageView:
    """The figures of `area`; `need_threshold` (% kansarmoede-index) sets the need gaps and
    `known` (atlas.model.completeness.lines for this area) the "n of N known" of the need line.
    `state` (FilterState): the filters said on the page, in the report and the exports (names
    from `vocab`, an atlas.model.filters.Vocabulary); the `coverage` given must be computed from
    `state.coverage_projects(...)`."""
    nis = set(area.nis)
    near_km = max(coverage.distances_km)
    projects = coverage.projects
    shown = projects[cov_mod.projects_near(coverage, nis, near_km)]
    if own is not None and len(own) and not include_own:  # on the map, not in the figures
        own_near = own[cov_mod.near_area(coverage.territory, own["lon"], own["lat"], nis, near_km)].copy()
        own_near["own"] = True
        shown = pd.concat([shown, own_near], ignore_index=True)
    shown = shown.copy()
    is_own = shown["own"].fillna(False).astype(bool) if "own" in shown.columns else pd.Series(False, index=shown.index)
    if is_own.any():
        shown.loc[is_own, "name"] = t("cov_own_prefix", lang) + shown.loc[is_own, "name"].astype(str)
    highlight = set(shown.loc[is_own, "id"])
    if area.institute:
        mine = shown["programme"].isin(("stek", "stek_bestaand")) & (shown.get("institute_id", "") == area.institute) & ~is_own
        highlight |= set(shown.loc[mine, "id"])
    table = cov_mod.municipality_table(coverage, nis, typology, within_km)
    return CoverageView(
        area=area,
        coverage=coverage,
        summary=cov_mod.summary(coverage, nis),
        balance=cov_mod.balance(coverage, nis, typology),
        table=table,
        typology=typology,
        within_km=within_km,
        lang=lang,
        map_projects=shown.reset_index(drop=True),
        highlight_ids=frozenset(highlight),
        own_total=0 if own is None else len(own),
        own_included=bool(include_own and own is not None and len(own)),
        created=created or datetime.now(),
        need_threshold=float(need_threshold),
        need_gaps=need_mod.need_gaps(table, need_threshold),
        need_counts=need_mod.need_counts(table, need_threshold),
        known=tuple(known),
        filters=state.coverage_filters(lang, vocab) if state is not None else "",
        not_applied=state.coverage_filters(lang, vocab, applied=False) if state is not None else "",
        ref_date=state.ref_date if state is not None else None,
    )


# ---------------------------------------------------------------------------
# Labels and display tables (numbers through atlas.text.fmt)
# ---------------------------------------------------------------------------
def group_label(group: str, lang: str) -> str:
    if group == cov_mod.ALL:
        return t("cov_group_all", lang)
    if group == OWN_GROUP:
        return t("cov_group_own", lang)
    return t("prog_" + group, lang)


def within_label(within_km: int | None, lang: str) -> str:
    if within_km is None:
        return t("cov_white_rule_none", lang)
    return t("cov_white_rule_km", lang, km=fmt.number(within_km, lang))


def white_spot_definition(within_km: int | None, lang: str) -> str:
    if within_km is None:
        return t("cov_white_def_none", lang)
    return t("cov_white_def_km", lang, km=fmt.number(within_km, lang))


def share_text(share: float, lang: str) -> str:
    """A population share as a percentage; never rounds a small non-zero share to '0 %'."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    if 0 < share < 0.005:
        return "< " + fmt.percent(0.01, lang)
    if 0.995 <= share < 1:
        return "> " + fmt.percent(0.99, lang)
    return fmt.percent(share, lang)


def summary_display(view: CoverageView) -> pd.DataFrame:
    """Coverage figures as text, one row per group (all first)."""
    lang = view.lang
    rows = []
    for group, r in view.summary.iterrows():
        row = {
            t("cov_col_group", lang): group_label(group, lang),
            t("cov_col_projects", lang): fmt.number(r["projects"], lang),
            t("cov_col_munis_with", lang): t("cov_n_of", lang, n=fmt.number(r["municipalities_with"], lang),
                                              N=fmt.number(r["municipalities"], lang)),
            t("cov_col_pop_with", lang): share_text(r["population_with_share"], lang),
        }
        for d in view.coverage.distances_km:
            row[t("cov_col_within", lang, km=fmt.number(d, lang))] = share_text(r[f"share_within_{d}km"], lang)
        rows.append(row)
    return pd.DataFrame(rows)


def balance_display(view: CoverageView) -> pd.DataFrame:
    lang = view.lang
    rows = []
    for code, r in view.balance.iterrows():
        rows.append({
            t("cov_col_class", lang): class_label(view.typology, code, lang),
            t("cov_col_municipalities", lang): fmt.number(r["municipalities"], lang),
            t("cov_col_population", lang): fmt.number(r["population"], lang),
            t("cov_col_pop_share", lang): share_text(r["population_share"], lang),
            t("cov_col_projects", lang): fmt.number(r["projects"], lang),
            t("cov_col_proj_share", lang): share_text(r["projects_share"], lang),
            t("cov_col_per_100k", lang): fmt.number(r["projects_per_100k"], lang, 1),
        })
    return pd.DataFrame(rows)


def municipality_frame(view: CoverageView) -> pd.DataFrame:
    """The municipality table for the screen: numeric columns stay numeric (sortable).

    Order: the white-spot mark, the name, the figures, then the longer texts.
    """
    lang = view.lang
    tb = view.table
    out = pd.DataFrame({
        t("cov_col_white", lang): np.where(tb["white_spot"], "●", ""),
        t("col_municipality", lang): tb["name"],
        t("cov_col_population", lang): tb["population"].astype("int64"),
        t("cov_col_projects", lang): tb["projects"].astype("int64"),
        t("cov_col_distance", lang): tb["nearest_km"].round(1),
    })
    for d in view.coverage.distances_km:
        out[t("cov_col_within", lang, km=fmt.number(d, lang))] = tb[f"share_within_{d}km"]
    out[t("cov_col_nearest", lang)] = [_nearest_text(r, lang) for r in tb.to_dict("records")]
    out[t("cov_col_class", lang)] = [class_label(view.typology, c, lang) for c in tb["area_class"]]
    out[t("col_province", lang)] = tb["province_name"]
    return out


def municipality_formats(view: CoverageView) -> dict:
    """Babel formatters for the numeric columns of :func:`municipality_frame` (pandas Styler)."""
    lang = view.lang
    formats = {
        t("cov_col_population", lang): lambda v: fmt.number(v, lang),
        t("cov_col_projects", lang): lambda v: fmt.number(v, lang),
        t("cov_col_distance", lang): lambda v: fmt.number(v, lang, 1),
    }
    for d in view.coverage.distances_km:
        formats[t("cov_col_within", lang, km=fmt.number(d, lang))] = lambda v: share_text(v, lang)
    return formats


def threshold_text(view: CoverageView) -> str:
    return fmt.number(view.need_threshold, view.lang, 0 if float(view.need_threshold).is_integer() else 1) + " %"


def need_line(view: CoverageView) -> str:
    """'X van de Y gemeenten met een kansarmoede-index ≥ 15 % hebben een gekend project (n van N …)';
    the parentheses hold what is known for this area (atlas.model.completeness), never another area's counts."""
    lang, c = view.lang, view.need_counts
    if c is None:
        return ""
    known = "; ".join(view.known)
    if c.municipalities and c.without_value == c.municipalities:
        return t("need_line_no_data", lang)
    if c.at_or_above:
        text = t("need_line", lang, x=c.with_project, n=c.at_or_above, threshold=threshold_text(view))
    else:
        text = t("need_line_none", lang, threshold=threshold_text(view))
    if known:
        text += " (" + known + ")"
    text += "."
    if c.without_value:
        text += " " + t("need_without_value", lang, n=c.without_value)
    return text


def filters_line(view: CoverageView) -> str:
    """Which projects count: the filters applied (status at the reference date, programme …)."""
    if not view.filters:
        return ""
    day = fmt.day(view.ref_date, view.lang) if view.ref_date else ""
    return t("cov_filters_applied", view.lang, filters=view.filters, date=day)


def not_applied_line(view: CoverageView) -> str:
    return t("cov_filters_not_applied", view.lang, filters=view.not_applied) if view.not_applied else ""


def page_notes(view: CoverageView) -> list[tuple[str, str]]:
    """(kind 'info' | 'warning', text) notes under the area's name: the filters applied to the
    projects, the set filters this page does not apply, the sidebar filters that narrow the area."""
    notes = [("info", filters_line(view)), ("warning", not_applied_line(view))]
    if view.area.restrictions:
        notes.append(("info", t("cov_restricted", view.lang) + ": " + "; ".join(view.area.restrictions)))
    return [(kind, text) for kind, text in notes if text]


def table_comments(view: CoverageView, link: str, attribution: Iterable[str] = ()) -> list[str]:
    """The comment lines above the downloaded table: the link, the filters, the counts, the sources."""
    lines = [t("exp_comment_filter", view.lang, link=link), filters_line(view), *view.known, *attribution]
    return [line for line in lines if line]


def need_note(view: CoverageView) -> str:
    """How the ranking is made, and what it is not."""
    return t("need_rank_note", view.lang)


def need_frame(view: CoverageView) -> pd.DataFrame:
    """The need gaps for the screen: rank, name, figures (numeric, sortable), nearest project."""
    lang, g = view.lang, view.need_gaps
    if g.empty:
        return pd.DataFrame(columns=[t("need_col_rank", lang), t("col_municipality", lang), t("col_province", lang),
                                     t("need_col_index", lang), t("need_col_oki", lang), t("cov_col_population", lang),
                                     t("need_col_weight", lang), t("cov_col_distance", lang)])
    return pd.DataFrame({
        t("need_col_rank", lang): range(1, len(g) + 1),
        t("col_municipality", lang): g["name"].to_numpy(),
        t("col_province", lang): g["province_name"].to_numpy(),
        t("need_col_index", lang): g[need_mod.KANSARMOEDE].to_numpy(dtype=float),
        t("need_col_oki", lang): g[need_mod.OKI].to_numpy(dtype=float) if need_mod.OKI in g else np.nan,
        t("cov_col_population", lang): g["population"].to_numpy(dtype="int64"),
        t("need_col_weight", lang): g["weight"].round(0).to_numpy(),
        t("cov_col_distance", lang): g["nearest_km"].astype(float).round(1).to_numpy(),
    })


def need_formats(view: CoverageView) -> dict:
    lang = view.lang
    return {
        t("need_col_index", lang): lambda v: fmt.number(v, lang, 2) + " %",
        t("need_col_oki", lang): lambda v: fmt.number(v, lang, 2),
        t("cov_col_population", lang): lambda v: fmt.number(v, lang),
        t("need_col_weight", lang): lambda v: fmt.number(v, lang),
        t("cov_col_distance", lang): lambda v: fmt.number(v, lang, 1),
    }


def need_text_frame(view: CoverageView) -> pd.DataFrame:
    """:func:`need_frame` with every figure as text in the UI language ('—' when unknown)."""
    frame = need_frame(view)
    for col, f in need_formats(view).items():
        frame[col] = [f(v) if not (isinstance(v, float) and math.isnan(v)) else "—" for v in frame[col]]
    frame[t("need_col_rank", view.lang)] = frame[t("need_col_rank", view.lang)].astype(str)
    return frame


def _nearest_text(row: dict, lang: str) -> str:
    name = row.get("nearest_name") or ""
    if not name:
        return t("cov_no_project", lang)
    group = row.get("nearest_group") or row.get("nearest_programme") or ""
    label = group_label(group, lang) if group else ""
    return f"{name} ({label})" if label else name


def table_frame(view: CoverageView) -> tuple[pd.DataFrame, dict[str, str]]:
    """The municipality table for download (column codes) and the headers of the columns whose
    header is not `exp_col_<code>`: numbers as numbers (shares as fractions 0..1, distances in
    km with one decimal), booleans for white spots; codes (NIS, class and programme codes) in
    their own technical columns."""
    tb = view.table
    lang = view.lang
    out = pd.DataFrame({
        "nis": tb["nis"],
        "municipality": tb["name"],
        "province": tb["province_name"],
        "population_2020": tb["population"],
        "area_type_label": [class_label(view.typology, c, lang) for c in tb["area_class"]],
        f"area_type_{view.typology}": tb["area_class"],
        "projects": tb["projects"],
    })
    for g in view.coverage.groups[1:]:
        out[f"projects_{g}"] = tb[f"projects_{g}"]
    out["nearest_project_id"] = tb["nearest_id"]
    out["nearest_project"] = tb["nearest_name"]
    out["nearest_programme"] = tb["nearest_group"]
    out["nearest_km"] = tb["nearest_km"].round(1)
    for d in view.coverage.distances_km:
        out[f"population_share_within_{d}km"] = tb[f"share_within_{d}km"].round(4)
    out["white_spot"] = tb["white_spot"].astype(bool)
    for col in need_mod.NEED_COLUMNS:  # empty where unknown, never 0
        out[col] = tb[col] if col in tb.columns else np.nan
    gaps = set(view.need_gaps["nis"]) if len(view.need_gaps) else set()
    gap_col = f"need_gap_kansarmoede_ge_{view.need_threshold:g}"
    out[gap_col] = tb["nis"].isin(gaps)
    headers = {f"projects_{g}": t("exp_col_projects_of", lang, group=group_label(g, lang) or g)
               for g in view.coverage.groups[1:]}
    headers.update({f"population_share_within_{d}km": t("exp_col_share_within", lang, km=d)
                    for d in view.coverage.distances_km})
    headers[f"area_type_{view.typology}"] = t("exp_col_area_type_code", lang)
    headers[gap_col] = t("exp_col_need_gap", lang, threshold=fmt.number(view.need_threshold, lang, 0))
    return out, headers


def table_sheet(view: CoverageView, comments: list[str] | None = None) -> export.Sheet:
    """The municipality table for download (:func:`table_frame`) with translated headers and
    Ja/Nee for white spots."""
    out, headers = table_frame(view)
    return export.from_frame(out, view.lang, comments, headers=headers)


def table_csv(view: CoverageView, comments: list[str] | None = None) -> bytes:
    """The municipality table as CSV (see atlas.views.export: UTF-8 with BOM, ';' and decimal comma in Dutch)."""
    return export.to_csv(table_sheet(view, comments), view.lang)


def table_xlsx(view: CoverageView, comments: list[str] | None = None) -> bytes:
    """The municipality table as an Excel workbook."""
    return export.to_xlsx(table_sheet(view, comments), view.lang, title="dekking")


def map_fills(view: CoverageView, draw_all: bool = False) -> tuple[dict[str, str], list[tuple[str, str]], str]:
    """(NIS -> fill colour, legend [(colour, label)], legend title) for the coverage map."""
    lang = view.lang
    tb = view.table.set_index("nis")
    fills: dict[str, str] = {}
    if view.within_km is None:
        for nis, r in tb.iterrows():
            fills[nis] = FILL_COLOURS["none"] if r["white_spot"] else FILL_COLOURS["with"]
        legend = [(FILL_COLOURS["none"], t("cov_fill_none", lang)), (FILL_COLOURS["with"], t("cov_fill_with", lang))]
        title = t("cov_fill_title_in", lang)
    else:
        share = tb[f"share_within_{view.within_km}km"]
        for nis, s in share.items():
            if s <= 0:
                fills[nis] = FILL_COLOURS["none"]
            elif s < 0.5:
                fills[nis] = FILL_COLOURS["low"]
            elif s < 0.995:
                fills[nis] = FILL_COLOURS["mid"]
            else:
                fills[nis] = FILL_COLOURS["full"]
        legend = [
            (FILL_COLOURS["none"], t("cov_fill_km_none", lang)),
            (FILL_COLOURS["low"], t("cov_fill_km_low", lang)),
            (FILL_COLOURS["mid"], t("cov_fill_km_mid", lang)),
            (FILL_COLOURS["full"], t("cov_fill_km_full", lang)),
        ]
        title = t("cov_fill_title_km", lang, km=fmt.number(view.within_km, lang))
    if len(view.need_gaps):
        for nis in view.need_gaps["nis"]:
            fills[nis] = NEED_GAP_COLOUR
        legend.insert(0, (NEED_GAP_COLOUR, t("need_fill_gap", lang, threshold=threshold_text(view))))
    if draw_all:
        legend.append((OUTSIDE_COLOUR, t("cov_fill_outside", lang)))
    return fills, legend, title


def map_projects(view: CoverageView, ref_date: date) -> pd.DataFrame:
    """The projects to draw, with their status at `ref_date` (for the popups)."""
    from atlas.model.data import status_at

    shown = view.map_projects
    return shown.assign(status=status_at(shown, ref_date)) if len(shown) else shown.assign(status=[])


def map_options(view: CoverageView, municipalities: pd.DataFrame, *, draw_all: bool = False) -> dict:
    """Keyword arguments for ``atlas.views.mapview.build`` that turn it into the coverage map.

    `draw_all`: draw every municipality (the ones outside the area in white), so a custom
    area can be edited by clicking on the map.
    """
    fills, legend, title = map_fills(view, draw_all=draw_all)
    return {
        "fills": fills,
        "fill_legend": legend,
        "fill_title": title,
        "only_municipalities": None if draw_all else set(view.area.nis),
        "highlight_ids": set(view.highlight_ids) or None,
        "highlight_label": highlight_label(view),
        "bounds": bounds_of(municipalities, view.area.nis),
    }


def build_report(view: CoverageView, layers, state, municipalities: pd.DataFrame, *, data_note: str = "",
                 known: Iterable[str] = ()) -> str:
    """The full report: the coverage map (no online tiles, Leaflet inlined) plus the figures;
    `known` defaults to the view's own lines (atlas.model.completeness for the view's area)."""
    map_html = None
    if layers is not None:
        fmap = mapview.build(map_projects(view, state.ref_date), layers, state, tiles=False, height=600,
                         report_links=False, **map_options(view, municipalities))  # a file: no /melden form
        map_html = standalone_html(fmap)
    return report_html(view, map_html, data_note=data_note, known=known)


def highlight_label(view: CoverageView) -> str:
    lang = view.lang
    parts = []
    if view.area.institute:
        parts.append(t("cov_highlight_stek", lang, name=view.area.name))
    own_shown = int(view.map_projects["own"].fillna(False).astype(bool).sum()) if "own" in view.map_projects else 0
    if own_shown:
        parts.append(t("cov_highlight_own", lang, n=fmt.number(own_shown, lang)))
    return "; ".join(parts)


# ---------------------------------------------------------------------------
# The HTML report (atlas/views/templates/report.html.j2, autoescaped)
# ---------------------------------------------------------------------------


def _text_table(frame: pd.DataFrame, numeric: Iterable[str] = (), row_class: Iterable[str] | None = None) -> dict:
    """A display frame as the report template's table: columns, numeric columns, (class, cells) rows."""
    classes = list(row_class) if row_class is not None else [""] * len(frame)
    cells = [["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in rec]
             for rec in frame.itertuples(index=False)]
    return {"columns": [str(c) for c in frame.columns], "numeric": set(numeric), "rows": list(zip(classes, cells))}


def _municipality_text_table(view: CoverageView) -> pd.DataFrame:
    frame = municipality_frame(view)
    for col, f in municipality_formats(view).items():
        frame[col] = [f(v) if not (isinstance(v, float) and math.isnan(v)) else "—" for v in frame[col]]
    return frame


def _projects_table(view: CoverageView) -> dict:
    """The projects near the area: the declared columns of the report
    (atlas.views.project_columns.REPORT) with 'in the area' before the sources; the area's own
    projects first. An own project's programme says so ('Eigen locaties · …')."""
    lang = view.lang
    shown = view.map_projects
    cols = project_columns.columns(project_columns.REPORT)
    columns = [t(c.label, lang) for c in cols if c.kind != "links"] + [t("cov_col_in_area", lang)]
    columns += [t(c.label, lang) for c in cols if c.kind == "links"]
    rows = []
    if not shown.empty:
        in_area = shown.get("nis2025", pd.Series("", index=shown.index)).isin(view.area.nis)
        own = shown["own"].fillna(False).astype(bool) if "own" in shown.columns else [False] * len(shown)
        cells = project_columns.html_cells(shown, lang, view.ref_date, project_columns.REPORT)
        for inside, mine, row in sorted(zip(in_area, own, cells), key=lambda p: (not p[0], p[2]["name"])):
            if mine:
                row["programme"] = t("cov_group_own", lang) + " · " + row["programme"]
            rows.append({**row, "in_area": t("cov_yes", lang) if inside else t("cov_no", lang),
                         "links": list(enumerate(row["sources"], start=1))})
    return {"columns": columns, "rows": rows, "empty": t("cov_no_projects_near", lang)}


def report_html(view: CoverageView, map_html: str | None, *, data_note: str = "", known: Iterable[str] = ()) -> str:
    """A self-contained HTML report: opens offline, no external script/css/font.

    `map_html` is a complete HTML document from ``geo.mapbuilder.standalone_html`` (Leaflet
    inlined); it is embedded with an ``iframe`` ``srcdoc`` so its scripts and styles stay apart.
    Rendered from atlas/views/templates/report.html.j2 with autoescaping: the values below are
    plain text, escaped once by the template.
    """
    lang = view.lang
    area = view.area
    pop = int(view.summary.loc[cov_mod.ALL, "population"]) if len(view.summary) else 0
    facts = [
        (t("cov_area", lang), area.label, False),
        (t("cov_definition", lang), area.definition, False),
    ]
    if area.note:
        facts.append((t("cov_area_note", lang), area.note, False))
    if area.restrictions:
        facts.append((t("cov_restricted", lang), "; ".join(area.restrictions), False))
    if view.filters:
        facts.append((t("cov_filters", lang), filters_line(view), False))
    for line in known or view.known:  # known against official, per programme (atlas.model.completeness)
        facts.append((t("known_counts_title", lang), line, False))
    facts += [
        (t("cov_col_municipalities", lang), fmt.number(len(area.nis), lang), False),
        (t("cov_col_population", lang), f"{fmt.number(pop, lang)} {t('cov_pop_date', lang)}", False),
        (t("cov_white_rule", lang), white_spot_definition(view.within_km, lang), False),
        (t("need_threshold", lang), threshold_text(view), False),
        (t("cov_programmes", lang), ", ".join(group_label(g, lang) for g in view.coverage.groups[1:]) or "—", False),
    ]
    if view.own_total:
        own_text = t("cov_own_in_report_yes" if view.own_included else "cov_own_in_report_no", lang,
                     n=view.own_total)
        facts.append((t("cov_group_own", lang), own_text, False))
    summ, bal, mt = summary_display(view), balance_display(view), _municipality_text_table(view)
    nf = need_text_frame(view)
    sources = [t("sources_footer", lang), t("cov_source_population", lang), ATTRIBUTION["pinc"],
               ATTRIBUTION["statbel"], TYPOLOGIES[view.typology]["source"], t("cov_source_projects", lang), t("cov_method", lang),
               t("need_source", lang)]
    if data_note:
        sources.append(data_note)
    title = t("cov_report_title", lang, area=area.name)
    return templates.render("report.html.j2", 
        lang=lang,
        title=title,
        made=t("cov_report_made", lang, date=fmt.day(view.created.date(), lang), time=view.created.strftime("%H:%M")),
        app_title=t("app_title", lang),
        h={"area": t("cov_h_area", lang), "map": t("cov_h_map", lang), "figures": t("cov_h_figures", lang),
           "balance": t("cov_h_balance", lang, typology=typology_label(view.typology, lang)), "table": t("cov_h_table", lang),
           "projects": t("cov_h_projects", lang), "sources": t("cov_h_sources", lang),
           "need": t("need_h", lang, threshold=threshold_text(view))},
        need={"line": need_line(view), "note": need_note(view), "empty": t("need_no_gaps", lang),
              "table": _text_table(nf, numeric=[c for c in nf.columns if c in need_formats(view)
                                                or c == t("need_col_rank", lang)])},
        facts=facts,
        map_html=map_html,
        map_title=t("cov_map_title", lang),
        map_missing=t("cov_map_missing", lang),
        summary=_text_table(summ, numeric=list(summ.columns[1:])),
        method=t("cov_method", lang),
        balance=_text_table(bal, numeric=list(bal.columns[1:])),
        typology_definition=typology_definition(view.typology, lang),
        table_note=f"{t('cov_table_note', lang)} {white_spot_definition(view.within_km, lang)}",
        municipalities=_text_table(mt, numeric=[c for c in mt.columns if c in municipality_formats(view)],
                                   row_class=np.where(view.table["white_spot"], "white", "")),
        projects=_projects_table(view),
        sources=sources,
    )
