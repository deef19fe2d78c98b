"""atlas.text.escape: data text made inert for Streamlit markdown."""

from __future__ import annotations

import pytest


def test_md_makes_markdown_links_images_and_html_inert():
    from atlas.text.escape import md

    z = "\u200b"
    assert md("[Klik hier](https://evil.example)") == rf"\[Klik hier\]\(https{z}://evil{z}.example\)"
    assert md("![x](http://evil.example/x.png) <b>") == rf"\!\[x\]\(http{z}://evil{z}.example/x{z}.png\) \<b\>"


def test_md_breaks_the_bare_url_www_and_email_autolinks_of_github_markdown():
    from atlas.text.escape import md

    text = md("zie https://evil.example, www.evil.com of x@evil.com")
    assert "https:" not in text and "www." not in text and "x@" not in text and "evil.com" not in text
    assert text.replace("\u200b", "") == "zie https://evil.example, www.evil.com of x@evil.com"  # reads the same


@pytest.mark.parametrize("value, expected", [
    ("programme=[Klik](https://evil.example)", "` programme=[Klik](https://evil.example) `"),
    ("a`b", "`` a`b ``"),
    ("two  spaces\nand a newline", "` two spaces and a newline `"),
])
def test_md_literal_is_an_inline_code_span_fenced_longer_than_any_backtick_run(value, expected):
    from atlas.text.escape import md_literal

    assert md_literal(value) == expected
