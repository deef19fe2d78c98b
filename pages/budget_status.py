"""Budget & status page: what the programmes cost, where the money goes, what was running when.

Obeys the shared sidebar filters; a click on a bar or segment becomes a filter (and a link).
One tab per question; only the open tab is built (ui.on_demand_tabs), so the first view draws
one chart instead of ten.
"""

import pandas as pd
import streamlit as st

from atlas import budget, charts, fmt, stats, ui
from atlas import programme_view as view
from atlas.i18n import t
from atlas.labels import typology_definition, typology_label
from geo.typology import TYPOLOGIES

state = ui.current_state()
lang = state.lang
pdata = ui.project_data()
facts = ui.programmes()
area_munis = ui.area_municipalities(state)
shown = state.apply(pdata.projects, area_munis)
munis, _, _ = ui.reference()

# The need tab's two choices outlive the other tabs: Streamlit forgets a widget's value on a run
# that does not draw it, but keeps a value the script sets (so no `default=` on those widgets).
NEED_CHOICES = {"need_measure": "projects", "need_level": "municipality"}
for _key, _default in NEED_CHOICES.items():
    st.session_state[_key] = st.session_state.get(_key, _default)

ui.page_header(t("page_budget", lang), t("budget_intro", lang), state)
ui.data_notices(pdata, lang)
ui.show_known(state, pdata.projects)
view.filter_summary(state, len(shown), len(pdata.projects), lang)
view.basis_help(lang)
st.caption(t("click_to_filter", lang))


def programme_budgets() -> None:
    """Programme budgets: programme facts, not sums of projects."""
    totals = budget.programme_totals(facts, state.programmes)
    cols = st.columns(max(len(totals), 1))
    for col, (_, row) in zip(cols, totals.iterrows()):
        known = pd.notna(row["total_budget_eur"])
        view.money_metric(col, t("prog_" + row["programme"], lang), row["total_budget_eur"], lang,
                          help=budget.fact_text(facts.loc[row["programme"]], "total_budget_note", lang),
                          caption=t("basis_" + row["total_budget_basis"], lang) + " · " + t("m_programme_fact", lang)
                          if known else None)
    if state.provinces or state.area or area_munis is not None or state.municipality:
        st.caption(t("totals_not_split", lang))

    facts_src = budget.short_sources(list(facts.loc[list(totals["programme"]), "total_budget_source"])) if len(totals) else []
    view.show_chart(charts.programme_totals_chart(totals, lang, source=charts.source_line(lang, projects=False, facts=facts_src)),
                    totals, key="ch_programme_totals", filename="programmabudget", lang=lang, state=state,
                    select="programme")


def where_the_money_goes() -> None:
    """Published project amounts: per programme, province, inhabitant, organisation (and the STEK institutes)."""
    left, right = st.columns(2)
    with left:
        by_prog = budget.budget_by_programme(shown, state.programmes)
        view.show_chart(charts.budget_by_programme_chart(by_prog, lang, source=charts.source_line(lang)), by_prog,
                        key="ch_budget_programme", filename="budget_per_programma_projecten", lang=lang, state=state,
                        select="programme")
    with right:
        by_prov = budget.budget_by_province(shown)
        view.show_chart(charts.budget_by_province_chart(by_prov, lang, source=charts.source_line(lang)), by_prov,
                        key="ch_budget_province", filename="budget_per_provincie", lang=lang, state=state, select="province")
    left, right = st.columns(2)
    with left:
        if munis is not None:
            per_inh = budget.per_inhabitant(shown, munis)
            if len(per_inh):
                view.show_chart(charts.per_inhabitant_chart(per_inh, lang, source=charts.source_line(lang, population=True)),
                                per_inh, key="ch_per_inhabitant", filename="budget_per_inwoner", lang=lang, state=state,
                                select="province")
            else:
                st.info(t("no_granted_amounts", lang))
        else:
            st.info(t("needs_geo", lang))
    with right:
        holder_chart()
    if "stek" in state.programmes:
        left, _ = st.columns(2)
        with left:
            stek_chart()
    view.group_amounts_section(shown, lang)


def holder_chart() -> None:
    holders = budget.budget_by_holder(shown, ui.institutes())
    with_amount = budget.with_amount(holders)
    without = holders[~holders["holder"].isin(with_amount["holder"])]
    if len(with_amount):
        view.show_chart(charts.budget_by_holder_chart(with_amount, lang, source=charts.source_line(lang),
                                                      n_holders_without=len(without),
                                                      n_projects_without=int(without["n_projects"].sum())),
                        with_amount, key="ch_budget_holder", filename="budget_per_organisatie", lang=lang)
    else:
        st.info(t("no_project_amounts", lang, n=fmt.number(int(holders["n_without_amount"].sum()), lang)))


def stek_chart() -> None:
    inst = budget.stek_institutes(shown, ui.institutes(), facts)
    view.show_chart(charts.stek_institutes_chart(inst, lang, source=charts.source_line(
        lang, facts=budget.short_sources([facts.loc["stek", "official_count_source"]]))), inst,
        key="ch_stek_inst", filename="stek_per_instituut", lang=lang)
    if facts.loc["stek", "total_budget_eur"]:  # empty when data/programmes.csv does not give it
        st.caption(t("stek_no_amount_per_inst", lang, total=fmt.money(float(facts.loc["stek", "total_budget_eur"]), lang)))


def status_and_timeline() -> None:
    status = budget.status_counts(shown, state.ref_date, state.programmes)
    ext_notes = budget.extension_notes(facts, state.programmes, lang, state.ref_date)
    view.show_chart(charts.status_chart(status, lang, state.ref_date, note=" ".join(n for _, n, _ in ext_notes) or None,
                                        source=charts.source_line(lang, facts=budget.short_sources([s for *_, s in ext_notes]))
                                        if ext_notes else charts.source_line(lang)), status,
                    key="ch_status", filename="status_per_programma", lang=lang, state=state, select="programme")
    view.extension_caption(ext_notes, lang)
    tl = budget.timeline(shown, facts, state.programmes)
    tl_src = budget.short_sources([facts.loc[p, "official_count_source"] for p in state.programmes if p in facts.index])
    view.show_timeline(tl, state, key="ch_timeline", filename="tijdlijn", source=charts.source_line(lang, facts=tl_src),
                       select="programme")


def urban_and_rural() -> None:
    if munis is None:
        st.info(t("needs_geo", lang))
        return
    ref_munis = budget.reference_municipalities(munis, state.provinces, area_munis, state.municipality)
    split = budget.area_split(shown, ref_munis, state.typology, list(TYPOLOGIES[state.typology]["classes"]),
                              state.programmes)
    view.show_chart(charts.area_split_chart(split, lang, state.typology,
                                            population_label=view.population_label(state, lang),
                                            source=charts.source_line(lang, population=True, typology=state.typology)),
                    split, key="ch_area_split", filename="stedelijk_landelijk", lang=lang, state=state, select="area")
    with st.expander(t("f_definition", lang, name=typology_label(state.typology, lang))):
        st.caption(typology_definition(state.typology, lang))


def projects_against_need() -> None:
    if munis is None:
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
    ref_need = budget.reference_municipalities(munis, state.provinces, area_munis, state.municipality)
    need_frame = budget.need_against_projects(shown, ref_need, level)
    known = "; ".join(ui.known_lines(state, pdata.projects))  # the chosen area's counts (atlas.completeness)
    view.show_chart(charts.need_chart(need_frame, lang, measure=measure, level=level,
                                      known_note=t("need_known_prefix", lang, known=known),
                                      source=charts.source_line(lang, population=True, need=True)),
                    need_frame, key="ch_need", filename="projecten_en_kansarmoede", lang=lang)
    st.caption(t("need_source", lang))


sections = [
    (t("h_programme_budgets", lang), programme_budgets, False),
    (t("h_where", lang), where_the_money_goes, True),  # True: needs projects in the view
    (t("h_status", lang, date=fmt.day(state.ref_date, lang)), status_and_timeline, True),
    (t("h_area", lang), urban_and_rural, True),
    (t("h_need", lang), projects_against_need, True),
]
tabs = ui.on_demand_tabs([label for label, _, _ in sections], "budget_section")
for tab, (_, draw, needs_projects) in zip(tabs, sections):
    if tab is None:
        continue
    with tab:
        if needs_projects and not len(shown):
            st.info(t("no_projects_for_filters", lang))
        else:
            draw()
