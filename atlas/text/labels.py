"""Names and definitions of the area typologies and their classes, in the UI language.

geo.typology holds the facts (codes, class codes, sources); the words live in the
catalogues (atlas/text/locales) as `typology_<code>`, `typology_<code>_definition` and
`class_<code>_<class>`. These three functions are the only way to them.
"""

from __future__ import annotations

from atlas.text.i18n import t


def typology_label(code: str, lang: str = "nl") -> str:
    """'Verstedelijkingsgraad (Eurostat DEGURBA)'; KeyError for an unknown typology."""
    return t(f"typology_{code}", lang)


def typology_definition(code: str, lang: str = "nl") -> str:
    return t(f"typology_{code}_definition", lang)


def class_label(typology: str, class_code, lang: str = "nl") -> str:
    """Label of a class (int DEGURBA codes are accepted); an empty or unknown class is 'no class
    (Brussels)': the only municipalities without one are Brussels' under 'uitrusting'."""
    from geo.typology import TYPOLOGIES

    code = "" if class_code is None else str(class_code)
    if code not in TYPOLOGIES[typology]["classes"]:
        return t("no_class", lang)
    return t(f"class_{typology}_{code}", lang)


def typology_legend(typology: str, lang: str = "nl") -> dict:
    """{'label': typology label, 'classes': {class code: label}} in class order (map legend, charts)."""
    from geo.typology import TYPOLOGIES

    return {"label": typology_label(typology, lang),
            "classes": {c: class_label(typology, c, lang) for c in TYPOLOGIES[typology]["classes"]}}
