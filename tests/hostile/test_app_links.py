"""Hostile links through the real app (AppTest): `?presenter=²` and its variants raised on every
page (issue 23.3). Now each page renders and the sidebar names the ignored value as text."""

from __future__ import annotations

import pytest

from tests.app.conftest import clear_streamlit_caches, every_page, run_app  # noqa: F401 - autouse fixture


def ignored(at) -> list[str]:
    return [w.value for w in at.sidebar.warning if "Genegeerd in de link" in w.value]


def assert_shown_with_notice(at, notice: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page drew nothing"
    assert any(notice in w for w in ignored(at)), ignored(at)


def test_a_superscript_presenter_step_is_a_notice_on_every_page():
    for at in every_page(run_app({"presenter": "²"})):
        assert_shown_with_notice(at, "` presenter=² `")


@pytest.mark.parametrize("query, notice", [
    ({"presenter": "①"}, "` presenter=① `"),
    ({"presenter": "9" * 4301}, "` presenter=" + "9" * 39 + "… `"),
    ({"presenter": "٣", "municipality": "٧١٠٠٤", "date": "２０２３-０５-０１", "lang": "en"}, "` presenter=٣ `"),
])
def test_other_non_ascii_or_huge_values_are_a_notice_and_the_rest_of_the_link_is_read(query, notice):
    at = run_app(query)
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.sidebar.warning]
    lang_en = query.get("lang") == "en"
    prefix = "Ignored in the link" if lang_en else "Genegeerd in de link"
    assert any(w.startswith(prefix) and notice in w for w in warnings), warnings
    if lang_en:  # the valid parameter of the same link still counts
        assert at.query_params.get("lang") in ("en", ["en"])
        assert "` municipality=٧١٠٠٤ `" in warnings[0] and "` date=２０２３-０５-０１ `" in warnings[0]
