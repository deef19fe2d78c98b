"""The one answer to "which municipalities does this filter state cover?".

`resolve(state, municipalities, institutes, lang)` reads the area rules of the filter
declarations (atlas.model.filters: `Filter.area`, on the filters with `coverage='area'`) and
gives the `Area`: its 2025 NIS codes, its name, how it is defined and which filter defined
it. Of the set filters that name an area, the one with the lowest precedence names it (a
custom list, else an institute, else a primary-care zone, else provinces); else the area is
all of Flanders and Brussels. Every other set area filter that limits (provinces, the area
types, a zone) narrows it and is listed in `restrictions`.

Every page follows this one area: the map (projects and zoom), the programme and budget
pages (counts, reference municipalities), the coverage page and its report, the known-against-
official sentences (atlas.model.completeness.area_lines) and the downloads.

Pure: no streamlit, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from atlas.model.filters import AREA_FILTERS, AreaData, Filter, FilterState, Vocabulary
from atlas.text import fmt
from atlas.text.i18n import t


@dataclass(frozen=True)
class Area:
    kind: str  # the kind of the filter that named it (custom | institute | province | elz …), or 'all'
    nis: frozenset[str]  # its 2025 NIS codes (every municipality of the layer for all of Flanders and Brussels)
    label: str
    definition: str  # how the area is defined (codes), for the report and the page
    note: str = ""
    restrictions: tuple[str, ...] = ()  # the other set filters that narrowed the area, in words
    institute: str | None = None  # the institute whose working area it is
    url_param: str = ""  # the link parameter that named it ('institute=saamo-limburg')
    short_label: str = ""  # e.g. the institute's short name
    defined_by: str | None = None  # the FilterState field that named it; None for all of Flanders and Brussels

    @property
    def name(self) -> str:
        return self.short_label or self.label

    @property
    def whole(self) -> bool:
        """All of Flanders and Brussels, nothing narrowed."""
        return self.kind == "all" and not self.restrictions

    @property
    def codes(self) -> frozenset[str] | None:
        """The area's 2025 NIS codes, or None for all of Flanders and Brussels (nothing to narrow)."""
        return None if self.whole else self.nis


def _is_set(state: FilterState, f: Filter) -> bool:
    return bool(getattr(state, f.field))


def naming_filter(state: FilterState) -> Filter | None:
    """The set filter that names the area, if any (the lowest precedence of those that can)."""
    naming = [f for f in AREA_FILTERS if f.area.kind and _is_set(state, f)]
    return min(naming, key=lambda f: f.area.precedence) if naming else None


def resolve(state: FilterState, municipalities: pd.DataFrame, institutes: pd.DataFrame | None = None,
            lang: str | None = None) -> Area:
    """The area `state` covers (see the module docstring). Raises KeyError for an unknown
    institute and ValueError (geo.areas.AreaError) for a bad area definition in the data."""
    lang = lang or state.lang
    data = AreaData(municipalities, institutes)
    primary = naming_filter(state)
    value = getattr(state, primary.field) if primary is not None else None
    if primary is None:
        nis = set(municipalities["nis"])
        kind, label, short, note, url_param = "all", t("cov_area_all_label", lang), "", "", ""
        definition = t("cov_area_def_all", lang, n=fmt.number(len(nis), lang))
    else:
        rule = primary.area
        nis = set(rule.members(value, state, data))
        kind = rule.kind
        label = (rule.label(value, frozenset(nis), data, lang) if rule.label is not None
                 else primary.describe(value, state, lang, Vocabulary()))
        definition = rule.definition(value, frozenset(nis), data, lang)
        short, note = rule.short(value, data), rule.note(value, data, lang)
        url_param = f"{primary.key}={primary.dump(value)}"
    restrictions = []
    for f in AREA_FILTERS:
        if f is primary or not f.area.limits or not _is_set(state, f):
            continue
        limit = getattr(state, f.field)
        nis &= set(f.area.members(limit, state, data))
        restrictions.append(t(f.label, lang) + ": " + f.describe(limit, state, lang, Vocabulary()))
    return Area(kind, frozenset(nis), label, definition, note, tuple(restrictions),
                institute=value if kind == "institute" else None, url_param=url_param, short_label=short,
                defined_by=primary.field if primary is not None else None)
