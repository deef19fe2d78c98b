"""Streamlit glue of the coverage page: the area choice, own locations, cached coverage.

The area lives in the FilterState (and so in the URL): `institute=<id>`, `municipalities=
<NIS,...>` (a custom area) or `province=<code>`. The page's widgets take their values from
the state and write picks back with `session.set_state`; nothing else is remembered but the
mode a user picked before naming an area, and the uploaded own locations (this session
only, never in a shared cache).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.model import schema
from atlas.model import areas
from atlas.model.filters import AREA_FILTERS, BY_FIELD, FilterState, Vocabulary
from atlas.model.validate import listing
from atlas.text import fmt
from atlas.text.escape import md
from atlas.text.i18n import t
from atlas.ui import publish, chrome, session, tables
from atlas.views import report

MODES = ("institute", "province", "elz", "custom", "all")  # elz: a primary-care zone (eerstelijnszone)
WITHIN_OPTIONS = {"in": None, "2": 2, "5": 5, "10": 10}
MODE_PICK = "cov_mode_pick"  # a mode picked before its area is named (e.g. 'institute', no institute yet)


def mode_of(state: FilterState) -> str | None:
    """Which kind of area the state names (atlas.model.areas: the filter that names it), 'all'
    when none does; None when a sidebar filter names it that this page has no mode for."""
    naming = areas.naming_filter(state)
    if naming is None:
        return "all"
    return naming.area.kind if naming.area.kind in MODES else None


def _set_area(**area) -> None:
    """Name the area one way (institute, provinces or a custom list); the others are cleared."""
    state = session.current_state()
    if not area:
        session.set_state(state.with_(**{f.field: getattr(FilterState(), f.field) for f in AREA_FILTERS if f.area.kind}))
        return
    (field, value), = area.items()
    session.set_state(state.pick(field, value))


# The callbacks read their widget under the key it was drawn with (session._on_change: an earlier
# callback of the same rerun may have started a new generation of keys).
def _on_mode(key: str, area_now: tuple[str, ...]) -> None:
    mode = st.session_state.get(key)
    st.session_state[MODE_PICK] = mode
    if mode == "all":
        _set_area()
    elif mode == "custom" and area_now:
        _set_area(municipalities=area_now)  # start from the area shown now


def _on_pick(field: str, key: str) -> None:
    value = st.session_state.get(key)
    if field == "institute" and value:
        _set_area(institute=value)
    elif field == "province" and value:
        _set_area(provinces=(value,))
    elif field == "elz" and value:
        _set_area(elz=value)
    elif field == "custom":
        _set_area(municipalities=tuple(sorted(value or ())))


def area_chooser(state: FilterState, munis: pd.DataFrame, inst_names: dict[str, str],
                 area_now: tuple[str, ...], vocab: Vocabulary) -> str:
    """The mode radio and the picker of that mode; returns the mode. A zone is offered as the
    sidebar's zone filter offers it (its options and labels: atlas.model.filters, field 'elz')."""
    lang = state.lang
    mode = mode_of(state)
    if mode == "all" and st.session_state.get(MODE_PICK) in MODES:
        mode = st.session_state[MODE_PICK]
    muni_names = dict(zip(munis["nis"], munis["name"]))
    key = {name: session.wkey("cov_" + name) for name in ("mode", "institute", "province", "elz", "custom")}
    choose, detail = st.columns([2, 3])
    with choose:
        mode = st.radio(t("cov_choose", lang), options=list(MODES), index=MODES.index(mode) if mode else None,
                        horizontal=True,
                        key=key["mode"], on_change=_on_mode, args=(key["mode"], area_now),
                        format_func=lambda m: t("cov_mode_" + m, lang))
    with detail:
        if mode == "institute":
            options = list(inst_names)
            st.selectbox(t("cov_pick_institute", lang), options=options, key=key["institute"],
                         index=options.index(state.institute) if state.institute in options else None,
                         format_func=lambda i: inst_names.get(i, i), on_change=_on_pick, args=("institute", key["institute"]),
                         placeholder=t("cov_pick_placeholder", lang))
        elif mode == "province":
            options = list(schema.PROVINCES)
            current = state.provinces[0] if len(state.provinces) == 1 else None
            st.selectbox(t("cov_pick_province", lang), options=options, key=key["province"],
                         index=options.index(current) if current else None,
                         format_func=lambda p: schema.PROVINCES[p], on_change=_on_pick, args=("province", key["province"]),
                         placeholder=t("cov_pick_placeholder", lang))
        elif mode == "elz":
            zone = BY_FIELD["elz"].widget
            options = [z for z in zone.options(state, vocab) if z]
            if options:
                st.selectbox(t("cov_pick_elz", lang), options=options, key=key["elz"],
                             index=options.index(state.elz) if state.elz in options else None,
                             format_func=lambda z: zone.label_of(z, state, vocab, lang), on_change=_on_pick,
                             args=("elz", key["elz"]), placeholder=t("cov_pick_placeholder", lang))
            else:  # the reference layer has no zones
                st.caption(t("cov_no_zones", lang))
        elif mode == "custom":
            st.multiselect(t("cov_pick_municipalities", lang), options=sorted(muni_names, key=muni_names.get),
                           default=list(state.municipalities), key=key["custom"],
                           format_func=lambda c: f"{muni_names.get(c, c)} ({c})", on_change=_on_pick,
                           args=("custom", key["custom"]), placeholder=t("cov_pick_placeholder", lang))
            st.caption(t("cov_pick_hint", lang))
        elif mode == "all":
            st.caption(t("cov_all_hint", lang))
    return mode


def toggle_municipality(state: FilterState, nis: str) -> None:
    """A map click in custom mode adds or removes a municipality (then rerun)."""
    session.set_state(state.pick("municipalities", tuple(sorted(set(state.municipalities) ^ {nis}))))


# ---------------------------------------------------------------------------
# Own locations: this session only
# ---------------------------------------------------------------------------
@st.cache_resource(scope="session", max_entries=2, show_spinner=False)
def _read_upload(raw: bytes, name: str, lang: str) -> report.OwnLocations:
    return report.read_own_locations(raw, name, lang)


def own_locations(lang: str) -> report.OwnLocations | None:
    """The upload expander: read and validate the file, say what was found."""
    own = None
    with st.expander(t("cov_upload_h", lang), expanded=bool(st.session_state.get("cov_upload"))):
        st.caption(t("cov_upload_private", lang))
        publish.page_style("upload.css")  # hides the uploader's own "2MB per file": the label says 1 MB
        upload = st.file_uploader(t("cov_upload_label", lang), type=["csv", "txt", "xlsx"], key="cov_upload",
                                  max_upload_size=report.UPLOADER_MB, help=t("cov_upload_help", lang))
        if upload is not None:
            with st.spinner(t("cov_upload_checking", lang)):
                own = _read_upload(upload.getvalue(), upload.name, lang)
            if own.refused:
                st.error(own.refused)
            else:
                if own.n_valid:
                    st.success(t("cov_upload_ok", lang, n=fmt.number(own.n_valid, lang),
                                 N=fmt.number(own.n_rows, lang)))
                if own.problems:
                    st.error(t("cov_upload_problems", lang, n=len(own.problems)))
                    st.code("\n".join(listing(own.problems)), language=None)
                for notice in own.notices:
                    st.info(md(notice))
    return own


# ---------------------------------------------------------------------------
# Coverage: the published projects shared by everyone; with own locations per session
# ---------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _territory():
    from geo.coverage import default_territory

    return default_territory()


@st.cache_resource(show_spinner=False, max_entries=16)
def _official_coverage(programmes: tuple[str, ...], projects: pd.DataFrame):
    return report.compute_coverage(_territory(), projects, programmes)


@st.cache_resource(scope="session", show_spinner=False, max_entries=2)
def _coverage_with_own(programmes: tuple[str, ...], projects: pd.DataFrame, own: pd.DataFrame):
    return report.compute_coverage(_territory(), projects, programmes, own, True)


def coverage(projects: pd.DataFrame, programmes: tuple[str, ...], own: report.OwnLocations | None,
             include_own: bool):
    if include_own and own is not None and own.n_valid:
        return _coverage_with_own(tuple(programmes), projects, own.projects)
    return _official_coverage(tuple(programmes), projects)


def need_threshold(lang: str) -> float:
    """The kansarmoede-index threshold of the need gaps (%, a page widget; default 15)."""
    from geo.need import DEFAULT_THRESHOLD

    value = st.number_input(t("need_threshold", lang), min_value=0.0, max_value=40.0, value=DEFAULT_THRESHOLD,
                            step=1.0, format="%.0f", key="cov_need_threshold", help=t("need_threshold_help", lang))
    return float(value if value is not None else DEFAULT_THRESHOLD)


def within_choice(lang: str) -> int | None:
    key = st.segmented_control(
        t("cov_white_rule", lang), options=list(WITHIN_OPTIONS), key="cov_within", default="in",
        format_func=lambda k: report.within_label(WITHIN_OPTIONS[k], lang), selection_mode="single",
    ) or "in"
    return WITHIN_OPTIONS[key]


# ---------------------------------------------------------------------------
# Page sections (moved out of pages/coverage.py so the page stays wiring)
# ---------------------------------------------------------------------------
def show_kpis(view, within_km: int | None, lang: str) -> None:
    """The four headline figures of the area (population, municipalities with, within 5 km, white spots)."""
    summary = view.summary.loc["all"]
    white = int(view.table["white_spot"].sum())
    k1, k2, k3, k4 = st.container(key="kpis").columns(4)
    k1.metric(t("cov_kpi_population", lang), fmt.number(summary["population"], lang))
    k2.metric(t("cov_kpi_munis_with", lang),
              t("cov_n_of", lang, n=fmt.number(summary["municipalities_with"], lang),
                N=fmt.number(summary["municipalities"], lang)))
    k3.metric(t("cov_kpi_within5", lang), report.share_text(summary["share_within_5km"], lang))
    k4.metric(t("cov_kpi_white", lang), fmt.number(white, lang), help=report.white_spot_definition(within_km, lang))


def follow_click(clicked: dict | None, munis: pd.DataFrame, state: FilterState) -> None:
    """A click on a municipality of the custom-area map adds or removes it (once per click)."""
    if not clicked:
        return
    drawing = clicked.get("last_active_drawing") or {}
    point = clicked.get("last_object_clicked") or {}
    nis = (drawing.get("properties") or {}).get("nis")
    event = (nis, point.get("lat"), point.get("lng"))
    if nis in set(munis["nis"]) and point and st.session_state.get("cov_last_click") != event:
        st.session_state["cov_last_click"] = event
        toggle_municipality(state, nis)
        st.rerun()


def show_need(view, lang: str) -> None:
    """The need gaps: municipalities above the kansarmoede threshold without a project."""
    st.subheader(t("need_h", lang, threshold=report.threshold_text(view)))
    st.markdown(f"**{md(report.need_line(view))}**")
    st.caption(report.need_note(view))
    if len(view.need_gaps):
        chrome.text_table(report.need_text_frame(view))  # short, already ranked: a real (accessible) table
    else:
        st.info(t("need_no_gaps", lang))
    st.caption(t("need_source", lang))


def show_municipality_table(view, within_km: int | None, lang: str) -> None:
    """The per-municipality table, built only when asked for (see tables.on_demand)."""
    st.subheader(t("cov_h_table", lang))
    st.caption(t("cov_table_note", lang) + " " + report.white_spot_definition(within_km, lang))
    table = report.municipality_frame(view)
    if (box := tables.on_demand(t("cov_table_open", lang, n=len(table)), "coverage_table")) is not None:
        box.dataframe(  # the downloads below hold the same rows
            table.style.format(report.municipality_formats(view), na_rep="—"), hide_index=True, height=460,
            column_config={
                t("cov_col_white", lang): st.column_config.TextColumn(width=70),
                t("col_municipality", lang): st.column_config.TextColumn(pinned=True, width="medium"),
                t("cov_col_nearest", lang): st.column_config.TextColumn(width="large"),
                t("cov_col_class", lang): st.column_config.TextColumn(width="medium"),
            },
        )
