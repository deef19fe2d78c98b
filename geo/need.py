"""Need indicators per municipality (pure): classes for the map and the "need gaps".

Two indicators come with the reference layers (``kansarmoede_index_pct`` and ``oki`` of
``geo.reference.municipalities``; Gemeente-Stadsmonitor, latest year per Flemish
municipality, see data/SOURCES.md). Missing values (three municipalities for the
kansarmoede-index, thirteen for the OKI, all of Brussels) stay NaN: they get no class and
are never read as 0.

* :func:`need_class` puts a value in one of the fixed classes of :data:`INDICATORS`.
* :func:`need_gaps` lists the municipalities of an area whose kansarmoede-index is at or
  above a threshold and that hold no known project, ranked by ``weight`` = index (%) / 100 x
  inhabitants (1 Jan 2020). The layers carry no births per municipality, so this is a rough
  stand-in for the number of children concerned: it ranks, it does not count children.
* :func:`need_counts` gives the figures of the line "X of the Y municipalities with a
  kansarmoede-index >= 15 % have a known project".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

KANSARMOEDE = "kansarmoede_index_pct"
OKI = "oki"
NEED_COLUMNS = (KANSARMOEDE, OKI)
DEFAULT_THRESHOLD = 15.0  # % kansarmoede-index


@dataclass(frozen=True)
class Indicator:
    column: str
    breaks: tuple[float, ...]  # lower bounds of the classes after the first; a value equal to a break is in the upper class
    unit: str  # '%' or '' (a score)
    decimals: int


INDICATORS: dict[str, Indicator] = {
    # Share of children born into a deprived family, in % (0.77 .. 31.91 in the layers).
    "kansarmoede": Indicator(KANSARMOEDE, (5.0, 10.0, 15.0, 20.0, 25.0), "%", 0),
    # Onderwijskansarmoede-indicator: the mean number of four pupil characteristics per pupil of
    # primary school, by place of residence (0..4; 0.17 .. 1.72 in the layers).
    "oki": Indicator(OKI, (0.25, 0.5, 0.75, 1.0, 1.25), "", 2),
}
"""Map colour mode -> indicator: six classes with fixed breaks (0-5-10-15-20-25+ % for the
kansarmoede-index; 0-0.25-0.5-0.75-1-1.25+ for the OKI)."""


def need_class(value, breaks: Iterable[float]) -> int | None:
    """Class index 0..len(breaks) of `value` (a break belongs to the class above it); None when missing."""
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(v):
        return None
    return int(np.searchsorted(np.asarray(tuple(breaks), dtype=float), v, side="right"))


def class_bounds(breaks: Iterable[float]) -> list[tuple[float, float | None]]:
    """(lower, upper) per class; the last upper is None (open-ended)."""
    b = [0.0, *breaks]
    return [(lo, hi) for lo, hi in zip(b, b[1:])] + [(b[-1], None)]


def need_gaps(table: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Municipalities with kansarmoede-index >= `threshold` and no known project, most weight first.

    `table` needs ``nis``, ``name``, ``population``, ``projects`` and ``kansarmoede_index_pct``
    (e.g. ``geo.coverage.municipality_table``). Adds ``weight`` = index / 100 x population
    (a rough stand-in for the children concerned; see the module docstring). Municipalities
    without a value are never gaps.
    """
    index = pd.to_numeric(table[KANSARMOEDE], errors="coerce") if KANSARMOEDE in table.columns else \
        pd.Series(np.nan, index=table.index)
    mask = index.ge(threshold) & table["projects"].eq(0)
    out = table.loc[mask].copy()
    out[KANSARMOEDE] = index[mask]
    out["weight"] = out[KANSARMOEDE] / 100.0 * out["population"].astype(float)
    return out.sort_values(["weight", "name"], ascending=[False, True]).reset_index(drop=True)


@dataclass(frozen=True)
class NeedCounts:
    threshold: float
    with_project: int  # X: municipalities at or above the threshold with a known project
    at_or_above: int  # Y: municipalities at or above the threshold
    without_value: int  # municipalities of the area without a kansarmoede-index
    municipalities: int  # all municipalities of the area


def need_counts(table: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> NeedCounts:
    index = pd.to_numeric(table[KANSARMOEDE], errors="coerce") if KANSARMOEDE in table.columns else \
        pd.Series(np.nan, index=table.index)
    high = index.ge(threshold)
    return NeedCounts(
        threshold=float(threshold),
        with_project=int((high & table["projects"].gt(0)).sum()),
        at_or_above=int(high.sum()),
        without_value=int(index.isna().sum()),
        municipalities=int(len(table)),
    )


def weighted_index(values: pd.Series, population: pd.Series) -> float:
    """Population-weighted mean of a municipal indicator over the municipalities with a value
    (a rough provincial figure: the index is a share of births, not of inhabitants); NaN if none."""
    v = pd.to_numeric(values, errors="coerce")
    known = v.notna() & population.gt(0)
    if not known.any():
        return float("nan")
    w = population[known].astype(float)
    return float((v[known] * w).sum() / w.sum())
