"""Presenter mode's steps as data: Flanders → one programme → one neighbourhood → the budget,
each a FilterState with the step in it (so the URL carries it), captions counted from the data."""

from __future__ import annotations

from atlas.model.filters import FilterState
from atlas.views import presenter


def test_steps_go_from_flanders_to_a_programme_a_neighbourhood_and_the_budget():
    assert [s.page for s in presenter.STEPS] == ["map", "map", "map", "budget"]
    states = [presenter.state_for(i, "en") for i in range(1, len(presenter.STEPS) + 1)]
    assert states[0] == FilterState(lang="en", presenter=1)
    assert states[1].programmes == ("zorgzame_buurt",)
    assert states[2].municipality == presenter.NEIGHBOURHOOD_NIS
    assert [s.presenter for s in states] == [1, 2, 3, 4]


def test_the_step_survives_the_url_and_out_of_range_steps_are_clamped():
    state = presenter.state_for(3, "nl")
    again, notices = FilterState.from_query(state.to_query())
    assert again == state and notices == []
    assert state.to_query()["presenter"] == "3"
    assert FilterState.from_query({"presenter": "x"})[0].presenter == 0
    assert presenter.state_for(99, "nl").presenter == len(presenter.STEPS)
    assert presenter.step_of(FilterState()) is None


def test_the_neighbourhood_step_shows_the_municipality_with_the_most_caring_neighbourhoods(projects):
    zb = projects[projects["programme"] == "zorgzame_buurt"]
    counts = zb["nis2025"].value_counts()
    assert counts.index[0] == presenter.NEIGHBOURHOOD_NIS
    caption = presenter.caption(3, "nl", projects, "Gent")
    assert caption.startswith("Van dichtbij: Gent, 5 ")
    assert str(len(projects)) in presenter.caption(1, "nl", projects)
