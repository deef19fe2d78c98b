"""Typology labels, definitions and attribution."""

from __future__ import annotations

from geo.typology import ATTRIBUTION, TYPOLOGIES, class_label

KEYS = {"label_nl", "label_en", "definition_nl", "definition_en", "source", "classes"}


def test_both_typologies_have_dutch_and_english_labels_definitions_and_a_source():
    assert set(TYPOLOGIES) == {"degurba", "uitrusting"}
    for code, typ in TYPOLOGIES.items():
        assert KEYS <= set(typ), code
        for key in KEYS - {"classes"}:
            assert typ[key].strip(), (code, key)
        for cls, labels in typ["classes"].items():
            assert labels["label_nl"].strip() and labels["label_en"].strip(), (code, cls)


def test_degurba_has_classes_1_2_3_and_states_the_merger_rule_and_grid_edition():
    deg = TYPOLOGIES["degurba"]
    assert list(deg["classes"]) == ["1", "2", "3"]
    assert "Eurostat" in deg["source"] and "2011" in deg["source"] and "LAU 2019" in deg["source"]
    assert "largest population" in deg["definition_en"]
    assert "grootste bevolking" in deg["definition_nl"]
    assert class_label("degurba", 1, "en").startswith("City")
    assert class_label("degurba", "", "nl") == ""


def test_uitrusting_has_the_nine_pinc_classes_with_their_dutch_names():
    classes = TYPOLOGIES["uitrusting"]["classes"]
    assert list(classes) == ["a0", "a1", "a2", "b0", "b1", "c0", "c1", "c2", "c3"]
    assert "2025" in TYPOLOGIES["uitrusting"]["source"]
    # the Dutch class names are checked against the PinC table in test_geo_build.py


def test_attribution_names_statbel_pinc_and_eurostat():
    assert "Statbel" in ATTRIBUTION["statbel"]
    assert "provincies.incijfers.be" in ATTRIBUTION["pinc"]
    assert "Eurostat" in ATTRIBUTION["eurostat"] and "DEGURBA" in ATTRIBUTION["eurostat"]
    assert ATTRIBUTION["need"] == "Bron: Gemeente-Stadsmonitor, Vlaamse overheid; kansarmoede-index: Opgroeien"
