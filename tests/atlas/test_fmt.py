"""Numbers, money, percentages and dates in the UI language."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas.text import fmt


def test_money_uses_the_language_grouping_and_drops_cents_only_for_whole_amounts():
    assert fmt.money(1494572.92, "nl") == "€\xa01.494.572,92"
    assert fmt.money(1494572.92, "en") == "€1,494,572.92"
    assert fmt.money(100000, "nl") == "€\xa0100.000"
    assert fmt.money(100000, "en") == "€100,000"
    assert fmt.money(100000.5, "nl") == "€\xa0100.000,50"
    assert fmt.money(100000.5, "nl", cents=False) == "€\xa0100.000"


@pytest.mark.parametrize("fn", [fmt.money, fmt.number, fmt.percent])
def test_an_unknown_value_is_a_dash_not_zero(fn):
    assert fn(None, "nl") == "—"
    assert fn(float("nan"), "en") == "—"


def test_numbers_group_thousands_per_language_with_optional_decimals():
    assert fmt.number(1234567, "nl") == "1.234.567"
    assert fmt.number(1234567, "en") == "1,234,567"
    assert fmt.number(1234.5, "nl", 1) == "1.234,5"
    assert fmt.number(1234.5, "en", 1) == "1,234.5"


def test_percentages_have_a_space_before_the_sign_in_both_languages():
    assert fmt.percent(0.5, "nl") == "50 %"
    assert fmt.percent(0.123, "nl", 1) == "12,3 %"
    assert fmt.percent(0.123, "en", 1) == "12.3 %"


def test_dates_are_written_out_in_the_language_and_accept_pandas_timestamps():
    assert fmt.day(date(2024, 3, 1), "nl") == "1 maart 2024"
    assert fmt.day(date(2024, 3, 1), "en") == "1 March 2024"
    assert fmt.day(pd.Timestamp("2024-03-01"), "nl", "short") == "1 mrt 2024"
    assert fmt.day(None) == fmt.day(pd.NaT) == "—"


def test_an_unknown_language_is_formatted_as_dutch():
    assert fmt.number(1234567, "fr") == "1.234.567"
