"""Map page: every project on the map of Flanders and Brussels, with KPIs, search, table."""

import streamlit as st
from streamlit_folium import st_folium

from atlas import budget, fmt, stats, ui
from atlas import programme_view as view
from atlas.data import status_at
from atlas.filters import COLOUR_MODES
from atlas.i18n import t
from geo.mapbuilder import build_map
from geo.typology import RURAL_CLASSES, TYPOLOGIES

state = ui.current_state()
lang = state.lang
pdata = ui.project_data()
tdef = TYPOLOGIES[state.typology]

st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))
ui.data_notices(pdata, lang)

# The map and KPIs show the filtered programmes everywhere; a selected municipality zooms
# the map and narrows the table.
area = ui.area_municipalities(state)
on_map = state.with_(municipality=None).apply(pdata.projects, area)
on_map = on_map.assign(status=status_at(on_map, state.ref_date))

# ---- n of N known --------------------------------------------------------------
known = stats.known_counts(pdata.projects, ui.programmes())
st.markdown(" · ".join(f"**{stats.known_count_text(kc, lang)}**" for kc in known))

# ---- KPIs ------------------------------------------------------------------------
k = stats.kpis(on_map, state.typology)
rural_names = ", ".join(tdef["classes"][c]["label_" + lang] for c in RURAL_CLASSES[state.typology])
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("kpi_projects", lang), fmt.number(k.projects, lang))
c2.metric(t("kpi_municipalities", lang), fmt.number(k.municipalities, lang), help=t("kpi_municipalities_help", lang))
c3.metric(t("kpi_rural", lang), fmt.percent(k.rural_share, lang),
          help=t("kpi_rural_help", lang, classes=rural_names, typology=tdef["label_" + lang]))
c4.metric(t("kpi_budget", lang), fmt.money(k.budget_granted, lang),
          help=t("kpi_budget_help", lang, n=k.n_unknown_budget, m=k.n_other_basis))

# ---- place search and colouring ------------------------------------------------------
places = ui.places()
left, right = st.columns([3, 2])
with left:
    labels = ui.place_labels(lang)
    chosen = st.selectbox(t("search_place", lang), options=list(labels), index=None, key="w_place",
                          format_func=labels.get, placeholder=t("search_placeholder", lang))
with right:
    colour = st.radio(t("colour_by", lang), options=list(COLOUR_MODES), horizontal=True,
                      index=list(COLOUR_MODES).index(state.colour),
                      format_func=lambda c: t("colour_" + c, lang),
                      help=t("colour_density_help", lang))
zoom_to = None
if chosen is not None and st.session_state.get("w_place_done") != chosen:
    place = places.loc[chosen]
    st.session_state["w_place_done"] = chosen
    st.session_state["zoom_place"] = chosen
    ui.set_state(state.with_(municipality=place["nis"]))
    st.rerun()
if colour != state.colour:
    ui.set_state(state.with_(colour=colour))
    st.rerun()
if state.municipality:
    zoom_key = st.session_state.get("zoom_place")
    if zoom_key is not None and zoom_key in places.index and places.loc[zoom_key, "nis"] == state.municipality:
        zoom_to = places.loc[zoom_key, "bounds"]
    else:
        zoom_to = ui.municipality_bounds(state.municipality)

# ---- the map -------------------------------------------------------------------------
bounds = [[zoom_to[1], zoom_to[0]], [zoom_to[3], zoom_to[2]]] if zoom_to is not None else None
fmap = build_map(on_map, ui.map_layers(), state, colour_by=state.colour, typology_def=tdef, bounds=bounds)
result = st_folium(fmap, key="project_map", height=620, use_container_width=True,
                   returned_objects=["last_active_drawing"])
st.caption(t("map_click_hint", lang) + " " + t("tiles_attribution_note", lang))

clicked = (result or {}).get("last_active_drawing") or {}
clicked_nis = (clicked.get("properties") or {}).get("nis")
if clicked_nis and clicked_nis != state.municipality and clicked_nis != st.session_state.get("last_click"):
    st.session_state["last_click"] = clicked_nis
    st.session_state.pop("zoom_place", None)
    ui.set_state(state.with_(municipality=clicked_nis))
    st.rerun()

# ---- selection, summary, table -----------------------------------------------------------
muni_names = ui.municipality_names()
if state.municipality:
    name = muni_names.get(state.municipality, state.municipality)
    sel, clear = st.columns([4, 1])
    sel.subheader(t("selected_municipality", lang, name=name))
    if clear.button(t("clear_selection", lang)):
        for key in ("w_place", "w_place_done", "zoom_place", "last_click"):
            st.session_state.pop(key, None)
        ui.set_state(state.with_(municipality=None))
        st.rerun()

st.subheader(t("summary_title", lang))
filters_text = stats.filter_description(state.with_(municipality=None), lang, ui.institute_names(), muni_names)
st.write(stats.summary(on_map, state, lang, filters_text))
view.extension_caption(budget.extension_notes(ui.programmes(), tuple(on_map["programme"].unique()), lang, state.ref_date),
                       lang)

table_rows = on_map[on_map["nis2025"] == state.municipality] if state.municipality else on_map
st.subheader(t("table_title_muni", lang, name=muni_names.get(state.municipality, "")) if state.municipality
             else t("table_title", lang))
ui.show_project_table(table_rows, lang)
link, attribution = ui.share_link(state), ui.attribution_lines()
st.download_button(
    t("download_csv", lang),
    data=lambda: stats.export_csv(table_rows, state, link, attribution),  # built on click, not every rerun
    file_name="zorgzame-buurten-projecten.csv", mime="text/csv",
)
st.caption(t("sources_footer", lang))
