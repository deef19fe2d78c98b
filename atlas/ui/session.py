"""The filter state of a session: read from the URL when a session starts (or on back/forward),
kept in st.session_state after that, written back to the URL on every run; the sidebar widgets
drawn from the filter declarations (atlas.model.filters); the link of a view and the place it
zooms to.

Streamlit glue (atlas/ui)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from atlas.model import areas
from atlas.model.areas import Area
from atlas.model.filters import BY_FIELD, REPLACES, DATE_MAX, DATE_MIN, FilterState, Vocabulary
from atlas.text.escape import md
from atlas.text.i18n import t
from atlas.ui.loaders import institutes, reference, vocabulary


def area(state: FilterState) -> Area | None:
    """The area of the state (atlas.model.areas.resolve, the one resolver); None without the
    reference layers."""
    munis, _, _ = reference()
    if munis is None:
        return None
    return areas.resolve(state, munis, institutes(), state.lang)


def area_municipalities(state: FilterState) -> set[str] | None:
    """The 2025 NIS codes of the state's area, or None for all of Flanders and Brussels (or
    without the reference layers): what FilterState.apply narrows the projects to."""
    chosen = area(state)
    return None if chosen is None or chosen.codes is None else set(chosen.codes)


# The URL is read when a session starts (a link opened, the page reloaded) and on the
# browser's back/forward. After that the session's FilterState is the truth and every run
# writes it to the URL, so a page tab (which drops the query string) keeps the filters.
#
# Sidebar widgets are drawn from the filter declarations in atlas.model.filters; each takes its
# default from the state and its on_change copies the pick into the state. Their keys carry
# a generation (w_<field>_<gen>) that rises when the state changes from elsewhere (a page,
# a link, the language or the typology), so the widgets are drawn afresh with the new
# values and labels. (Streamlit's bind="query-params" writes the *displayed* label of an
# option to the URL (streamlit#14224), so every link would depend on the UI language and a
# language switch would invalidate it; see CONTRACT.md.)
STATE_KEY = "filter_state"


NOTICE_KEY = "filter_notices"


GEN_KEY = "w_gen"


def wkey(field: str) -> str:
    """Session key of a filter widget in the current generation."""
    return f"w_{field}_{st.session_state.get(GEN_KEY, 0)}"


def _new_generation() -> None:
    ss = st.session_state
    ss[GEN_KEY] = ss.get(GEN_KEY, 0) + 1


def _query() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def _url_is_input() -> bool:
    if STATE_KEY not in st.session_state:
        return True
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))


def read_state() -> FilterState:
    """This run's filter state: from the URL at the start of a session or on back/forward,
    else the session's."""
    ss = st.session_state
    if _url_is_input():
        state, notices = FilterState.from_query(_query(), vocabulary())
        if STATE_KEY in ss:
            _new_generation()
        ss[STATE_KEY] = state
        ss[NOTICE_KEY] = notices
    return ss[STATE_KEY]


def current_state() -> FilterState:
    """The filter state of this run (app.py has read it before the page runs)."""
    return st.session_state.get(STATE_KEY) or FilterState()


def write_url(state: FilterState) -> None:
    query = state.to_query()
    if _query() != {k: [v] for k, v in query.items()}:
        st.query_params.from_dict(query)


def set_state(state: FilterState) -> None:
    """A page changes the state (map click, search, chart click): store it, redraw the
    widgets from it and write the URL. Call st.rerun() after this."""
    if state != current_state():
        _new_generation()
    st.session_state[STATE_KEY] = state
    write_url(state)


def _widget_value(field: str, value):
    if isinstance(value, list):
        return tuple(value)
    if BY_FIELD[field].widget.kind == "selectbox":
        return value or None  # the empty option: all
    return value


def _on_change(field: str, key: str, drawn) -> None:
    """Copy one widget's pick into the FilterState before the script reruns.

    The widget is read under the key it was drawn with (`key`), not this generation's: callbacks
    of one rerun run one after the other, and an earlier one may already have started a new
    generation (a zone picked on the coverage page), under whose keys nothing is drawn yet (the
    sidebar's programmes then read as None and the run failed). A widget whose value is still the
    one it was drawn with (`drawn`) was not changed by the user: the state has moved on without it."""
    ss = st.session_state
    state = current_state()
    value = _widget_value(field, ss.get(key))
    if value == drawn:
        return
    if field == "lang" and not value:
        _new_generation()  # a segmented control can be deselected; the language stays, redrawn
        return
    if field == "date":
        value = None if value is None or (value == date.today() and state.date is None) else value
    new = state.pick(field, value)
    ss[STATE_KEY] = new
    if field in ("lang", "typology") or any(getattr(new, f) != getattr(state, f) for f in REPLACES[field]):
        _new_generation()  # other widgets' labels, options or values changed: draw them afresh


def filter_widget(field: str, state: FilterState, vocab: Vocabulary, *, horizontal: bool = False):
    """Draw the widget a filter declares, with its value from the state."""
    f = BY_FIELD[field]
    w = f.widget
    lang = state.lang
    value = getattr(state, field)
    options = list(w.options(state, vocab))
    key = wkey(field)
    if w.kind == "date":
        value = min(max(state.ref_date, DATE_MIN), DATE_MAX)
    elif w.kind == "multiselect":
        value = tuple(v for v in value if v in options)
    drawn = (value or None) if w.kind == "selectbox" else value  # as _on_change reads it back, unchanged
    common = dict(key=key, on_change=_on_change, args=(field, key, drawn),
                  help=t(w.help, lang) if w.help else None)
    label = t(f.label, lang)
    if w.kind == "date":
        return st.date_input(label, value=value, min_value=DATE_MIN, max_value=DATE_MAX, format="DD/MM/YYYY", **common)
    common["format_func"] = lambda v: w.label_of(v, state, vocab, lang)
    if w.kind == "multiselect":
        return st.multiselect(label, options, default=list(value),
                              placeholder=t(w.placeholder, lang) if w.placeholder else None, **common)
    if w.kind == "radio":
        return st.radio(label, options, index=options.index(value), horizontal=horizontal, **common)
    if w.kind == "selectbox":
        return st.selectbox(label, options, index=options.index(value or ""), **common)
    if w.kind == "segmented":
        return st.segmented_control(label, options, default=value, selection_mode="single", **common)
    raise ValueError(f"unknown widget kind {w.kind!r}")


def start() -> FilterState:
    """Read this run's state (see read_state) and write it to the URL; app.py, before the page."""
    state = read_state()
    write_url(state)
    return state


@dataclass(frozen=True)
class Selection:
    name: str  # "Vilvoorde", "Limburg"
    heading: str  # "Geselecteerd: Vilvoorde"


def selection(state: FilterState, vocab: Vocabulary) -> Selection | None:
    """The one place (a municipality, else a single province) the page describes, if any."""
    lang = state.lang
    if state.municipality:
        name = vocab.municipality_name(state.municipality)
        return Selection(name, t("selected_municipality", lang, name=md(name)))  # heading: markdown
    if len(state.provinces) == 1:
        from atlas.model.schema import PROVINCES

        name = PROVINCES[state.provinces[0]]
        return Selection(name, t("selected_province", lang, name=md(name)))
    return None


SURROUNDINGS_KM = 6.0  # a selected place is shown with at least this much around it


def selection_bounds(state: FilterState, places: pd.DataFrame, place_index=None) -> list[list[float]] | None:
    """[[south, west], [north, east]] to zoom to: the searched place, the selected
    municipality or the area a filter names (atlas.model.areas), widened so its surroundings
    show; None for all of Flanders."""
    from geo.areas import bounds_of, widen

    munis, _, _ = reference()
    if munis is None:
        return None
    box = None
    if state.municipality:
        if place_index is not None and place_index in places.index and places.loc[place_index, "nis"] == state.municipality:
            west, south, east, north = places.loc[place_index, "bounds"]
            box = [[south, west], [north, east]]
        else:
            box = bounds_of(munis, [state.municipality])
    else:
        chosen = area(state)
        box = bounds_of(munis, chosen.nis) if chosen is not None and chosen.defined_by else None
    return widen(box, SURROUNDINGS_KM) if box is not None else None


def share_link(state: FilterState) -> str:
    """A link to this view (absolute when the server knows its own address)."""
    from urllib.parse import urlencode

    query = urlencode(state.to_query())
    try:
        base = st.context.url.split("?")[0]
    except Exception:  # noqa: BLE001 - older Streamlit or no browser context (tests)
        base = ""
    return f"{base}?{query}" if query else (base or "/")
