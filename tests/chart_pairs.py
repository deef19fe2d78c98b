"""Read back what a plotly figure shows, from its JSON (what the browser receives).

The chart checks compare these pairs with numbers computed from the data files, never with
the builder's own input frame, so a label that drifts away from its value fails.
Nothing here imports atlas.views.charts or atlas.model.budget: the reader must not share the code it checks.
"""

from __future__ import annotations

import base64
import html
import json
import re

import numpy as np
import pandas as pd

from atlas.text import fmt
from atlas.text.i18n import t

BASES = ("granted", "standard_rate", "maximum")  # the three budget bases, as data/projects.csv writes them
TAGS = re.compile(r"<[^>]+>")
INVISIBLE = "\u200b"  # zero-width space: rows with equal labels, and markdown's unlinking


def spec(fig) -> dict:
    """A figure as plain JSON: a plotly Figure, a JSON string or an already decoded dict."""
    if isinstance(fig, dict):
        return fig
    if isinstance(fig, str):
        return json.loads(fig)
    return json.loads(fig.to_json())


def array(data) -> list:
    """A plotly JSON array: a plain list, or plotly's typed array {'dtype': ..., 'bdata': base64}."""
    if data is None:
        return []
    if isinstance(data, dict) and "bdata" in data:
        shape = data.get("shape")
        out = np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
        if shape:
            out = out.reshape([int(n) for n in str(shape).split(",")])
        return out.tolist()
    return list(data)


NOTE_START = re.compile(r"<br\s*/?>\s*(?=<span)")  # where a category's smaller note lines begin


def label(category) -> str:
    """A category as a reader sees it: its name (its lines before a smaller note line, see
    atlas.views.charts._sub_label), markup and invisible marks removed."""
    return text_of(NOTE_START.split(str(category), maxsplit=1)[0])


def note_of(category) -> str:
    """A category's smaller note as read (its lines after the name, see label), or ''."""
    parts = NOTE_START.split(str(category), maxsplit=1)
    return text_of(parts[1]) if len(parts) > 1 else ""


def text_of(markup) -> str:
    """A plotly text as read: its lines joined by a space, markup and invisible marks removed."""
    joined = re.sub(r"<br\s*/?>", " ", str(markup))
    return " ".join(html.unescape(TAGS.sub("", joined)).replace(INVISIBLE, "").split())


def bar_traces(fig) -> list[dict]:
    return [tr for tr in spec(fig)["data"] if tr.get("type") == "bar"]


def categories_and_values(trace: dict) -> tuple[list, list]:
    horizontal = trace.get("orientation") == "h"
    cats, vals = (trace.get("y"), trace.get("x")) if horizontal else (trace.get("x"), trace.get("y"))
    cats, vals = array(cats), array(vals)
    assert len(cats) == len(vals), f"trace {trace.get('name')!r}: {len(cats)} categories, {len(vals)} values"
    return cats, vals


def bar_pairs(fig) -> dict[str, list[tuple[str, float]]]:
    """Per trace name, the (label, value) of each drawn bar, in trace order.

    Also checks what makes a pair readable at all: within a trace no two bars share a
    category (plotly would draw them on one row, over each other)."""
    out: dict[str, list[tuple[str, float]]] = {}
    for tr in bar_traces(fig):
        cats, vals = categories_and_values(tr)
        assert len(set(cats)) == len(cats), f"trace {tr.get('name')!r} draws two bars on one row: {cats}"
        drawn = [(label(c), float(v)) for c, v in zip(cats, vals) if v is not None]
        if drawn:  # an empty trace (a legend entry only) draws nothing
            out.setdefault(label(tr.get("name") or ""), []).extend(drawn)
    return out


def rows(fig) -> list[str]:
    """The distinct category rows the figure draws (bars and text marks), as raw strings."""
    seen: list[str] = []
    for tr in spec(fig)["data"]:
        cats = array(tr.get("y") if tr.get("orientation") == "h" or tr.get("type") == "scatter" else tr.get("x"))
        for c in cats:
            if c not in seen:
                seen.append(c)
    return seen


def title(fig) -> str:
    return text_of(spec(fig)["layout"]["title"]["text"])


def caption_text(markdown: str) -> str:
    """A Streamlit caption's markdown source as the reader sees it (escapes and unlinking undone)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(INVISIBLE, "")


# ---------------------------------------------------------------------------
# Expected values, from project rows (columns `amount`, `basis`, `group`) with plain pandas
# ---------------------------------------------------------------------------
def money_pairs(part: pd.DataFrame, key: pd.Series, label_of, lang: str, groups: pd.DataFrame | None) -> dict:
    """Per trace name, the sorted (label, sum) pairs: per basis the sum of the own amounts per
    key value, and the group amounts of groups whose members share one key value."""
    out: dict[str, list] = {}
    for b in BASES:
        own = part[part["basis"] == b]
        sums = own["amount"].groupby(key[own.index]).sum()
        if len(sums):
            out[t("basis_" + b, lang)] = sorted((label_of(k), float(v)) for k, v in sums.items())
    members = part[part["group"] != ""] if groups is not None else part.iloc[0:0]
    per_key: dict = {}
    for gid, grp in members.groupby("group"):
        keys = set(key[grp.index])
        if len(keys) == 1:  # a group whose members fall in several rows is in none (it cannot be split)
            k = keys.pop()
            per_key[k] = per_key.get(k, 0.0) + float(groups.loc[gid, "amount_eur"])
    if per_key:
        out[t("basis_group", lang)] = sorted((label_of(k), v) for k, v in per_key.items())
    return out


def check_summary(fig, summary: str, lang: str) -> None:
    """The text under the chart names the figure's own (label, value) pairs, in the figure's order.
    `summary` as a reader gets it (markdown decodes character references such as &amp;)."""
    summary = " ".join(html.unescape(summary).split())
    assert title(fig) in summary
    for tr in bar_traces(fig):
        name = label(tr.get("name") or "")
        if tr.get("base") is not None:
            n = len(array(tr["y"]))
            assert f"{name}: {t('chart_summary_bars', lang, n=n)}" in summary
            continue
        cats, vals = array(tr["y"] if tr.get("orientation") == "h" else tr["x"]), array(
            tr["x"] if tr.get("orientation") == "h" else tr["y"])
        items = [(label(c), v) for c, v in zip(cats, vals) if v]
        if not items:
            continue
        said = "; ".join(f"{c} {fmt.number(v, lang, digits=0 if float(v).is_integer() else 2)}" for c, v in items[:8])
        assert f"{name}: {said}" in summary, (name, said, summary)
