"""What the /melden page needs besides its widgets (no Streamlit here): the form's fields in order,
prefilling from a link, reading the widget values into raw fields, the abuse checks (honeypot,
minimum fill time, rate limits) and the error lines. atlas/ui/melden.py draws it."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from atlas.meldingen import domain
from atlas.model import schema
from atlas.model.validate import DATE_RANGE
from atlas.text.i18n import t

MIN_FILL_SECONDS = 3.0  # a form sent sooner after it opened is refused without saying why
SESSION_PER_HOUR = 5  # reports one visit may send in an hour
APP_PER_HOUR_DEFAULT = 200  # reports the whole app accepts in an hour ($ATLAS_MELDINGEN_PER_HOUR)
HOUR = 3600.0
KEY = "mld_"  # session keys of the form's widgets: KEY + field
HONEYPOT = KEY + "website"
PLACE = KEY + "place"  # the municipality widget holds a row of the place list, read into municipality_nis

# Field -> label key, in the order the form shows them (and the error list names them).
LABELS = {
    "kind": "mld_kind", "project_id": "mld_project", "programme": "mld_programme", "name": "mld_name",
    "municipality_nis": "mld_municipality", "neighbourhood": "mld_neighbourhood", "organisation": "mld_organisation",
    "institute_id": "mld_institute", "start_date": "mld_start", "end_date": "mld_end", "budget_eur": "mld_amount",
    "budget_basis": "mld_basis", "source_url": "mld_source", "is_penhouder": "mld_penhouder",
    "penhouder_org": "mld_penhouder_org", "text": "mld_text", "email": "mld_email",
    "email_purpose": "mld_email_purpose",
}
WIDGET_FIELDS = tuple(f for f in LABELS if f != "municipality_nis")


def app_per_hour() -> int:
    try:
        return max(1, int(os.environ.get("ATLAS_MELDINGEN_PER_HOUR", "") or APP_PER_HOUR_DEFAULT))
    except ValueError:
        return APP_PER_HOUR_DEFAULT


@dataclass(frozen=True)
class Link:
    """What a link to /melden carries (each value already checked against its list, or empty)."""

    project: str = ""
    municipality: str = ""
    institute: str = ""
    programme: str = ""


def prefill(link: Link, projects: pd.DataFrame, places: pd.DataFrame) -> dict:
    """Initial widget values (session key -> value) for a link: a project makes it a correction of
    that project (with its programme, municipality and institute), the others fill their field."""
    values: dict = {}
    programme, nis, institute = link.programme, link.municipality, link.institute
    if link.project and "id" in projects.columns and (projects["id"] == link.project).any():
        row = projects[projects["id"] == link.project].iloc[0]
        values[KEY + "kind"] = "correction"
        values[KEY + "project_id"] = link.project
        programme = str(row.get("programme", "")) or programme
        nis = str(row.get("nis2025", "") or row.get("municipality_nis", "")) or nis
        institute = str(row.get("institute_id", "")) or institute
    if programme in schema.PROGRAMMES:
        values[KEY + "programme"] = programme
    if institute:
        values[KEY + "institute_id"] = institute
    if nis:
        hit = places.index[(places["nis"] == nis) & (places["kind"] == "gemeente")]
        if len(hit):
            values[PLACE] = int(hit[0])
    return values


def raw_values(session: dict, places: pd.DataFrame, lang: str) -> dict:
    """The submitted fields from the widget values (the place picked -> its 2025 NIS code; a
    sub-municipality also names the neighbourhood when that was left empty)."""
    raw = {f: session.get(KEY + f) for f in WIDGET_FIELDS}
    raw = {k: ("" if v is None else v) for k, v in raw.items()}
    place = session.get(PLACE)
    if place is not None and place in places.index:
        row = places.loc[place]
        raw["municipality_nis"] = str(row["nis"])
        if row["kind"] == "deelgemeente" and not str(raw.get("neighbourhood") or "").strip():
            raw["neighbourhood"] = str(row["name"])
    raw["lang"] = lang
    return raw


def is_bot(honeypot, opened_at: float, now: float) -> bool:
    """Filled the hidden field, or sent within MIN_FILL_SECONDS of opening the form."""
    return bool(str(honeypot or "").strip()) or now - opened_at < MIN_FILL_SECONDS


def recent(times: list[float], now: float) -> list[float]:
    return [x for x in times if now - x < HOUR]


def session_limited(times: list[float], now: float) -> bool:
    return len(recent(times, now)) >= SESSION_PER_HOUR


def error_lines(errors: list[domain.FieldError], lang: str) -> list[str]:
    """'Label: message' per error, in the form's order."""
    order = list(LABELS)
    lines = []
    for e in sorted(errors, key=lambda e: order.index(e.field) if e.field in order else len(order)):
        message = t("mld_err_" + e.code, lang, limit=domain.LIMITS.get(e.field, 0),
                    years=f"{DATE_RANGE[0].year}–{DATE_RANGE[1].year}")
        lines.append(f"{t(LABELS.get(e.field, 'mld_text'), lang)}: {message}")
    return lines
