"""atlas.escape: data text made inert for Streamlit markdown."""

from __future__ import annotations

import html

import pytest


def test_md_makes_markdown_links_images_and_html_inert():
    from atlas.escape import md

    assert md("[Klik hier](https://evil.example)") == r"\[Klik hier\]\(https&#58;//evil&#46;example\)"
    assert md("![x](http://evil.example/x.png) <b>") == r"\!\[x\]\(http&#58;//evil&#46;example/x&#46;png\) \<b\>"


def test_md_breaks_the_bare_url_www_and_email_autolinks_of_github_markdown():
    from atlas.escape import md

    text = md("zie https://evil.example, www.evil.example of x@evil.example")
    assert "://" not in text and "www." not in text and "@" not in text
    assert html.unescape(text.replace("\\", "")) == "zie https://evil.example, www.evil.example of x@evil.example"


@pytest.mark.parametrize("value, expected", [
    ("programme=[Klik](https://evil.example)", "` programme=[Klik](https://evil.example) `"),
    ("a`b", "`` a`b ``"),
    ("two  spaces\nand a newline", "` two spaces and a newline `"),
])
def test_md_literal_is_an_inline_code_span_fenced_longer_than_any_backtick_run(value, expected):
    from atlas.escape import md_literal

    assert md_literal(value) == expected
