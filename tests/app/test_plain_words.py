"""No developer text reaches users: no file paths, area codes or snake_case on any page, in
either language (issue 11). Links (URLs) are the only place such characters may appear."""

from __future__ import annotations

import re

import pytest

from tests.app.conftest import each_tab, open_all_sections, page_files, run_app, text_tables

URL = re.compile(r"https?://[^\s)\]>\"']+")
FORBIDDEN = [
    ("a file path", re.compile(r"data/")),
    ("a CSV file name", re.compile(r"\.csv\b")),
    ("an area code", re.compile(r"\b(?:province|region|municipality|institute):\S")),
    ("snake_case", re.compile(r"[A-Za-z]\\?_[A-Za-z]")),
]


def rendered_text(at) -> list[str]:
    """Every text the page shows (not inside the map or copy-link iframes, not link targets)."""
    texts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error",
                 "text", "latex"):
        texts += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        texts += [str(m.label), str(m.value)]
    for kind in ("selectbox", "multiselect", "radio", "checkbox", "toggle", "button", "text_input",
                 "date_input", "slider", "select_slider"):
        for w in getattr(at, kind):
            texts.append(str(w.label))
            texts += [str(o) for o in (getattr(w, "options", None) or [])]
            if getattr(w, "help", None):
                texts.append(str(w.help))
    for frame in [f.value for f in list(at.dataframe) + list(at.table)] + text_tables(at):
        texts += [str(c) for c in frame.columns]
    for e in at.expander:
        texts.append(str(e.label))
    return [URL.sub("", text) for text in texts]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page", page_files())
def test_no_paths_codes_or_snake_case_on_any_page(page, lang):
    query = {"lang": lang}
    if page == "pages/coverage.py":
        query["institute"] = "saamo-west-vlaanderen"  # the area note and definition are shown
    at = run_app(query, page=page)
    assert not at.exception
    texts = rendered_text(at)
    open_all_sections(at)  # the tables shown on demand
    for _ in each_tab(at):  # each tab of the budget page (only the open one is built)
        assert not at.exception
        texts += rendered_text(at)
    found = [(what, text[:160]) for text in texts for what, pattern in FORBIDDEN if pattern.search(text)]
    assert not found, found
