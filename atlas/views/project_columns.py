"""The project table, declared once: which columns, in which order, read how, shown how.

Four outputs show projects one row each, and all four are fed from :data:`COLUMNS`:

* the app's table (``atlas.ui.tables.project_table``: :func:`app_table`, typed columns; the
  Streamlit glue only maps each column's kind to an ``st.column_config``);
* the static site's table (``atlas.views.static_site``: :func:`site_table`);
* the coverage report's project list (``atlas.views.report``: :func:`html_cells`);
* the CSV / XLSX / GeoJSON / GeoPackage downloads (``atlas.views.stats.export_frame``:
  :func:`download_frame`).

A column has its key, the message id of its header, how its value is read from the project
frame (:class:`Column`.value), how it is shown (its kind) and the name it has in the downloads
(None: not exported). Each table shows a selection of the columns, always in the declared order.

The kinds: ``text``; ``number`` (the downloads' coordinates); ``date`` (a datetime.date or
None); ``money`` (a :class:`Money`: the amount with its basis in words, a group amount named as
such and never split per project); ``links``
(a list of http(s) source URLs, :func:`source_links`); ``report`` (the app's "Klopt er iets
niet?" link to the /melden form of the row's project: only in the app, which has that form; a
static file has none, and a download is data, not a page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, NamedTuple
from urllib.parse import quote

import pandas as pd

from atlas.model import schema
from atlas.model.budget import group_money
from atlas.model.data import STATUSES, column, lang_text, status_at, text_column
from atlas.text import fmt
from atlas.text.escape import is_http_url
from atlas.text.i18n import t

KINDS = ("text", "number", "date", "money", "links", "report")


class Money(NamedTuple):
    """A project's amount (None: none of its own) and its basis in words: granted / standard rate /
    maximum, or its share of a group amount named as such, or 'not published'."""
    amount: float | None
    basis: str


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # message id of the header in the tables (atlas/text i18n)
    kind: str  # one of KINDS
    value: Callable[[pd.DataFrame, str, date], list]  # (projects, lang, ref date) -> one value per row
    export: str | None = None  # its column in the downloads; None: not exported
    shown: bool = True  # in the tables (False: a technical column of the downloads only)


def source_links(value: Any) -> list[str]:
    """The http(s) URLs of a ` | `-separated source field: the one rule for which sources become
    links, in every output (anything else is never a link)."""
    return [u for u in schema.split_sources(value) if is_http_url(u)]


def _lang_text(name: str) -> Callable[[pd.DataFrame, str, date], list]:
    def read(frame: pd.DataFrame, lang: str, ref: date) -> list:
        return list(lang_text(frame, name, lang))
    return read


def _raw(name: str) -> Callable[[pd.DataFrame, str, date], list]:
    return lambda frame, lang, ref: list(column(frame, name, None))


def programme(frame: pd.DataFrame, lang: str, ref: date) -> list[str]:
    return [t("prog_" + p, lang) if p in schema.PROGRAMMES else str(p) for p in text_column(frame, "programme")]


def municipality(frame: pd.DataFrame, lang: str, ref: date) -> list[str]:
    """The municipality of 2025 (after the mergers), else the one the source names."""
    return [m25 or m for m, m25 in zip(text_column(frame, "municipality"), text_column(frame, "municipality2025"))]


def province(frame: pd.DataFrame, lang: str, ref: date) -> list[str]:
    """The province's name, else the name of its NIS code."""
    return [name or schema.PROVINCES.get(nis, "")
            for name, nis in zip(text_column(frame, "province_name"), text_column(frame, "province_nis"))]


def _day(name: str) -> Callable[[pd.DataFrame, str, date], list]:
    def read(frame: pd.DataFrame, lang: str, ref: date) -> list:
        return [d.date() if pd.notna(d) else None for d in pd.to_datetime(column(frame, name, None), errors="coerce")]
    return read


def status_codes(frame: pd.DataFrame, ref: date) -> list[str]:
    """The frame's `status` column, or the status computed at `ref` (atlas.model.data.status_at)."""
    codes = list(text_column(frame, "status")) if "status" in frame.columns else list(status_at(frame, ref))
    return [c if c in STATUSES else "unknown" for c in codes]


def status(frame: pd.DataFrame, lang: str, ref: date) -> list[str]:
    return [t("status_" + c, lang) for c in status_codes(frame, ref)]


def project_money(amount, basis: str, group, at_least: bool, n, lang: str) -> Money:
    """One project's amount and basis: its own amount with its basis, else its share of a group
    amount named as such (never split per project), else 'not published'."""
    if amount is not None and pd.notna(amount):
        return Money(float(amount), t("budget_" + basis, lang) if basis in schema.BUDGET_BASES else basis)
    if group is not None and pd.notna(group):
        return Money(None, t("budget_group_part", lang, amount=group_money(group, bool(at_least), lang), n=n))
    return Money(None, t("budget_unpublished", lang))


def money_keys(frame: pd.DataFrame) -> zip:
    """Per row the fields :func:`project_money` reads (amount, basis, group amount, 'at least', n),
    hashable, so equal amounts share one text (atlas.views.mapview)."""
    def number(name: str) -> pd.Series:  # a missing amount as None: equal keys for _map_unique's cache
        values = pd.to_numeric(column(frame, name, None), errors="coerce").astype(object)
        return values.where(values.notna(), None)

    return zip(number("budget_eur"), text_column(frame, "budget_basis"), number("budget_group_eur"),
               column(frame, "budget_group_at_least", False).eq(True), column(frame, "budget_group_n", None))


def money(frame: pd.DataFrame, lang: str, ref: date) -> list[Money]:
    return [project_money(*k, lang) for k in money_keys(frame)]


def sources(frame: pd.DataFrame, lang: str, ref: date) -> list[list[str]]:
    return [source_links(v) for v in column(frame, "source_url")]


def report_link(frame: pd.DataFrame, lang: str, ref: date) -> list[str]:
    """'Klopt er iets niet?': the /melden form of this row's project (issue 20)."""
    return [f"/melden?lang={lang}&project={quote(str(pid))}" for pid in column(frame, "id")]


COLUMNS: tuple[Column, ...] = (
    Column("id", "col_id", "text", _raw("id"), export="id"),
    Column("name", "col_name", "text", _raw("name"), export="name"),
    Column("programme", "col_programme", "text", programme, export="programme"),
    Column("municipality", "col_municipality", "text", municipality, export="municipality2025"),
    Column("province", "col_province", "text", province, export="province_name"),
    Column("organisation", "col_organisation", "text", _lang_text("organisation"), export="organisation"),
    Column("start", "col_start", "date", _day("start_date"), export="start_date"),
    Column("end", "col_end", "date", _day("end_date"), export="end_date"),
    Column("status", "col_status", "text", status, export="status"),
    Column("budget", "col_budget", "money", money, export="budget_eur"),  # its basis: export "budget_basis"
    Column("sources", "col_sources", "links", sources, export="source_url"),
    Column("report", "mld_link_project", "report", report_link),  # the app only: never exported
    # the downloads' technical columns: codes, coordinates and notes, shown in no table
    Column("municipality_nis", "exp_col_municipality_nis", "text", _raw("municipality_nis"),
           export="municipality_nis", shown=False),
    Column("municipality_source", "exp_col_municipality", "text", _raw("municipality"), export="municipality",
           shown=False),
    Column("nis2025", "exp_col_nis2025", "text", _raw("nis2025"), export="nis2025", shown=False),
    Column("neighbourhood", "exp_col_neighbourhood", "text", _lang_text("neighbourhood"), export="neighbourhood",
           shown=False),
    Column("lat", "exp_col_lat", "number", _raw("lat"), export="lat", shown=False),
    Column("lon", "exp_col_lon", "number", _raw("lon"), export="lon", shown=False),
    Column("coord_precision", "exp_col_coord_precision", "text", _raw("coord_precision"), export="coord_precision",
           shown=False),
    Column("period_note", "exp_col_period_note", "text", _lang_text("period_note"), export="period_note",
           shown=False),
    Column("confidence", "exp_col_confidence", "text", _raw("confidence"), export="confidence", shown=False),
    Column("status_note", "exp_col_status_note", "text", _lang_text("status_note"), export="status_note",
           shown=False),
    Column("programme_code", "exp_col_programme_code", "text", _raw("programme"), export="programme_code",
           shown=False),
)
BY_KEY = {c.key: c for c in COLUMNS}
BASIS_EXPORT = "budget_basis"  # the download's column of a money column's basis, next to its amount

# The columns each table shows, in the declared order.
APP = tuple(c.key for c in COLUMNS if c.shown)
SITE = ("name", "programme", "municipality", "organisation", "start", "status", "budget", "sources")
REPORT = ("id", "name", "programme", "municipality", "sources")  # the report adds 'in the area' before the sources
EXPORT = tuple(name for c in COLUMNS if c.export
               for name in ((c.export, BASIS_EXPORT) if c.kind == "money" else (c.export,)))


def columns(keys: tuple[str, ...]) -> list[Column]:
    """The columns of `keys` in the declared order."""
    wanted = set(keys)
    return [c for c in COLUMNS if c.key in wanted]


def values(frame: pd.DataFrame, lang: str, ref: date | None, keys: tuple[str, ...]) -> dict[str, list]:
    """{key: one value per row} for the columns of `keys`, in the declared order."""
    ref = ref or date.today()
    return {c.key: c.value(frame, lang, ref) for c in columns(keys)}


# ---------------------------------------------------------------------------
# The outputs
# ---------------------------------------------------------------------------
def money_text(m: Money, lang: str) -> str:
    """The amount and its basis in one text: '€ 10.000 (toegekend)', else the basis alone."""
    return f"{fmt.money(m.amount, lang)} ({m.basis})" if m.amount is not None else m.basis


def cell_text(kind: str, value: Any, lang: str) -> str:
    """A value as the text of an HTML table cell (the static site, the report): a missing text
    or date reads 'unknown'."""
    if kind == "money":
        return money_text(value, lang)
    if kind == "date":
        return fmt.day(value, lang) if value is not None else t("unknown", lang)
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    return text or t("unknown", lang)


def sort_key(kind: str, value: Any, text: str) -> str:
    """The static site's sort key of a cell: ISO dates, amounts as numbers, text case-folded."""
    if kind == "date":
        return value.isoformat() if value is not None else ""
    if kind == "money":
        return "" if value.amount is None else f"{value.amount:.2f}"
    return text.casefold()


def app_table(frame: pd.DataFrame, lang: str, ref: date | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """The app's table: typed columns (dates, amounts) so each sorts correctly, and {header: kind}.
    A money column is two: the amount (kind `money`) and its basis (`text`); the source links one
    column each ("Bron 1", "Bron 2", …, kind `link`); the report link kind `report`."""
    vals = values(frame, lang, ref, APP)
    out: dict[str, list] = {}
    kinds: dict[str, str] = {}
    for c in columns(APP):
        v = vals[c.key]
        if c.kind == "money":
            out[t(c.label, lang)], kinds[t(c.label, lang)] = [m.amount for m in v], "money"
            out[t("col_basis", lang)], kinds[t("col_basis", lang)] = [m.basis for m in v], "text"
        elif c.kind == "links":
            for i in range(max([len(links) for links in v] + [1])):
                name = t("col_source_n", lang, n=i + 1)
                out[name], kinds[name] = [links[i] if len(links) > i else None for links in v], "link"
        else:
            out[t(c.label, lang)], kinds[t(c.label, lang)] = v, c.kind
    table = pd.DataFrame(out)
    for name, kind in kinds.items():
        if kind == "money":
            table[name] = table[name].astype(float)
    return table.reset_index(drop=True), kinds


def html_cells(frame: pd.DataFrame, lang: str, ref: date | None, keys: tuple[str, ...]) -> list[dict]:
    """One dict per row for an HTML table: {key: cell text} for the text, date and money columns,
    {key: [url, …]} for a links column."""
    vals = values(frame, lang, ref, keys)
    cols = columns(keys)
    rows = []
    for i in range(len(frame)):
        rows.append({c.key: (vals[c.key][i] if c.kind == "links" else cell_text(c.kind, vals[c.key][i], lang))
                     for c in cols})
    return rows


def site_table(frame: pd.DataFrame, lang: str, ref: date | None = None) -> tuple[list[dict], list[dict]]:
    """The static site's table: columns (label, kind for sorting) and one row per project, plain
    text cells with a sort key each, the source links last (site.html.j2)."""
    cols = columns(SITE)
    sort_kind = {"date": "date", "money": "number"}
    heads = [{"label": t(c.label, lang), "kind": sort_kind.get(c.kind, "text")} for c in cols]
    vals = values(frame, lang, ref, SITE)
    rows = []
    for i, pid in enumerate(text_column(frame, "id")):
        cells, links = [], []
        for c in cols:
            v = vals[c.key][i]
            if c.kind == "links":
                links = v
                continue
            text = cell_text(c.kind, v, lang)
            cells.append((text, sort_key(c.kind, v, text)))
        rows.append({"id": pid, "cells": cells, "links": links})
    return heads, rows


def download_frame(frame: pd.DataFrame, lang: str, ref: date | None = None) -> pd.DataFrame:
    """The downloads' rows: every exported column under its download name, in the declared order;
    the coded columns as words in `lang` (the programme code in `programme_code`), dates as dates,
    the amount as a number with its basis in words next to it, the source links joined by ` | `."""
    vals = values(frame, lang, ref, tuple(c.key for c in COLUMNS if c.export))
    out: dict[str, Any] = {}
    for c in COLUMNS:
        if not c.export:
            continue
        v = vals[c.key]
        if c.kind == "money":
            out[c.export] = pd.Series([m.amount for m in v], dtype=float, index=frame.index)
            out[BASIS_EXPORT] = pd.Series([m.basis for m in v], dtype=object, index=frame.index)
        elif c.kind == "links":
            out[c.export] = pd.Series([" | ".join(links) for links in v], dtype=object, index=frame.index)
        else:
            # typed as read (numbers stay numbers); no rows: no type to infer
            out[c.export] = pd.Series(v, index=frame.index, dtype=object if not v else None)
    return pd.DataFrame(out, index=frame.index)
