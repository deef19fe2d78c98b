"""atlas.escape.esc: the one HTML escaping boundary."""

from __future__ import annotations

import pytest

from atlas.escape import esc


def test_markup_and_both_quote_kinds_are_escaped():
    assert esc('<img src=x onerror="alert(1)">') == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert esc("Sint-Job-in-'t-Goor & co") == "Sint-Job-in-&#x27;t-Goor &amp; co"


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_a_missing_value_is_empty_not_the_word_none_or_nan(missing):
    assert esc(missing) == ""


def test_other_values_are_escaped_as_their_text():
    assert esc(71034) == "71034"
    assert esc(1.5) == "1.5"


def test_md_makes_markdown_links_images_and_html_inert():
    from atlas.escape import md

    assert md("[Klik hier](https://evil.example)") == r"\[Klik hier\]\(https\://evil\.example\)"
    assert md("![x](http://evil.example/x.png) <b>") == r"\!\[x\]\(http\://evil\.example/x\.png\) \<b\>"


@pytest.mark.parametrize("value, expected", [
    ("programme=[Klik](https://evil.example)", "` programme=[Klik](https://evil.example) `"),
    ("a`b", "`` a`b ``"),
    ("two  spaces\nand a newline", "` two spaces and a newline `"),
])
def test_md_literal_is_an_inline_code_span_fenced_longer_than_any_backtick_run(value, expected):
    from atlas.escape import md_literal

    assert md_literal(value) == expected
