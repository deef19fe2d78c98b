"""Proeftuinen page: the six pilot neighbourhood networks for children and families."""

from atlas import programme_view as view

view.render_programme("proeftuin")
