"""Streamlit glue for publishing the app's views: presenter mode and the print view.

* Presenter mode (``?presenter=N``, a declared filter: it survives clicks, reloads and links):
  a step bar above the page with the step's caption, previous / next / start-again buttons and
  keys (→, space, PageDown next; ←, PageUp previous; Home start again), and styles for a
  projector (no sidebar, no editing widgets, large type). The steps are data
  (``atlas.views.presenter.STEPS``).
* The print view: ``@media print`` rules (atlas/views/templates/print.css) for the map and coverage
  pages, so a browser prints or saves them as a PDF on A4 landscape.

Markup, CSS and JavaScript live in atlas/views/templates.
"""

from __future__ import annotations


import streamlit as st

from atlas.model.filters import FilterState
from atlas.text.escape import md
from atlas.text.i18n import t
from atlas.ui import loaders, session
from atlas.views import presenter, templates


def page_style(name: str) -> None:
    """A style sheet of atlas/views/templates for the page being drawn."""
    _style(name)


def _style(name: str) -> None:
    css = templates.read_text(name)
    st.html(f"<style>{css}</style>")  # a style-only st.html adds no visible element


def screen_styles() -> None:
    """Every page's layout at each screen size (atlas/views/templates/screen.css): the map on the first
    screen, its height following the screen, compact KPIs and the page row on a phone."""
    _style("screen.css")


def print_styles() -> None:
    """The print rules of a page (map, coverage): A4 landscape, no app chrome."""
    _style("print.css")


def presenter_bar(state: FilterState, pages: dict, current) -> None:
    """In presenter mode: the styles, the step bar and the keys. `pages`: {"map": st.Page, "budget": st.Page};
    `current`: the page st.navigation is about to run."""
    step = presenter.step_of(state)
    if step is None:
        return
    lang = state.lang
    index = presenter.clamp(state.presenter)
    # Read-only: the view is the step's (a link ?presenter=3 shows step 3; a stray map click
    # or an old filter in the session does not stay).
    wanted = presenter.state_for(index, lang)
    if state != wanted:
        session.set_state(wanted)
        state = wanted
    if step.page in pages and getattr(current, "url_path", None) != pages[step.page].url_path:
        st.switch_page(pages[step.page])
    _style("presenter.css")
    place = md(loaders.vocabulary().municipality_name(presenter.NEIGHBOURHOOD_NIS))  # a name from the geography layer
    # One row: the caption takes what the buttons leave; each button is as wide as its label, so
    # no label is cut ("Volge…") on a 1280-pixel projector.
    with st.container(key="presenter_bar", horizontal=True, wrap=False, vertical_alignment="center"):
        st.markdown(f"**{presenter.position(index, lang)}** · "
                    + presenter.caption(index, lang, loaders.project_data().projects, place), width="stretch")
        target = None
        if st.button(t("presenter_prev", lang), key="presenter_prev", disabled=index <= 1, width="content",
                     icon=":material/arrow_back:"):
            target = index - 1
        if st.button(t("presenter_next", lang), key="presenter_next", disabled=index >= len(presenter.STEPS),
                     width="content", icon=":material/arrow_forward:"):
            target = index + 1
        if st.button(t("presenter_reset", lang), key="presenter_reset", width="content", icon=":material/restart_alt:"):
            target = 1
        if st.button(t("presenter_exit", lang), key="presenter_exit", width="content"):
            session.set_state(state.with_(presenter=0))
            st.rerun()
    with st.container(key="presenter_keys"):
        from atlas.views.templates import render

        st.iframe(render("presenter_keys.html"), height=1)
    if target is not None:
        new = presenter.state_for(target, lang)
        session.set_state(new)
        page = presenter.STEPS[target - 1].page
        if page != presenter.STEPS[index - 1].page:
            st.switch_page(pages[page])
        st.rerun()
