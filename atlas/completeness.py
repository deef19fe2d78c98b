"""How complete the data is: known projects against official counts, per programme and area,
and the date the data was last brought up to date.

Pure (no Streamlit). Official counts come from the data only: the programme total in
data/programmes.csv (`official_count`, `official_count_scope`) and, where a source gives
one, a count for a province or a regional institute in data/official_counts.csv. Where no
count is published for the chosen area, the text says so and gives the programme's total
with its scope ("3 gekend in Antwerpen, van 114 in Vlaanderen"); no per-area number is
ever made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from atlas import fmt, schema
from atlas.i18n import t

OFFICIAL_COUNTS_CSV = schema.OFFICIAL_COUNTS_CSV


def official_area_counts(path: Path | None = None) -> pd.DataFrame:
    """data/official_counts.csv: `programme`, `area` (`province:<code>` | `institute:<id>`),
    `official_count` (int), `basis_nl`, `basis_en`, `source_url`. Only the valid rows
    (atlas.validate.official_count_rows; a missing or broken file is a problem shown on every
    page, never an exception): an area without a valid row has no official count."""
    from atlas.validate import official_count_rows

    rows, _ = official_count_rows(path)
    frame = pd.DataFrame(rows, columns=list(schema.OFFICIAL_COUNT_COLUMNS)).fillna("")
    frame["official_count"] = frame["official_count"].astype(int)
    return frame


def area_key(state) -> str | None:
    """The area an official count can exist for: an institute, or exactly one province."""
    if getattr(state, "municipalities", None):
        return None
    if state.institute:
        return "institute:" + state.institute
    if len(state.provinces) == 1:
        return "province:" + state.provinces[0]
    return None


@dataclass(frozen=True)
class AreaCount:
    programme: str
    known: int  # projects in the data in the area (every status and date)
    official: int | None  # official count for the area, or for the programme when `area_official` is False
    area_official: bool  # True: `official` is the area's own published count
    scope: str  # of the programme total: 'all' | 'flanders'
    basis: str  # what the area count is (in the UI language), e.g. "goedgekeurd op 1 februari 2022"


def area_counts(projects_in_area: pd.DataFrame, programmes: pd.DataFrame, official: pd.DataFrame,
                key: str | None, shown_programmes, lang: str) -> list[AreaCount]:
    """Per programme in `shown_programmes`: known in the area against the official count."""
    out = []
    for prog in schema.PROGRAMMES:
        if prog not in shown_programmes or prog not in programmes.index:
            continue
        known = int((projects_in_area["programme"] == prog).sum())
        row = official[(official["programme"] == prog) & (official["area"] == key)] if key else official.iloc[0:0]
        if len(row):
            r = row.iloc[0]
            out.append(AreaCount(prog, known, int(r["official_count"]), True, "all", str(r.get("basis_" + lang, ""))))
            continue
        facts = programmes.loc[prog]
        total = str(facts.get("official_count", "")).strip()
        out.append(AreaCount(prog, known, int(float(total)) if total else None, False,
                             facts.get("official_count_scope", "") or "all", ""))
    return out


def area_count_text(ac: AreaCount, area_name: str, lang: str) -> str:
    """'14 van 32 zorgzame buurten in West-Vlaanderen gekend (goedgekeurd op 1 februari 2022)'."""
    what = t("count_noun_" + ac.programme, lang)
    n = fmt.number(ac.known, lang)
    if ac.official is None:
        return t("known_in_area_no_official", lang, n=n, what=what, area=area_name)
    N = fmt.number(ac.official, lang)
    if ac.area_official:
        text = t("known_in_area_of", lang, n=n, N=N, what=what, area=area_name)
        return f"{text} ({ac.basis})" if ac.basis else text
    where = t("in_flanders", lang) if ac.scope == "flanders" else t("in_total", lang)
    return t("known_in_area_of_total", lang, n=n, N=N, what=what, area=area_name, where=where)


def programme_count_text(kc, lang: str) -> str:
    """The same sentence for Flanders and Brussels as a whole, from a stats.KnownCount."""
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


def area_of(state, municipalities: pd.DataFrame | None, institute_area: set[str] | None,
            institute_name: str = "") -> tuple[set[str] | None, str]:
    """(2025 NIS codes, name) of the area the counts are for: an institute's working area, one
    or more provinces, a custom list; (None, '') for Flanders and Brussels as a whole."""
    if state.municipalities:
        return set(state.municipalities), ""
    if state.institute and institute_area is not None:
        return set(institute_area), institute_name
    if state.provinces and municipalities is not None:
        nis = set(municipalities.loc[municipalities["province_nis"].isin(state.provinces), "nis"])
        return nis, ", ".join(schema.PROVINCES.get(p, p) for p in state.provinces)
    return None, ""


def lines(projects: pd.DataFrame, programmes: pd.DataFrame, official: pd.DataFrame, state,
          area_nis: set[str] | None, area_name: str, lang: str) -> list[str]:
    """One sentence per shown programme: known against official, for the area or as a whole."""
    if area_nis is None:
        from atlas.stats import known_counts

        return [programme_count_text(kc, lang) for kc in known_counts(projects, programmes)
                if kc.programme in state.programmes]
    in_area = projects[projects["nis2025"].isin(area_nis)] if "nis2025" in projects.columns else projects.iloc[0:0]
    name = area_name or t("selected_area", lang)
    return [area_count_text(ac, name, lang)
            for ac in area_counts(in_area, programmes, official, area_key(state), state.programmes, lang)]
