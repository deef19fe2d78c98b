"""The one escaping function: every data-derived string passes here before it becomes HTML
(the folium map in geo.mapbuilder, the self-contained report in atlas.report)."""

from __future__ import annotations

import html
import math
import re
from typing import Any


def esc(value: Any) -> str:
    """html.escape for anything; None and NaN become ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: Any) -> str:
    """Data text made inert for Streamlit markdown (no markup, links, HTML or LaTeX from the data)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text or ""))


def md_literal(text: Any) -> str:
    """Untrusted text shown verbatim inside Streamlit markdown: an inline code span, which
    neither links (not even bare URLs), formats nor renders HTML. Fenced with one backtick more
    than the longest run inside it (CommonMark)."""
    value = " ".join(str(text or "").split())
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {value} {fence}"
