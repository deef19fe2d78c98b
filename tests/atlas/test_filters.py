"""FilterState: URL round trip, malformed parameters, and applying filters to projects."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas.model import schema
from atlas.model.filters import FilterState, Vocabulary

VOCAB = Vocabulary(
    institutes={"saamo-limburg": "SAAMO Limburg", "saamo-gent": "SAAMO Gent"},
    municipalities={"71004": "Beringen", "71034": "Leopoldsburg", "44021": "Gent", "21001": "Anderlecht"},
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
        FilterState(statuses=("running", "unknown"), date=date(2030, 12, 31)),
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
        ({"status": "bezig"}, "status=bezig"),
        ({"date": "0001-01-01"}, "date=0001-01-01"),
        ({"date": "9999-12-31"}, "date=9999-12-31"),
        ({"lang": "x" * 500}, "lang=" + "x" * 39 + "…"),
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


def test_repeated_parameters_are_read_as_one_list_and_single_ones_take_the_last():
    state, notices = FilterState.from_query({"programme": ["stek", "proeftuin"], "typology": ["degurba", "uitrusting"]},
                                            VOCAB)
    assert state.programmes == ("stek", "proeftuin") and state.typology == "uitrusting" and notices == []


def test_reference_date_defaults_to_today():
    assert FilterState().ref_date == date.today()
    assert FilterState(date=date(2023, 1, 1)).ref_date == date(2023, 1, 1)


def test_a_date_outside_2018_2030_is_dropped_so_no_page_gets_it():
    state, notices = FilterState.from_query({"date": "2017-12-31"}, VOCAB)
    assert state.date is None and notices == ["date=2017-12-31"]
    state, notices = FilterState.from_query({"date": "2030-12-31"}, VOCAB)
    assert state.date == date(2030, 12, 31) and notices == []


def test_a_huge_list_in_a_link_is_read_up_to_its_bound_with_one_notice():
    raw = ",".join(["stek"] * 5000)
    state, notices = FilterState.from_query({"programme": raw}, VOCAB)
    assert state.programmes == ("stek",) and notices == ["programme=>400 values"]


def test_every_state_field_is_declared_once_as_a_filter_with_its_own_url_key():
    from dataclasses import fields

    from atlas.model.filters import FILTERS

    assert sorted(f.field for f in FILTERS) == sorted(f.name for f in fields(FilterState))
    keys = [f.key for f in FILTERS]
    assert len(keys) == len(set(keys))


def test_picking_an_institute_replaces_a_province_or_custom_area_and_a_typology_resets_the_area():
    state = FilterState(provinces=("70000",), municipalities=("71004",), area=("3",))
    picked = state.pick("institute", "saamo-gent")
    assert picked.institute == "saamo-gent" and picked.provinces == () and picked.municipalities == ()
    assert picked.pick("provinces", ("10000",)).institute is None
    assert state.pick("typology", "uitrusting").area == ()
    assert state.pick("institute", None).provinces == ("70000",)  # clearing a filter clears nothing else


def test_describe_names_the_active_filters_in_the_ui_language():
    state = FilterState(programmes=("proeftuin",), provinces=("70000",), typology="degurba", area=("3",),
                        statuses=("running",), institute="saamo-gent")
    assert state.describe("nl", VOCAB) == (
        "programma: Proeftuin buurtgericht netwerk; gebiedstype: Platteland (dunbevolkt); provincie: Limburg; "
        "status op de peildatum: lopend; werkgebied regionaal instituut: SAAMO Gent")
    assert "status on the reference date: running" in state.describe("en", VOCAB)
    assert FilterState().describe("nl", VOCAB) == ""
    assert FilterState(municipality="71004").describe("nl", VOCAB, skip=("municipality",)) == ""
    assert FilterState(municipality="71004").describe("nl", VOCAB) == "gemeente: Beringen"


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
            "start_date": pd.to_datetime(["2020-01-01", "2019-07-01", "2022-03-01", None]),
            "end_date": pd.to_datetime([None, "2022-06-30", "2024-02-29", None]),
        }
    )


def test_status_filter_keeps_the_projects_with_that_status_at_the_reference_date(projects):
    on = date(2023, 1, 1)
    assert list(FilterState(statuses=("running",), date=on).apply(projects)["id"]) == ["a", "c"]
    assert list(FilterState(statuses=("ended", "unknown"), date=on).apply(projects)["id"]) == ["b", "d"]
    assert list(FilterState(statuses=("ended",), date=date(2025, 1, 1)).apply(projects)["id"]) == ["b", "c"]


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


def test_every_filter_says_once_what_it_does_on_the_coverage_page():
    from atlas.model.filters import COVERAGE_USES, FILTERS

    uses = {f.field: f.coverage for f in FILTERS}
    assert set(uses.values()) <= set(COVERAGE_USES)
    # every sidebar filter applies there (issue 19.3): none is silently ignored
    assert all(uses[f.field] != "not_applied" for f in FILTERS if f.widget and f.widget.where == "sidebar")
    assert uses["statuses"] == uses["date"] == uses["programmes"] == "projects"
    assert uses["institute"] == uses["provinces"] == uses["municipalities"] == uses["area"] == "area"


def test_coverage_counts_the_projects_of_the_status_at_the_reference_date_wherever_they_are(projects):
    on = date(2023, 1, 1)
    state = FilterState(statuses=("running",), date=on, provinces=("70000",), area=("2",), municipality="71004")
    # the area filters name the area (atlas.views.report.resolve_area), they do not drop projects near it
    assert list(state.coverage_projects(projects)["id"]) == ["a", "c"]
    assert list(FilterState(programmes=("zorgzame_buurt",), statuses=("ended",), date=date(2025, 1, 1))
                .coverage_projects(projects)["id"]) == ["c"]
    assert list(FilterState().coverage_projects(projects)["id"]) == ["a", "b", "c", "d"]


def test_the_coverage_page_names_the_filters_it_applies_and_those_it_does_not():
    vocab = Vocabulary(municipalities={"71004": "Beringen"})
    state = FilterState(statuses=("running",), municipality="71004", institute=None, colour="density")
    assert state.coverage_filters("nl", vocab) == "status op de peildatum: lopend"
    assert state.coverage_filters("nl", vocab, applied=False) == "gemeente: Beringen"
    assert FilterState().coverage_filters("en") == "" and FilterState().coverage_filters("en", applied=False) == ""
