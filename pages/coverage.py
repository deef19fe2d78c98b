"""Coverage page: what a working area holds, and where there is nothing.

Thin: reads the filter state, asks atlas.report / geo.coverage for the figures, renders.
The area choice lives in the URL: `institute=<id>`, `municipalities=<NIS,...>` (custom
area) or `province=<code>` (a province is stored as the existing province filter).
Uploaded own locations stay in st.session_state for this session only.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date

import streamlit as st
from streamlit_folium import st_folium

from atlas import fmt, mapview, report, schema, ui
from atlas.i18n import t
from geo.typology import TYPOLOGIES

log = logging.getLogger(__name__)
ss = st.session_state

MODES = ("institute", "province", "custom", "all")
WITHIN_OPTIONS = {"in": None, "2": 2, "5": 5, "10": 10}


def _mode_of(state) -> str:
    if state.municipalities:
        return "custom"
    if state.institute:
        return "institute"
    if state.provinces:
        return "province"
    return "all"


def _signature(state) -> tuple:
    return (state.institute, tuple(state.municipalities), tuple(state.provinces))


def _apply(**changes) -> None:
    """Write an area choice to the state and the URL (widget callbacks: the script reruns next).

    ui.set_state re-creates the sidebar widgets, so the sidebar's institute and province
    show the same choice on the next run.
    """
    new = ui.current_state().with_(**changes)
    ui.set_state(new)
    ss["cov_sig"] = _signature(new)


def _on_mode() -> None:
    mode = ss.get("cov_mode")
    if mode == "all":
        _apply(institute=None, municipalities=(), provinces=())
    elif mode == "institute" and ss.get("cov_institute"):
        _apply(institute=ss["cov_institute"], municipalities=(), provinces=())
    elif mode == "province" and ss.get("cov_province"):
        _apply(institute=None, municipalities=(), provinces=(ss["cov_province"],))
    elif mode == "custom":
        start = ss.get("cov_area_now") or ()
        if ss.get("cov_area_kind") == "all":
            start = ()
        ss["cov_custom"] = sorted(start)
        if start:
            _apply(institute=None, municipalities=tuple(sorted(start)), provinces=())


def _on_institute() -> None:
    if ss.get("cov_institute"):
        _apply(institute=ss["cov_institute"], municipalities=(), provinces=())


def _on_province() -> None:
    if ss.get("cov_province"):
        _apply(institute=None, municipalities=(), provinces=(ss["cov_province"],))


def _on_custom() -> None:
    _apply(institute=None, municipalities=tuple(sorted(ss.get("cov_custom") or ())), provinces=())


@st.cache_resource(show_spinner=False)
def _territory():
    from geo.coverage import default_territory

    return default_territory()


@st.cache_resource(show_spinner=False, max_entries=16)
def _official_coverage(programmes: tuple[str, ...], fingerprint: str):
    """Coverage by the published projects only (shared: no user data in it)."""
    return report.compute_coverage(_territory(), ui.project_data().projects, programmes)


def _coverage(projects, programmes, own, include_own):
    if not (include_own and own is not None and own.n_valid):
        fingerprint = hashlib.sha256(",".join(projects["id"].astype(str)).encode()).hexdigest()
        return _official_coverage(tuple(programmes), fingerprint)
    key = (tuple(programmes), ss.get("cov_own_key"))
    memo = ss.setdefault("cov_memo", {})  # this session only: own locations never leave it
    if key not in memo:
        memo.clear()
        memo[key] = report.compute_coverage(_territory(), projects, programmes, own.projects, True)
    return memo[key]


# ---------------------------------------------------------------------------
state = ui.current_state()
lang = state.lang
st.title(t("cov_title", lang))
st.caption(t("cov_intro", lang))

pdata = ui.project_data()
munis, _provs, geo_message = ui.reference()
if munis is None:  # one clear message: which layer is missing and how to point the app at it
    st.error(t("cov_geo_missing", lang, detail=geo_message))
    st.stop()
ui.data_notices(pdata, lang)
institutes = ui.institutes()
inst_names = dict(zip(institutes["id"], institutes["name"]))
muni_names = dict(zip(munis["nis"], munis["name"]))

# Follow the state when it changed outside this page's widgets (a link, the sidebar).
sig = _signature(state)
if ss.get("cov_sig") != sig:
    prev = ss.get("cov_sig")
    if prev and state.institute and state.institute != prev[0]:
        # An institute was just picked in the sidebar: it replaces the previous area choice
        # (a custom list, or a province that was the area rather than a restriction).
        drop = {}
        if state.municipalities:
            drop["municipalities"] = ()
        if state.provinces and not prev[0] and not prev[1] and tuple(prev[2]) == tuple(state.provinces):
            drop["provinces"] = ()
        if drop:
            ui.set_state(state.with_(**drop))
            ss["cov_sig"] = None
            st.rerun()
    ss["cov_mode"] = _mode_of(state)
    ss["cov_institute"] = state.institute
    ss["cov_province"] = state.provinces[0] if len(state.provinces) == 1 else None
    ss["cov_custom"] = list(state.municipalities)
    ss["cov_sig"] = sig

# --- area choice ---------------------------------------------------------------
choose, detail = st.columns([2, 3])
with choose:
    mode = st.radio(
        t("cov_choose", lang), options=list(MODES), key="cov_mode", on_change=_on_mode, horizontal=True,
        format_func=lambda m: t("cov_mode_" + m, lang),
    )
with detail:
    if mode == "institute":
        st.selectbox(t("cov_pick_institute", lang), options=list(inst_names), key="cov_institute",
                     format_func=lambda i: inst_names.get(i, i), on_change=_on_institute, index=None,
                     placeholder=t("cov_pick_placeholder", lang))
    elif mode == "province":
        st.selectbox(t("cov_pick_province", lang), options=list(schema.PROVINCES), key="cov_province",
                     format_func=lambda p: schema.PROVINCES[p], on_change=_on_province, index=None,
                     placeholder=t("cov_pick_placeholder", lang))
    elif mode == "custom":
        st.multiselect(t("cov_pick_municipalities", lang), options=sorted(muni_names, key=lambda c: muni_names[c]),
                       key="cov_custom", format_func=lambda c: f"{muni_names.get(c, c)} ({c})", on_change=_on_custom,
                       placeholder=t("cov_pick_placeholder", lang))
        st.caption(t("cov_pick_hint", lang))
    else:
        st.caption(t("cov_all_hint", lang))

try:
    area = report.resolve_area(state, munis, institutes, lang)
except (KeyError, ValueError) as exc:
    log.exception("coverage: area")
    st.error(t("cov_error", lang, detail=str(exc)))
    st.stop()
ss["cov_area_now"] = tuple(sorted(area.nis))
ss["cov_area_kind"] = area.kind

# --- own locations (this session only) -------------------------------------------
own = None
with st.expander(t("cov_upload_h", lang), expanded=bool(ss.get("cov_own"))):
    st.caption(t("cov_upload_private", lang))
    upload = st.file_uploader(t("cov_upload_label", lang), type=["csv"], key="cov_upload",
                              max_upload_size=1, help=t("cov_upload_help", lang))
    if upload is not None:
        raw = upload.getvalue()
        key = hashlib.sha256(raw).hexdigest() + ":" + upload.name
        if ss.get("cov_own_key") != key:
            with st.spinner(t("cov_upload_checking", lang)):
                ss["cov_own"] = report.read_own_locations(raw, upload.name, lang)
            ss["cov_own_key"] = key
        own = ss["cov_own"]
    else:
        ss.pop("cov_own", None)
        ss.pop("cov_own_key", None)
        ss.pop("cov_memo", None)
    if own is not None:
        if own.refused:
            st.error(own.refused)
        else:
            if own.n_valid:
                st.success(t("cov_upload_ok", lang, n=fmt.number(own.n_valid, lang), N=fmt.number(own.n_rows, lang)))
            if own.problems:
                st.error(t("cov_upload_problems", lang, n=fmt.number(len(own.problems), lang)))
                st.code("\n".join(own.problems), language=None)
            for notice in own.notices:
                st.info(notice)
include_own = False
if own is not None and own.n_valid:
    include_own = st.checkbox(t("cov_upload_include", lang), key="cov_include_own")
own_frame = own.projects if own is not None and own.n_valid else None

# --- figures ---------------------------------------------------------------------
within_key = st.segmented_control(
    t("cov_white_rule", lang), options=list(WITHIN_OPTIONS), key="cov_within", default="in",
    format_func=lambda k: report.within_label(WITHIN_OPTIONS[k], lang), selection_mode="single",
) or "in"
within_km = WITHIN_OPTIONS[within_key]

try:
    with st.spinner(t("cov_computing", lang)):
        coverage = _coverage(pdata.projects, state.programmes, own, include_own)
        view = report.build_view(area, coverage, typology=state.typology, within_km=within_km, lang=lang,
                                 own=own_frame, include_own=include_own)
except Exception as exc:  # noqa: BLE001 - a clear message instead of a traceback
    log.exception("coverage: compute")
    st.error(t("cov_error", lang, detail=str(exc)))
    st.stop()

st.subheader(area.label)
st.caption(f"{t('cov_definition', lang)}: {area.definition}")
if area.note:
    st.caption(f"{t('cov_area_note', lang)}: {area.note}")
if area.restrictions:
    st.info(t("cov_restricted", lang) + ": " + "; ".join(area.restrictions))
if view.empty:
    st.warning(t("cov_empty_area", lang))
    st.stop()

summary = view.summary.loc["all"]
white = int(view.table["white_spot"].sum())
k1, k2, k3, k4 = st.columns(4)
k1.metric(t("cov_kpi_population", lang), fmt.number(summary["population"], lang))
k2.metric(t("cov_kpi_munis_with", lang),
          t("cov_n_of", lang, n=fmt.number(summary["municipalities_with"], lang),
            N=fmt.number(summary["municipalities"], lang)))
k3.metric(t("cov_kpi_within5", lang), report.share_text(summary["share_within_5km"], lang))
k4.metric(t("cov_kpi_white", lang), fmt.number(white, lang), help=report.white_spot_definition(within_km, lang))

# --- map -------------------------------------------------------------------------
custom_mode = mode == "custom"
layers = ui.map_layers()
fmap = mapview.build(report.map_projects(view, state.ref_date), layers, state, height=560,
                     **report.map_options(view, munis, draw_all=custom_mode))
clicked = st_folium(
    fmap, key="coverage_map", height=560, use_container_width=True,
    returned_objects=["last_active_drawing", "last_object_clicked"] if custom_mode else [],
)
if custom_mode and clicked:
    drawing = clicked.get("last_active_drawing") or {}
    point = clicked.get("last_object_clicked") or {}
    nis = (drawing.get("properties") or {}).get("nis")
    event = (nis, point.get("lat"), point.get("lng"))
    if nis in muni_names and point and ss.get("cov_last_click") != event:
        ss["cov_last_click"] = event
        codes = set(state.municipalities) or set()
        codes ^= {nis}
        new_state = state.with_(institute=None, municipalities=tuple(sorted(codes)), provinces=())
        ui.set_state(new_state)
        st.rerun()
st.caption(t("tiles_attribution_note", lang))

st.subheader(t("cov_h_figures", lang))
st.table(report.summary_display(view), hide_index=True)
st.caption(t("cov_estimate", lang))

st.subheader(t("cov_h_balance", lang, typology=TYPOLOGIES[state.typology]["label_" + lang]))
st.table(report.balance_display(view), hide_index=True)

st.subheader(t("cov_h_table", lang))
st.caption(t("cov_table_note", lang) + " " + report.white_spot_definition(within_km, lang))
table = report.municipality_frame(view)
st.dataframe(
    table.style.format(report.municipality_formats(view), na_rep="—"), hide_index=True, height=460,
    column_config={
        t("cov_col_white", lang): st.column_config.TextColumn(width=70),
        t("col_municipality", lang): st.column_config.TextColumn(pinned=True, width="medium"),
        t("cov_col_nearest", lang): st.column_config.TextColumn(width="large"),
        t("cov_col_class", lang): st.column_config.TextColumn(width="medium"),
    },
)

# --- downloads -------------------------------------------------------------------
slug = (area.institute or area.kind).replace(" ", "-")
stamp = date.today().isoformat()
d1, d2 = st.columns(2)
d1.download_button(
    t("cov_download_report", lang),
    data=lambda: report.build_report(view, layers, state, munis).encode("utf-8"),
    file_name=f"dekking-{slug}-{stamp}.html", mime="text/html", on_click="ignore", icon=":material/description:",
)
d2.download_button(
    t("cov_download_csv", lang), data=lambda: report.table_csv(view), file_name=f"dekking-{slug}-{stamp}.csv",
    mime="text/csv", on_click="ignore", icon=":material/table_view:",
)
