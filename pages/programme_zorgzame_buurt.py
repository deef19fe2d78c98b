"""Zorgzame buurten page: the projects of the 2021 call."""

from atlas import meldingen_view, ui
from atlas import programme_view as view

view.render_programme("zorgzame_buurt")
meldingen_view.programme_link(ui.current_state(), "zorgzame_buurt")  # report a project of this programme
