"""Numbers, money and dates in the UI language, through Babel (never by hand)."""

from __future__ import annotations

import functools
import math
from datetime import date

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES = {"nl": "nl_BE", "en": "en_IE"}


def _loc(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["nl"])


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def money(value: float | None, lang: str = "nl", *, cents: bool = True) -> str:
    """`€ 1.494.572,92` (nl) or `€1,494,572.92` (en); an em dash for unknown."""
    if _missing(value):
        return "—"
    if cents and round(value, 2) != round(value):
        return format_currency(value, "EUR", locale=_loc(lang))
    return format_currency(value, "EUR", locale=_loc(lang), format="¤\xa0#,##0" if lang == "nl" else "¤#,##0",
                           currency_digits=False)


def number(value: float | int | None, lang: str = "nl", digits: int = 0) -> str:
    if _missing(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_loc(lang))


def percent(share: float | None, lang: str = "nl", digits: int = 0) -> str:
    if _missing(share):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + " %"
    return format_percent(share, format=pattern, locale=_loc(lang)).replace("\xa0%", " %")


def day(value: date | None, lang: str = "nl", style: str = "long") -> str:
    if value is None or str(value) == "NaT":
        return "—"
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        value = value.date()
    return _day(value, lang, style)


@functools.lru_cache(maxsize=4096)
def _day(value: date, lang: str, style: str) -> str:
    # Memoised: a page formats the same few dates thousands of times (one per project).
    return format_date(value, format="long" if style == "long" else "d MMM yyyy", locale=_loc(lang))
