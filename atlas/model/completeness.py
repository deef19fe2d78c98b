"""How complete the data is: known projects against official counts, per programme and area,
and the date the data was last brought up to date.

Pure (no Streamlit). Official counts come from the data only: the programme total in
data/programmes.csv (`official_count`, `official_count_scope`) and, where a source gives
one, a count for a province or a regional institute in data/official_counts.csv. One rule
(`area_counts`) gives the count of any area, used by every page, the report and the
exports: exact when every project of the programme is known (the six proeftuinen); else
the sum of the official counts of areas that together are exactly the chosen area (SAAMO
West-Vlaanderen's working area is the province: 32); else the text says there is no
official count for this area. An area sentence never quotes another area's count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import pandas as pd

from atlas.model import schema
from atlas.text import fmt
from atlas.text.i18n import t

OFFICIAL_COUNTS_CSV = schema.OFFICIAL_COUNTS_CSV


def official_area_counts(path: Path | None = None) -> pd.DataFrame:
    """data/official_counts.csv: `programme`, `area` (`province:<code>` | `institute:<id>`),
    `official_count` (int), `basis_nl`, `basis_en`, `source_url`. Only the valid rows
    (atlas.model.validate.official_count_rows; a missing or broken file is a problem shown on every
    page, never an exception): an area without a valid row has no official count."""
    from atlas.model.validate import official_count_rows

    rows, _ = official_count_rows(path)
    frame = pd.DataFrame(rows, columns=list(schema.OFFICIAL_COUNT_COLUMNS)).fillna("")
    frame["official_count"] = frame["official_count"].astype(int)
    return frame


@dataclass(frozen=True)
class Unit:
    """An area with an official count of one programme: a row of data/official_counts.csv
    (a province or an institute's working area) or the programme's total (its scope)."""

    programme: str
    nis: frozenset[str]  # 2025 NIS codes of the area
    count: int
    name: str  # e.g. 'West-Vlaanderen', 'SAAMO Limburg'; '' for the programme's total
    basis_nl: str = ""
    basis_en: str = ""
    source: str = ""
    scope: str = ""  # of a programme's total: 'all' | 'flanders'
    kind: str = "total"  # province | institute | total

    def label(self, lang: str) -> str:
        if self.name:
            return self.name
        return t("name_flanders", lang) if self.scope == "flanders" else t("name_all", lang)


def official_units(official: pd.DataFrame, programmes: pd.DataFrame, municipalities: pd.DataFrame | None,
                   institutes: pd.DataFrame | None) -> tuple[Unit, ...]:
    """Every area with an official count, as a set of municipalities (empty without geography)."""
    from geo.areas import AreaError, institute_municipalities

    if municipalities is None:
        return ()
    names = {} if institutes is None else dict(zip(institutes["id"], institutes["short_name"]))
    out = []
    for r in official.to_dict("records"):
        kind, _, code = str(r["area"]).partition(":")
        try:
            if kind == "province":
                nis = set(municipalities.loc[municipalities["province_nis"] == code, "nis"])
                name = schema.PROVINCES.get(code, code)
            elif kind == "institute" and institutes is not None:
                nis, name = institute_municipalities(code, municipalities, institutes), names.get(code, code)
            else:
                continue
        except (KeyError, AreaError):
            continue
        out.append(Unit(r["programme"], frozenset(nis), int(r["official_count"]), name,
                        str(r.get("basis_nl", "") or ""), str(r.get("basis_en", "") or ""), str(r.get("source_url", "")),
                        kind=kind))
    for prog, facts in programmes.iterrows():  # the programme's total covers its scope
        total = str(facts.get("official_count", "")).strip()
        if not total:
            continue
        scope = facts.get("official_count_scope", "") or "all"
        region = municipalities["region"] == "flanders" if scope == "flanders" else pd.Series(True, index=municipalities.index)
        out.append(Unit(str(prog), frozenset(municipalities.loc[region, "nis"]), int(float(total)), "",
                        source=str(facts.get("official_count_source", "")), scope=scope))
    return tuple(out)


def tiling(area: frozenset[str], units: Iterable[Unit]) -> list[Unit] | None:
    """Areas with an official count that together are exactly `area` (none overlapping), larger
    ones first, an institute's own (stated) count before a province's; None when the area is
    not such a union (then it has no official count)."""
    if not area:
        return None
    candidates = sorted((u for u in units if u.nis and u.nis <= area),
                        key=lambda u: (-len(u.nis), u.kind != "institute", u.name))

    def cover(rest: frozenset[str]) -> list[Unit] | None:
        if not rest:
            return []
        first = min(rest)  # some counted area must hold it: try only those (an exact-cover search)
        for u in candidates:
            if first in u.nis and u.nis <= rest:
                found = cover(rest - u.nis)
                if found is not None:
                    return sorted([u, *found], key=candidates.index)
        return None

    return cover(frozenset(area))


@dataclass(frozen=True)
class AreaCount:
    programme: str
    known: int  # projects in the data in the area (every status and date)
    official: int | None  # the area's official count; None: no official count for this area
    parts: tuple[Unit, ...] = ()  # the areas with an official count that make up the area
    all_known: int | None = None  # every project of the programme is in the data: its total


def all_known(projects: pd.DataFrame, programmes: pd.DataFrame, prog: str) -> int | None:
    """The programme's official total when every one of its projects is in the data (the six
    proeftuinen): then the count of any area is exact. None otherwise."""
    if prog not in programmes.index:
        return None
    facts = programmes.loc[prog]
    total = str(facts.get("official_count", "")).strip()
    if not total or (facts.get("official_count_scope", "") or "all") != "all":
        return None
    return int(float(total)) if int((projects["programme"] == prog).sum()) == int(float(total)) else None


def area_counts(projects: pd.DataFrame, programmes: pd.DataFrame, units: Iterable[Unit], area_nis,
                shown_programmes) -> list[AreaCount]:
    """Per programme in `shown_programmes`: known in the area against the area's official count.

    The one rule: the area's count is exact when every project of the programme is known;
    else it is the sum of the official counts of areas that together are exactly this area
    (a province, an institute's working area, several provinces, …); else there is none."""
    area = frozenset(area_nis)
    in_area = projects[projects["nis2025"].isin(area)] if "nis2025" in projects.columns else projects.iloc[0:0]
    units = tuple(units)
    out = []
    for prog in schema.PROGRAMMES:
        if prog not in shown_programmes or prog not in programmes.index:
            continue
        known = int((in_area["programme"] == prog).sum())
        total = all_known(projects, programmes, prog)
        if total is not None:
            out.append(AreaCount(prog, known, known, all_known=total))
            continue
        parts = tiling(area, [u for u in units if u.programme == prog])
        official = sum(u.count for u in parts) if parts else None
        out.append(AreaCount(prog, known, official, tuple(parts or ())))
    return out


def area_count_text(ac: AreaCount, area_name: str, lang: str) -> str:
    """'19 van 32 zorgzame buurten in SAAMO West-Vlaanderen gekend (goedgekeurd op 1 februari 2022)',
    '2 van 2 proeftuinen in West-Vlaanderen (alle 6 zijn gekend)'; never a count of another area."""
    what = t("count_noun_" + ac.programme, lang)
    n = fmt.number(ac.known, lang)
    if ac.official is None:
        return t("known_in_area_no_official", lang, n=n, what=what, area=area_name)
    N = fmt.number(ac.official, lang)
    if ac.all_known is not None:
        return t("known_in_area_exact", lang, n=n, N=N, what=what, area=area_name,
                 total=fmt.number(ac.all_known, lang))
    text = t("known_in_area_of", lang, n=n, N=N, what=what, area=area_name)
    if len(ac.parts) == 1:
        basis = getattr(ac.parts[0], "basis_" + lang, "")
        return f"{text} ({basis})" if basis else text
    parts = ", ".join(f"{u.label(lang)} {fmt.number(u.count, lang)}" for u in ac.parts)
    return f"{text} ({t('official_sum', lang, parts=parts)})"


@dataclass(frozen=True)
class KnownCount:
    programme: str
    known: int  # valid projects on the map (in the official count's scope)
    official: int | None  # official number of projects, if one is published
    scope: str  # 'all' | 'flanders'
    outside_scope: int  # known projects outside the official count's scope (e.g. Brussels)
    note: str
    source: str


def known_counts(projects: pd.DataFrame, programmes: pd.DataFrame) -> list[KnownCount]:
    """Per programme: how many of the officially counted projects are on the map."""
    out = []
    for prog in schema.PROGRAMMES:
        if prog not in programmes.index:
            continue
        facts = programmes.loc[prog]
        rows = projects[projects["programme"] == prog]
        scope = facts.get("official_count_scope", "") or "all"
        if scope == "flanders" and "region" in rows.columns and (rows["region"] != "").all():
            in_scope = rows["region"] == "flanders"
        else:
            in_scope = pd.Series(True, index=rows.index)
        official = facts.get("official_count", "")
        out.append(KnownCount(
            programme=prog,
            known=int(in_scope.sum()),
            official=int(float(official)) if str(official).strip() else None,
            scope=scope,
            outside_scope=int((~in_scope).sum()),
            note=facts.get("official_count_note", ""),
            source=facts.get("official_count_source", ""),
        ))
    return out


def known_count_text(kc: KnownCount, lang: str, *, with_programme: bool = True) -> str:
    """'Zorgzame buurt: 64 van 114 projecten in Vlaanderen met gekende locatie (+ 5 in Brussel)'."""
    prefix = t("prog_" + kc.programme, lang) + ": " if with_programme else ""
    if kc.official is None:
        return prefix + t("n_known_no_total", lang, n=fmt.number(kc.known, lang))
    scope = t("scope_flanders", lang) if kc.scope == "flanders" else ""
    text = prefix + t("n_of_N_known", lang, n=fmt.number(kc.known, lang), N=fmt.number(kc.official, lang),
                      what=t("official_projects", lang) + scope)
    if kc.outside_scope:
        text += t("plus_outside_scope", lang, n=kc.outside_scope)
    return text


def programme_count_text(kc, lang: str) -> str:
    """The same sentence for Flanders and Brussels as a whole, from a KnownCount."""
    what = t("count_noun_" + kc.programme, lang)
    if kc.official is None:
        return t("known_all_no_official", lang, n=fmt.number(kc.known, lang), what=what)
    where = t("in_flanders", lang) if kc.scope == "flanders" else t("in_total", lang)
    text = t("known_all_of", lang, n=fmt.number(kc.known, lang), N=fmt.number(kc.official, lang), what=what,
             where=where)
    if kc.outside_scope:
        text += t("plus_outside_scope", lang, n=kc.outside_scope)
    return text


def data_updated(programmes: pd.DataFrame, shown_programmes=None) -> date | None:
    """The newest `data_updated` of the (shown) programmes in data/programmes.csv."""
    if "data_updated" not in programmes.columns:
        return None
    rows = programmes if shown_programmes is None else programmes[programmes.index.isin(list(shown_programmes))]
    dates = pd.to_datetime(rows["data_updated"], errors="coerce").dropna()
    return dates.max().date() if len(dates) else None


def updated_text(programmes: pd.DataFrame, lang: str, shown_programmes=None) -> str:
    day = data_updated(programmes, shown_programmes)
    return t("data_updated_on", lang, date=fmt.day(day, lang)) if day else ""


def lines(projects: pd.DataFrame, programmes: pd.DataFrame, units: Iterable[Unit], shown_programmes,
          area_nis: set[str] | None, area_name: str, lang: str) -> list[str]:
    """One sentence per shown programme: known against official, for the area or as a whole."""
    if area_nis is None:
        return [programme_count_text(kc, lang) for kc in known_counts(projects, programmes)
                if kc.programme in shown_programmes]
    name = area_name or t("selected_area", lang)
    return [area_count_text(ac, name, lang)
            for ac in area_counts(projects, programmes, units, area_nis, shown_programmes)]


def area_lines(projects: pd.DataFrame, programmes: pd.DataFrame, units: Iterable[Unit], shown_programmes, area,
               lang: str) -> list[str]:
    """:func:`lines` for the area of a filter state (an atlas.model.areas.Area, on every page): the
    whole of Flanders and Brussels as a whole; an area the sidebar narrowed is "het gekozen gebied"."""
    if area.whole:
        return lines(projects, programmes, units, shown_programmes, None, "", lang)
    return lines(projects, programmes, units, shown_programmes, set(area.nis), "" if area.restrictions else area.name,
                 lang)
