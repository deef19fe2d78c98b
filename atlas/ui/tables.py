"""The project table, on-demand sections and the download buttons of the pages.

Streamlit glue (atlas/ui)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from atlas.model import completeness
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
    """The text equivalent of the map, one row per project (atlas.views.project_columns.app_table:
    typed columns, status at `ref` unless the frame has one), and its column config."""
    from atlas.views.project_columns import app_table

    table, kinds = app_table(frame, lang, ref)
    config = {name: _column_config(kind, name, lang) for name, kind in kinds.items()}
    return table, {name: c for name, c in config.items() if c is not None}


def _column_config(kind: str, name: str, lang: str):
    """The Streamlit column of a kind of atlas.views.project_columns (None: the default)."""
    if kind == "money":
        return st.column_config.NumberColumn(format="localized", help=t("col_budget_help", lang))
    if kind == "date":
        return st.column_config.DateColumn(format="DD/MM/YYYY")
    if kind == "link":  # a source: its site's name as the text
        return st.column_config.LinkColumn(name, display_text=r"https?://(?:www\.)?([^/]+).*")
    if kind == "report":  # 'Klopt er iets niet?' (issue 20)
        return st.column_config.LinkColumn(name, display_text=name)
    return None


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
