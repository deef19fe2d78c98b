"""Plotly chart builders: the only module that imports plotly.

Every builder is a pure function of a small DataFrame (made by `atlas.model.budget`) and the UI
language; it returns a `plotly.graph_objects.Figure` and never touches Streamlit.

Conventions for every figure:
* a title, axis titles with their unit (EUR, aantal projecten, %), and a source line under
  the plot (`source` argument; `source_line()` builds the usual one);
* numbers in the UI language: labels and hover texts are formatted by `atlas.text.fmt` (Babel)
  and passed as `customdata`/`text`; axis ticks use plotly's `separators` (',.' for nl);
* budget bases are separate traces with their own colour and pattern, in `barmode='group'`:
  granted, standard-rate and maximum amounts are never stacked onto each other;
* clickable marks carry their filter value (programme, province or class code) as
  `customdata[0]`, so a page can turn a Streamlit selection event into a filter.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from atlas.text.palette import CLASS_COLOURS, PROGRAMME_COLOURS, STATUS_STYLE  # the map's colours

from atlas.model import budget
from atlas.model.budget import BASES
from atlas.text import fmt
from atlas.text.i18n import t
from atlas.text.labels import class_label, typology_label

# Okabe-Ito programme colours; the same as the map's (atlas.views.mapview.GROUP_STYLE; a test keeps them equal).
NO_CLASS_COLOUR = "#d9d9d9"
# Budget bases: colour AND pattern, so they stay apart in grayscale too.
BASIS_STYLE: dict[str, dict[str, str]] = {
    "granted": {"colour": "#1b4f72", "pattern": ""},
    "standard_rate": {"colour": "#E69F00", "pattern": "/"},
    "maximum": {"colour": "#8c8c8c", "pattern": "x"},
}
# A group amount (several projects together): the granted colour, lighter, dotted.
GROUP_STYLE = {"colour": "#5b8db8", "pattern": "."}
STATUS_COLOURS: dict[str, str] = {s: style["colour"] for s, style in STATUS_STYLE.items()}
FONT = "Source Sans Pro, Arial, sans-serif"
TEXT_COLOUR = "#1f1f1f"  # titles, axes and legends: 16:1 on white (subtitles and sources #555555: 7.5:1)


PLOTLY_BASIC_JS = Path(__file__).resolve().parent / "web" / "plotly-basic.min.js"
"""plotly.js's official "basic" partial bundle (npm plotly.js-basic-dist-min, MIT, licence beside it):
bar, scatter and pie traces in 1.2 MB instead of 4.8 MB. Refresh with `make vendor-plotly` when
the plotly package brings a new plotly.js (tests/atlas/test_static_site.py compares the versions)."""
PLOTLY_BASIC_TRACES = frozenset({"bar", "scatter", "pie"})
_VERSION_RE = re.compile(r"plotly\.js \(basic - minified\) v(\d+\.\d+\.\d+)")


def plotly_js_version() -> str:
    """The plotly.js version of the installed plotly package (what its figures are made for)."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def basic_bundle_version() -> str | None:
    try:
        head = PLOTLY_BASIC_JS.read_text(encoding="utf-8", errors="replace")[:300]
    except OSError:
        return None
    found = _VERSION_RE.search(head)
    return found.group(1) if found else None


def plotly_js_for(figures: list[dict]) -> Path:
    """The smallest plotly.js file that draws `figures` (plain JSON figures): the basic bundle
    when it has every trace type and the installed plotly's plotly.js version, else the full
    plotly.min.js shipped inside the installed plotly package."""
    types = {trace.get("type", "scatter") for f in figures for trace in f.get("data", [])}
    if types <= PLOTLY_BASIC_TRACES and basic_bundle_version() == plotly_js_version():
        return PLOTLY_BASIC_JS
    return Path(go.__file__).resolve().parent.parent / "package_data" / "plotly.min.js"


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------
def plain(text) -> str:
    """Data text (a name, an id, a note from a data file) for a plotly label or hover text:
    shown exactly as written, never as markup. Plotly renders `<a href>`, `<b>`, `<br>` ... in
    labels, text and hover texts and decodes `&lt;` `&gt;` `&amp;`, so escaping these three
    is enough. Every data text reaches a figure through this function, once; texts from the
    catalogue and numbers from atlas.text.fmt do not need it. (`customdata[0]` carries the click
    value unescaped and is never shown.)"""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def separators(lang: str) -> str:
    """plotly's `separators` (decimal, thousands): Belgian Dutch uses a comma and a dot."""
    return ",." if lang == "nl" else ".,"


def fit_to_frame(fig: go.Figure) -> go.Figure:
    """A copy of a `_finish`ed figure for a frame whose height follows the screen (presenter mode):
    the legend sits right above the plot area (its place in the top margin, in pixels) instead of
    at a fraction of the figure's own height, which would put it over the subtitle in a lower frame."""
    out = go.Figure(fig)
    if out.layout.showlegend:
        out.update_layout(legend={"yref": "paper", "y": 1, "yanchor": "bottom", "xref": "paper", "x": 0})
    return out


# The toolbar keeps only its camera (save as PNG): the charts do not zoom or pan (dragmode off),
# and on a touch screen, where plotly shows the toolbar all the time, a row of zoom buttons
# covered the end of the title on a phone.
TOOLBAR_REMOVED = ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "resetScale2d"]


# The PNG names of the budget page's charts that the static export draws as well: one name each,
# whether saved from the app or from the export.
PNG_NAMES = {"programme_totals": "programmabudget", "budget_by_programme": "budget_per_programma_projecten",
             "status": "status_per_programma"}


def png_config(filename: str) -> dict:
    """`config` for st.plotly_chart: the toolbar's camera button saves a PNG named `filename`."""
    return {
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "displaylogo": False,
        "modeBarButtonsToRemove": TOOLBAR_REMOVED,
    }


def source_line(lang: str, *, projects: bool = True, facts: list[str] | None = None, population: bool = False,
                typology: str | None = None, need: bool = False) -> str:
    """The source line under a chart: which files and which public sources it rests on."""
    parts = []
    if projects:
        parts.append(t("src_projects", lang))
    if facts is not None:
        parts.append(t("src_facts", lang, sources="; ".join(plain(f) for f in facts) if facts else "—"))
    if population:
        parts.append(t("src_population", lang))
    if typology:
        parts.append(t("src_typology_" + typology, lang))
    if need:
        parts.append(t("src_need", lang))
    return t("src_prefix", lang) + " " + " · ".join(parts)


# The width a chart can count on for its legend: a phone's chart frame (358 px) less its padding.
# A legend that needs more rows than reserved pushes the plot down and squeezes its rows.
LEGEND_WIDTH_PX = 330


def _legend_rows(names: list[str]) -> int:
    """Rows a horizontal legend needs at about LEGEND_WIDTH_PX (rough, on the safe side). plotly
    lays out a legend that does not fit on one row in columns as wide as its widest entry."""
    if not names:
        return 0
    widths = [44 + 6.6 * len(name) for name in names]
    if sum(widths) <= LEGEND_WIDTH_PX:
        return 1
    columns = max(1, int(LEGEND_WIDTH_PX // max(widths)))
    return -(-len(names) // columns)


def _wrap(text: str, width: int = 100) -> list[str]:
    """Wrap a source line at ' · ' or spaces so it never runs off a half-page chart."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + ([line] if line else [])


# Characters per line of the source under a chart: a right-aligned line of 11 px type this long
# still fits the plot's width on a phone (390 px); 80 ran off its left edge there. A chart is
# built once for every screen, so its texts wrap to fit a phone's 358 px frame: the title (17 px
# type) at TITLE_WRAP characters, the subtitle (12 px) at SUBTITLE_WRAP, a row label (13 px) at
# ROW_WRAP (the programme chart's notes at 22, in smaller type).
SOURCE_WRAP = 56
TITLE_WRAP = 34
SUBTITLE_WRAP = 56
ROW_WRAP = 26


_BR = re.compile(r"<br\s*/?>")  # a line break in a plotly text


def _lines(text: str, width: int) -> str:
    """`text` wrapped at spaces into lines of about `width` characters, joined by <br>; lines it
    already has (<br>) stay."""
    return "<br>".join(line for part in _BR.split(text) for line in _wrap(part, width))


def _extra_lines(labels) -> int:
    """How many lines the longest of these (wrapped) labels has beyond its first."""
    return max((len(_BR.findall(str(label))) for label in labels), default=0)


def _finish(fig: go.Figure, lang: str, *, title: str, subtitle: str | None, x_title: str, y_title: str,
            source: str, height: int, legend: bool = True, wrap: bool = True) -> go.Figure:
    """Title, subtitle and legend stacked at the top (pixel offsets), source line under the axis.
    `wrap`: the title and subtitle wrap to fit a phone (TITLE_WRAP, SUBTITLE_WRAP); without it
    (presenter mode: a projector) each line stays whole."""
    names = [tr.name for tr in fig.data if tr.name and tr.showlegend is not False] if legend else []
    if wrap:
        title = _lines(title, TITLE_WRAP)
    sub_lines = _BR.split(_lines(subtitle, SUBTITLE_WRAP) if wrap else subtitle) if subtitle else []
    subtitle = "<br>".join(sub_lines) if sub_lines else None
    extra_title_lines = _extra_lines([title])
    head = 32 + 40 * extra_title_lines + 16 * len(sub_lines)
    legend_px = 22 * _legend_rows(names)
    source_lines = _wrap(source, SOURCE_WRAP)
    # Room on the right for an amount after a bar (a patterned bar always carries it outside): on
    # a phone the plot is ~140 px wide and the longest bar ends at 1/1.6 of it (_money_axis), so an
    # amount of n characters (~7 px each) needs about 7n - 50 px more than the plot has left.
    outside = [len(str(x)) for tr in fig.data if tr.type == "bar" and tr.textposition == "outside" for x in (tr.text or [])]
    with_text = any(tr.type == "bar" and tr.textposition in ("outside", "auto") for tr in fig.data)
    right = max(50 if with_text else 30, 7 * max(outside, default=0) - 40)
    # the base heights count two subtitle lines; a longer subtitle (a wrapped note) adds its own
    height = int(height + 40 * extra_title_lines + 16 * max(0, len(sub_lines) - 2) + legend_px + 15 * len(source_lines))
    fig.update_layout(
        # plotly anchors a title of several lines by its first line: each further line moves it down
        title={"text": title, "x": 0, "xanchor": "left", "xref": "container",
               "y": 1 - (8 + 20 * extra_title_lines) / height, "yanchor": "top",
               "yref": "container", "pad": {"l": 8},
               "font": {"size": 17}, **({"subtitle": {"text": subtitle, "font": {"size": 12, "color": "#555555"}}}
                                        if subtitle else {})},
        separators=separators(lang),
        height=height,
        margin={"l": 10, "r": right, "t": 8 + head + legend_px + 8, "b": 62 + 15 * len(source_lines)},
        font={"family": FONT, "size": 13, "color": TEXT_COLOUR},
        showlegend=bool(names),
        legend={"orientation": "h", "yref": "container", "y": 1 - (8 + head) / height, "yanchor": "top",
                "x": 0, "xanchor": "left", "xref": "container", "title": None, "traceorder": "normal",
                "font": {"size": 12}},
        hoverlabel={"align": "left"},
        clickmode="event+select",
        dragmode=False,
        plot_bgcolor="white",
    )
    fig.update_xaxes(title_text=x_title, title_standoff=8, showgrid=True, gridcolor="#e5e5e5", zeroline=True,
                     zerolinecolor="#999999", automargin=False)
    fig.update_yaxes(title_text=y_title, automargin=True)
    fig.update_xaxes(tickfont={"color": TEXT_COLOUR}, title_font={"color": TEXT_COLOUR})
    fig.update_yaxes(tickfont={"color": TEXT_COLOUR}, title_font={"color": TEXT_COLOUR})
    # Right-aligned at the plot's right edge, so a long line runs left under the axis labels.
    fig.add_annotation(text="<br>".join(source_lines), xref="paper", yref="paper", x=1, y=0, xanchor="right",
                       yanchor="top", yshift=-50, showarrow=False, align="right",
                       font={"size": 11, "color": "#555555"})
    return fig


ROW_MARK = "\u200b"  # zero-width space: keeps two rows with the same visible label apart


def categories(labels) -> list[str]:
    """One category per row, in row order: the y values of a bar chart's rows.

    plotly puts every bar with the same category string on ONE row, drawn over each other,
    so two rows with the same visible label (a repeated period count, two organisations cut
    to the same 46 characters) would merge. A repeated label gets invisible zero-width
    spaces appended until it is unique; `plain_label` takes them off again."""
    out: list[str] = []
    used: set[str] = set()
    for label in labels:
        cat = str(label)
        while cat in used:
            cat += ROW_MARK
        used.add(cat)
        out.append(cat)
    return out


def rows_where(cats: list[str], mask) -> list[str]:
    """The categories of the rows where `mask` holds. `cats` and `mask` describe the SAME rows
    (one category per row of the frame the mask was computed on); anything else is a bug
    that would pair an amount with another row's label, so a length mismatch raises."""
    return [c for c, m in zip(cats, list(mask), strict=True) if m]


NOTE_WRAP = 24  # characters per line of a row label's note (11 px type): see TITLE_WRAP


def _sub_label(label: str, note: str, width: int | None = NOTE_WRAP) -> str:
    """A category label with a smaller note under it (e.g. the count of unknown amounts), wrapped
    at `width` characters (None: the note's own lines), each line its own span (plotly styles a
    span within one line)."""
    lines = _BR.split(_lines(note, width) if width else note)
    return label + "".join(f"<br><span style='font-size:11px;color:#555555'>{line}</span>" for line in lines)


def _bar_text(style: dict[str, str]) -> dict:
    """Where a bar's amount goes: inside the end of a plain bar when it fits there (a long bar on
    a phone's narrow plot has no room left after it), else after it; always after a patterned
    bar, on which no text is readable."""
    if style["pattern"]:
        return {"textposition": "outside", "outsidetextfont": {"color": TEXT_COLOUR}}
    return {"textposition": "auto", "insidetextanchor": "end", "insidetextfont": {"color": "#ffffff"},
            "outsidetextfont": {"color": TEXT_COLOUR}}


def _money_axis(fig: go.Figure, top: float | None) -> None:
    """EUR axis 1.6 times the longest bar, with room after it for its amount (a patterned bar's
    amount is always after it; _finish adds what a phone's narrow plot still lacks on the right).
    Every bar carries its amount, so the axis has no tick labels: on a phone they ran together."""
    top = top if top and top > 0 else 1.0
    fig.update_xaxes(tickformat=",.0f", range=[0, top * 1.6], nticks=5, tickangle=0, showticklabels=False)


def _prog(p: str, lang: str) -> str:
    return t("prog_" + p, lang)


def _money_list(values, lang: str) -> list[str]:
    return [fmt.money(v, lang) if pd.notna(v) else t("budget_unpublished", lang) for v in values]


def _unknown_note(n: int, lang: str, n_in_group: int = 0) -> str:
    if not n:
        text = t("all_amounts_known", lang)
    else:
        text = t("n_without_amount", lang, n=n)
    if n_in_group:
        text += " · " + t("n_in_group", lang, n=n_in_group)
    return text


def _n_in_group(frame: pd.DataFrame) -> list[int]:
    return [int(v) for v in frame["n_in_group"]] if "n_in_group" in frame else [0] * len(frame)


def _add_group_trace(fig: go.Figure, frame: pd.DataFrame, cats: list[str], key: str, lang: str) -> None:
    """Group amounts (one amount for several projects) as their own bars, never stacked on per-project sums."""
    if "n_groups" not in frame or not (frame["n_groups"] > 0).any():
        return
    has = frame["n_groups"] > 0
    part = frame[has]
    money = [budget.group_money(a, al, lang) for a, al in zip(part["group_eur"], part["group_at_least"])]
    fig.add_bar(
        y=rows_where(cats, has), x=part["group_eur"], orientation="h", name=t("basis_group", lang),
        marker={"color": GROUP_STYLE["colour"], "pattern": {"shape": GROUP_STYLE["pattern"]}},
        text=money, cliponaxis=False, **_bar_text(GROUP_STYLE),
        customdata=np.column_stack([part[key].astype(str), money, [fmt.number(n, lang) for n in part["n_in_group"]]]),
        hovertemplate="<b>%{y}</b><br>" + t("basis_group", lang) + ": %{customdata[1]}<br>"
        + t("hover_group_projects", lang) + ": %{customdata[2]}<extra></extra>",
    )


# ---------------------------------------------------------------------------
# Budgets
# ---------------------------------------------------------------------------
def programme_totals_chart(totals: pd.DataFrame, lang: str, *, source: str, wrap: bool = True) -> go.Figure:
    """Programme-level budgets from data/programmes.csv (not sums of projects), one bar each.

    `totals` is `atlas.model.budget.programme_totals()`. Programmes without a published total get
    a labelled empty row, never a zero bar. Bars are coloured and patterned by their basis.
    """
    fig = go.Figure()
    # A programme without a published total says so in its row label (a second line), not as a
    # text on the plot, where a phone's narrow plot cut it off.
    # `wrap`: row labels of at most ~26 characters a line (the note ~22, in smaller type) and the
    # title on two lines, so a phone's plot keeps room for the bars; presenter mode (a projector,
    # the chart in a frame as high as the screen has left) keeps each on one line.
    def fold(text: str, width: int) -> str:
        return _lines(text, width) if wrap else text

    row = {p: fold(_prog(p, lang), ROW_WRAP) if pd.notna(v)
           else _sub_label(fold(_prog(p, lang), ROW_WRAP), t("no_programme_budget", lang), 22 if wrap else None)
           for p, v in zip(totals["programme"], totals["total_budget_eur"])}
    cats = list(row.values())
    for b in BASES:
        part = totals[(totals["total_budget_basis"] == b) & totals["total_budget_eur"].notna()]
        if not len(part):
            continue
        style = BASIS_STYLE[b]
        money = _money_list(part["total_budget_eur"], lang)
        counts = [fmt.number(c, lang) if pd.notna(c) else "—" for c in part["official_count"]]
        fig.add_bar(
            y=[row[p] for p in part["programme"]], x=part["total_budget_eur"], orientation="h",
            name=t("basis_" + b, lang), marker={"color": style["colour"], "pattern": {"shape": style["pattern"]}},
            text=money, cliponaxis=False, **_bar_text(style),
            customdata=np.column_stack([part["programme"], money, counts]),
            hovertemplate="<b>%{y}</b><br>" + t("basis_" + b, lang) + ": %{customdata[1]}<br>"
            + t("official_count", lang) + ": %{customdata[2]}<extra></extra>",
        )
    missing = totals[totals["total_budget_eur"].isna()]
    if len(missing):  # an empty point keeps the programme's row (no bar of 0)
        fig.add_scatter(
            y=[row[p] for p in missing["programme"]], x=[0] * len(missing), mode="text",
            text=[""] * len(missing), customdata=np.column_stack([missing["programme"]]), hoverinfo="skip",
            showlegend=False,
        )
    fig.update_yaxes(categoryorder="array", categoryarray=cats[::-1])
    _money_axis(fig, totals["total_budget_eur"].max())
    fig.update_layout(barmode="group")
    return _finish(fig, lang, title=fold(t("ch_programme_totals", lang), 24), subtitle=t("ch_programme_totals_sub", lang),
                   x_title=t("ax_budget_eur", lang), y_title="", source=source, height=150 + 60 * max(len(totals), 1),
                   wrap=wrap)


def budget_bars(frame: pd.DataFrame, key: str, labels: list[str], lang: str, *, title: str, y_title: str,
                source: str, subtitle: str | None = None, unknown_in_label: bool = True,
                row_wrap: int = ROW_WRAP) -> go.Figure:
    """Per-project amounts summed per group (programme, province, organisation...).

    `frame` is a `atlas.model.budget.budget_by*` frame; `key` its group column (its values are
    the click/filter values), `labels` the display label per row. One trace per basis that
    occurs (bars side by side, never stacked). The number of projects without a published
    amount is written under each group label: a count, never a zero.
    """
    fig = go.Figure()
    labels = [_lines(plain(label), row_wrap) for label in labels]
    cats = []
    for label, n_unknown, n_group in zip(labels, frame["n_without_amount"], _n_in_group(frame), strict=True):
        cats.append(_sub_label(label, _unknown_note(int(n_unknown), lang, n_group)) if unknown_in_label else label)
    cats = categories(cats)
    for b in BASES:
        has = frame[f"n_{b}"] > 0
        if not has.any() and b != "granted":
            continue
        part = frame[has]
        style = BASIS_STYLE[b]
        money = _money_list(part[f"{b}_eur"], lang)
        n_with = [fmt.number(n, lang) for n in part[f"n_{b}"]]
        n_without = [fmt.number(n, lang) for n in part["n_without_amount"]]
        fig.add_bar(
            y=rows_where(cats, has), x=part[f"{b}_eur"], orientation="h",
            name=t("basis_" + b, lang), marker={"color": style["colour"], "pattern": {"shape": style["pattern"]}},
            text=money, cliponaxis=False, **_bar_text(style),
            customdata=np.column_stack([part[key].astype(str), money, n_with, n_without]) if len(part) else None,
            hovertemplate="<b>%{y}</b><br>" + t("basis_" + b, lang) + ": %{customdata[1]}<br>"
            + t("hover_n_with", lang) + ": %{customdata[2]}<br>" + t("hover_n_without", lang)
            + ": %{customdata[3]}<extra></extra>",
        )
    _add_group_trace(fig, frame, cats, key, lang)
    # Groups without any amount still get their row, with the count of unknown amounts.
    n_amounts = frame[[f"n_{b}" for b in BASES]].sum(axis=1) + (frame["n_groups"] if "n_groups" in frame else 0)
    none = frame[n_amounts == 0]
    if len(none):
        fig.add_scatter(
            y=rows_where(cats, n_amounts == 0), x=[0] * len(none), mode="text",
            text=[t("budget_unpublished", lang)] * len(none), textposition="middle right", hoverinfo="skip",
            showlegend=False, customdata=np.column_stack([none[key].astype(str)]),
        )
    fig.update_yaxes(categoryorder="array", categoryarray=cats[::-1])
    _money_axis(fig, frame[[f"{b}_eur" for b in BASES] + (["group_eur"] if "group_eur" in frame else [])].max().max())
    fig.update_layout(barmode="group", bargap=0.25)
    n_bases = sum(1 for b in BASES if (frame[f"n_{b}"] > 0).any()) + int("n_groups" in frame and (frame["n_groups"] > 0).any())
    row_px = 20 + 14 * max(n_bases, 1) + 15 * _extra_lines(cats)
    return _finish(fig, lang, title=title, subtitle=subtitle, x_title=t("ax_budget_eur", lang), y_title=y_title,
                   source=source, height=130 + row_px * max(len(frame), 1))


def budget_by_programme_chart(frame: pd.DataFrame, lang: str, *, source: str) -> go.Figure:
    """Sum of the per-project published amounts per programme, per basis (click = programme filter)."""
    n_unknown = int(frame["n_without_amount"].sum())
    return budget_bars(frame, "programme", [_prog(p, lang) for p in frame["programme"]], lang,
                       title=t("ch_budget_programme", lang),
                       subtitle=_unknown_note(n_unknown, lang, sum(_n_in_group(frame))),
                       y_title="", source=source)


def budget_by_province_chart(frame: pd.DataFrame, lang: str, *, source: str) -> go.Figure:
    """Sum of the per-project published amounts per province, per basis (click = province filter)."""
    labels = [n or t("unknown", lang) for n in frame["province_name"]]
    n_unknown = int(frame["n_without_amount"].sum())
    return budget_bars(frame, "province_nis", labels, lang, title=t("ch_budget_province", lang),
                       subtitle=_unknown_note(n_unknown, lang, sum(_n_in_group(frame))), y_title="", source=source)


def budget_by_holder_chart(frame: pd.DataFrame, lang: str, *, source: str, n_holders_without: int,
                           n_projects_without: int) -> go.Figure:
    """Published amounts per organisation / institute, only those with an amount are drawn.

    How many organisations (and projects) have no published amount is the subtitle.
    """
    sub = t("holders_without", lang, n=fmt.number(n_holders_without, lang), m=fmt.number(n_projects_without, lang))
    names = frame[f"label_{lang}"] if f"label_{lang}" in frame else frame["holder"]  # a budget group by its name
    labels = [h if len(h) <= 44 else h[:42] + "…" for h in names]
    return budget_bars(frame, "holder", labels, lang, title=t("ch_budget_holder", lang), subtitle=sub,
                       y_title="", source=source, unknown_in_label=False, row_wrap=22)


def project_budget_chart(frame: pd.DataFrame, lang: str, *, source: str, n_without: int,
                         groups: pd.DataFrame | None = None) -> go.Figure:
    """One bar per project with a published amount, coloured by basis (programme pages).

    `groups` (`atlas.model.budget.group_amounts()`): one more bar per group amount, labelled with
    the group's name ("Gent (5 projecten samen)"), in its own trace: never split per project.
    """
    fig = go.Figure()
    # The group bars come first, then one row per project: the categories of both are made
    # together (unique), but each trace takes its y values from its OWN rows, never by position
    # in the combined list (that shifted every amount one label down under the Gent group bar).
    has_groups = groups is not None and len(groups) > 0
    glabels = [_lines(plain(g), ROW_WRAP) for g in groups[f"name_{lang}"]] if has_groups else []
    labels = categories(glabels + [_lines(plain(f"{m} · {i}"), ROW_WRAP)
                                   for m, i in zip(frame["municipality"], frame["id"], strict=True)])
    glabels, project_labels = labels[:len(glabels)], labels[len(glabels):]
    if has_groups:
        money = [budget.group_money(a, al, lang) for a, al in zip(groups["amount_eur"], groups["at_least"])]
        fig.add_bar(
            y=glabels, x=groups["amount_eur"], orientation="h", name=t("basis_group", lang),
            marker={"color": GROUP_STYLE["colour"], "pattern": {"shape": GROUP_STYLE["pattern"]}},
            text=money, cliponaxis=False, **_bar_text(GROUP_STYLE),
            customdata=np.column_stack([groups["programme"], money, [plain(i) for i in groups["ids"]]]),
            hovertemplate="<b>%{y}</b><br>" + t("basis_group", lang) + ": %{customdata[1]}<br>"
            + t("hover_group_projects", lang) + ": %{customdata[2]}<extra></extra>",
        )
        frame_top = max(frame["budget_eur"].max() if len(frame) else 0, groups["amount_eur"].max())
    else:
        frame_top = frame["budget_eur"].max() if len(frame) else None
    for b in BASES:
        mask = (frame["budget_basis"] == b).to_numpy()
        if not mask.any():
            continue
        part = frame[mask]
        style = BASIS_STYLE[b]
        money = _money_list(part["budget_eur"], lang)
        fig.add_bar(
            y=rows_where(project_labels, mask), x=part["budget_eur"], orientation="h",
            name=t("basis_" + b, lang), marker={"color": style["colour"], "pattern": {"shape": style["pattern"]}},
            text=money, cliponaxis=False, **_bar_text(style),
            customdata=np.column_stack([part["programme"], money, [plain(n) for n in part["name"]]]),
            hovertemplate="<b>%{customdata[2]}</b><br>%{y}<br>" + t("basis_" + b, lang)
            + ": %{customdata[1]}<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1])
    _money_axis(fig, frame_top)
    fig.update_layout(barmode="group", bargap=0.3)
    return _finish(fig, lang, title=t("ch_budget_project", lang), subtitle=_unknown_note(n_without, lang),
                   x_title=t("ax_budget_eur", lang), y_title="", source=source,
                   height=170 + (30 + 15 * _extra_lines(labels)) * max(len(labels), 1))


def per_inhabitant_chart(frame: pd.DataFrame, lang: str, *, source: str, basis: str = "granted") -> go.Figure:
    """EUR per inhabitant per province: the amount over the population of the funded municipalities."""
    labels = categories(_lines(plain(n), ROW_WRAP) if n else t("unknown", lang) for n in frame["province_name"])
    per = [fmt.money(v, lang) if pd.notna(v) else "—" for v in frame["eur_per_inhabitant"]]
    amount = _money_list(frame["amount_eur"], lang)
    pop = [fmt.number(v, lang) for v in frame["population"]]
    fig = go.Figure(go.Bar(
        y=labels, x=frame["eur_per_inhabitant"], orientation="h", name=t("basis_" + basis, lang),
        marker={"color": BASIS_STYLE[basis]["colour"], "pattern": {"shape": BASIS_STYLE[basis]["pattern"]}},
        text=per, textposition="auto",
        customdata=np.column_stack([frame["province_nis"], per, amount, pop, frame["municipalities"]]) if len(frame) else None,
        hovertemplate="<b>%{y}</b><br>" + t("hover_per_inhabitant", lang) + ": %{customdata[1]}<br>"
        + t("basis_" + basis, lang) + ": %{customdata[2]}<br>" + t("hover_population", lang)
        + ": %{customdata[3]}<br>" + t("hover_municipalities", lang) + ": %{customdata[4]}<extra></extra>",
    ))
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1])
    top = frame["eur_per_inhabitant"].max() if len(frame) else 1.0
    fig.update_xaxes(tickformat=",.2f", range=[0, (top if top > 0 else 1.0) * 1.15], nticks=5, tickangle=0)
    return _finish(fig, lang, title=t("ch_per_inhabitant", lang), subtitle=t("ch_per_inhabitant_sub", lang),
                   x_title=t("ax_eur_per_inhabitant", lang), y_title="", source=source,
                   height=170 + 50 * max(len(frame), 1), legend=False)


def stek_institutes_chart(frame: pd.DataFrame, lang: str, *, source: str) -> go.Figure:
    """Known new STEK locations per regional institute against the official number per institute."""
    labels = categories(plain(i) for i in frame["institute"])
    known = [fmt.number(v, lang) for v in frame["n_known"]]
    official = [fmt.number(v, lang) if pd.notna(v) else "—" for v in frame["n_official"]]
    fig = go.Figure()
    fig.add_bar(y=labels, x=frame["n_official"], orientation="h", name=t("stek_official_per_inst", lang),
                marker={"color": "rgba(0,0,0,0)", "line": {"color": PROGRAMME_COLOURS["stek"], "width": 2}},
                hoverinfo="skip")
    fig.add_bar(y=labels, x=frame["n_known"], orientation="h", name=t("stek_known_per_inst", lang),
                marker={"color": PROGRAMME_COLOURS["stek"]}, text=[f"{k} / {o}" for k, o in zip(known, official)],
                textposition="outside", customdata=np.column_stack([frame["institute_id"], known, official]),
                hovertemplate="<b>%{y}</b><br>" + t("stek_known_per_inst", lang) + ": %{customdata[1]} / %{customdata[2]}"
                "<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1])
    top = max(frame["n_official"].max() if frame["n_official"].notna().any() else 0, frame["n_known"].max(), 1)
    fig.update_xaxes(dtick=1, range=[0, top + 0.9])
    fig.update_layout(barmode="overlay")
    return _finish(fig, lang, title=t("ch_stek_institutes", lang), subtitle=t("ch_stek_institutes_sub", lang),
                   x_title=t("ax_n_locations", lang), y_title="", source=source, height=170 + 40 * max(len(frame), 1))


# ---------------------------------------------------------------------------
# Status and timeline
# ---------------------------------------------------------------------------
def status_chart(frame: pd.DataFrame, lang: str, ref: date, *, source: str, note: str | None = None) -> go.Figure:
    """Projects per programme by status at the reference date (stacked counts; click = programme).

    `note`: a sourced caveat from data/programmes.csv (e.g. the zorgzame buurten extension),
    added to the subtitle; its sources belong in `source`.
    """
    fig = go.Figure()
    labels = [_lines(_prog(p, lang), ROW_WRAP) for p in frame["programme"]]
    for s in ("running", "planned", "ended", "unknown"):
        counts = frame[s]
        fig.add_bar(
            y=labels, x=counts, orientation="h", name=t("status_" + s, lang) + (
                " " + t("status_unknown_why", lang) if s == "unknown" else ""),
            marker={"color": STATUS_STYLE[s]["colour"], "line": {"color": "#555555", "width": 1},
                    "pattern": {"shape": STATUS_STYLE[s]["pattern"], "fgcolor": "#6b6b6b", "size": 6,
                                "solidity": 0.2}},
            text=[fmt.number(c, lang) if c else "" for c in counts], textposition="inside", insidetextanchor="middle",
            textfont={"color": STATUS_STYLE[s]["text"]},
            customdata=np.column_stack([frame["programme"], [fmt.number(c, lang) for c in counts]]),
            hovertemplate="<b>%{y}</b><br>" + t("status_" + s, lang) + ": %{customdata[1]}<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1])
    fig.update_xaxes(rangemode="tozero", tickformat=",d")
    fig.update_layout(barmode="stack")
    subtitle = t("ch_status_sub", lang) + ("<br>" + t("status_extension_note", lang, note=plain(note)) if note else "")
    return _finish(fig, lang, title=t("ch_status", lang, date=fmt.day(ref, lang)), subtitle=subtitle,
                   x_title=t("ax_n_projects", lang), y_title="", source=source, height=170 + 55 * max(len(frame), 1))


def _timeline_label(row, lang: str, with_programme: bool = True) -> str:
    text = t("tl_" + row["kind"], lang, n=int(row["n_projects"]))
    return f"{_prog(row['programme'], lang)}: {text}" if with_programme else text[:1].upper() + text[1:]


def timeline_chart(frame: pd.DataFrame, lang: str, ref: date, *, source: str) -> go.Figure:
    """Gantt of project periods per programme, the reference date as a vertical line.

    `frame` is `atlas.model.budget.timeline()`. Project periods are solid bars in the programme's
    colour (one bar per distinct period, with the number of projects). The programme's
    official period is an outlined, hatched bar labelled as such. Projects without a full
    period are rows with a text, not a bar: their period is not published.
    """
    fig = go.Figure()
    several = frame["programme"].nunique() > 1
    # A row without a full period says so under its label (on a phone's narrow plot a text next
    # to the axis ran off the frame); two periods may share a count, hence categories().
    dated_mask = frame["start"].notna() & frame["end"].notna()
    labels = categories(_lines(_timeline_label(r, lang, several), ROW_WRAP) if has
                        else _sub_label(_lines(_timeline_label(r, lang, several), ROW_WRAP), t("tl_not_drawn", lang))
                        for (_, r), has in zip(frame.iterrows(), dated_mask))
    dated = frame[dated_mask]
    ref_ts = pd.Timestamp(ref)
    lo = min([ref_ts] + list(dated["start"])) - pd.Timedelta(days=120)
    hi = max([ref_ts] + list(dated["end"])) + pd.Timedelta(days=120)
    for kind in ("programme", "projects"):
        part = dated[dated["kind"] == kind]
        if not len(part):
            continue
        ys = [labels[i] for i in part.index.map(frame.index.get_loc)]
        dur_ms = [((e - s) + pd.Timedelta(days=1)) / pd.Timedelta(milliseconds=1) for s, e in zip(part["start"], part["end"])]
        period = [f"{fmt.day(s, lang)} – {fmt.day(e, lang)}" for s, e in zip(part["start"], part["end"])]
        ids = [plain(i if len(i) <= 120 else i[:118] + "…") for i in part["ids"]]
        if kind == "programme":
            colours = [PROGRAMME_COLOURS[p] for p in part["programme"]]
            marker = {"color": "rgba(255,255,255,0)", "line": {"color": colours, "width": 2},
                      "pattern": {"shape": "/", "fgcolor": colours, "fillmode": "overlay"}}
            name = t("tl_programme_legend", lang)
        else:
            marker = {"color": [PROGRAMME_COLOURS[p] for p in part["programme"]]}
            name = t("tl_projects_legend", lang)
        fig.add_bar(
            y=ys, x=dur_ms, base=[s.strftime("%Y-%m-%d") for s in part["start"]], orientation="h", name=name,
            marker=marker, customdata=np.column_stack([part["programme"], period, ids]),
            hovertemplate="<b>%{y}</b><br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
        )
    undated = frame[~dated_mask]
    if len(undated):  # an empty point keeps the row
        ys = [labels[i] for i in undated.index.map(frame.index.get_loc)]
        fig.add_scatter(
            y=ys, x=[lo.strftime("%Y-%m-%d")] * len(undated), mode="text", showlegend=False,
            text=[""] * len(undated),
            customdata=np.column_stack([undated["programme"], [plain(i) for i in undated["ids"]]]),
            hovertemplate="%{y}<br>%{customdata[1]}<extra></extra>",
        )
    iso = ref_ts.strftime("%Y-%m-%d")
    fig.add_vline(x=iso, line={"color": "#d7191c", "width": 2, "dash": "dash"})
    right_side = (ref_ts - lo) / (hi - lo) > 0.7  # keep the label inside the plot
    fig.add_annotation(x=iso, y=1, xref="x", yref="paper", yanchor="top", xanchor="right" if right_side else "left",
                       xshift=-4 if right_side else 4, showarrow=False,
                       text=_lines(t("tl_ref_date", lang, date=fmt.day(ref, lang)), 16), font={"color": "#d7191c", "size": 12},
                       bgcolor="rgba(255,255,255,0.85)")
    years = list(range(lo.year + (lo > pd.Timestamp(lo.year, 1, 1)), hi.year + 1))  # the 1 Januaries shown
    years = years[::-(-len(years) // 4)]  # at most four ticks: a year a tick ran together on a phone
    fig.update_xaxes(type="date", range=[lo.strftime("%Y-%m-%d"), hi.strftime("%Y-%m-%d")],
                     tickvals=[f"{y}-01-01" for y in years], ticktext=[str(y) for y in years], tickangle=0)
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1])
    fig.update_layout(barmode="overlay", bargap=0.35)
    row_px = max(42, 16 * (1 + _extra_lines(labels)))
    return _finish(fig, lang, title=t("ch_timeline", lang), subtitle=t("ch_timeline_sub", lang),
                   x_title=t("ax_date", lang), y_title="", source=source, height=190 + row_px * max(len(frame), 1))


# ---------------------------------------------------------------------------
# Urban versus rural
# ---------------------------------------------------------------------------
def area_split_chart(frame: pd.DataFrame, lang: str, typology: str, *, population_label: str,
                     source: str) -> go.Figure:
    """Share of each programme's projects per area class next to the population's share.

    `frame` is `atlas.model.budget.area_split()`. One 100 % bar per programme plus one for the
    population; segments are the classes of `typology` (click = area filter).
    """
    groups = list(dict.fromkeys(frame["group"]))
    glabel = {g: _lines(population_label if g == "population" else _prog(g, lang), ROW_WRAP) for g in groups}
    fig = go.Figure()
    classes = list(dict.fromkeys(frame["class"]))
    for c in classes:
        part = frame[frame["class"] == c]
        name = class_label(typology, c, lang)
        colour = CLASS_COLOURS.get(typology, {}).get(c, NO_CLASS_COLOUR)
        shares = [fmt.percent(s, lang) for s in part["share"]]
        counts = [fmt.number(n, lang) for n in part["count"]]
        units = [t("unit_inhabitants" if g == "population" else "unit_projects", lang) for g in part["group"]]
        fig.add_bar(
            y=[glabel[g] for g in part["group"]], x=part["share"] * 100, orientation="h", name=name,
            marker={"color": colour, "line": {"color": "#555555", "width": 0.5}},
            text=[s if v >= 0.07 else "" for s, v in zip(shares, part["share"])], textposition="inside",
            insidetextanchor="middle",
            customdata=np.column_stack([[c] * len(part), shares, counts, units, [name] * len(part)]),
            hovertemplate="<b>%{y}</b><br>%{customdata[4]}: %{customdata[1]} (%{customdata[2]} %{customdata[3]})"
            "<extra></extra>",
        )
    cats = [glabel[g] for g in groups]
    fig.update_yaxes(categoryorder="array", categoryarray=cats[::-1])
    fig.update_xaxes(range=[0, 100], ticksuffix=" %", dtick=50)  # more ticks ran together on a phone
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_layout(uniformtext={"minsize": 10, "mode": "hide"})
    n_classes = len(classes)
    return _finish(fig, lang, title=t("ch_area_split", lang), subtitle=typology_label(typology, lang),
                   x_title=t("ax_share_pct", lang), y_title="", source=source,
                   height=200 + 48 * max(len(groups), 1) + (22 * (n_classes // 3) if n_classes > 3 else 0))


# ---------------------------------------------------------------------------
# Projects and amounts against need (kansarmoede-index)
# ---------------------------------------------------------------------------
def safe_text(value) -> str:
    """Data text for plotly labels and hover text: plotly renders some HTML there (`<a href>`
    becomes a link, `<b>` bold), so names pass html.escape (plotly shows the entities as text)."""
    return html.escape("" if value is None else str(value), quote=True)


NEED_MEASURES = ("projects", "amount")
NEED_LEVELS = ("municipality", "province")


def need_chart(frame: pd.DataFrame, lang: str, *, measure: str, level: str, known_note: str, source: str) -> go.Figure:
    """Known projects (or known granted amounts) per 10,000 inhabitants against the kansarmoede-index.

    `frame`: atlas.model.budget.need_against_projects. One point per municipality (name on hover)
    or per province (name as label); rows without an index are left out and counted in the
    subtitle, which also states that the project list is incomplete (`known_note`).
    """
    y_col = "projects_per_10k" if measure == "projects" else "amount_per_10k"
    shown = frame[frame["kansarmoede_index_pct"].notna() & frame[y_col].notna()]
    missing = len(frame) - len(shown)
    names = [safe_text(v) for v in shown["name"]]
    provs = [safe_text(v) for v in shown["province_name"]]
    index = [fmt.number(v, lang, 2) + " %" for v in shown["kansarmoede_index_pct"]]
    per = ([fmt.number(v, lang, 2) for v in shown[y_col]] if measure == "projects"
           else [fmt.money(v, lang) for v in shown[y_col]])
    counts = [fmt.number(v, lang) for v in shown["n_projects"]]
    amounts = [fmt.money(v, lang) + f" ({fmt.number(k, lang)})" for v, k in zip(shown["amount_granted_eur"], shown["n_granted"])]
    pop = [fmt.number(v, lang) for v in shown["population"]]
    province = level == "province"
    fig = go.Figure(go.Scatter(
        x=shown["kansarmoede_index_pct"], y=shown[y_col], mode="markers+text" if province else "markers",
        text=names if province else None, textposition="top center",
        marker={"color": PROGRAMME_COLOURS["stek"], "size": 12 if province else 8, "opacity": 0.75,
                "line": {"color": "white", "width": 0.5}},
        customdata=np.column_stack([names, provs, index, per, counts, amounts, pop]) if len(shown) else None,
        hovertemplate="<b>%{customdata[0]}</b>" + ("" if province else " (%{customdata[1]})")
        + "<br>" + t("need_col_index", lang) + ": %{customdata[2]}<br>" + t("need_ax_" + measure, lang)
        + ": %{customdata[3]}<br>" + t("need_hover_projects", lang) + ": %{customdata[4]}<br>"
        + t("need_hover_amount", lang) + ": %{customdata[5]}<br>" + t("hover_population", lang)
        + ": %{customdata[6]}<extra></extra>",
        name="", showlegend=False,
    ))
    notes = [known_note]
    if measure == "amount":
        notes.append(t("need_chart_amount_note", lang))
    if province:
        notes.append(t("need_chart_province_note", lang))
    if missing:
        notes.append(t("need_chart_missing", lang, n=missing))
    fig.update_xaxes(ticksuffix=" %", rangemode="tozero")
    fig.update_yaxes(rangemode="tozero", tickformat=",.2f" if measure == "projects" else ",.0f")
    return _finish(fig, lang, title=t("need_chart_title_" + measure, lang),
                   subtitle="<br>".join(safe_text(n) for n in notes),
                   x_title=t("need_ax_index", lang), y_title=t("need_ax_" + measure, lang), source=source,
                   height=460, legend=False)
# Text alternative
# ---------------------------------------------------------------------------
_TAGS = re.compile(r"<[^>]+>")
_NOTE_LINE = re.compile(r"<br\s*/?>\s*<span")  # where a row label's smaller note starts (_sub_label)


def _plain(text) -> str:
    return _TAGS.sub(" ", str(text or "")).replace(ROW_MARK, "").replace("  ", " ").strip()


def row_name(category) -> str:
    """A row's name as read: its lines (a long name wraps) before its smaller note line, no markup."""
    return " ".join(_plain(_NOTE_LINE.split(str(category))[0]).split())


def text_summary(fig: go.Figure, lang: str, max_items: int = 8) -> str:
    """A short text version of a bar chart, from the figure's own data (its title, then per
    series the categories and their values), shown under the chart for screen readers and
    anyone who cannot read the colours. Bars with a base (the timeline) are counted."""
    title = _plain(fig.layout.title.text)
    parts = []
    for tr in fig.data:
        if getattr(tr, "type", "") != "bar" or tr.x is None or tr.y is None:
            continue
        horizontal = tr.orientation == "h"
        cats, vals = (tr.y, tr.x) if horizontal else (tr.x, tr.y)
        name = _plain(tr.name)
        if tr.base is not None:
            parts.append(f"{name}: " + t("chart_summary_bars", lang, n=len(cats)) if name
                         else t("chart_summary_bars", lang, n=len(cats)))
            continue
        # A row by its name (row_name: its lines before the note), not its note: "Zorgzame buurt 400.000", never
        # "... 5 in een groepsbedrag 400.000", which reads as if the note's number went with the value.
        items = [(row_name(c), v) for c, v in zip(cats, vals)
                 if v is not None and pd.notna(v) and v != 0]
        if not items:
            continue
        shown = "; ".join(f"{c} {fmt.number(v, lang, digits=0 if float(v).is_integer() else 2)}"
                          for c, v in items[:max_items])
        if len(items) > max_items:
            shown += " " + t("chart_summary_more", lang, n=len(items) - max_items)
        parts.append(f"{name}: {shown}" if name else shown)
    return t("chart_summary", lang, title=title, content=" · ".join(parts) or t("chart_summary_empty", lang))
