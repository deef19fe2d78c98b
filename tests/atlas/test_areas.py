"""The one area resolver (atlas.model.areas): every area filter declared in atlas.model.filters,
each against the municipalities computed here straight from the layer and data/institutes.csv."""

from __future__ import annotations

import pandas as pd
import pytest

from atlas.model import areas
from atlas.model.data import institutes
from atlas.model.filters import AREA_FILTERS, FilterState
from geo import reference


@pytest.fixture(scope="module")
def munis():
    return reference.municipalities()


@pytest.fixture(scope="module")
def inst():
    return institutes()


def in_province(munis, *codes) -> set[str]:
    return {n for n, p in zip(munis["nis"], munis["province_nis"]) if p in codes}


def institute_area(inst, munis, institute_id) -> set[str]:
    """The working area read from its definition in data/institutes.csv, token by token."""
    definition = inst.set_index("id").loc[institute_id, "area"]
    regions = {"2000": "flanders", "4000": "brussels"}
    out: set[str] = set()
    for token in [tok.strip() for tok in definition.split(";") if tok.strip()]:
        exclude, token = token.startswith("-"), token.lstrip("-")
        kind, code = token.split(":")
        column = {"province": "province_nis", "region": "region", "municipality": "nis"}[kind]
        hits = set(munis.loc[munis[column] == regions.get(code, code) if kind == "region" else munis[column] == code,
                             "nis"])
        out = out - hits if exclude else out | hits
    return out


def test_nothing_set_is_all_of_flanders_and_brussels(munis, inst):
    area = areas.resolve(FilterState(), munis, inst)
    assert area.kind == "all" and area.whole and area.codes is None and area.defined_by is None
    assert area.nis == set(munis["nis"]) and len(area.nis) == 304
    assert area.label == "Vlaanderen en Brussel" and area.definition == "alle 304 gemeenten van 2025"


def test_a_province_names_the_area(munis, inst):
    area = areas.resolve(FilterState(provinces=("70000", "30000")), munis, inst)
    assert area.kind == "province" and area.defined_by == "provinces"
    assert area.codes == in_province(munis, "70000", "30000")
    assert area.label == "Limburg, West-Vlaanderen" and area.url_param == "province=70000,30000"
    assert area.definition == f"{len(area.nis)} gemeenten (indeling van 2025)"


@pytest.mark.parametrize("institute_id", ["saamo-limburg", "saamo-provincie-antwerpen", "saamo-antwerpen-stad"])
def test_an_institute_names_its_working_area(munis, inst, institute_id):
    area = areas.resolve(FilterState(institute=institute_id), munis, inst)
    row = inst.set_index("id").loc[institute_id]
    assert area.kind == "institute" and area.institute == institute_id and area.defined_by == "institute"
    assert area.codes == institute_area(inst, munis, institute_id)
    assert area.label == row["name"] and area.name == row["short_name"]


def test_a_custom_list_names_the_area_and_wins_over_an_institute(munis, inst):
    area = areas.resolve(FilterState(institute="saamo-limburg", municipalities=("71004", "72018", "99999")), munis, inst)
    assert area.kind == "custom" and area.defined_by == "municipalities"
    assert area.codes == {"71004", "72018"}  # a code the layer does not know is no part of it
    assert area.definition == "Beringen, Kinrooi" and not area.restrictions


def test_the_area_types_narrow_but_never_name_the_area(munis, inst):
    rural = set(munis.loc[munis["degurba"].astype(str) == "3", "nis"])
    alone = areas.resolve(FilterState(area=("3",)), munis, inst)
    assert alone.kind == "all" and not alone.whole and alone.codes == rural
    assert alone.restrictions == ("Gebiedstype: Platteland (dunbevolkt)",)
    limburg = areas.resolve(FilterState(institute="saamo-limburg", area=("3",)), munis, inst)
    assert limburg.codes == rural & institute_area(inst, munis, "saamo-limburg") and limburg.kind == "institute"


def test_a_province_narrows_an_institute_from_a_link(munis, inst):
    area = areas.resolve(FilterState(institute="saamo-provincie-antwerpen", provinces=("70000",)), munis, inst)
    assert area.kind == "institute" and area.codes == set()  # no municipality of Antwerp lies in Limburg
    assert area.restrictions == ("Provincie: Limburg",)


def test_every_area_filter_is_resolved_by_its_declaration(munis, inst):
    """The resolver reads the declarations: each area filter alone gives the set its rule says."""
    values = {"area": ("1",), "provinces": ("10000",), "institute": "saamo-limburg", "municipalities": ("11002",),
              "elz": "elz2"}
    for f in AREA_FILTERS:
        state = FilterState(**{f.field: values[f.field]})
        area = areas.resolve(state, munis, inst)
        expected = f.area.members(values[f.field], state, areas.AreaData(munis, inst))
        assert area.codes == expected and expected, f.field
        assert (area.defined_by == f.field) == bool(f.area.kind), f.field


def test_a_municipality_layer_without_names_still_resolves(inst):
    munis = pd.DataFrame({"nis": ["1", "2"], "province_nis": ["30000", "70000"], "region": ["flanders"] * 2})
    assert areas.resolve(FilterState(provinces=("70000",)), munis, inst).codes == {"2"}


def test_a_primary_care_zone_names_the_area(munis, inst):
    zone = {n for n, z in zip(munis["nis"], munis["elz"]) if z == "elz2"}
    area = areas.resolve(FilterState(elz="elz2"), munis, inst)
    assert area.kind == "elz" and area.defined_by == "elz" and area.codes == zone == {"11002", "11040", "11044", "11052"}
    assert area.label == "Eerstelijnszone elz2" and area.url_param == "elz=elz2"
    assert area.definition == "Antwerpen, Schoten, Stabroek, Wommelgem"
    assert areas.resolve(FilterState(elz="elz2"), munis, inst, "en").label == "Primary-care zone elz2"
    narrowed = areas.resolve(FilterState(elz="elz2", area=("1",)), munis, inst)  # the area types narrow it
    assert narrowed.codes == zone & set(munis.loc[munis["degurba"] == 1, "nis"]) and narrowed.restrictions


def test_a_zone_survives_the_link_and_an_unknown_one_is_a_notice(munis):
    from atlas.model.filters import Vocabulary

    vocab = Vocabulary(municipalities=dict(zip(munis["nis"], munis["name"])),
                       attributes={"elz": dict(zip(munis["nis"], munis["elz"]))})
    state, notices = FilterState.from_query({"elz": "elz2"}, vocab)
    assert state.elz == "elz2" and not notices and state.to_query() == {"elz": "elz2"}
    assert FilterState.from_query(state.to_query(), vocab)[0] == state
    assert FilterState.from_query({"elz": "elz999"}, vocab) == (FilterState(), ["elz=elz999"])
    assert FilterState.from_query({"elz": "<b>"}, Vocabulary()) == (FilterState(), ["elz=<b>"])  # without the layer
    assert vocab.values_of("elz")[:3] == ("elz1", "elz2", "elz3") and len(vocab.values_of("elz")) == 57
    assert FilterState(provinces=("10000",)).pick("elz", "elz2") == FilterState(elz="elz2")  # a zone replaces a province


def test_the_downloads_state_the_zone(munis, inst):
    """A project download names the zone: its link, and the area's known counts."""
    from atlas.model import completeness
    from atlas.model.data import load_projects, programmes
    from atlas.views import stats

    state = FilterState(elz="elz2", programmes=("zorgzame_buurt",))
    projects = load_projects().projects
    area = areas.resolve(state, munis, inst)
    units = completeness.official_units(completeness.official_area_counts(), programmes(), munis, inst)
    known = completeness.area_lines(projects, programmes(), units, state.programmes, area, "nl")
    n = int(projects[projects["programme"] == "zorgzame_buurt"]["nis2025"].isin(area.nis).sum())
    assert known == [f"{n} zorgzame buurten gekend in Eerstelijnszone elz2 (geen officieel aantal voor dit gebied)"]
    comments = stats.export_comments(state, "?elz=elz2&programme=zorgzame_buurt", known)
    assert any("?elz=elz2" in line for line in comments) and known[0] in comments
    assert state.describe("nl") == "programma: Zorgzame buurt; eerstelijnszone: elz2"
