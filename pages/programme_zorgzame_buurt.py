"""Zorgzame buurten page: the projects of the 2021 call."""

from atlas import programme_view as view

view.render_programme("zorgzame_buurt")
