"""Loading the committed data files into typed frames (no Streamlit here).

The app wraps these in `st.cache_data`; tests call them directly.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from atlas import schema
from atlas.validate import ValidationResult, validate_bytes

STATUSES = ("planned", "running", "ended", "unknown")

# What geo.place.locate and the area typologies add, for a project that cannot be placed.
UNPLACED = {"nis2025": "", "municipality2025": "", "province_nis": "", "province_name": "", "region": "",
            "in_stated_municipality": False, "degurba": "", "uitrusting": ""}


@dataclass
class ProjectData:
    """Valid projects, placed in today's municipalities when the geography is there."""

    projects: pd.DataFrame
    validation: ValidationResult
    geo_message: str | None = None  # why the reference geography is missing, if it is
    skipped: list[str] = field(default_factory=list)  # one line per skipped row


def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a small committed CSV as text columns (codes keep their leading zeros)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return pd.DataFrame(rows).fillna("")


def institutes(path: Path = schema.INSTITUTES_CSV) -> pd.DataFrame:
    return read_csv_text(path)


def programmes(path: Path = schema.PROGRAMMES_CSV) -> pd.DataFrame:
    frame = read_csv_text(path)
    order = {p: i for i, p in enumerate(schema.PROGRAMMES)}
    frame["_order"] = frame["programme"].map(order)
    return frame.sort_values("_order").drop(columns="_order").set_index("programme", drop=False)


def institute_ids(path: Path = schema.INSTITUTES_CSV) -> set[str] | None:
    try:
        return set(institutes(path)["id"])
    except (OSError, KeyError):
        return None


def load_projects(raw: bytes | None = None, name: str = "projects.csv") -> ProjectData:
    """Validate and load projects; invalid rows are left out and listed, never dropped silently."""
    from geo.config import GeoUnavailable

    if raw is None:
        path = schema.projects_csv()
        name = path.name
        raw = path.read_bytes()
    result = validate_bytes(raw, name, use_geo=True, institutes=institute_ids())
    frame = with_budget_basis(result.valid_frame())
    geo_message = None
    unplaced = frame.assign(**UNPLACED)
    try:
        from geo import place

        located = _with_area_types(place.locate(frame)) if len(frame) else unplaced
    except GeoUnavailable as exc:
        geo_message = str(exc)
        located = unplaced
    skipped = []
    by_row: dict[int, list[str]] = {}
    for p in result.problems:
        if p.row is not None:
            by_row.setdefault(p.row, []).append(f"{p.column} {p.message}" if p.column else p.message)
    for row_no, messages in sorted(by_row.items()):
        row = result.rows[row_no - 1]
        skipped.append(f"row {row_no} ({row.get('id') or 'no id'}): " + "; ".join(messages))
    if result.file_level_problem():
        skipped = [str(p) for p in result.problems if p.row is None]
    return ProjectData(projects=located.reset_index(drop=True), validation=result, geo_message=geo_message, skipped=skipped)


def with_budget_basis(projects: pd.DataFrame) -> pd.DataFrame:
    """An amount without a stated basis is a granted amount (a file without the budget_basis
    column); after this every row with a budget_eur has its basis, so no reader guesses."""
    out = projects.copy()
    basis = out["budget_basis"].fillna("").astype(str) if "budget_basis" in out.columns else pd.Series("", index=out.index)
    out["budget_basis"] = basis.where(basis != "", basis.mask(out["budget_eur"].notna(), "granted"))
    return out


def _with_area_types(projects: pd.DataFrame) -> pd.DataFrame:
    """Add the area typology classes of each project's 2025 municipality (as strings)."""
    from geo import reference

    munis = reference.municipalities()[["nis", "degurba", "uitrusting"]].copy()
    munis["degurba"] = munis["degurba"].astype(str)
    out = projects.merge(munis.rename(columns={"nis": "nis2025"}), on="nis2025", how="left")
    for col in ("degurba", "uitrusting"):
        out[col] = out[col].fillna("").astype(str)
    return out


def status_at(projects: pd.DataFrame, ref: date) -> pd.Series:
    """Status of each project at a reference date, from its dates alone.

    planned: starts after `ref`; ended: ended before `ref`; running: started on or before
    `ref` and not ended (an unknown end counts as open); unknown: no start date and not
    known to have ended.
    """
    ts = pd.Timestamp(ref)
    start = projects["start_date"]
    end = projects["end_date"]
    status = pd.Series("unknown", index=projects.index, dtype="object")
    status[start.notna() & (start <= ts)] = "running"
    status[start.notna() & (start > ts)] = "planned"
    status[end.notna() & (end < ts)] = "ended"
    return status
