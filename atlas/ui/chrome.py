"""Page chrome shared by app.py and the pages: sidebar, header with the copy-link button, the
<html lang>, short text tables, data notices and the known-against-official lines.

Streamlit glue (atlas/ui)."""

from __future__ import annotations

import contextlib
import time

import pandas as pd
import streamlit as st

from atlas.model import data as atlas_data, completeness
from atlas.model.filters import FILTERS, FilterState
from atlas.text.escape import md, md_literal
from atlas.text.i18n import t
from atlas.text.labels import typology_definition, typology_label
from atlas.ui.loaders import official_units, programmes, reference_file_problems, vocabulary
from atlas.ui.session import NOTICE_KEY, filter_widget, set_state, share_link
from atlas.ui.session import area as session_area


RUN_MS_KEY = "_last_run_ms"


@contextlib.contextmanager
def run_timer():
    """Times one script run (app.py start to page end) into st.session_state[RUN_MS_KEY].

    Used by `python -m bench map` to measure the server time of a rerun without the test
    harness's polling; it costs one perf_counter call at each end. Also records runs that
    end in st.rerun() or st.stop().
    """
    t0 = time.perf_counter()
    try:
        yield
    finally:
        st.session_state[RUN_MS_KEY] = (time.perf_counter() - t0) * 1000.0


class PageDone(BaseException):
    """Raised by stop_page; app.py catches it. A BaseException like Streamlit's own stop, so an
    `except Exception` around page code cannot swallow it."""


def stop_page() -> None:
    """End the page here, as st.stop() would, but let app.py still draw the sidebar after it
    (st.stop() ends the whole run: nothing drawn after it reaches the browser)."""
    raise PageDone


def sidebar(state: FilterState) -> None:
    """Draw the shared sidebar filters from their declarations, with their values from `state`.

    app.py draws them after the page: the widgets only show the state (their on_change puts a
    pick into it before the next run), and drawn last, the page's map or charts reach the
    browser first, before ~20 widget messages and the code for five widget kinds."""
    vocab = vocabulary()
    lang = state.lang
    with st.sidebar:
        for f in FILTERS:
            if f.widget is None or f.widget.where != "sidebar":
                continue
            filter_widget(f.field, state, vocab)
            if f.field == "lang":
                st.header(t("filters", lang))
            if f.field == "typology":
                with st.expander(t("f_definition", lang, name=typology_label(state.typology, lang)), expanded=False):
                    st.caption(typology_definition(state.typology, lang))
        if st.button(t("f_reset", lang), width="stretch"):
            set_state(FilterState(lang=lang))
            st.rerun()
        if st.session_state.get(NOTICE_KEY):
            items = " ".join(md_literal(item) for item in st.session_state[NOTICE_KEY][:10])
            st.warning(t("url_ignored", lang, items=items))


def phone_nav(pages: list) -> None:
    """The pages as one row of links under the header. Shown on a phone only (screen.css): there
    Streamlit folds its top navigation into the collapsed sidebar, two taps away."""
    with st.container(key="phone_nav", horizontal=True, wrap=False, gap="small"):
        for page in pages:
            st.page_link(page, label=page.title, icon=page.icon)


def page_header(title: str, caption: str | None, state: FilterState) -> None:
    """Title, intro and the 'Kopieer link' button of every page."""
    head, button = st.container(key="page_head").columns([5, 1], vertical_alignment="bottom")
    head.title(title)
    with button:
        copy_link_button(share_link(state), state.lang)
    if caption:
        st.caption(caption)
    updated = completeness.updated_text(programmes(), state.lang, state.programmes)
    if updated:
        st.caption(updated)


def known_lines(state: FilterState, projects: pd.DataFrame, area=None) -> list[str]:
    """Known against official per shown programme, for the state's area (atlas.model.areas and
    atlas.model.completeness); `area`: the area when the page has it already."""
    area = area if area is not None else session_area(state)
    if area is None:  # without the reference layers: the programmes as a whole
        return completeness.lines(projects, programmes(), official_units(), state.programmes, None, "", state.lang)
    return completeness.area_lines(projects, programmes(), official_units(), state.programmes, area, state.lang)


def show_known(state: FilterState, projects: pd.DataFrame, lines: list[str] | None = None) -> None:
    lines = known_lines(state, projects) if lines is None else lines
    st.markdown("  \n".join(f"**{md(line)}**" for line in lines))


def set_html_lang(lang: str) -> None:
    """<html lang> follows the UI language (a one-line script in atlas/views/templates/html_lang.html)."""
    from atlas.views.templates import render

    st.html(render("html_lang.html", lang=lang), unsafe_allow_javascript=True)


def text_table(frame: pd.DataFrame) -> None:
    """A short table whose cells are already texts (headers, then rows), as an HTML <table>
    (atlas/views/templates/text_table.html, autoescaped). Not st.table: that one travels as Arrow and
    brings ~1 MB of JavaScript the whole page waits for, map included (issue 22)."""
    from atlas.views.templates import render

    st.html(render("text_table.html", columns=[str(c) for c in frame.columns],
                   rows=[["" if v is None else str(v) for v in row] for row in frame.itertuples(index=False)]))


def copy_link_button(link: str, lang: str) -> None:
    """A button that copies the link of this view (HTML and script in atlas/templates)."""
    from atlas.views.templates import render

    data = {"link": link, "label": t("copy_link", lang), "done": t("copy_link_done", lang),
            "failed": t("copy_link_failed", lang)}
    html = render("copy_link.html", lang=lang, label=data["label"], title=t("copy_link_help", lang), data=data)
    st.iframe(html, height=44)


def data_notices(pdata: atlas_data.ProjectData, lang: str) -> None:
    """Say what was not drawn and why; never drop anything silently. A broken data or
    reference file is one message at the top (file, line, what is wrong; first problems only)."""
    from atlas.text.escape import md
    from atlas.model.validate import MAX_LISTED

    broken = reference_file_problems() + [str(p) for p in pdata.validation.problems if p.row is None]
    if broken:
        lines = broken[:10] + ([f"… +{len(broken) - 10}"] if len(broken) > 10 else [])
        st.error(t("data_file_problems", lang, lines="\n".join("- " + md(line) for line in lines)))
    if pdata.geo_message:
        st.warning(t("geo_missing", lang, detail=md(pdata.geo_message)))  # may quote a layer file
    read_notes = [n for n in pdata.validation.notices if not n.startswith("Reference geography")]
    if read_notes:  # how the file was read (encoding, separator, workbook): worth knowing, not an error
        st.info(t("upload_read_notice", lang, notes=md("; ".join(read_notes))))
    if pdata.skipped and not pdata.validation.file_level_problem():
        with st.expander(t("rows_skipped", lang, n=len(pdata.skipped)), expanded=False):
            extra = len(pdata.skipped) - MAX_LISTED
            st.text("\n".join(pdata.skipped[:MAX_LISTED] + ([f"… +{extra}"] if extra > 0 else [])))
