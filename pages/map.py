"""Map page: every project on the map of Flanders and Brussels."""

import streamlit as st
from streamlit_folium import st_folium

from atlas import ui
from atlas.data import status_at
from atlas.i18n import t
from geo.mapbuilder import build_map
from geo.typology import TYPOLOGIES

state = ui.current_state()
lang = state.lang
pdata = ui.project_data()

st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))
ui.data_notices(pdata, lang)

shown = state.apply(pdata.projects, ui.area_municipalities(state))
shown = shown.assign(status=status_at(shown, state.ref_date))

fmap = build_map(shown, ui.map_layers(), state, colour_by=state.colour, typology_def=TYPOLOGIES[state.typology])
st_folium(fmap, key="project_map", height=620, use_container_width=True, returned_objects=[])
st.caption(t("tiles_attribution_note", lang))
