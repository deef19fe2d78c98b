"""Area typologies used for the urban/rural view: codes, class codes and sources.

Two typologies are offered for the 2025 municipalities (values are in
``geo.reference.municipalities()`` columns of the same name):

* ``degurba`` (default): Eurostat Degree of Urbanisation, LAU 2019 edition (2011
  population grid), carried from the 589 pre-2019 municipalities to today's
  municipalities. Rule for merged municipalities whose parts differ: the merged
  municipality takes the class of its part with the largest population
  (Eurostat population 1 Jan 2018); see ``geo.reference``.
* ``uitrusting``: the Flemish provinces' 'uitrustingsgraad' (level of amenities)
  typology, 2025 edition; Flemish municipalities only ('' for Brussels).

Class codes are strings (``'1'``, ``'2'``, ``'3'`` for DEGURBA; ``'a0'`` ...
``'c3'`` for uitrustingsgraad). Note: the ``degurba`` column of the municipality
layer holds ints; use ``str(value)`` to look up a class here.
"""

from __future__ import annotations

ATTRIBUTION: dict[str, str] = {
    "pinc": (
        "Bron: Statbel (statistische sectoren, REFNIS); bewerking Data & Analyse van de "
        "Vlaamse provincies (provincies.incijfers.be)"
    ),
    "statbel": (
        "Bevolking op 1 januari 2020: Statbel (Algemene Directie Statistiek), open data "
        "(Licentie open data Statbel)"
    ),
    "eurostat": (
        "Source: Eurostat, LAU 2019 – NUTS 2016 correspondence table (DEGURBA). "
        "© European Union"
    ),
    "need": "Bron: Gemeente-Stadsmonitor, Vlaamse overheid; kansarmoede-index: Opgroeien",
}
"""Attribution lines for the reference data shipped in geo/layers (see data/SOURCES.md)."""

DEGURBA_SOURCE = (
    "Eurostat, DEGURBA, LAU 2019 – NUTS 2016 correspondence table "
    "(2011 population grid); carried to the 2025 municipalities via the Statbel/PinC "
    "merger crosswalks 2018→2019 and 2024→2025"
)

UITRUSTING_SOURCE = (
    "Provincies in Cijfers (Data & Analyse van de Vlaamse provincies), "
    "'Uitrustingsgraad van de Vlaamse gemeenten. Een typologie', editie 2025 "
    "(met prof. em. E. Van Hecke, KU Leuven)"
)

TYPOLOGIES: dict[str, dict] = {
    "degurba": {
        "source": DEGURBA_SOURCE,
        "attribution": ATTRIBUTION["eurostat"],
        "classes": ("1", "2", "3"),  # city, town and suburb, rural area
    },
    "uitrusting": {
        "source": UITRUSTING_SOURCE,
        "attribution": ATTRIBUTION["pinc"],
        "classes": ("a0", "a1", "a2", "b0", "b1", "c0", "c1", "c2", "c3"),
    },
}
"""Typology code -> source, attribution and class codes (in display order).

Names and definitions are UI text: atlas.text.labels (typology_label, typology_definition,
class_label) reads them from the catalogues.
"""

DEFAULT_TYPOLOGY = "degurba"

# Which classes count as "rural" for the one-number KPI ("share in rural areas").
# DEGURBA: class 3. Uitrustingsgraad has no rural class; following the collapse suggested
# in shared/geo/SOURCES.md, the municipalities with moderate or few amenities inside a
# regional city's sphere of influence (b1) and all municipalities outside it (c0-c3)
# count as "more rural". The UI names the classes next to the number.
RURAL_CLASSES: dict[str, tuple[str, ...]] = {
    "degurba": ("3",),
    "uitrusting": ("b1", "c0", "c1", "c2", "c3"),
}

