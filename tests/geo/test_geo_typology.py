"""Typology facts: codes, class codes, sources and attribution (the words are in atlas.text.labels)."""

from __future__ import annotations

from geo.typology import ATTRIBUTION, DEFAULT_TYPOLOGY, RURAL_CLASSES, TYPOLOGIES


def test_both_typologies_have_a_source_an_attribution_and_class_codes():
    assert set(TYPOLOGIES) == {"degurba", "uitrusting"}
    for code, typ in TYPOLOGIES.items():
        assert typ["source"].strip() and typ["attribution"].strip(), code
        assert typ["classes"] and all(isinstance(c, str) and c for c in typ["classes"]), code


def test_degurba_has_classes_1_2_3_and_states_the_grid_edition():
    deg = TYPOLOGIES["degurba"]
    assert deg["classes"] == ("1", "2", "3")
    assert "Eurostat" in deg["source"] and "2011" in deg["source"] and "LAU 2019" in deg["source"]


def test_uitrusting_has_the_nine_pinc_classes_of_the_2025_edition():
    assert TYPOLOGIES["uitrusting"]["classes"] == ("a0", "a1", "a2", "b0", "b1", "c0", "c1", "c2", "c3")
    assert "2025" in TYPOLOGIES["uitrusting"]["source"]


def test_rural_classes_are_classes_of_their_typology():
    assert DEFAULT_TYPOLOGY in TYPOLOGIES
    for code, rural in RURAL_CLASSES.items():
        assert rural and set(rural) <= set(TYPOLOGIES[code]["classes"]), code


def test_attribution_names_statbel_pinc_and_eurostat():
    assert "Statbel" in ATTRIBUTION["statbel"]
    assert "provincies.incijfers.be" in ATTRIBUTION["pinc"]
    assert "Eurostat" in ATTRIBUTION["eurostat"] and "DEGURBA" in ATTRIBUTION["eurostat"]
    assert ATTRIBUTION["need"] == "Bron: Gemeente-Stadsmonitor, Vlaamse overheid; kansarmoede-index: Opgroeien"
