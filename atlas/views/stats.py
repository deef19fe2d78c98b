"""Figures for the map page: KPIs, "n of N known", the generated summary, the CSV export.

Pure pandas (no Streamlit, no plotly). Only sourced amounts are summed: `granted` budgets;
maximum and standard-rate amounts are counted apart, unknown amounts are counted, never zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from atlas.model import schema
from atlas.model.budget import status_counts
from atlas.model.data import STATUSES
from atlas.model.filters import FilterState
from atlas.text import fmt
from atlas.text.i18n import t
from atlas.text.labels import class_label
from atlas.views import export
from atlas.views.export import Sheet


@dataclass(frozen=True)
class Kpis:
    projects: int
    municipalities: int
    rural_share: float | None  # of the projects with a known class under the typology
    rural_known: int  # projects with a known class
    budget_granted: float  # sum of the granted amounts published per project
    n_granted: int
    n_other_basis: int  # maximum or standard-rate amounts (not summed)
    n_unknown_budget: int


def kpis(shown: pd.DataFrame, typology: str) -> Kpis:
    from geo.typology import RURAL_CLASSES

    classes = shown[typology].astype(str) if typology in shown.columns else pd.Series("", index=shown.index)
    known = classes[classes != ""]
    rural = known.isin(RURAL_CLASSES[typology]).sum()
    has_budget = shown["budget_eur"].notna()
    granted = has_budget & (shown["budget_basis"] == "granted")  # data.load_projects fills the basis
    munis = shown["nis2025"] if "nis2025" in shown.columns else pd.Series(dtype=str)
    return Kpis(
        projects=len(shown),
        municipalities=int(munis[munis != ""].nunique()),
        rural_share=float(rural / len(known)) if len(known) else None,
        rural_known=int(len(known)),
        budget_granted=float(shown.loc[granted, "budget_eur"].sum()),
        n_granted=int(granted.sum()),
        n_other_basis=int((has_budget & ~granted).sum()),
        n_unknown_budget=int((~has_budget).sum()),
    )


def summary(shown: pd.DataFrame, state: FilterState, lang: str, filters_text: str = "", place: str | None = None) -> str:
    """One generated paragraph describing what the map shows (the text equivalent of the map).

    With `place` (a selected municipality or province) it describes that place's projects.
    """
    from geo.typology import RURAL_CLASSES

    k = kpis(shown, state.typology)
    by_prog = shown["programme"].value_counts()
    prog_text = ", ".join(f"{fmt.number(int(by_prog[p]), lang)} {t('prog_' + p, lang)}"
                          for p in schema.PROGRAMMES if p in by_prog.index)
    sc = status_counts(shown, state.ref_date)[list(STATUSES)].sum()
    date_text = fmt.day(state.ref_date, lang)
    rural_classes = ", ".join(class_label(state.typology, c, lang) for c in RURAL_CLASSES[state.typology])
    values = dict(
        n=fmt.number(k.projects, lang), programmes=prog_text or "—", m=fmt.number(k.municipalities, lang),
        filters=(" (" + filters_text + ")") if filters_text else "",
        rural=fmt.percent(k.rural_share, lang) if k.rural_share is not None else t("unknown", lang),
        rural_classes=rural_classes, budget=fmt.money(k.budget_granted, lang), n_granted=k.n_granted,
        n_unknown=k.n_unknown_budget, n_other=k.n_other_basis, date=date_text,
        running=int(sc["running"]), ended=int(sc["ended"]), planned=int(sc["planned"]), unknown=int(sc["unknown"]),
    )
    if place is not None:
        return t("selection_summary" if k.projects else "selection_empty", lang, name=place, **values)
    if k.projects == 0:
        return t("summary_empty", lang, **values)
    return t("summary", lang, **values)


def export_comments(state: FilterState, link: str, attribution: list[str], today: date | None = None) -> list[str]:
    """The lines above every project download: the filter state (as a link), the date, the sources."""
    lang = state.lang
    return [
        t("exp_comment_filter", lang, link=link),
        t("exp_comment_title", lang, date=(today or date.today()).isoformat()),
        t("exp_comment_status", lang, date=state.ref_date.isoformat()),
        t("exp_comment_sources", lang),
        *attribution,
    ]


def export_frame(shown: pd.DataFrame, lang: str, ref: date | None = None) -> pd.DataFrame:
    """Exactly the shown rows, in the download columns of atlas.views.project_columns: coded
    columns as words in `lang` (the programme code in `programme_code`), the status at `ref`
    unless the rows have one."""
    from atlas.views.project_columns import download_frame

    return download_frame(shown, lang, ref)


def export_sheet(shown: pd.DataFrame, state: FilterState, link: str, attribution: list[str],
                 today: date | None = None) -> Sheet:
    """Exactly the shown rows, preceded by comment lines with the filter state (as a link) and the sources."""
    return export.from_frame(export_frame(shown, state.lang, state.ref_date), state.lang,
                             export_comments(state, link, attribution, today))


def export_csv(shown: pd.DataFrame, state: FilterState, link: str, attribution: list[str],
               today: date | None = None) -> bytes:
    return export.to_csv(export_sheet(shown, state, link, attribution, today), state.lang)


def export_xlsx(shown: pd.DataFrame, state: FilterState, link: str, attribution: list[str],
                today: date | None = None) -> bytes:
    return export.to_xlsx(export_sheet(shown, state, link, attribution, today), state.lang, title="projecten")
