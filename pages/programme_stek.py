"""STEK page: the 16 new STEK practices of the 2019 grant, and the older STEK practices."""

import streamlit as st

from atlas import meldingen_view, ui
from atlas import programme_view as view

view.render_programme("stek")
st.divider()
view.render_programme("stek_bestaand", secondary=True)
meldingen_view.programme_link(ui.current_state(), "stek")  # report a project of this programme
