"""Typology and class names and definitions, from the catalogues."""

from __future__ import annotations

import pandas as pd
import pytest

from atlas.text.i18n import LANGS, t
from atlas.text.labels import class_label, typology_definition, typology_label, typology_legend
from geo import build
from geo.typology import TYPOLOGIES
from tests.geo.test_geo_build import RAW


@pytest.mark.parametrize("lang", LANGS)
def test_every_typology_and_class_has_a_name_and_a_definition_in_every_language(lang):
    for code, typ in TYPOLOGIES.items():
        assert typology_label(code, lang).strip() and typology_definition(code, lang).strip()
        names = [class_label(code, c, lang) for c in typ["classes"]]
        assert t("no_class", lang) not in names, (code, lang)
        assert len(set(names)) == len(names), (code, lang)


def test_degurba_names_and_definition_in_dutch_and_english():
    assert class_label("degurba", 1, "en") == "City (densely populated)"
    assert class_label("degurba", "3", "nl") == "Platteland (dunbevolkt)"
    assert "largest population" in typology_definition("degurba", "en")
    assert "grootste bevolking" in typology_definition("degurba", "nl")
    assert typology_label("uitrusting", "nl").startswith("Uitrustingsgraad")


@pytest.mark.parametrize("code", ["", None, "9"])
def test_a_municipality_without_a_known_class_is_named_as_such(code):
    assert class_label("uitrusting", code, "nl") == "geen klasse (Brussel)"
    assert class_label("uitrusting", code, "en") == "no class (Brussels)"


def test_an_unknown_typology_raises():
    with pytest.raises(KeyError):
        typology_label("nope", "nl")
    with pytest.raises(KeyError):
        class_label("nope", "1", "nl")


def test_the_legend_lists_the_classes_in_their_order_with_their_names():
    legend = typology_legend("degurba", "en")
    assert legend["label"] == typology_label("degurba", "en")
    assert list(legend["classes"]) == ["1", "2", "3"]
    assert legend["classes"]["2"] == "Town and suburb (intermediate density)"


def test_uitrusting_dutch_class_names_are_the_names_pinc_publishes():
    path = RAW / build.F_UITRUSTING
    if not path.is_file():
        pytest.skip(f"raw official files not found in {RAW} (only the repository's derived layers are here)")
    csv = pd.read_csv(path, dtype=str)
    names = dict(zip(csv["uitrustingsgraad"], csv["Name uitrustingsgraad"]))
    assert {c: class_label("uitrusting", c, "nl") for c in TYPOLOGIES["uitrusting"]["classes"]} == names
