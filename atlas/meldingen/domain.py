"""The fields of a melding: bounded, validated plain text (no Streamlit, no database here).

The data rules are those of the project file (atlas.model.validate): dates YYYY-MM-DD between its
plausible years, amounts a plain number between 0 and its maximum with a budget basis, NIS codes
of 5 digits, sources http(s) URLs. Text is stored as plain text: Unicode NFC, control and format
characters removed (line breaks kept only in the free text), surrounding space trimmed, each field
at most its bound. A field that is too long is an error (the user shortens it), never cut silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields, make_dataclass

from atlas.model import schema
from atlas.model import validate as rules

KINDS = ("missing", "correction", "stopped")
# Bounds per field (characters, after cleaning).
LIMITS = {
    "kind": 12, "programme": 20, "project_id": 40, "name": 200, "municipality_nis": 5, "neighbourhood": 200,
    "organisation": 200, "institute_id": 60, "start_date": 10, "end_date": 10, "budget_eur": 20, "budget_basis": 20,
    "source_url": 500, "penhouder_org": 200, "text": 4000, "email": 254, "email_purpose": 300, "lang": 5,
}
MULTILINE = {"text"}
_PROJECT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")


DEFAULTS = {"kind": "missing", "lang": "nl"}  # every other text field defaults to ''


def _as_dict(self) -> dict:
    return asdict(self)


# One report as submitted: a plain-text field per entry of LIMITS (in that order; '' when not
# given) and the penhouder tick. Built from LIMITS so that a field and its bound are declared once.
Melding = make_dataclass(
    "Melding",
    [(name, str, field(default=DEFAULTS.get(name, ""))) for name in LIMITS] + [("is_penhouder", bool, False)],
    frozen=True,
    namespace={"as_dict": _as_dict, "__doc__": "One report as submitted (every value plain text; '' when not given)."},
)


TEXT_FIELDS = tuple(f.name for f in fields(Melding) if f.name != "is_penhouder")


def plain(value, *, multiline: bool = False) -> str:
    """Text made plain: NFC, no control or format characters (bidi overrides, zero-width, escape
    sequences, NUL), tabs as spaces; line breaks only when `multiline` (then normalised to \\n)."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\n" if multiline else " ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            continue
        else:
            out.append(ch)
    text = "".join(out)
    if multiline:
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return " ".join(text.split())


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str  # message key suffix (the form shows t('mld_err_' + code)); the CLI shows `detail`
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.field}: {self.code}" + (f" ({self.detail})" if self.detail else "")


def clean(raw: dict) -> Melding:
    """A Melding from raw form values: every text field plain; unknown keys ignored."""
    values = {}
    for name in TEXT_FIELDS:
        values[name] = plain(raw.get(name, ""), multiline=name in MULTILINE)
    values["budget_eur"] = values["budget_eur"].replace(" ", "").replace("€", "")
    values["is_penhouder"] = bool(raw.get("is_penhouder"))
    if values["lang"] not in ("nl", "en"):
        values["lang"] = "nl"
    return Melding(**values)


def check(m: Melding, *, known_nis: set[str] | None = None, institutes: set[str] | None = None,
          project_ids: set[str] | None = None) -> list[FieldError]:
    """Every problem of a cleaned melding (empty: it can be stored). Reference sets, when given,
    restrict codes to the known municipalities, institutes and project ids."""
    errors: list[FieldError] = []

    def err(field: str, code: str, detail: str = "") -> None:
        if not any(e.field == field for e in errors):  # one message per field
            errors.append(FieldError(field, code, detail))

    for name in TEXT_FIELDS:
        value = getattr(m, name)
        if len(value) > LIMITS[name]:
            err(name, "too_long", f"{len(value):,} > {LIMITS[name]:,}")
    if m.kind not in KINDS:
        err("kind", "choice")
    if m.programme and m.programme not in schema.PROGRAMMES:
        err("programme", "choice")
    if m.kind == "missing":
        if not m.programme:
            err("programme", "required")
        if not m.name:
            err("name", "required")
        if not m.municipality_nis:
            err("municipality_nis", "required")
    else:
        if not m.project_id:
            err("project_id", "required")
        elif not _PROJECT_ID.match(m.project_id) or (project_ids is not None and m.project_id not in project_ids):
            err("project_id", "unknown")
        if not (m.text or m.end_date or m.start_date or m.budget_eur or m.name or m.organisation or m.neighbourhood):
            err("text", "what_changed")
    if m.municipality_nis:
        unknown = known_nis is not None and m.municipality_nis not in known_nis
        if not rules._NIS_RE.match(m.municipality_nis) or unknown:
            err("municipality_nis", "nis")
    if m.institute_id and institutes is not None and m.institute_id not in institutes:
        err("institute_id", "choice")
    parsed = {}
    for name in ("start_date", "end_date"):
        value = getattr(m, name)
        if value:
            day = rules._parse_date(value)
            if day is None:
                err(name, "date")
            elif not rules._plausible(day):
                err(name, "date_range", f"{rules.DATE_RANGE[0].year}-{rules.DATE_RANGE[1].year}")
            else:
                parsed[name] = day
    if len(parsed) == 2 and parsed["start_date"] > parsed["end_date"]:
        err("end_date", "end_before_start")
    if m.budget_eur:
        value = amount(m)
        if not rules._is_number(value) or not 0 <= float(value) <= rules.MAX_BUDGET:
            err("budget_eur", "amount", f"0-{rules.MAX_BUDGET:,}")
        elif m.budget_basis not in schema.BUDGET_BASES:
            err("budget_basis", "basis")
    elif m.budget_basis and m.budget_basis not in schema.BUDGET_BASES:
        err("budget_basis", "choice")
    if m.source_url:
        if not rules._is_http_url(m.source_url):
            err("source_url", "url")
    elif m.is_penhouder:
        if not m.penhouder_org:
            err("penhouder_org", "required")
    elif m.kind == "missing":
        err("source_url", "source_or_penhouder")
    if m.email and not _EMAIL.match(m.email):
        err("email", "email")
    if m.email_purpose and not m.email:
        err("email", "required_for_purpose")
    return errors


def amount(m: Melding) -> str:
    """The amount as the project file writes it ('1500.5'), '' when none."""
    value = m.budget_eur
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    return value
