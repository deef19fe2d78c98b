"""GIS downloads of the project rows and the coverage table: GeoJSON and GeoPackage (pure).

The same rows as the CSV/XLSX downloads (atlas.views.stats.export_frame, atlas.views.report.table_frame),
for QGIS users. Properties keep stable English codes as field names (`programme_code`,
`status_code`, `nis`, ...) next to the labels in the user's language (`programme`, `status`);
the translated column headers, the filter link and the sources travel in a top-level member
(GeoJSON) or an attribute table (GeoPackage). Text is escaped as in every other download:
no control characters, and text that a spreadsheet would read as a formula gets its leading
apostrophe (atlas.views.export.neutralise), since these files end up in spreadsheets too.
Geometry and writing are geo.gisfile's.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd

from atlas.model.filters import FilterState
from atlas.text.i18n import t
from atlas.views import export
from geo import gisfile

META_KEY = "zorgzame_buurten"  # the top-level GeoJSON member with the metadata
META_LAYER = "about"  # the GeoPackage's attribute table with the metadata lines
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1 controls; line breaks and tabs handled below


def clean_text(value: Any) -> str:
    """Text for a GIS attribute: line breaks as '\\n', tabs as spaces, no other control
    characters, formulas neutralised (the rule of atlas.views.export)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return export.neutralise(_CONTROL.sub("", text))


def clean_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell through :func:`clean_text`; numbers, dates, booleans and missing values as they are."""
    out = frame.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = pd.Series([clean_text(v) if isinstance(v, str) else v for v in out[c]], index=out.index,
                               dtype=object)
    return out


def file_name(what: str, ext: str, today: date | None = None) -> str:
    """`zorgzame-buurten-<what>-<date>.<ext>`: what the file holds and when it was made."""
    return f"zorgzame-buurten-{what}-{(today or date.today()).isoformat()}.{ext}"


def _meta(lang: str, title: str, link: str, comments: list[str], fields: dict[str, str], today: date) -> dict:
    return {
        "title": clean_text(title),
        "created": today.isoformat(),
        "language": lang,
        "filter_link": clean_text(link),
        "notes": [clean_text(c) for c in comments],
        "fields": {k: clean_text(v) for k, v in fields.items()},
    }


def _meta_lines(meta: dict) -> list[str]:
    return [meta["title"], f"created: {meta['created']}", f"language: {meta['language']}",
            f"filter_link: {meta['filter_link']}", *meta["notes"],
            *(f"field {k}: {v}" for k, v in meta["fields"].items())]


# --- projects -----------------------------------------------------------------------------

def project_frame(shown: pd.DataFrame, lang: str, ref: date | None = None) -> pd.DataFrame:
    """The CSV/XLSX rows (atlas.views.stats.export_frame) plus the codes of the coded columns."""
    from atlas.views import stats
    from atlas.views.project_columns import status_codes

    frame = stats.export_frame(shown, lang, ref)
    frame.insert(frame.columns.get_loc("status") + 1, "status_code", status_codes(shown, ref or date.today()))
    frame.insert(frame.columns.get_loc("budget_basis") + 1, "budget_basis_code", shown["budget_basis"].values)
    return clean_frame(frame.reset_index(drop=True))


def _project_fields(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    fields = {c: export.header(c, lang) for c in frame.columns}
    fields["status_code"] = export.header("status", lang) + " (code)"
    fields["budget_basis_code"] = export.header("budget_basis", lang) + " (code)"
    return fields


def _projects(shown: pd.DataFrame, state: FilterState, link: str, attribution: list[str],
              today: date | None) -> tuple[gpd.GeoDataFrame, dict]:
    from atlas.views import stats

    today = today or date.today()
    lang = state.lang
    frame = project_frame(shown, lang, state.ref_date)
    meta = _meta(lang, t("gis_title_projects", lang), link, stats.export_comments(state, link, attribution, today),
                 _project_fields(frame, lang), today)
    return gisfile.points(frame, lon="lon", lat="lat"), meta


def projects_geojson(shown: pd.DataFrame, state: FilterState, link: str, attribution: list[str],
                     today: date | None = None) -> bytes:
    """The shown projects as GeoJSON points (RFC 7946, WGS84)."""
    gdf, meta = _projects(shown, state, link, attribution, today)
    return gisfile.to_geojson(gdf, META_KEY, meta)


def projects_gpkg(shown: pd.DataFrame, state: FilterState, link: str, attribution: list[str],
                  today: date | None = None) -> bytes:
    """The shown projects as a GeoPackage: layers `projects_lambert72` (EPSG:31370) and
    `projects_wgs84` (EPSG:4326), and the attribute table `about`."""
    gdf, meta = _projects(shown, state, link, attribution, today)
    layers = {"projects_lambert72": gdf.to_crs(gisfile.LAMBERT72), "projects_wgs84": gdf}
    return gisfile.to_gpkg(layers, META_LAYER, _meta_lines(meta))


# --- the coverage page's municipality table -----------------------------------------------

def municipality_frame(view, munis: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The coverage table's rows (atlas.views.report.table_frame) with each municipality's polygon."""
    from atlas.views import report

    out, _ = report.table_frame(view)
    shapes = munis.set_index("nis").geometry
    geometry = gpd.GeoSeries([shapes.get(n) for n in out["nis"]], crs=munis.crs)
    return gpd.GeoDataFrame(clean_frame(out.reset_index(drop=True)), geometry=geometry.values, crs=munis.crs)


def _municipalities(view, munis: gpd.GeoDataFrame, link: str, comments: list[str],
                    today: date | None) -> tuple[gpd.GeoDataFrame, dict]:
    from atlas.views import report

    today = today or date.today()
    lang = view.lang
    _, headers = report.table_frame(view)
    gdf = municipality_frame(view, munis)
    fields = {c: headers.get(c) or export.header(c, lang) for c in gdf.columns if c != gdf.geometry.name}
    return gdf, _meta(lang, t("gis_title_municipalities", lang), link, comments, fields, today)


def municipalities_geojson(view, munis: gpd.GeoDataFrame, link: str, comments: list[str],
                           today: date | None = None) -> bytes:
    gdf, meta = _municipalities(view, munis, link, comments, today)
    return gisfile.to_geojson(gdf, META_KEY, meta)


def municipalities_gpkg(view, munis: gpd.GeoDataFrame, link: str, comments: list[str],
                        today: date | None = None) -> bytes:
    gdf, meta = _municipalities(view, munis, link, comments, today)
    layers = {"municipalities_lambert72": gdf.to_crs(gisfile.LAMBERT72), "municipalities_wgs84": gdf.to_crs(gisfile.WGS84)}
    return gisfile.to_gpkg(layers, META_LAYER, _meta_lines(meta))

