"""Zorgzame buurten page: the projects of the 2021 call."""

from atlas.ui import melden, session
from atlas.ui import programme_page as view

view.render_programme("zorgzame_buurt")
melden.programme_link(session.current_state(), "zorgzame_buurt")  # report a project of this programme
