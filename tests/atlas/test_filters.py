"""FilterState: URL round trip, malformed parameters, and applying filters to projects."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas import schema
from atlas.filters import FilterState, Vocabulary

VOCAB = Vocabulary(
    institutes=frozenset({"saamo-limburg", "saamo-gent"}),
    municipalities=frozenset({"71004", "71034", "44021", "21001"}),
)


def test_default_state_has_an_empty_query():
    assert FilterState().to_query() == {}
    assert FilterState.from_query({}, VOCAB) == (FilterState(), [])


@pytest.mark.parametrize(
    "state",
    [
        FilterState(programmes=("proeftuin",)),
        FilterState(programmes=("stek", "zorgzame_buurt"), typology="uitrusting", area=("a0", "c3")),
        FilterState(provinces=("70000", "4000"), date=date(2023, 5, 1), municipality="71004"),
        FilterState(institute="saamo-limburg", lang="en", colour="density"),
        FilterState(municipalities=("71004", "71034"), typology="degurba", area=("3",)),
        FilterState(programmes=()),
    ],
)
def test_state_round_trips_through_the_query_string(state):
    restored, notices = FilterState.from_query(state.to_query(), VOCAB)
    assert notices == []
    assert restored == state


def test_query_uses_the_documented_parameter_names():
    state = FilterState(programmes=("proeftuin", "stek"), typology="uitrusting", area=("a0",),
                        provinces=("10000",), date=date(2024, 2, 29), municipality="71004")
    assert state.to_query() == {
        "programme": "stek,proeftuin",
        "typology": "uitrusting",
        "area": "a0",
        "province": "10000",
        "date": "2024-02-29",
        "municipality": "71004",
    }


@pytest.mark.parametrize(
    "query, expected_notice",
    [
        ({"programme": "proeftuin,buurtwerk"}, "programme=buurtwerk"),
        ({"typology": "stedelijk"}, "typology=stedelijk"),
        ({"area": "9"}, "area=9"),
        ({"province": "99999"}, "province=99999"),
        ({"date": "gisteren"}, "date=gisteren"),
        ({"date": "2024-02-30"}, "date=2024-02-30"),
        ({"municipality": "<script>"}, "municipality=<script>"),
        ({"municipality": "12345"}, "municipality=12345"),
        ({"institute": "saamo-mars"}, "institute=saamo-mars"),
        ({"lang": "fr"}, "lang=fr"),
        ({"colour": "rainbow"}, "colour=rainbow"),
    ],
)
def test_malformed_parameters_are_ignored_with_a_notice(query, expected_notice):
    state, notices = FilterState.from_query(query, VOCAB)
    assert expected_notice in notices
    # What was valid survives; what was not falls back to the default.
    if query.get("programme"):
        assert state.programmes == ("proeftuin",)
    else:
        assert state == FilterState()


def test_area_classes_belong_to_the_chosen_typology():
    state, notices = FilterState.from_query({"typology": "uitrusting", "area": "a0,1"}, VOCAB)
    assert state.area == ("a0",) and notices == ["area=1"]


def test_repeated_parameter_uses_the_last_value():
    state, _ = FilterState.from_query({"programme": ["stek", "proeftuin"]}, VOCAB)
    assert state.programmes == ("proeftuin",)


def test_reference_date_defaults_to_today():
    assert FilterState().ref_date == date.today()
    assert FilterState(date=date(2023, 1, 1)).ref_date == date(2023, 1, 1)


@pytest.fixture
def projects():
    return pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "programme": ["stek", "proeftuin", "zorgzame_buurt", "zorgzame_buurt"],
            "province_nis": ["70000", "70000", "40000", "4000"],
            "nis2025": ["71034", "71004", "44021", "21001"],
            "degurba": ["2", "2", "1", "1"],
            "uitrusting": ["b1", "a2", "a0", ""],
        }
    )


def test_apply_filters_by_programme_province_area_and_municipality(projects):
    assert list(FilterState(programmes=("zorgzame_buurt",)).apply(projects)["id"]) == ["c", "d"]
    assert list(FilterState(provinces=("70000",)).apply(projects)["id"]) == ["a", "b"]
    assert list(FilterState(area=("1",)).apply(projects)["id"]) == ["c", "d"]
    assert list(FilterState(typology="uitrusting", area=("a0", "a2")).apply(projects)["id"]) == ["b", "c"]
    assert list(FilterState(municipality="71004").apply(projects)["id"]) == ["b"]
    assert list(FilterState().apply(projects, {"71034", "21001"})["id"]) == ["a", "d"]
    assert FilterState(programmes=()).apply(projects).empty


def test_every_programme_code_is_known_to_the_state():
    assert FilterState().programmes == schema.PROGRAMMES
