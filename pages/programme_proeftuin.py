"""Proeftuinen page: the six pilot neighbourhood networks for children and families."""

from atlas.ui import melden, session
from atlas.ui import programme_page as view

view.render_programme("proeftuin")
melden.programme_link(session.current_state(), "proeftuin")  # report a project of this programme
