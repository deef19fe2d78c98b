"""The project data schema: column names, codes and their meaning.

The CSV contract is described in CONTRACT.md; this module is its executable form.
"""

from __future__ import annotations

import os
from pathlib import Path

from geo.admin import PROVINCES  # noqa: F401 - re-exported: province codes -> Dutch names (2025 extent; Brussels is the region)

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
PROJECTS_CSV = DATA_DIR / "projects.csv"
PROGRAMMES_CSV = DATA_DIR / "programmes.csv"
INSTITUTES_CSV = DATA_DIR / "institutes.csv"
BUDGET_GROUPS_CSV = DATA_DIR / "budget_groups.csv"
OFFICIAL_COUNTS_CSV = DATA_DIR / "official_counts.csv"
OFFICIAL_COUNT_COLUMNS: tuple[str, ...] = ("programme", "area", "official_count", "basis_nl", "basis_en", "source_url")

REQUIRED_COLUMNS: tuple[str, ...] = (
    "id",
    "programme",
    "name",
    "municipality_nis",
    "municipality",
    "neighbourhood",
    "organisation",
    "lat",
    "lon",
    "start_date",
    "end_date",
    "budget_eur",
    "source_url",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "institute_id",
    "coord_precision",
    "budget_basis",
    "period_note",
    "status_note",
    "confidence",
    "extended_until",
    "budget_group",
    "period_note_nl",  # Dutch text of period_note (which is English); empty until written
    "status_note_nl",  # Dutch text of status_note (which is English)
    "start_year",  # the year a source gives when no full start_date is known
    "end_year",
    "organisation_nl",  # Dutch text of organisation where it holds English remarks ("with", "formerly")
    "neighbourhood_nl",  # Dutch text of neighbourhood (place names stay; remarks translated)
)
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

# Programme codes in display order. The order also fixes legend and chart order.
PROGRAMMES: tuple[str, ...] = ("stek", "stek_bestaand", "proeftuin", "zorgzame_buurt")

COORD_PRECISIONS = ("address", "neighbourhood", "deelgemeente", "municipality")
BUDGET_BASES = ("granted", "maximum", "standard_rate")
CONFIDENCES = ("high", "medium")
DATE_COLUMNS = ("start_date", "end_date", "extended_until")

# data/budget_groups.csv: one amount a source gives for several projects together.
BUDGET_GROUP_COLUMNS: tuple[str, ...] = (
    "id", "programme", "name_nl", "name_en", "amount_eur", "amount_qualifier", "budget_basis", "n_projects", "note",
    "source_url",
)
# `exact`: the source gives the amount; `at_least`: the source says "just over" (ruim) this amount.
AMOUNT_QUALIFIERS = ("exact", "at_least")

# A generous box around Flanders + Brussels (WGS84). The exact test, when the
# reference geography is available, is point-in-polygon.
LAT_RANGE = (50.65, 51.52)
LON_RANGE = (2.50, 5.95)

SOURCE_SEPARATOR = " | "


def projects_csv() -> Path:
    """The projects file the app shows: $ATLAS_PROJECTS_CSV, else the shipped data/projects.csv."""
    override = os.environ.get("ATLAS_PROJECTS_CSV", "").strip()
    return Path(override).expanduser() if override else PROJECTS_CSV


def split_sources(value: str) -> list[str]:
    """Split a ` | `-separated source field into its parts (empty parts dropped)."""
    return [part.strip() for part in str(value or "").split("|") if part.strip()]
