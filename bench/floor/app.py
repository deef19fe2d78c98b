"""The floors `python -m bench browser` compares the app with (not part of the app).

Served by its own Streamlit server from the repository root (same config, same static
assets): ``/`` is st_folium with an empty map and one marker on local Leaflet (plus a checkbox
that moves the marker: the floor of a filter click that rebuilds the map), ``/chart`` one
plotly chart.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root: geo.assets

import folium
import plotly.express as px
import streamlit as st
from streamlit_folium import st_folium

from geo import assets

st.set_page_config(page_title="floor", layout="wide")
assets.ensure_static(Path(__file__).resolve().parent / "static")  # Streamlit serves the script's static/


def empty_map() -> None:
    st.title("Floor: empty map")
    moved = st.checkbox("move the marker")
    m = folium.Map(location=[51.0, 4.25], zoom_start=8, tiles=None)
    m.default_js = assets.local(assets.MAP_JS)
    m.default_css = assets.local(assets.MAP_CSS)
    folium.CircleMarker([51.0, 4.6 if moved else 4.25], radius=6).add_to(m)
    folium.Marker([51.0, 4.6 if moved else 4.25], icon=folium.DivIcon(html="<b>x</b>")).add_to(m)
    st_folium(m, key="floor_map", height=620, use_container_width=True, returned_objects=[])


def one_chart() -> None:
    st.title("Floor: one plotly chart")
    fig = px.bar(x=["a", "b", "c"], y=[3, 1, 2])
    st.plotly_chart(fig)


st.navigation([st.Page(empty_map, title="map", url_path="map", default=True),
               st.Page(one_chart, title="chart", url_path="chart")]).run()
