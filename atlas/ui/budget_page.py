"""Streamlit glue of the Budget & status page (pages/budget_status.py): its five sections, each
drawn from one `BudgetView` (the filter state and the data the page read). Thin: the numbers come
from `atlas.model.budget`, the figures from `atlas.views.charts`, chart + downloads from `atlas.ui.programme_page`.

In presenter mode (step 4, the budget) the first section's chart comes first and its height
follows the screen (`show_chart(fit=True)`, atlas/views/templates/presenter.css); the KPIs follow it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from atlas.model import budget
from atlas.model.data import ProjectData
from atlas.model.filters import FilterState
from atlas.text import fmt
from atlas.text.i18n import t
from atlas.text.labels import typology_definition, typology_label
from atlas.ui import chrome, loaders, session, tables
from atlas.ui import programme_page as view
from atlas.views import charts
from geo.typology import TYPOLOGIES

# The need tab's two choices outlive the other tabs: Streamlit forgets a widget's value on a run
# that does not draw it, but keeps a value the script sets (so no `default=` on those widgets).
NEED_CHOICES = {"need_measure": "projects", "need_level": "municipality"}


@dataclass(frozen=True)
class BudgetView:
    """What every section draws from: the state, the data and the projects the filters keep."""

    state: FilterState
    pdata: ProjectData
    facts: pd.DataFrame  # data/programmes.csv, by programme
    area_munis: object  # the chosen area's municipalities, or None (session.area_municipalities)
    shown: pd.DataFrame  # the projects the filters keep
    munis: pd.DataFrame | None  # the municipalities layer (None without geo layers)

    @property
    def lang(self) -> str:
        return self.state.lang


def current() -> BudgetView:
    """The page's view of the current state, and the need tab's kept choices."""
    state = session.current_state()
    pdata = loaders.project_data()
    area_munis = session.area_municipalities(state)
    munis, _, _ = loaders.reference()
    for key, default in NEED_CHOICES.items():
        st.session_state[key] = st.session_state.get(key, default)
    return BudgetView(state, pdata, loaders.programmes(), area_munis, state.apply(pdata.projects, area_munis), munis)


def notes(v: BudgetView) -> None:
    """The known counts, the amounts' explainer and the click hint: in presenter mode they follow
    the sections (presenter.css moves `.st-key-budget_notes` to the end) so the chart is seen first."""
    with st.container(key="budget_notes"):
        chrome.show_known(v.state, v.pdata.projects)
        view.filter_summary(v.state, len(v.shown), len(v.pdata.projects), v.lang)
        view.basis_help(v.lang)
        st.caption(t("click_to_filter", v.lang))


def programme_budgets(v: BudgetView) -> None:
    """Programme budgets: programme facts, not sums of projects."""
    state, lang, facts = v.state, v.lang, v.facts
    totals = budget.programme_totals(facts, state.programmes)
    with st.container(key="budget_kpis"):
        cols = st.columns(max(len(totals), 1))
        for col, (_, row) in zip(cols, totals.iterrows()):
            known = pd.notna(row["total_budget_eur"])
            view.money_metric(col, t("prog_" + row["programme"], lang), row["total_budget_eur"], lang,
                              help=budget.fact_text(facts.loc[row["programme"]], "total_budget_note", lang),
                              caption=t("basis_" + row["total_budget_basis"], lang) + " · " + t("m_programme_fact", lang)
                              if known else None)
        if state.provinces or state.area or v.area_munis is not None or state.municipality:
            st.caption(t("totals_not_split", lang))

    facts_src = budget.short_sources(list(facts.loc[list(totals["programme"]), "total_budget_source"])) if len(totals) else []
    view.show_chart(charts.programme_totals_chart(totals, lang, source=charts.source_line(lang, projects=False, facts=facts_src),
                                                  wrap=not state.presenter),
                    totals, key="ch_programme_totals", filename=charts.PNG_NAMES["programme_totals"], lang=lang, state=state,
                    select="programme", fit=bool(state.presenter))


def where_the_money_goes(v: BudgetView) -> None:
    """Published project amounts: per programme, province, inhabitant, organisation (and the STEK institutes)."""
    state, lang, shown = v.state, v.lang, v.shown
    left, right = st.columns(2)
    with left:
        by_prog = budget.budget_by_programme(shown, state.programmes)
        view.show_chart(charts.budget_by_programme_chart(by_prog, lang, source=charts.source_line(lang)), by_prog,
                        key="ch_budget_programme", filename=charts.PNG_NAMES["budget_by_programme"], lang=lang, state=state,
                        select="programme")
    with right:
        by_prov = budget.budget_by_province(shown)
        view.show_chart(charts.budget_by_province_chart(by_prov, lang, source=charts.source_line(lang)), by_prov,
                        key="ch_budget_province", filename="budget_per_provincie", lang=lang, state=state, select="province")
    left, right = st.columns(2)
    with left:
        if v.munis is not None:
            per_inh = budget.per_inhabitant(shown, v.munis)
            if len(per_inh):
                view.show_chart(charts.per_inhabitant_chart(per_inh, lang, source=charts.source_line(lang, population=True)),
                                per_inh, key="ch_per_inhabitant", filename="budget_per_inwoner", lang=lang, state=state,
                                select="province")
            else:
                st.info(t("no_granted_amounts", lang))
        else:
            st.info(t("needs_geo", lang))
    with right:
        holder_chart(v)
    if "stek" in state.programmes:
        left, _ = st.columns(2)
        with left:
            stek_chart(v)
    view.group_amounts_section(shown, lang)


def holder_chart(v: BudgetView) -> None:
    lang = v.lang
    holders = budget.budget_by_holder(v.shown, loaders.institutes())
    with_amount = budget.with_amount(holders)
    without = holders[~holders["holder"].isin(with_amount["holder"])]
    if len(with_amount):
        view.show_chart(charts.budget_by_holder_chart(with_amount, lang, source=charts.source_line(lang),
                                                      n_holders_without=len(without),
                                                      n_projects_without=int(without["n_projects"].sum())),
                        with_amount, key="ch_budget_holder", filename="budget_per_organisatie", lang=lang)
    else:
        st.info(t("no_project_amounts", lang, n=fmt.number(int(holders["n_without_amount"].sum()), lang)))


def stek_chart(v: BudgetView) -> None:
    lang, facts = v.lang, v.facts
    inst = budget.stek_institutes(v.shown, loaders.institutes(), facts)
    view.show_chart(charts.stek_institutes_chart(inst, lang, source=charts.source_line(
        lang, facts=budget.short_sources([facts.loc["stek", "official_count_source"]]))), inst,
        key="ch_stek_inst", filename="stek_per_instituut", lang=lang)
    if facts.loc["stek", "total_budget_eur"]:  # empty when data/programmes.csv does not give it
        st.caption(t("stek_no_amount_per_inst", lang, total=fmt.money(float(facts.loc["stek", "total_budget_eur"]), lang)))


def status_and_timeline(v: BudgetView) -> None:
    state, lang, facts = v.state, v.lang, v.facts
    status = budget.status_counts(v.shown, state.ref_date, state.programmes)
    ext_notes = budget.extension_notes(facts, state.programmes, lang, state.ref_date)
    view.show_chart(charts.status_chart(status, lang, state.ref_date, note=" ".join(n for _, n, _ in ext_notes) or None,
                                        source=charts.source_line(lang, facts=budget.short_sources([s for *_, s in ext_notes]))
                                        if ext_notes else charts.source_line(lang)), status,
                    key="ch_status", filename=charts.PNG_NAMES["status"], lang=lang, state=state, select="programme")
    view.extension_caption(ext_notes, lang)
    tl = budget.timeline(v.shown, facts, state.programmes)
    tl_src = budget.short_sources([facts.loc[p, "official_count_source"] for p in state.programmes if p in facts.index])
    view.show_timeline(tl, state, key="ch_timeline", filename="tijdlijn", source=charts.source_line(lang, facts=tl_src),
                       select="programme")


def urban_and_rural(v: BudgetView) -> None:
    state, lang = v.state, v.lang
    if v.munis is None:
        st.info(t("needs_geo", lang))
        return
    ref_munis = budget.reference_municipalities(v.munis, state, loaders.institutes())
    split = budget.area_split(v.shown, ref_munis, state.typology, list(TYPOLOGIES[state.typology]["classes"]),
                              state.programmes)
    view.show_chart(charts.area_split_chart(split, lang, state.typology,
                                            population_label=view.population_label(state, lang),
                                            source=charts.source_line(lang, population=True, typology=state.typology)),
                    split, key="ch_area_split", filename="stedelijk_landelijk", lang=lang, state=state, select="area")
    with st.expander(t("f_definition", lang, name=typology_label(state.typology, lang))):
        st.caption(typology_definition(state.typology, lang))


def projects_against_need(v: BudgetView) -> None:
    state, lang = v.state, v.lang
    if v.munis is None:
        st.info(t("needs_geo", lang))
        return
    st.caption(t("need_intro", lang))
    pick_measure, pick_level = st.columns(2)
    measure = pick_measure.segmented_control(  # defaults in NEED_CHOICES (kept while the tab is closed)
        t("need_measure", lang), options=list(charts.NEED_MEASURES), key="need_measure",
        format_func=lambda m: t("need_measure_" + m, lang)) or "projects"
    level = pick_level.segmented_control(
        t("need_level", lang), options=list(charts.NEED_LEVELS), key="need_level",
        format_func=lambda m: t("need_level_" + m, lang)) or "municipality"
    ref_need = budget.reference_municipalities(v.munis, state, loaders.institutes())
    need_frame = budget.need_against_projects(v.shown, ref_need, level)
    known = "; ".join(chrome.known_lines(state, v.pdata.projects))  # the chosen area's counts (atlas.model.completeness)
    view.show_chart(charts.need_chart(need_frame, lang, measure=measure, level=level,
                                      known_note=t("need_known_prefix", lang, known=known),
                                      source=charts.source_line(lang, population=True, need=True)),
                    need_frame, key="ch_need", filename="projecten_en_kansarmoede", lang=lang)
    st.caption(t("need_source", lang))


def sections(v: BudgetView) -> list[tuple[str, object, bool]]:
    """(tab label, draw(v), needs projects in the view) per section, in their order."""
    return [
        (t("h_programme_budgets", v.lang), programme_budgets, False),
        (t("h_where", v.lang), where_the_money_goes, True),
        (t("h_status", v.lang, date=fmt.day(v.state.ref_date, v.lang)), status_and_timeline, True),
        (t("h_area", v.lang), urban_and_rural, True),
        (t("h_need", v.lang), projects_against_need, True),
    ]


def draw_sections(v: BudgetView) -> None:
    """One tab per section; only the open one is built (tables.on_demand_tabs)."""
    items = sections(v)
    tabs = tables.on_demand_tabs([label for label, _, _ in items], "budget_section")
    for tab, (_, draw, needs_projects) in zip(tabs, items):
        if tab is None:
            continue
        with tab:
            if needs_projects and not len(v.shown):
                st.info(t("no_projects_for_filters", v.lang))
            else:
                draw(v)
