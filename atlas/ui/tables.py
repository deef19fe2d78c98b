"""The project table, on-demand sections and the download buttons of the pages.

Streamlit glue (atlas/ui)."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pandas as pd
import streamlit as st

from atlas.model import budget, completeness
from atlas.model.filters import FilterState
from atlas.text.i18n import t
from atlas.ui.chrome import known_lines
from atlas.ui.loaders import attribution_lines, programmes, project_data
from atlas.ui.session import share_link


def download_row(items: list[tuple[str, object, str, str]], key: str) -> None:
    """Download buttons side by side: (label, data, file name, mime) each. `data` is a callable,
    so a file is built only when its button is clicked (a GeoPackage takes ~0.4 s), never on
    every rerun."""
    for col, (label, data, name, mime) in zip(st.columns(len(items)), items):
        col.download_button(label, data=data, file_name=name, mime=mime, key=f"{key}_{name.rsplit('.', 1)[-1]}",
                            on_click="ignore", icon=":material/download:")


def project_downloads(shown: pd.DataFrame, state: FilterState, name: str, what: str = "projecten") -> None:
    """Exactly these project rows as CSV, Excel, GeoJSON and GeoPackage, with the filter link,
    the sources and how complete the data are (the map page and the programme pages)."""
    from atlas.views import export, gis, stats
    from geo.gisfile import GEOJSON_MIME, GPKG_MIME

    lang = state.lang
    link = share_link(state)
    attribution = attribution_lines() + known_lines(state, project_data().projects) + [
        completeness.updated_text(programmes(), lang, state.programmes)]
    today = date.today()
    download_row([
        (t("download_csv", lang), lambda: stats.export_csv(shown, state, link, attribution, today),
         gis.file_name(what, "csv", today), "text/csv"),
        (t("download_xlsx", lang), lambda: stats.export_xlsx(shown, state, link, attribution, today),
         gis.file_name(what, "xlsx", today), export.XLSX_MIME),
        (t("download_geojson", lang), lambda: gis.projects_geojson(shown, state, link, attribution, today),
         gis.file_name(what, "geojson", today), GEOJSON_MIME),
        (t("download_gpkg", lang), lambda: gis.projects_gpkg(shown, state, link, attribution, today),
         gis.file_name(what, "gpkg", today), GPKG_MIME),
    ], key=f"dl_{name}")
    st.caption(t("download_gis_help", lang))


def coverage_table_downloads(view, munis, state: FilterState, comments: list[str], slug: str) -> None:
    """The coverage page's municipality table as CSV and Excel, and with each municipality's
    boundary as GeoJSON and GeoPackage."""
    from atlas.views import export, gis, report
    from geo.gisfile import GEOJSON_MIME, GPKG_MIME

    lang = state.lang
    link = share_link(state)
    today = date.today()
    what = f"dekking-{slug}"
    download_row([
        (t("cov_download_csv", lang), lambda: report.table_csv(view, comments), gis.file_name(what, "csv", today),
         "text/csv"),
        (t("cov_download_xlsx", lang), lambda: report.table_xlsx(view, comments), gis.file_name(what, "xlsx", today),
         export.XLSX_MIME),
        (t("cov_download_geojson", lang), lambda: gis.municipalities_geojson(view, munis, link, comments, today),
         gis.file_name(what, "geojson", today), GEOJSON_MIME),
        (t("cov_download_gpkg", lang), lambda: gis.municipalities_gpkg(view, munis, link, comments, today),
         gis.file_name(what, "gpkg", today), GPKG_MIME),
    ], key="dl_coverage")
    st.caption(t("download_gis_help", lang))


def project_table(frame: pd.DataFrame, lang: str, ref: date | None = None) -> tuple[pd.DataFrame, dict]:
    """The text equivalent of the map, one row per project, and its column config.

    Columns stay typed (dates, amounts) so every column sorts correctly; the amount's basis
    (granted / standard rate / maximum) and every source link get columns of their own.
    Status is the frame's `status` column, or computed at `ref`.
    """
    from atlas.model.data import status_at
    from atlas.model.schema import PROVINCES, split_sources
    from atlas.views.mapview import lang_text

    status = frame["status"] if "status" in frame.columns else status_at(frame, ref or date.today())
    province = frame["province_name"].where(frame["province_name"] != "",
                                            frame["province_nis"].map(PROVINCES).fillna(""))
    sources = frame["source_url"].map(split_sources)
    basis = [t("budget_" + b, lang) if pd.notna(v) else t("budget_unpublished", lang)
             for v, b in zip(frame["budget_eur"], frame["budget_basis"])]
    if "budget_group_eur" in frame.columns:  # a group amount is named as such, never split per project
        for i, (g, al, n) in enumerate(zip(frame["budget_group_eur"], frame["budget_group_at_least"],
                                           frame["budget_group_n"])):
            if pd.notna(g) and pd.isna(frame["budget_eur"].iloc[i]):
                basis[i] = t("budget_group_part", lang, amount=budget.group_money(g, al, lang), n=n)
    out = pd.DataFrame({
        t("col_id", lang): frame["id"],
        t("col_name", lang): frame["name"],
        t("col_programme", lang): frame["programme"].map(lambda p: t("prog_" + p, lang)),
        t("col_municipality", lang): frame["municipality2025"].where(frame["municipality2025"] != "", frame["municipality"]),
        t("col_province", lang): province,
        t("col_organisation", lang): lang_text(frame, "organisation", lang),
        t("col_start", lang): frame["start_date"].dt.date,
        t("col_end", lang): frame["end_date"].dt.date,
        t("col_status", lang): status.map(lambda s: t("status_" + s, lang)),
        t("col_budget", lang): frame["budget_eur"],
        t("col_basis", lang): basis,
    })
    config = {
        t("col_budget", lang): st.column_config.NumberColumn(format="localized", help=t("col_budget_help", lang)),
        t("col_start", lang): st.column_config.DateColumn(format="DD/MM/YYYY"),
        t("col_end", lang): st.column_config.DateColumn(format="DD/MM/YYYY"),
    }
    for i in range(max([len(v) for v in sources] + [1])):
        name = t("col_source_n", lang, n=i + 1)
        out[name] = [v[i] if len(v) > i else None for v in sources]
        config[name] = st.column_config.LinkColumn(name, display_text=r"https?://(?:www\.)?([^/]+).*")
    report = t("mld_link_project", lang)  # 'Klopt er iets niet?': the /melden form of this row (issue 20)
    out[report] = [f"/melden?lang={lang}&project={quote(str(pid))}" for pid in frame["id"]]
    config[report] = st.column_config.LinkColumn(report, display_text=report)
    return out.reset_index(drop=True), config


OPEN_PREFIX = "_open_"  # st.session_state[OPEN_PREFIX + name]: whether an on-demand section is open


def on_demand(label: str, name: str):
    """An expander whose content the page builds only while it is open; returns its container
    when open, else None (Streamlit's state-tracking expander, `.open`).

    For what the first view does not show, such as a long table below the map: a closed
    section costs neither the server run nor the browser (st.dataframe alone brings ~1.2 MB of
    JavaScript the page waits for). Whether it is open is kept per session under `name`, across
    filter changes, the language switch and other pages (the widget's own state would reset
    whenever its label changes)."""
    keep = OPEN_PREFIX + name
    widget = f"section_{name}"

    def remember() -> None:
        st.session_state[keep] = bool(st.session_state.get(widget))

    box = st.expander(label, expanded=bool(st.session_state.get(keep, False)), key=widget, on_change=remember)
    return box if box.open else None


def on_demand_tabs(labels: list[str], name: str) -> list:
    """Tabs of which only the open one is built: one container per label, None for the closed
    ones (Streamlit's state-tracking tabs, `.open`). The open tab is kept per session as an
    index under `name`, so it stays when the labels change (language, a date in a label)."""
    keep = OPEN_PREFIX + name
    widget = f"section_{name}"

    def remember() -> None:
        picked = st.session_state.get(widget)
        if picked in labels:
            st.session_state[keep] = labels.index(picked)

    index = st.session_state.get(keep, 0)
    index = index if type(index) is int and 0 <= index < len(labels) else 0  # noqa: E721 - not a bool
    tabs = st.tabs(labels, default=labels[index], key=widget, on_change=remember)
    return [tab if tab.open else None for tab in tabs]


def project_table_on_demand(frame: pd.DataFrame, lang: str, name: str, ref: date | None = None) -> None:
    """The project table as an on-demand section ("Toon de tabel (n projecten)"); an empty
    view says so in words, without a section to open."""
    if frame.empty:
        show_project_table(frame, lang, ref)
    elif (box := on_demand(t("table_open", lang, n=len(frame)), name)) is not None:
        with box:
            show_project_table(frame, lang, ref, key=f"table_{name}")


def show_project_table(frame: pd.DataFrame, lang: str, ref: date | None = None, *, key: str | None = None) -> None:
    if frame.empty:  # Streamlit would show an empty grid with its own English "empty"
        st.info(t("table_empty", lang))
        return
    table, config = project_table(frame, lang, ref)
    st.dataframe(table, hide_index=True, width="stretch", column_config=config, key=key)
