"""STEK page: the 16 new STEK practices of the 2019 grant, and the older STEK practices."""

import streamlit as st

from atlas.ui import melden, session
from atlas.ui import programme_page as view

view.render_programme("stek")
st.divider()
view.render_programme("stek_bestaand", secondary=True)
melden.programme_link(session.current_state(), "stek")  # report a project of this programme
