"""Escaping for the one renderer that has no escaping of its own: Streamlit markdown.

Data text in markdown (st.markdown, st.caption, st.warning, …) passes `md` (shown as text,
inert) or `md_literal` (shown verbatim as code, for values from a link or an upload).
The other renderers escape by construction: the report is an autoescaping Jinja template,
the map inserts JSON text with `textContent` (geo/web/map.js), plotly labels go through
`atlas.views.charts`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~$])")
# Streamlit's markdown turns bare `https://…`, `www.…`, `evil.com` and `a@b.c` into links even when
# escaped with a backslash or written as character references (checked in Chromium). An invisible
# zero-width space before ':', '.' and '@' breaks every such pattern and reads the same.
ZWSP = "\u200b"
_MD_UNLINK = str.maketrans({":": ZWSP + ":", ".": ZWSP + ".", "@": ZWSP + "@"})


def md(text: Any) -> str:
    """Data text made inert for Streamlit markdown: no markup, links (not even bare URLs),
    HTML or LaTeX from the data; it still reads the same."""
    return _MD_SPECIAL.sub(r"\\\1", str(text or "")).translate(_MD_UNLINK)


def md_literal(text: Any) -> str:
    """Untrusted text shown verbatim inside Streamlit markdown: an inline code span, which
    neither links (not even bare URLs), formats nor renders HTML. Fenced with one backtick more
    than the longest run inside it (CommonMark)."""
    value = " ".join(str(text or "").split())
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {value} {fence}"


# Characters a link destination keeps as they are; everything else (`<`, `>`, blanks, quotes,
# brackets, backslashes, backticks, line breaks, non-ASCII) is percent-encoded, so a URL from a
# data file can neither close the link (`<…>`) nor add markup after it.
_URL_SAFE = "/:?#@!$&*+,;=%~-._"


def is_http_url(url: Any) -> bool:
    """Is `url` an http(s) URL with a host? The one rule for which source becomes a link, in
    every output (markdown here, the tables and downloads through atlas.views.project_columns)."""
    try:
        parts = urlsplit(str(url or "").strip())
    except ValueError:  # e.g. an unbalanced '[' in the host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def md_link(label: Any, url: Any) -> str:
    """A markdown link to a source: `label` made inert (md) and `url` used only when it is an
    http(s) URL with a host, percent-encoded so nothing in it is read as markdown. Any other
    value is text, never a link."""
    text = md(label)
    url = str(url or "").strip()
    if not is_http_url(url):
        return text
    return f"[{text}](<{quote(url, safe=_URL_SAFE)}>)"
