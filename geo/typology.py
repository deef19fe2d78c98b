"""Area typologies used for the urban/rural view, with labels, definitions and sources.

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

DEGURBA_MERGER_RULE_NL = (
    "Eurostat deelde de 589 gemeenten van vóór 2019 in. Voor de fusies van 2019 en 2025 "
    "krijgt de fusiegemeente de klasse van haar deelgemeente (oude gemeente) met de "
    "grootste bevolking (Eurostat, 1 januari 2018)."
)
DEGURBA_MERGER_RULE_EN = (
    "Eurostat classified the 589 pre-2019 municipalities. For the 2019 and 2025 mergers, "
    "a merged municipality takes the class of its former municipality with the largest "
    "population (Eurostat, 1 January 2018)."
)

TYPOLOGIES: dict[str, dict] = {
    "degurba": {
        "label_nl": "Verstedelijkingsgraad (Eurostat DEGURBA)",
        "label_en": "Degree of urbanisation (Eurostat DEGURBA)",
        "definition_nl": (
            "Eurostat deelt elke gemeente in volgens waar haar inwoners wonen op het "
            "bevolkingsraster van 1 km² (2011): stad = minstens de helft van de bevolking "
            "woont in een stedelijk centrum (aaneengesloten rastercellen met minstens "
            "1.500 inwoners/km² en samen minstens 50.000 inwoners); kleinere stad en "
            "voorstad = minder dan de helft in een stedelijk centrum en minder dan de helft "
            "in landelijke rastercellen; platteland = meer dan de helft in landelijke "
            "rastercellen (buiten clusters van minstens 300 inwoners/km² en 5.000 inwoners). "
            + DEGURBA_MERGER_RULE_NL
        ),
        "definition_en": (
            "Eurostat classifies each municipality by where its inhabitants live on the "
            "1 km² population grid (2011): city = at least half of the population lives in "
            "an urban centre (contiguous grid cells of at least 1,500 inhabitants/km² with "
            "together at least 50,000 inhabitants); town and suburb = less than half in an "
            "urban centre and less than half in rural grid cells; rural area = more than "
            "half in rural grid cells (outside clusters of at least 300 inhabitants/km² and "
            "5,000 inhabitants). "
            + DEGURBA_MERGER_RULE_EN
        ),
        "source": DEGURBA_SOURCE,
        "attribution": ATTRIBUTION["eurostat"],
        "classes": {
            "1": {
                "label_nl": "Stad (dichtbevolkt)",
                "label_en": "City (densely populated)",
            },
            "2": {
                "label_nl": "Kleinere stad en voorstad (middelmatig bevolkt)",
                "label_en": "Town and suburb (intermediate density)",
            },
            "3": {
                "label_nl": "Platteland (dunbevolkt)",
                "label_en": "Rural area (thinly populated)",
            },
        },
    },
    "uitrusting": {
        "label_nl": "Uitrustingsgraad van de Vlaamse gemeenten (provincies, 2025)",
        "label_en": "Level of amenities of Flemish municipalities (provinces, 2025)",
        "definition_nl": (
            "Typologie van de Vlaamse provincies (Data & Analyse, met prof. em. Etienne "
            "Van Hecke, KU Leuven) volgens het voorzieningenniveau in 8 domeinen: onderwijs, "
            "zorg, openbare en zakelijke diensten, persoonlijke diensten, horeca, "
            "detailhandel, cultuur en recreatie, sport. De klassen zeggen ook of een gemeente "
            "binnen of buiten de invloedssfeer van een centrumstad ligt. Editie 2025 op de "
            "gemeenten van 2025. Geldt alleen voor Vlaanderen: de Brusselse gemeenten hebben "
            "geen klasse. Dit is geen Eurostat-indeling."
        ),
        "definition_en": (
            "Typology by the Flemish provinces (Data & Analyse, with prof. em. Etienne "
            "Van Hecke, KU Leuven) based on the level of amenities in 8 domains: education, "
            "care, public and business services, personal services, hospitality, retail, "
            "culture and recreation, sport. The classes also say whether a municipality lies "
            "inside or outside the sphere of influence of a regional city (centrumstad). "
            "2025 edition on the 2025 municipalities. Flanders only: the Brussels "
            "municipalities have no class. This is not a Eurostat classification."
        ),
        "source": UITRUSTING_SOURCE,
        "attribution": ATTRIBUTION["pinc"],
        "classes": {
            "a0": {
                "label_nl": "grote en regionale steden",
                "label_en": "large and regional cities",
            },
            "a1": {
                "label_nl": "zeer goed uitgeruste centra",
                "label_en": "centres with very good amenities",
            },
            "a2": {
                "label_nl": "goed uitgeruste centra",
                "label_en": "centres with good amenities",
            },
            "b0": {
                "label_nl": "(zeer) goed uitgeruste gemeenten, binnen invloedssfeer centrumstad",
                "label_en": (
                    "municipalities with (very) good amenities, within a regional city's "
                    "sphere of influence"
                ),
            },
            "b1": {
                "label_nl": "matig of zwak uitgeruste gemeenten, binnen invloedssfeer centrumstad",
                "label_en": (
                    "municipalities with moderate or few amenities, within a regional city's "
                    "sphere of influence"
                ),
            },
            "c0": {
                "label_nl": "zeer goed uitgeruste gemeenten, buiten invloedssfeer centrumstad",
                "label_en": (
                    "municipalities with very good amenities, outside a regional city's "
                    "sphere of influence"
                ),
            },
            "c1": {
                "label_nl": "goed uitgeruste gemeenten, buiten invloedssfeer centrumstad",
                "label_en": (
                    "municipalities with good amenities, outside a regional city's "
                    "sphere of influence"
                ),
            },
            "c2": {
                "label_nl": "matig uitgeruste gemeenten, buiten invloedssfeer centrumstad",
                "label_en": (
                    "municipalities with moderate amenities, outside a regional city's "
                    "sphere of influence"
                ),
            },
            "c3": {
                "label_nl": "zwak uitgeruste gemeenten, buiten invloedssfeer centrumstad",
                "label_en": (
                    "municipalities with few amenities, outside a regional city's "
                    "sphere of influence"
                ),
            },
        },
    },
}
"""Typology code -> labels, definitions, source and classes (class code -> labels)."""

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


def class_label(typology: str, class_code, lang: str = "nl") -> str:
    """Label of a class (``''`` for an empty/unknown class); accepts int DEGURBA codes."""
    code = "" if class_code is None else str(class_code)
    entry = TYPOLOGIES[typology]["classes"].get(code)
    if entry is None:
        return ""
    return entry["label_en" if lang == "en" else "label_nl"]
