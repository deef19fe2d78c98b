"""The one filter state of the app, and its round trip through the URL query string.

Every view is a link: `FilterState.to_query()` gives the query parameters (defaults left
out) and `FilterState.from_query()` restores a state from them, ignoring unknown or
malformed values with a notice instead of failing.

URL parameters: programme, typology, area, province, date, municipality, institute,
municipalities, lang, colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable, Mapping

import pandas as pd

from atlas import schema

TYPOLOGY_CODES = ("degurba", "uitrusting")
COLOUR_MODES = ("none", "typology", "density")
_NIS_RE = re.compile(r"^\d{5}$")


def _typology_classes() -> dict[str, tuple[str, ...]]:
    from geo.typology import TYPOLOGIES

    return {code: tuple(TYPOLOGIES[code]["classes"]) for code in TYPOLOGY_CODES}


@dataclass(frozen=True)
class Vocabulary:
    """The values a URL may name. Unknown ones are dropped with a notice."""

    institutes: frozenset[str] = frozenset()
    municipalities: frozenset[str] | None = None  # None: any 5-digit code is accepted
    classes: Mapping[str, tuple[str, ...]] = field(default_factory=_typology_classes)


@dataclass(frozen=True)
class FilterState:
    programmes: tuple[str, ...] = schema.PROGRAMMES
    typology: str = "degurba"
    area: tuple[str, ...] = ()  # class codes of `typology`; empty = all
    provinces: tuple[str, ...] = ()  # empty = all
    date: date | None = None  # None = today
    municipality: str | None = None  # selected 2025 NIS code
    institute: str | None = None  # working area of a regional institute
    municipalities: tuple[str, ...] = ()  # a custom working area (2025 NIS codes)
    lang: str = "nl"
    colour: str = "none"  # map choropleth: none | typology | density

    def __post_init__(self) -> None:
        # One canonical order, so equal selections give equal states and equal links.
        object.__setattr__(self, "programmes", tuple(p for p in schema.PROGRAMMES if p in self.programmes))

    # ---- derived -------------------------------------------------------
    @property
    def ref_date(self) -> date:
        return self.date or date.today()

    # ---- URL round trip --------------------------------------------------
    def to_query(self) -> dict[str, str]:
        """Query parameters for this state; defaults are left out so links stay short."""
        q: dict[str, str] = {}
        if tuple(self.programmes) != schema.PROGRAMMES:
            q["programme"] = ",".join(self.programmes)
        if self.typology != "degurba":
            q["typology"] = self.typology
        if self.area:
            q["area"] = ",".join(self.area)
        if self.provinces:
            q["province"] = ",".join(self.provinces)
        if self.date:
            q["date"] = self.date.isoformat()
        if self.municipality:
            q["municipality"] = self.municipality
        if self.institute:
            q["institute"] = self.institute
        if self.municipalities:
            q["municipalities"] = ",".join(self.municipalities)
        if self.lang != "nl":
            q["lang"] = self.lang
        if self.colour != "none":
            q["colour"] = self.colour
        return q

    @classmethod
    def from_query(cls, params: Mapping[str, str | list[str]], vocab: Vocabulary | None = None) -> tuple[FilterState, list[str]]:
        """Restore a state from query parameters; returns (state, notices about ignored values)."""
        vocab = vocab or Vocabulary()
        notices: list[str] = []

        def raw(name: str) -> str | None:
            value = params.get(name)
            if isinstance(value, (list, tuple)):
                value = value[-1] if value else None
            return None if value is None else str(value)

        def pick(name: str, allowed: Iterable[str] | None, pattern: re.Pattern | None = None) -> tuple[str, ...] | None:
            value = raw(name)
            if value is None:
                return None
            items = [v.strip() for v in value.split(",") if v.strip()]
            good = []
            allowed_set = None if allowed is None else set(allowed)
            for item in items:
                if (allowed_set is not None and item not in allowed_set) or (pattern and not pattern.match(item)):
                    notices.append(f"{name}={item}")
                elif item not in good:
                    good.append(item)
            return tuple(good)

        def choose(name: str, allowed: Iterable[str]) -> None:
            value = raw(name)
            if value is None:
                return
            if value in allowed:
                kw[name] = value
            else:
                notices.append(f"{name}={value}")

        kw: dict = {}
        progs = pick("programme", schema.PROGRAMMES)
        if progs:
            kw["programmes"] = tuple(p for p in schema.PROGRAMMES if p in progs)
        elif progs is not None and not (raw("programme") or "").strip():
            kw["programmes"] = ()  # an explicitly empty selection
        choose("typology", TYPOLOGY_CODES)
        typology = kw.get("typology", "degurba")
        area = pick("area", vocab.classes.get(typology, ()))
        if area:
            kw["area"] = area
        prov = pick("province", schema.PROVINCES)
        if prov:
            kw["provinces"] = prov
        d = raw("date")
        if d is not None:
            try:
                kw["date"] = date.fromisoformat(d) if re.match(r"^\d{4}-\d{2}-\d{2}$", d) else None
            except ValueError:
                kw["date"] = None
            if kw["date"] is None:
                notices.append(f"date={d}")
                del kw["date"]
        muni = pick("municipality", vocab.municipalities, _NIS_RE)
        if muni:
            kw["municipality"] = muni[0]
        inst = pick("institute", vocab.institutes)
        if inst:
            kw["institute"] = inst[0]
        munis = pick("municipalities", vocab.municipalities, _NIS_RE)
        if munis:
            kw["municipalities"] = munis
        choose("lang", ("nl", "en"))
        choose("colour", COLOUR_MODES)
        return cls(**kw), notices

    def with_(self, **changes) -> FilterState:
        return replace(self, **changes)

    # ---- applying ---------------------------------------------------------
    def apply(self, projects: pd.DataFrame, area_municipalities: set[str] | None = None) -> pd.DataFrame:
        """The projects this state shows.

        `projects` carries `programme`, `province_nis`, `nis2025` and one column per typology
        (`degurba`, `uitrusting`) as strings. `area_municipalities` is the resolved set of
        2025 NIS codes of the chosen working area (institute or custom list), if any.
        """
        mask = projects["programme"].isin(self.programmes)
        if self.provinces:
            mask &= projects["province_nis"].isin(self.provinces)
        if self.area and self.typology in projects.columns:
            mask &= projects[self.typology].astype(str).isin(self.area)
        if self.municipality:
            mask &= projects["nis2025"] == self.municipality
        if area_municipalities is not None:
            mask &= projects["nis2025"].isin(area_municipalities)
        return projects[mask]
