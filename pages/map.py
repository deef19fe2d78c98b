"""Map page: every project on the map of Flanders and Brussels, with KPIs, search, table."""

import streamlit as st
from streamlit_folium import st_folium

from atlas.model import budget
from atlas.model.data import status_at
from atlas.text import fmt
from atlas.text.escape import md
from atlas.text.i18n import t
from atlas.text.labels import class_label, typology_label
from atlas.ui import programme_page as view
from atlas.ui import publish, chrome, loaders, session, tables
from atlas.views import mapview, stats
from geo.typology import RURAL_CLASSES

state = session.current_state()
lang = state.lang
pdata = loaders.project_data()
vocab = loaders.vocabulary()

chrome.page_header(t("app_title", lang), t("app_subtitle", lang), state)
publish.print_styles()  # A4 landscape print view
chrome.data_notices(pdata, lang)

# The map shows the filtered programmes around a selected municipality (its surroundings);
# the KPIs, summary and table describe the selection itself.
area = session.area_municipalities(state)
projects = pdata.projects.assign(status=status_at(pdata.projects, state.ref_date))
on_map = state.with_(municipality=None).apply(projects, area)
shown = state.apply(projects, area)
selection = session.selection(state, vocab)

# The map comes first under the title (a phone, a projector: issue 24); it is drawn into this
# slot further down, after the search and colour widgets that may rerun the page.
map_slot = st.container(key="map_frame")

# ---- KPIs (of the selection, when there is one) -------------------------------------
if selection is not None:
    sel, clear = st.columns([4, 1], vertical_alignment="center")
    sel.subheader(selection.heading)
    if state.municipality and clear.button(t("clear_selection", lang), icon=":material/close:"):
        session.set_state(state.with_(municipality=None))
        st.rerun()
k = stats.kpis(shown, state.typology)
rural_names = ", ".join(class_label(state.typology, c, lang) for c in RURAL_CLASSES[state.typology])
c1, c2, c3, c4 = st.container(key="kpis").columns(4)
c1.metric(t("kpi_projects", lang), fmt.number(k.projects, lang))
c2.metric(t("kpi_municipalities", lang), fmt.number(k.municipalities, lang), help=t("kpi_municipalities_help", lang))
c3.metric(t("kpi_rural", lang, typology=t("typology_short_" + state.typology, lang)), fmt.percent(k.rural_share, lang),
          help=t("kpi_rural_help", lang, classes=rural_names, typology=typology_label(state.typology, lang)))
c4.metric(t("kpi_budget", lang), fmt.money(k.budget_granted, lang),
          help=t("kpi_budget_help", lang, without=t("n_without_amount", lang, n=k.n_unknown_budget),
                 other=t("n_other_basis", lang, n=k.n_other_basis)))
chrome.show_known(state, pdata.projects)  # n of N known, under the KPIs it qualifies

# ---- place search and colouring ------------------------------------------------------
places = loaders.places()
left, right = st.columns([3, 2])
with left:
    labels = loaders.place_labels(lang)
    chosen = st.selectbox(t("search_place", lang), options=list(labels), index=None, key=session.wkey("place"),
                          format_func=labels.get, placeholder=t("search_placeholder", lang))
with right:
    session.filter_widget("colour", state, vocab, horizontal=True)
if chosen is not None:
    place = places.loc[chosen]
    st.session_state["zoom_place"] = chosen
    session.set_state(state.with_(municipality=place["nis"]))  # new widgets: the search box is empty again
    st.rerun()

# ---- the map -------------------------------------------------------------------------
zoom_to = session.selection_bounds(state, places, st.session_state.get("zoom_place"))
# The map script proper stays the same across reruns; what follows the filters is one layer
# the browser swaps (feature_group_to_add), so a filter click updates the map, never rebuilds it.
fmap = mapview.build(on_map, loaders.map_layers(), state, colour_by=state.colour, bounds=zoom_to, split=True)
with map_slot:  # its height follows the screen (atlas/views/templates/screen.css)
    result = st_folium(fmap, key="project_map", height=620, use_container_width=True,
                       returned_objects=["last_active_drawing"], feature_group_to_add=[fmap.zb_layer])
    if mapview.is_need_mode(state.colour):
        st.caption(t("need_source", lang))
    st.caption(t("map_click_hint", lang) + " " + t("map_keyboard_hint", lang) + " " + t("tiles_attribution_note", lang))

clicked = (result or {}).get("last_active_drawing") or {}
clicked_nis = (clicked.get("properties") or {}).get("nis")
if clicked_nis and clicked_nis != state.municipality and clicked_nis != st.session_state.get("last_click"):
    st.session_state["last_click"] = clicked_nis
    st.session_state.pop("zoom_place", None)
    session.set_state(state.with_(municipality=clicked_nis))
    st.rerun()

# ---- summary and table ----------------------------------------------------------------
st.subheader(t("summary_title", lang))
filters_text = state.describe(lang, vocab, skip=("municipality",))
st.write(stats.summary(shown, state, lang, md(filters_text),  # institute and place names are data
                       place=md(selection.name) if selection else None))
view.extension_caption(budget.extension_notes(loaders.programmes(), tuple(on_map["programme"].unique()), lang, state.ref_date),
                       lang)

st.subheader(t("table_title_muni", lang, name=md(selection.name)) if selection else t("table_title", lang))
tables.project_table_on_demand(shown, lang, "map_table")  # built when asked for: the first view waits for the map, not the grid
tables.project_downloads(shown, state, "map")  # CSV, Excel, GeoJSON, GeoPackage: built on click
st.caption(t("sources_footer", lang))
