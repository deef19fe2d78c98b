"""Presenter mode: a guided sequence of views for a projector (``?presenter=N``, N = the step).

Pure: the steps are data, a small list of filter changes with the page they are shown on and
their caption (catalogue keys); ``atlas.ui.publish`` is the Streamlit glue (the step bar,
the keys, the styles). Flanders → one programme → one neighbourhood → the budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import pandas as pd

from atlas.model.filters import FilterState
from atlas.text import fmt
from atlas.text.i18n import t


@dataclass(frozen=True)
class Step:
    page: str  # "map" | "budget": the page the step is shown on
    caption: str  # catalogue key; formatted with {n}, {place} where the key uses them
    changes: Mapping[str, object] = field(default_factory=dict)  # FilterState fields, over the defaults


# Gent (NIS 44021): the municipality with the most known zorgzame buurten (5), each in its own
# neighbourhood; tests/atlas/test_presenter.py keeps it true for data/projects.csv.
NEIGHBOURHOOD_NIS = "44021"

STEPS: tuple[Step, ...] = (
    Step("map", "presenter_step_flanders"),
    Step("map", "presenter_step_programme", {"programmes": ("zorgzame_buurt",)}),
    Step("map", "presenter_step_neighbourhood", {"programmes": ("zorgzame_buurt",), "municipality": NEIGHBOURHOOD_NIS}),
    Step("budget", "presenter_step_budget"),
)


def clamp(step: int) -> int:
    return min(max(step, 1), len(STEPS))


def step_of(state: FilterState) -> Step | None:
    return STEPS[clamp(state.presenter) - 1] if state.presenter else None


def state_for(step: int, lang: str) -> FilterState:
    """The whole view of a step: the defaults, the step's changes, the language kept."""
    step = clamp(step)
    return FilterState(lang=lang, presenter=step, **dict(STEPS[step - 1].changes))


def caption(step: int, lang: str, projects: pd.DataFrame, place_name: str = "") -> str:
    """The step's caption with its counts from the data shown (never typed in)."""
    state = state_for(step, lang)
    shown = state.apply(projects)
    return t(STEPS[step - 1].caption, lang, count=fmt.number(len(shown), lang), place=place_name)


def position(step: int, lang: str) -> str:
    return t("presenter_position", lang, i=clamp(step), total=len(STEPS))
