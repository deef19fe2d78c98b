"""Escaping for the one renderer that has no escaping of its own: Streamlit markdown.

Data text in markdown (st.markdown, st.caption, st.warning, …) passes `md` (shown as text,
inert) or `md_literal` (shown verbatim as code, for values from a link or an upload).
The other renderers escape by construction: the report is an autoescaping Jinja template,
the map inserts JSON text with `textContent` (geo/web/map.js), plotly labels go through
`atlas.charts`.
"""

from __future__ import annotations

import re
from typing import Any

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
