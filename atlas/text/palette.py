"""Colours (and marker shapes) shared by the map (atlas.views.mapview, drawn by geo.mapbuilder) and
the charts (atlas.views.charts), in one place.

Okabe-Ito programme colours (colour-blind safe; the map adds a shape per programme so they
stay apart in grayscale too) and the area-class colours of the choropleth.
"""

from __future__ import annotations

PROGRAMME_COLOURS: dict[str, str] = {
    "stek": "#0072B2",
    "stek_bestaand": "#56B4E9",
    "proeftuin": "#E69F00",
    "zorgzame_buurt": "#009E73",
}
OWN_COLOUR = "#CC79A7"  # a user's own uploaded locations

# Marker shape per programme (geo.mapbuilder.SHAPES), so the programmes differ in grayscale.
PROGRAMME_SHAPES: dict[str, str] = {
    "stek": "circle",
    "stek_bestaand": "diamond",
    "proeftuin": "square",
    "zorgzame_buurt": "triangle",
}
OWN_SHAPE = "star"

# Status at the reference date: colour, AND a fill pattern, AND a text colour with at least
# 4.5:1 contrast on the fill. Running is dark green and solid, ended light grey with a cross
# hatch, planned light blue dotted, unknown white with diagonals: they stay apart under
# deuteranopia, protanopia and tritanopia and in grayscale (light/dark and pattern differ).
STATUS_STYLE: dict[str, dict[str, str]] = {
    "running": {"colour": "#006e50", "pattern": "", "text": "#ffffff"},
    "planned": {"colour": "#9ecae1", "pattern": ".", "text": "#1a1a1a"},
    "ended": {"colour": "#d9d9d9", "pattern": "x", "text": "#1a1a1a"},
    "unknown": {"colour": "#ffffff", "pattern": "/", "text": "#1a1a1a"},
}

# PuOr-like, colour-blind safe: dark = dense, light orange = rural.
CLASS_COLOURS: dict[str, dict[str, str]] = {
    "degurba": {"1": "#5e3c99", "2": "#b2abd2", "3": "#fdb863"},
    "uitrusting": {
        "a0": "#3f007d", "a1": "#6a51a3", "a2": "#9e9ac8",
        "b0": "#cbc9e2", "b1": "#f2f0f7",
        "c0": "#fee6ce", "c1": "#fdae6b", "c2": "#e6550d", "c3": "#a63603",
    },
}

# Projects per 10,000 inhabitants (atlas.views.mapview.DENSITY_BREAKS): none, then five classes.
DENSITY_COLOURS = ("#f7f7f7", "#d0e6f2", "#92c5de", "#4393c3", "#2166ac", "#053061")
NO_DATA_COLOUR = "#ffffff"

# Need indicators (kansarmoede-index, OKI; classes of geo.need.INDICATORS): ColorBrewer
# "Purples", sequential and colour-blind safe, darker = more need. Its lightest step is left
# out so that white stays "geen gegevens" (no value), never a class; purple is apart from
# every programme's marker colour.
NEED_COLOURS = ("#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486")
NEED_NO_DATA_COLOUR = NO_DATA_COLOUR
