"""Benchmarks (not tests): ``python -m bench <name>`` prints a table with a verdict per row.

A benchmark is a module in this package that registers a function under a name::

    from bench import Row, register, time_median

    @register("coverage", "coverage of the 304 municipalities (geo.coverage)")
    def run(argv: list[str]) -> list[Row]:
        ...

Every module in ``bench/`` is imported by :func:`discover`, so adding ``bench/map.py``
with ``@register("map", ...)`` is all it takes. ``python -m bench`` lists the names;
``python -m bench all`` runs every benchmark. The exit code is 1 when a row FAILs.
"""

from __future__ import annotations

import importlib
import pkgutil
import statistics
import time
from dataclasses import dataclass
from typing import Callable

Benchmark = Callable[[list[str]], "list[Row]"]


@dataclass(frozen=True)
class Entry:
    name: str
    description: str
    run: Benchmark


REGISTRY: dict[str, Entry] = {}


def register(name: str, description: str = "") -> Callable[[Benchmark], Benchmark]:
    """Decorator: make `fn(argv) -> list[Row]` available as ``python -m bench <name>``."""

    def deco(fn: Benchmark) -> Benchmark:
        if name in REGISTRY and REGISTRY[name].run is not fn:
            raise ValueError(f"benchmark {name!r} registered twice")
        doc = (fn.__doc__ or "").strip().splitlines()
        REGISTRY[name] = Entry(name, description or (doc[0] if doc else ""), fn)
        return fn

    return deco


def discover() -> dict[str, Entry]:
    """Import every module of this package so that each registers its benchmark."""
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return REGISTRY


@dataclass(frozen=True)
class Row:
    """One measured line: `median_ms` against `target_ms` (None: for information only)."""

    label: str
    median_ms: float
    runs: int
    min_ms: float
    max_ms: float
    target_ms: float | None = None
    note: str = ""
    unit: str = "ms"  # what median/min/max/target are in (ms, KB, x for a ratio)

    @property
    def verdict(self) -> str:
        if self.target_ms is None:
            return "info"
        return "PASS" if self.median_ms <= self.target_ms else "FAIL"


def time_median(fn: Callable[[], object], runs: int = 5, warmup: int = 1) -> tuple[float, float, float]:
    """(median, min, max) wall-clock milliseconds of `runs` calls after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times), min(times), max(times)


def measure(label: str, fn: Callable[[], object], *, runs: int = 5, warmup: int = 1,
            target_ms: float | None = None, note: str = "") -> Row:
    med, lo, hi = time_median(fn, runs=runs, warmup=warmup)
    return Row(label, med, runs, lo, hi, target_ms, note)


def format_table(title: str, rows: list[Row]) -> str:
    """A plain-text table: benchmark | unit | runs | median | min | max | target | verdict."""
    header = ("benchmark", "unit", "runs", "median", "min", "max", "target", "verdict")

    def num(value: float, unit: str) -> str:
        return f"{value:,.2f}" if unit == "x" else f"{value:,.1f}"

    body = [
        (r.label, r.unit, str(r.runs), num(r.median_ms, r.unit), num(r.min_ms, r.unit), num(r.max_ms, r.unit),
         "—" if r.target_ms is None else f"≤ {num(r.target_ms, r.unit)}", r.verdict)
        for r in rows
    ]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(header)]

    def line(cells) -> str:
        return " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    out = [title, line(header), "-+-".join("-" * w for w in widths)]
    out += [line(b) for b in body]
    notes = [f"  {r.label}: {r.note}" for r in rows if r.note]
    if notes:
        out += ["", "notes:", *notes]
    return "\n".join(out)
