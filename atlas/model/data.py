"""Loading the committed data files into typed frames (no Streamlit here).

The app wraps these in `st.cache_data`; tests call them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from atlas.model import schema
from atlas.model.validate import ValidationResult, validate_bytes
from geo.config import MUNICIPALITY_ATTRIBUTES

STATUSES = ("planned", "running", "ended", "unknown")

# What a project carries of its 2025 municipality (geo.config.MUNICIPALITY_ATTRIBUTES, `project=`),
# empty when it is not placed.
PLACE_COLUMNS: dict[str, str] = {a.project: a.name for a in MUNICIPALITY_ATTRIBUTES if a.project}  # project column -> attribute
UNPLACED = {**{col: "" for col in PLACE_COLUMNS}, "in_stated_municipality": False}


@dataclass
class ProjectData:
    """Valid projects, placed in today's municipalities when the geography is there."""

    projects: pd.DataFrame
    validation: ValidationResult
    geo_message: str | None = None  # why the reference geography is missing, if it is
    skipped: list[str] = field(default_factory=list)  # one line per skipped row


def institutes(path: Path | None = None) -> pd.DataFrame:
    """The valid rows of data/institutes.csv (an empty frame with the columns when none are)."""
    from atlas.model.validate import INSTITUTE_COLUMNS, institute_rows

    rows, _ = institute_rows(path)
    return pd.DataFrame(rows, columns=_columns_of(rows, INSTITUTE_COLUMNS)).fillna("")


def programmes(path: Path | None = None) -> pd.DataFrame:
    """data/programmes.csv by programme code, in display order. Every programme has a row: one
    the file lacks (or gives wrongly) has empty facts, shown as unknown."""
    from atlas.model.validate import PROGRAMME_COLUMNS, programme_rows

    rows, _ = programme_rows(path)
    known = {r["programme"]: r for r in rows}
    columns = _columns_of(rows, PROGRAMME_COLUMNS)
    frame = pd.DataFrame([known.get(p, {"programme": p}) for p in schema.PROGRAMMES], columns=columns, dtype=object)
    frame = frame.fillna("")
    return frame.set_index("programme", drop=False)


def _columns_of(rows: list[dict[str, str]], required: tuple[str, ...]) -> list[str]:
    cols = list(required)
    for r in rows[:1]:
        cols += [c for c in r if c not in cols]
    return cols


def budget_groups(path: Path | None = None) -> pd.DataFrame:
    """data/budget_groups.csv: amounts a source gives for several projects together, by id.

    `amount_eur` is a float, `n_projects` an int; only valid rows; an empty frame with the
    columns when the file is missing or unreadable.
    """
    from atlas.model.validate import budget_group_rows, parse_int, parse_number

    rows, _ = budget_group_rows(path)
    frame = pd.DataFrame(rows, columns=list(schema.BUDGET_GROUP_COLUMNS)).fillna("")
    frame["amount_eur"] = frame["amount_eur"].map(parse_number).astype("float64")  # as validated
    frame["n_projects"] = frame["n_projects"].map(lambda v: parse_int(v) or 0).astype(int)
    return frame.set_index("id", drop=False)


# What a project row carries of its budget group (for popups and tables; the amount is the
# GROUP's amount, never a share of it).
GROUP_COLUMNS = {"budget_group_eur": np.nan, "budget_group_at_least": False, "budget_group_n": 0,
                 "budget_group_name_nl": "", "budget_group_name_en": "", "budget_group_basis": "",
                 "budget_group_source": ""}


def with_budget_groups(projects: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Add the group amount, its qualifier and the group's number of projects to member rows."""
    out = projects.copy()
    gid = out["budget_group"].fillna("").astype(str) if "budget_group" in out else pd.Series("", index=out.index)
    known = gid.isin(groups.index)
    out["budget_group_eur"] = gid.map(groups["amount_eur"]).where(known).astype("float64")
    out["budget_group_at_least"] = gid.map(groups["amount_qualifier"] == "at_least").where(known, False).astype(bool)
    out["budget_group_n"] = gid.map(groups["n_projects"]).where(known, 0).astype(int)
    for col, source in (("budget_group_name_nl", "name_nl"), ("budget_group_name_en", "name_en"),
                        ("budget_group_basis", "budget_basis"), ("budget_group_source", "source_url")):
        out[col] = gid.map(groups[source]).where(known, "").astype(str)
    return out


def group_ids(path: Path | None = None) -> dict[str, dict[str, str]] | None:
    from atlas.model.validate import budget_groups_by_id

    return budget_groups_by_id(path)


def institute_ids(path: Path | None = None) -> set[str] | None:
    """Ids of the valid institutes (None when the file cannot be read: the check is skipped)."""
    from atlas.model.validate import institute_rows

    rows, problems = institute_rows(path)
    if any(p.row is None for p in problems):
        return None
    return {r["id"] for r in rows}


def load_projects(raw: bytes | None = None, name: str = "projects.csv") -> ProjectData:
    """Validate and load projects; invalid rows are left out and listed, never dropped silently."""
    from geo.config import GeoUnavailable

    if raw is None:
        path = schema.projects_csv()
        name = path.name
        try:
            raw = path.read_bytes()
        except OSError as exc:  # named without the server's folders (shown on every page)
            from atlas.model.validate import Problem, os_reason

            raw = None
            result = ValidationResult(file=name)
            result.problems.append(Problem(name, None, None, None, f"cannot be read ({os_reason(exc)})"))
    if raw is not None:
        result = validate_bytes(raw, name, use_geo=True, institutes=institute_ids(), groups=group_ids())
    frame = with_budget_groups(with_budget_basis(result.valid_frame()), budget_groups())
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
    """Add the attributes a project carries of its 2025 municipality (PLACE_COLUMNS) that
    geo.place.locate did not (the area typology classes), as strings."""
    from geo import reference

    extra = {col: name for col, name in PLACE_COLUMNS.items() if col not in projects.columns}
    munis = reference.municipalities()[["nis", *extra.values()]].astype(str)
    out = projects.merge(munis.rename(columns={"nis": "nis2025", **{v: k for k, v in extra.items()}}), on="nis2025",
                         how="left")
    for col in extra:
        out[col] = out[col].fillna("").astype(str)
    return out


def effective_end(projects: pd.DataFrame) -> pd.Series:
    """The end that applies: `extended_until` where a source gives an extension, else `end_date`."""
    end = projects["end_date"]
    if "extended_until" in projects.columns:
        ext = pd.to_datetime(projects["extended_until"], errors="coerce")
        end = ext.where(ext.notna(), end)
    return end


def status_at(projects: pd.DataFrame, ref: date) -> pd.Series:
    """Status of each project at a reference date, from its dates alone.

    planned: starts after `ref`; ended: ended before `ref`; running: started on or before
    `ref` and not ended (an unknown end counts as open); unknown: no start date and not
    known to have ended. The end is `extended_until` where the row records an extension
    (a data fact with its source), else `end_date`.
    """
    ts = pd.Timestamp(ref)
    start = projects["start_date"]
    end = effective_end(projects)
    status = pd.Series("unknown", index=projects.index, dtype="object")
    status[start.notna() & (start <= ts)] = "running"
    status[start.notna() & (start > ts)] = "planned"
    status[end.notna() & (end < ts)] = "ended"
    return status


def lang_text(frame: pd.DataFrame, column: str, lang: str) -> pd.Series:
    """A research text in the UI language: `<column>_nl` in Dutch, `<column>` (English) otherwise.
    A Dutch text not written yet stays empty: never the English note on a Dutch page. Only a
    frame without the `_nl` column at all (a user's own file) shows its one text. Empty cells are ''."""
    name = f"{column}_{lang}" if lang != "en" else column
    if name not in frame.columns and f"{column}_en" in frame.columns and lang == "en":
        name = f"{column}_en"
    if name not in frame.columns:  # a file without the Dutch column (an upload): show the text it has
        name = column
    return text_column(frame, name)


def column(frame: pd.DataFrame, name: str, fill=""):
    """`frame[name]`, or a column of `fill` when the frame has none (a user's own file may leave
    out the optional columns)."""
    return frame[name] if name in frame.columns else pd.Series(fill, index=frame.index, dtype=object)


def text_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """Column `name` as texts: '' for an empty cell or a column the frame does not have."""
    series = column(frame, name, None)
    return series.astype(object).where(series.notna(), "").astype(str)
