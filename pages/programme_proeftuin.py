"""Proeftuinen page: the six pilot neighbourhood networks for children and families."""

from atlas import meldingen_view, ui
from atlas import programme_view as view

view.render_programme("proeftuin")
meldingen_view.programme_link(ui.current_state(), "proeftuin")  # report a project of this programme
