"""Hostile links (issue 23.3): no URL parameter value raises, on any declared filter.

`?presenter=²`, `?presenter=①` and 4,301 nines raised in `int()` on every page (str.isdigit and
`\\d` accept superscript, circled, Arabic-Indic and fullwidth digits; int() refuses the first two
and any string of more than 4,300 digits). A bad value is a notice `key=value`, never an
exception; the property tests feed random unicode to every filter's parser and to the whole
query, with and without the municipality names (None when the geography is missing).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.model import filters, schema
from atlas.model.filters import BY_FIELD, FILTERS, MAX_VALUE_CHARS, FilterState, Vocabulary
from tests.conftest import examples

VOCAB = Vocabulary(institutes={"saamo-limburg": "SAAMO Limburg"},
                   municipalities={"71004": "Beringen", "44021": "Gent"})
NO_GEO = Vocabulary(institutes={"saamo-limburg": "SAAMO Limburg"}, municipalities=None)

# Valid tokens of every filter mixed into the noise, so the parsers also see near-misses
# ("1²", "44021٣", "stek,①") and not only text that is wrong from its first character.
TOKENS = (list(schema.PROGRAMMES) + list(schema.PROVINCES) + list(filters.STATUSES) + list(filters.LANGS)
          + list(filters.COLOUR_MODES) + list(filters.TYPOLOGY_CODES) + ["1", "2", "3", "a0", "c3", "0", "9"]
          + ["71004", "44021", "saamo-limburg", "2023-05-01", "²", "①", "٣", "３", "9" * 4301, "\x00", "\u200b"])
TEXT = st.text(max_size=60)
VALUE = st.one_of(
    TEXT,
    st.lists(st.one_of(st.sampled_from(TOKENS), TEXT), max_size=6).map(",".join),
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=3).map("".join),
)
# 100 examples per parser and vocabulary in the everyday run, ten times as many with ZB_HYPOTHESIS=deep.
SETTINGS = settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_notices_are_bounded(notices: list[str]) -> None:
    for notice in notices:
        key, _, value = notice.partition("=")
        assert key in {f.key for f in FILTERS}, notice
        assert len(value) <= MAX_VALUE_CHARS, notice


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f.key)
@pytest.mark.parametrize("vocab", [VOCAB, NO_GEO], ids=["geo", "no_geo"])
@SETTINGS
@given(raw=VALUE)
def test_every_filter_parser_reads_any_unicode_as_a_value_or_a_notice(flt, vocab, raw):
    value, bad = flt.parse(raw, vocab, {})
    assert all(isinstance(item, str) for item in bad)
    if value is filters._MISSING:
        return
    # What a parser accepts is a valid state that survives its own link without a notice.
    state = FilterState(**{flt.field: value})
    restored, notices = FilterState.from_query(state.to_query(), vocab)
    assert notices == [] and restored == state


@SETTINGS
@given(query=st.dictionaries(st.sampled_from([f.key for f in FILTERS] + ["foo"]),
                             st.one_of(VALUE, st.lists(VALUE, max_size=3)), max_size=6))
def test_any_query_gives_a_state_and_bounded_notices(query):
    for vocab in (VOCAB, NO_GEO):
        state, notices = FilterState.from_query(query, vocab)
        assert isinstance(state, FilterState)
        assert_notices_are_bounded(notices)


@pytest.mark.parametrize("raw", ["²", "①", "9" * 4301, "٣", "３", "1²", "0x3", "+3", "-1", "3.0", "10", " 2 ", "00"])
def test_a_presenter_step_that_is_not_1_to_9_in_ascii_digits_is_a_notice(raw):
    state, notices = FilterState.from_query({"presenter": raw}, VOCAB)
    if raw.strip() == "2":
        assert (state.presenter, notices) == (2, [])  # spaces around a real step are fine
        return
    assert state.presenter == 0
    assert notices == [f"presenter={filters._cut(raw.strip())}"]


@pytest.mark.parametrize("key, raw", [
    ("municipality", "٧١٠٠٤"), ("municipality", "７１００４"), ("municipalities", "71004,٧١٠٠٤"),
    ("date", "٢٠٢٣-٠٥-٠١"), ("date", "２０２３-０５-０１"), ("date", "2023-05-0１"),
])
@pytest.mark.parametrize("vocab", [VOCAB, NO_GEO], ids=["geo", "no_geo"])
def test_codes_and_dates_in_non_ascii_digits_are_a_notice(key, raw, vocab):
    state, notices = FilterState.from_query({key: raw}, vocab)
    bad = raw.split(",")[-1]
    assert notices == [f"{key}={bad}"]
    assert getattr(state, BY_FIELD[key].field) == (("71004",) if key == "municipalities" else None)


def test_a_date_in_ascii_digits_is_still_read():
    assert FilterState.from_query({"date": "2023-05-01"}, NO_GEO) == (FilterState(date=date(2023, 5, 1)), [])


def test_a_parser_that_fails_anyway_makes_its_value_a_notice(monkeypatch):
    def broken(raw, vocab, so_far):
        return int(raw), []  # the old presenter parser's mistake

    patched = tuple(f if f.key != "presenter" else filters.replace(f, parse=broken) for f in FILTERS)
    monkeypatch.setattr(filters, "FILTERS", patched)
    state, notices = FilterState.from_query({"presenter": "²", "lang": "en"}, VOCAB)
    assert (state.presenter, state.lang, notices) == (0, "en", ["presenter=²"])
