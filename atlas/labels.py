"""Typology and class labels in the UI language (one function each).

Placeholder until the gettext catalogues land: reads the labels from geo.typology.
"""

from __future__ import annotations

from geo.typology import TYPOLOGIES


def typology_label(code: str, lang: str) -> str:
    return TYPOLOGIES[code]["label_" + lang]


def typology_definition(code: str, lang: str) -> str:
    return TYPOLOGIES[code]["definition_" + lang]


def class_label(typology: str, class_code, lang: str) -> str:
    code = "" if class_code is None else str(class_code)
    entry = TYPOLOGIES[typology]["classes"].get(code)
    return "" if entry is None else entry["label_" + lang]
