"""Working areas: turn an area definition from data/institutes.csv into municipalities.

Grammar: tokens separated by `;`, each `province:<code>`, `region:<code>` or
`municipality:<nis2025>`; a leading `-` excludes. Tokens are applied in order, so
`province:10000;-municipality:11002` is the province of Antwerp without the city.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import pandas as pd

_TOKEN = re.compile(r"^(-?)(province|region|municipality):(\d{4,5})$")


class AreaError(ValueError):
    pass


def parse_area(definition: str) -> list[tuple[bool, str, str]]:
    """[(exclude, kind, code), ...]; raises AreaError naming the bad token."""
    out = []
    for token in (tok.strip() for tok in str(definition).split(";")):
        if not token:
            continue
        match = _TOKEN.match(token)
        if not match:
            raise AreaError(f"'{token}' is not province:<code>, region:<code> or municipality:<nis>")
        out.append((match.group(1) == "-", match.group(2), match.group(3)))
    if not out:
        raise AreaError("the area definition is empty")
    return out


def institute_municipalities(institute_id: str, municipalities: pd.DataFrame, institutes: pd.DataFrame) -> set[str]:
    """The 2025 NIS codes of an institute's working area (data/institutes.csv).

    Raises KeyError for an unknown institute, AreaError for a bad area definition.
    """
    table = institutes.set_index("id")
    if institute_id not in table.index:
        raise KeyError(institute_id)
    try:
        return institute_area(table.loc[institute_id, "area"], municipalities)
    except AreaError as exc:
        raise AreaError(f"{institute_id}: {exc}") from exc


def institute_area(definition: str, municipalities: pd.DataFrame) -> set[str]:
    """The 2025 NIS codes an area definition covers (`municipalities`: nis, province_nis, region)."""
    region_codes = {"2000": "flanders", "4000": "brussels"}
    selected: set[str] = set()
    for exclude, kind, code in parse_area(definition):
        if kind == "province":
            hits = municipalities.loc[municipalities["province_nis"] == code, "nis"]
        elif kind == "region":
            hits = municipalities.loc[municipalities["region"] == region_codes.get(code, code), "nis"]
        else:
            hits = municipalities.loc[municipalities["nis"] == code, "nis"]
        if hits.empty:
            raise AreaError(f"{kind}:{code} matches no municipality")
        if exclude:
            selected -= set(hits)
        else:
            selected |= set(hits)
    return selected


def bounds_of(municipalities: pd.DataFrame, nis_codes: Iterable[str]) -> list[list[float]] | None:
    """[[south, west], [north, east]] around the given municipalities (a GeoDataFrame in WGS84,
    column `nis`), the form Leaflet's fitBounds takes; None when none of the codes is there."""
    sel = municipalities[municipalities["nis"].isin(set(nis_codes))]
    if sel.empty:
        return None
    minx, miny, maxx, maxy = sel.total_bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def widen(bounds: list[list[float]], min_span_km: float) -> list[list[float]]:
    """[[south, west], [north, east]] grown around its centre to at least `min_span_km` each way
    and by a quarter of its own size on each side, so a zoom to it also shows its surroundings."""
    (south, west), (north, east) = bounds
    km_lat = 1 / 111.2
    km_lon = km_lat / max(math.cos(math.radians((south + north) / 2)), 0.1)
    cx, cy = (west + east) / 2, (south + north) / 2
    half_w = max((east - west) * 0.75, min_span_km * km_lon / 2)
    half_h = max((north - south) * 0.75, min_span_km * km_lat / 2)
    return [[cy - half_h, cx - half_w], [cy + half_h, cx + half_w]]
