"""The municipality attributes, declared once (geo.config.MUNICIPALITY_ATTRIBUTES): the layer, the
projects, the map layer and the coverage table each carry what the declaration says, with the
values of the layer file."""

from __future__ import annotations

import csv

import pytest

from atlas.model.data import UNPLACED, load_projects
from geo import coverage, reference
from geo.config import MUNICIPALITIES_CSV, MUNICIPALITY_ATTRIBUTES, geo_dir
from geo.mapbuilder import prepare_layers


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, str]]:
    """The layer file itself, read with the csv module: 2025 NIS -> its attributes as text."""
    with open(geo_dir() / MUNICIPALITIES_CSV, newline="", encoding="utf-8") as fh:
        return {r["nis"]: r for r in csv.DictReader(fh)}


def test_the_layer_file_holds_exactly_the_declared_attributes_in_order(rows):
    with open(geo_dir() / MUNICIPALITIES_CSV, newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == [a.name for a in MUNICIPALITY_ATTRIBUTES]


def test_the_layer_reads_each_attribute_as_its_kind_says():
    munis = reference.municipalities()
    kinds = {"text": "O", "class": "i", "count": "i", "number": "f", "measure": "f"}
    for a in MUNICIPALITY_ATTRIBUTES:
        assert munis[a.name].dtype.kind == kinds[a.kind], a.name


def test_a_placed_project_carries_its_municipalitys_attributes(rows):
    projects = load_projects().projects
    carried = [a for a in MUNICIPALITY_ATTRIBUTES if a.project]
    assert {a.project for a in carried} | {"in_stated_municipality"} == set(UNPLACED)
    placed = projects[projects["nis2025"] != ""]
    assert len(placed) > 100
    for a in carried:
        assert list(placed[a.project]) == [rows[n][a.name] for n in placed["nis2025"]], a.name


def test_the_map_layer_and_the_coverage_table_take_the_declared_attributes(rows):
    munis = reference.municipalities()
    attrs = prepare_layers(munis, None).attributes
    on_map = [a.name for a in MUNICIPALITY_ATTRIBUTES if a.map]
    assert all(list(v) == on_map for v in attrs.values()) and len(attrs) == 304
    assert attrs["11002"]["population"] == int(rows["11002"]["population"])
    assert attrs["11002"]["degurba"] == rows["11002"]["degurba"]
    assert attrs["11002"]["kansarmoede_index_pct"] == float(rows["11002"]["kansarmoede_index_pct"])
    table = coverage.territory(reference.municipalities_full()).table
    assert list(table.columns) == [a.name for a in MUNICIPALITY_ATTRIBUTES if a.table]
