"""Read back what a plotly figure shows, from its JSON (what the browser receives).

The chart checks compare these pairs with numbers computed from the data files, never with
the builder's own input frame, so a label that drifts away from its value fails.
Nothing here imports atlas.charts: the reader must not share the code it checks.
"""

from __future__ import annotations

import base64
import html
import json
import re

import numpy as np

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


def label(category) -> str:
    """A category as a reader sees it: its first line, markup and invisible marks removed."""
    first = re.split(r"<br\s*/?>", str(category))[0]
    return " ".join(html.unescape(TAGS.sub("", first)).replace(INVISIBLE, "").split())


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
        out.setdefault(label(tr.get("name") or ""), []).extend(
            (label(c), float(v)) for c, v in zip(cats, vals) if v is not None)
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
    return label(spec(fig)["layout"]["title"]["text"])


def caption_text(markdown: str) -> str:
    """A Streamlit caption's markdown source as the reader sees it (escapes and unlinking undone)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(INVISIBLE, "")
