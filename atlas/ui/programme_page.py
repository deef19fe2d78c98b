"""Streamlit rendering shared by the Budget page and the three programme pages. Thin.

It reads the filter state, asks `atlas.model.budget` for the numbers and `atlas.views.charts` for the
figures, and renders them with their CSV download. Chart clicks become filters through
`apply_selection`, which writes the new state to the URL.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.model import areas, budget, completeness, schema
from atlas.model.data import status_at
from atlas.model.filters import FilterState
from atlas.text import fmt
from atlas.text.escape import md, md_link
from atlas.text.i18n import t
from atlas.ui import chrome, loaders, session, tables
from atlas.views import charts, export, mapview

# ---------------------------------------------------------------------------
# Chart + CSV, and clicks as filters
# ---------------------------------------------------------------------------
def selected_values(event) -> list[str]:
    """The filter values (customdata[0]) of the clicked marks in a plotly selection event."""
    if not event:
        return []
    selection = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
    out: list[str] = []
    for point in (selection or {}).get("points", []) or []:
        data = point.get("customdata")
        value = data[0] if isinstance(data, (list, tuple)) and data else data
        if value not in (None, "") and str(value) not in out:
            out.append(str(value))
    return out


def state_for_click(state: FilterState, dimension: str, values: list[str]) -> FilterState:
    """The filter state after clicking `values` on a chart of `dimension`."""
    from geo.typology import TYPOLOGIES

    if dimension == "programme":
        chosen = tuple(v for v in values if v in schema.PROGRAMMES)
        return state.with_(programmes=chosen) if chosen else state
    if dimension == "province":
        chosen = tuple(v for v in values if v in schema.PROVINCES)
        return state.with_(provinces=chosen) if chosen else state
    if dimension == "area":
        chosen = tuple(v for v in values if v in TYPOLOGIES[state.typology]["classes"])
        return state.with_(area=chosen) if chosen else state
    return state


def apply_selection(state: FilterState, dimension: str, event) -> None:
    """Turn a chart click into a filter: new state in session and URL, then rerun."""
    new_state = state_for_click(state, dimension, selected_values(event))
    if new_state == state:
        return
    session.set_state(new_state)  # also re-creates the sidebar widgets from the new state
    st.rerun()


def show_chart(fig, data: pd.DataFrame, *, key: str, filename: str, lang: str, state: FilterState | None = None,
               select: str | None = None, fit: bool = False) -> None:
    """A chart, its PNG button (toolbar) and a CSV download of exactly the frame it was drawn from.
    `fit` (presenter mode): the chart fills a frame `.st-key-fit_<key>` whose height follows the
    screen (atlas/views/templates/presenter.css) instead of the figure's own height."""
    frame = st.container(key=f"fit_{key}", height=int(fig.layout.height or 450), border=False) if fit else st
    fig = charts.fit_to_frame(fig) if fit else fig
    height = "stretch" if fit else "content"
    if select and state is not None:
        event = frame.plotly_chart(fig, key=key, config=charts.png_config(filename), on_select="rerun",
                                   selection_mode="points", height=height)
    else:
        event = None
        frame.plotly_chart(fig, key=key, config=charts.png_config(filename), height=height)
    st.caption(md(charts.text_summary(fig, lang)))  # the chart's text alternative (data text made inert)
    comments = [t("exp_comment_filter", lang, link=session.share_link(state)) if state is not None else None,
                *loaders.attribution_lines()]
    sheet = export.from_frame(data, lang, [c for c in comments if c])
    c_csv, c_xlsx = st.columns(2)
    c_csv.download_button(t("chart_csv", lang), data=lambda: export.to_csv(sheet, lang), file_name=f"{filename}.csv",
                          mime="text/csv", key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    c_xlsx.download_button(t("chart_xlsx", lang), data=lambda: export.to_xlsx(sheet, lang, title=filename),
                           file_name=f"{filename}.xlsx", mime=export.XLSX_MIME, key=f"{key}_xlsx",
                           icon=":material/download:", on_click="ignore")
    if select and state is not None:
        apply_selection(state, select, event)


def money_metric(col, label: str, value, lang: str, *, help: str | None = None, caption: str | None = None) -> None:
    """A metric for an amount; an unpublished amount is a dash with the words 'niet gepubliceerd', never 0.
    `help` is data text (a programme's budget note): the tooltip renders markdown, so it is made inert."""
    known = value is not None and pd.notna(value)
    col.metric(label, fmt.money(value, lang) if known else "—", help=md(help) if help else None)
    notes = [caption] if caption else []
    if not known:
        notes.insert(0, t("budget_unpublished", lang))
    if notes:
        col.caption(" · ".join(notes))


def show_timeline(tl: pd.DataFrame, state: FilterState, *, key: str, filename: str, source: str,
                  select: str | None = None) -> None:
    """The Gantt chart, or (when no period at all is published) a note with the counts instead."""
    lang = state.lang
    drawable = tl["kind"].isin(["projects", "programme"]).any()
    if drawable:
        show_chart(charts.timeline_chart(tl, lang, state.ref_date, source=source), tl, key=key, filename=filename,
                   lang=lang, state=state if select else None, select=select)
        return
    parts = [t("tl_" + k, lang, n=int(n)) for k, n in tl.groupby("kind", sort=False)["n_projects"].sum().items()]
    st.info(t("tl_nothing_drawn", lang, counts="; ".join(parts) if parts else "—"))


def filter_summary(state: FilterState, n_shown: int, n_all: int, lang: str) -> None:
    if n_shown != n_all:
        st.caption(t("filtered_n_of_N", lang, n=fmt.number(n_shown, lang), N=fmt.number(n_all, lang)))


def basis_help(lang: str) -> None:
    with st.expander(t("bases_title", lang), expanded=False):
        st.markdown(t("bases_explained", lang))


def group_amounts_section(shown: pd.DataFrame, lang: str) -> None:
    """Amounts a source gives for several projects together, each as a whole (never split)."""
    groups = budget.group_amounts(shown)
    if not len(groups):
        return
    st.markdown("#### " + t("h_group_amounts", lang))
    st.caption(t("group_amounts_intro", lang))
    for _, g in groups.iterrows():
        links = " ".join(md_link(label, url)
                         for label, url in budget.source_parts(g["source_url"]))
        st.markdown(t("group_amounts_row", lang, name=md(g[f"name_{lang}"]),
                      amount=md(budget.group_money(g["amount_eur"], g["at_least"], lang)),
                      basis=md(t("budget_" + g["budget_basis"], lang)), ids=md(g["ids"])) + " " + links)


def extension_caption(notes: list[tuple[str, str, str]], lang: str) -> None:
    """The sourced extension notes of data/programmes.csv under a status chart, sources as links."""
    for _, note, sources in notes:
        links = ", ".join(md_link(label, url) for label, url in budget.source_parts(sources))
        st.caption(t("status_extension_note", lang, note=md(note)) + " " + t("extension_sources", lang, sources=links))


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------
def sources_list(facts: pd.Series, lang: str) -> None:
    """The programme's sources from data/programmes.csv: URLs as links, documents as text."""
    used_for: dict[tuple[str, str | None], list[str]] = {}
    for col, label in (("official_count_source", "src_for_count"), ("total_budget_source", "src_for_budget"),
                       ("max_budget_source", "src_for_max")):
        for text, url in budget.source_parts(facts.get(col, "")):
            used_for.setdefault((text, url), [])
            if t(label, lang) not in used_for[(text, url)]:
                used_for[(text, url)].append(t(label, lang))
    lines = []
    for (text, url), labels in used_for.items():
        item = md_link(text, url)
        lines.append(f"- {item} ({', '.join(labels)})")
    st.markdown("\n".join(lines) if lines else t("no_sources", lang))


# ---------------------------------------------------------------------------
# One programme page
# ---------------------------------------------------------------------------
def _fact(label: str, value: str) -> str:
    return f"**{label}:** {value}"


def render_programme(code: str, *, secondary: bool = False) -> None:
    """Everything about one programme: facts, counts, budget, map, charts, table, sources."""
    from geo.typology import TYPOLOGIES

    state = session.current_state()
    lang = state.lang
    pdata = loaders.project_data()
    facts_all = loaders.programmes()
    facts = facts_all.loc[code]
    all_rows = pdata.projects[pdata.projects["programme"] == code]
    prog_state = state.with_(programmes=(code,))
    shown = prog_state.apply(pdata.projects, session.area_municipalities(state))
    shown = shown.assign(status=status_at(shown, state.ref_date))

    title = facts["name_" + lang] or facts["name_nl"]
    if secondary:
        st.subheader(title)
    else:
        chrome.page_header(title, None, state)
        chrome.data_notices(pdata, lang)
    st.markdown(md(facts["description_" + lang]))

    # Facts: who, when, how many
    known = next(kc for kc in completeness.known_counts(pdata.projects, facts_all) if kc.programme == code)
    n_known = known.known + known.outside_scope  # every known project of the programme on the map
    count = completeness.known_count_text(known, lang, with_programme=False)
    start, end = facts["start_date"], facts["end_date"]
    period = (f"{fmt.day(pd.Timestamp(start), lang)} – {fmt.day(pd.Timestamp(end), lang)}" if start and end
              else t("period_unpublished", lang))
    st.markdown("  \n".join([
        _fact(t("fact_funder", lang), md(budget.fact_text(facts, "funder", lang))),
        _fact(t("fact_operator", lang), md(budget.fact_text(facts, "operator", lang))),
        _fact(t("fact_period", lang), md(period)),
        _fact(t("fact_count", lang), md(count)),
    ]))
    if areas.naming_filter(state) is not None:  # known against official in the area a filter names
        chrome.show_known(state.with_(programmes=(code,)), pdata.projects)
    count_note = facts.get("official_count_note_" + lang, "")  # the research note (English) stays in the data
    if count_note:
        st.caption(t("note_from_data", lang) + " " + md(count_note))

    # Budget: programme facts apart from the per-project sums
    totals = budget.programme_totals(facts_all, (code,))
    per_prog = budget.budget_by_programme(all_rows, (code,)).iloc[0]
    c1, c2, c3, c4 = st.columns(4)
    total = totals["total_budget_eur"].iloc[0]
    basis = totals["total_budget_basis"].iloc[0]
    money_metric(c1, t("m_programme_budget", lang), total, lang, help=budget.fact_text(facts, "total_budget_note", lang),
                 caption=(t("basis_" + basis, lang) + " · " + t("m_programme_fact", lang)) if pd.notna(total) else None)
    maximum = totals["max_budget_per_project_eur"].iloc[0]
    per_project_label = "m_standard_per_project" if basis == "standard_rate" else "m_max_per_project"
    money_metric(c2, t(per_project_label, lang), maximum, lang, help=budget.fact_text(facts, "max_budget_note", lang),
                 caption=t("m_programme_fact_short", lang) if pd.notna(maximum) else None)
    money_metric(c3, t("m_granted_projects", lang), per_prog["granted_eur"] if per_prog["n_granted"] else None, lang,
                 caption=t("m_of_projects", lang, n=fmt.number(per_prog["n_granted"], lang), N=fmt.number(n_known, lang)))
    if per_prog["n_standard_rate"]:
        money_metric(c4, t("m_standard_rate_projects", lang), per_prog["standard_rate_eur"], lang,
                     caption=t("m_of_projects", lang, n=fmt.number(per_prog["n_standard_rate"], lang),
                               N=fmt.number(n_known, lang)) + " · " + t("basis_standard_rate", lang))
    else:
        c4.metric(t("m_without_amount", lang), fmt.number(per_prog["n_without_amount"], lang))
    st.caption(t("m_never_added", lang))

    if secondary:
        st.markdown("#### " + t("h_table", lang))
        tables.project_table_on_demand(shown, lang, f"{code}_table", state.ref_date)
        tables.project_downloads(shown, prog_state, code, what=f"projecten-{code}")
        st.markdown("#### " + t("h_sources", lang))
        sources_list(facts, lang)
        return

    filter_summary(state, len(shown), len(all_rows), lang)

    # Map
    st.markdown("#### " + t("h_map", lang))
    layers = loaders.map_layers()
    from streamlit_folium import st_folium

    fmap = mapview.build(shown, layers, prog_state, height=420)
    st_folium(fmap, key=f"map_{code}", height=420, use_container_width=True, returned_objects=[])
    st.caption(t("tiles_attribution_note", lang))

    # Charts
    facts_src = budget.short_sources([facts["total_budget_source"], facts["max_budget_source"]])
    src_proj_facts = charts.source_line(lang, facts=facts_src)
    amounts = budget.project_amounts(shown)
    groups = budget.group_amounts(shown)
    n_without = int((shown["budget_eur"].isna() & shown["budget_group_eur"].isna()).sum())
    st.markdown("#### " + t("h_charts", lang))
    left, right = st.columns(2)
    with left:
        if len(amounts) or len(groups):
            show_chart(charts.project_budget_chart(amounts, lang, source=src_proj_facts, n_without=n_without,
                                                   groups=groups), amounts,
                       key=f"ch_{code}_budget", filename=f"budget_per_project_{code}", lang=lang)
        else:
            st.info(t("no_project_amounts", lang, n=fmt.number(n_without, lang)))
        if code == "stek":
            inst = budget.stek_institutes(shown, loaders.institutes(), facts_all)
            show_chart(charts.stek_institutes_chart(inst, lang, source=charts.source_line(
                lang, facts=budget.short_sources([facts["official_count_source"]]))), inst,
                key="ch_stek_inst", filename="stek_per_instituut", lang=lang)
    with right:
        status = budget.status_counts(shown, state.ref_date, (code,))
        ext_notes = budget.extension_notes(facts_all, (code,), lang, state.ref_date)
        show_chart(charts.status_chart(status, lang, state.ref_date, note=" ".join(n for _, n, _ in ext_notes) or None,
                                       source=charts.source_line(lang, facts=budget.short_sources(
                                           [s for *_, s in ext_notes])) if ext_notes else charts.source_line(lang)),
                   status, key=f"ch_{code}_status", filename=f"status_{code}", lang=lang)
        extension_caption(ext_notes, lang)
    tl = budget.timeline(shown, facts_all, (code,))
    show_timeline(tl, state, key=f"ch_{code}_timeline", filename=f"tijdlijn_{code}",
                  source=charts.source_line(lang, facts=budget.short_sources([facts["official_count_source"]])))
    munis, _, _ = loaders.reference()
    if munis is not None and len(shown):
        ref_munis = budget.reference_municipalities(munis, state, loaders.institutes())
        classes = list(TYPOLOGIES[state.typology]["classes"])
        split = budget.area_split(shown, ref_munis, state.typology, classes, (code,))
        show_chart(charts.area_split_chart(split, lang, state.typology,
                                           population_label=population_label(state, lang),
                                           source=charts.source_line(lang, population=True, typology=state.typology)),
                   split, key=f"ch_{code}_area", filename=f"stedelijk_landelijk_{code}", lang=lang, state=state,
                   select="area")

    st.markdown("#### " + t("h_table", lang))
    tables.project_table_on_demand(shown, lang, f"{code}_table", state.ref_date)
    tables.project_downloads(shown, prog_state, code, what=f"projecten-{code}")
    st.markdown("#### " + t("h_sources", lang))
    sources_list(facts, lang)
    st.caption(t("sources_per_project", lang))


def population_label(state: FilterState, lang: str) -> str:
    """Which population the area shares are compared with (the area of atlas.model.areas)."""
    naming = areas.naming_filter(state)
    if naming is not None and naming.area.kind == "province" and not state.municipality:
        return t("pop_label_provinces", lang, names=", ".join(schema.PROVINCES[p] for p in state.provinces))
    if naming is not None or state.municipality:
        return t("pop_label_area", lang)
    return t("pop_label_all", lang)
