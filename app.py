"""Entry point: page config, navigation over pages/, the shared sidebar filters. Nothing else."""

import streamlit as st

from atlas import ui
from atlas.i18n import t
from geo.assets import ensure_static

st.set_page_config(page_title="Zorgzame buurten in kaart", page_icon="🗺️", layout="wide")
ensure_static()  # Leaflet & co. served by the app itself (offline-safe)

state = ui.sidebar()
lang = state.lang
pages = [
    st.Page("pages/map.py", title=t("page_map", lang), icon="🗺️", url_path="kaart", default=True),
]
st.navigation(pages, position="top").run()
