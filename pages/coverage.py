"""Coverage page: what a working area holds, and where there is nothing.

Wiring only: the state and the area choice come from atlas.ui / atlas.ui.coverage_page, the
figures from atlas.views.report and geo.coverage.
"""

from __future__ import annotations

import logging
from datetime import date

import streamlit as st
from streamlit_folium import st_folium

from atlas.text.escape import md
from atlas.text.i18n import t
from atlas.text.labels import typology_label
from atlas.ui import coverage_page as cv
from atlas.ui import melden, publish, chrome, loaders, session, tables
from atlas.views import mapview, report

log = logging.getLogger(__name__)

state = session.current_state()
lang = state.lang
chrome.page_header(t("cov_title", lang), t("cov_intro", lang), state)
publish.print_styles()  # A4 landscape print view

pdata = loaders.project_data()
munis, _provs, geo_message = loaders.reference()
if munis is None:  # one clear message: which layer is missing and how to point the app at it
    st.error(t("cov_geo_missing", lang, detail=md(geo_message)))
    chrome.stop_page()
chrome.data_notices(pdata, lang)
map_slot = st.container(key="map_frame")  # the map first under the title (issue 24), drawn below
institutes = loaders.institutes()
try:
    area = report.resolve_area(state, munis, institutes, lang)
except (KeyError, ValueError) as exc:
    log.exception("coverage: area")
    st.error(t("cov_error", lang, detail=md(exc)))
    chrome.stop_page()

mode = cv.area_chooser(state, munis, loaders.institute_names(), tuple(sorted(area.nis)) if area.kind != "all" else (),
                      loaders.vocabulary())
own = cv.own_locations(lang)
include_own = bool(own is not None and own.n_valid and st.checkbox(t("cov_upload_include", lang), key="cov_include_own"))
own_frame = own.projects if own is not None and own.n_valid else None

# --- figures ---------------------------------------------------------------------
rule, threshold_col = st.columns([3, 1], vertical_alignment="bottom")
with rule:
    within_km = cv.within_choice(lang)
with threshold_col:
    threshold = cv.need_threshold(lang)
known_lines = chrome.known_lines(state, pdata.projects, area)  # the area's own counts (atlas.model.completeness)

try:
    with st.spinner(t("cov_computing", lang)):  # the projects the sidebar filters keep (atlas.model.filters: coverage=)
        coverage = cv.coverage(state.coverage_projects(pdata.projects), state.programmes, own, include_own)
        view = report.build_view(area, coverage, typology=state.typology, within_km=within_km, lang=lang,
                                 own=own_frame, include_own=include_own, need_threshold=threshold,
                                 known=known_lines, state=state, vocab=loaders.vocabulary())
except Exception as exc:  # noqa: BLE001 - a clear message instead of a traceback
    log.exception("coverage: compute")
    st.error(t("cov_error", lang, detail=md(exc)))
    chrome.stop_page()

st.subheader(md(area.label))  # an institute's name and note come from data/institutes.csv
st.caption(f"{t('cov_definition', lang)}: {md(area.definition)}")
if area.note:
    st.caption(f"{t('cov_area_note', lang)}: {md(area.note)}")
chrome.show_known(state, pdata.projects, known_lines)
melden.area_link(state, area.label)  # 'Ontbreekt er een project in dit werkgebied?' + open count
for kind, note in report.page_notes(view):  # filters applied, not applied, the area narrowed
    getattr(st, kind)(md(note))
if view.empty:
    st.warning(t("cov_empty_area", lang))
    chrome.stop_page()

cv.show_kpis(view, within_km, lang)

# --- map -------------------------------------------------------------------------
custom_mode = mode == "custom"
layers = loaders.map_layers()
fmap = mapview.build(report.map_projects(view, state.ref_date), layers, state, height=560,
                     **report.map_options(view, munis, draw_all=custom_mode))
with map_slot:  # its height follows the screen (atlas/views/templates/screen.css)
    clicked = st_folium(
        fmap, key="coverage_map", height=560, use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked"] if custom_mode else [],
    )
    st.caption(t("tiles_attribution_note", lang))
if custom_mode:
    cv.follow_click(clicked, munis, state)  # a click adds or removes a municipality

cv.show_need(view, lang)

st.subheader(t("cov_h_figures", lang))
chrome.text_table(report.summary_display(view))
st.caption(t("cov_estimate", lang))

st.subheader(t("cov_h_balance", lang, typology=typology_label(state.typology, lang)))
chrome.text_table(report.balance_display(view))

cv.show_municipality_table(view, within_km, lang)

# --- downloads -------------------------------------------------------------------
slug = (area.institute or area.kind).replace(" ", "-")
stamp = date.today().isoformat()
table_comments = report.table_comments(view, session.share_link(state), loaders.attribution_lines())
st.download_button(
    t("cov_download_report", lang),
    data=lambda: report.build_report(view, layers, state, munis, known=known_lines).encode("utf-8"),
    file_name=f"dekking-{slug}-{stamp}.html", mime="text/html", on_click="ignore", icon=":material/description:",
)
tables.coverage_table_downloads(view, munis, state, table_comments, slug)  # CSV, Excel, GeoJSON, GeoPackage
