"""The one escaping function: every data-derived string passes here before it becomes HTML
(the folium map in geo.mapbuilder, the self-contained report in atlas.report)."""

from __future__ import annotations

import html
import math
from typing import Any


def esc(value: Any) -> str:
    """html.escape for anything; None and NaN become ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)
