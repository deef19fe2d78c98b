"""An accepted melding becomes data: a new row (a missing project) or the changed cells of an
existing row (a correction, a project that stopped) in the projects file, with the melding's
source, a confidence and the data date, through the same validator as `python -m atlas validate`.

Nothing is written unless the new file validates with no new problem; the file is replaced
atomically (a reader sees the old or the new file, never half of one). The programme's
`data_updated` in programmes.csv is set to the day of acceptance when that file lies beside the
projects file (the shipped data/ folder; never the shipped file for a copy elsewhere).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from atlas.meldingen.domain import amount, clean
from atlas.model import schema

ID_PREFIX = {"stek": "STEK", "stek_bestaand": "STEK", "proeftuin": "PT", "zorgzame_buurt": "ZB"}
# Cells a correction may change, from the melding's fields of the same name.
CORRECTABLE = ("name", "neighbourhood", "organisation", "start_date", "end_date", "budget_eur", "budget_basis",
               "institute_id")


class AcceptError(Exception):
    """The melding cannot become a valid row; the message says why (nothing was changed)."""


@dataclass
class Change:
    project_id: str
    new: bool
    cells: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (old, new)
    old_bytes: bytes = b""
    new_bytes: bytes = b""
    programmes_bytes: bytes | None = None  # the new programmes.csv, when it is updated too


def _read(raw: bytes) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    return header, [dict(zip(header, r)) for r in body]


def _write(header: list[str], rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[r.get(h, "") for h in header] for r in rows])
    return buf.getvalue().encode("utf-8")


def _place(nis: str, neighbourhood: str) -> tuple[str, str, str, str]:
    """(municipality name, lat, lon, coord_precision): a point inside the named deelgemeente when the
    neighbourhood names one of this municipality, else inside the municipality."""
    from geo import reference

    to_2025 = reference.nis_2024_to_2025()
    nis2025 = to_2025.get(nis, nis)
    places = reference.places()
    here = places[places["nis"] == nis2025]
    if here.empty:
        raise AcceptError(f"municipality_nis {nis} is not a known municipality")
    muni = here[here["kind"] == "gemeente"]
    name = str(muni["name"].iloc[0]) if len(muni) else str(here["municipality"].iloc[0])
    own = here[(here["kind"] == "deelgemeente") & (here["name"].str.casefold() == neighbourhood.casefold())] \
        if neighbourhood else here.iloc[0:0]
    pick, precision = (own, "deelgemeente") if len(own) else (muni if len(muni) else here, "municipality")
    m24 = reference.municipalities_2024()
    if nis != nis2025 and nis in set(m24["nis"]):  # a 2019-2024 code: its own name and point
        old = m24[m24["nis"] == nis].iloc[0]
        name = str(old["name"])
        if precision == "municipality":
            return name, f"{float(old['lat']):.5f}", f"{float(old['lon']):.5f}", precision
    return name, f"{float(pick['lat'].iloc[0]):.5f}", f"{float(pick['lon'].iloc[0]):.5f}", precision


def _sources(existing: str, extra: list[str]) -> str:
    parts = schema.split_sources(existing)
    parts += [s for s in extra if s and s not in parts]
    return schema.SOURCE_SEPARATOR.join(parts)


def build(sub: dict, projects_raw: bytes, *, sources: list[str], confidence: str | None, today: date) -> Change:
    """The change an accepted melding makes to the projects file (not yet validated or written)."""
    m = clean(sub)
    header, rows = _read(projects_raw)
    for col in ("confidence", "status_note", "status_note_nl", "institute_id", "coord_precision", "budget_basis"):
        if col not in header:
            header.append(col)
    all_sources = [s for s in [m.source_url, *sources] if s]
    if not all_sources:
        raise AcceptError("the melding gives no source URL (the sender says they are the penhouder): "
                          "check it and give a public source with --source URL")
    note_en = f"Added from melding {sub['id']} ({today.isoformat()})."
    note_nl = f"Toegevoegd uit melding {sub['id']} ({today.isoformat()})."
    if m.kind == "missing":
        ids = {r.get("id") for r in rows}
        prefix = ID_PREFIX.get(m.programme, "P")
        pid = f"{prefix}-M{int(sub['id']):03d}"
        k = 1
        while pid in ids:
            k += 1
            pid = f"{prefix}-M{int(sub['id']):03d}-{k}"
        name, lat, lon, precision = _place(m.municipality_nis, m.neighbourhood)
        new = dict.fromkeys(header, "")
        new.update(id=pid, programme=m.programme, name=m.name, municipality_nis=m.municipality_nis,
                   municipality=name, neighbourhood=m.neighbourhood, organisation=m.organisation or m.penhouder_org,
                   lat=lat, lon=lon, start_date=m.start_date, end_date=m.end_date, budget_eur=amount(m),
                   budget_basis=m.budget_basis if m.budget_eur else "", source_url=_sources("", all_sources),
                   institute_id=m.institute_id, coord_precision=precision, confidence=confidence or "medium",
                   status_note=note_en, status_note_nl=note_nl)
        rows.append(new)
        cells = {k: ("", v) for k, v in new.items() if v}
        change = Change(pid, True, cells)
    else:
        target = [r for r in rows if r.get("id") == m.project_id]
        if not target:
            raise AcceptError(f"project {m.project_id} is not in the projects file")
        row = target[0]
        before = dict(row)
        for col in CORRECTABLE:
            value = amount(m) if col == "budget_eur" else getattr(m, col)
            if value:
                row[col] = value
        row["source_url"] = _sources(row.get("source_url", ""), all_sources)
        if confidence:
            row["confidence"] = confidence
        for col, note in (("status_note", note_en), ("status_note_nl", note_nl)):
            row[col] = (row.get(col, "") + " " + note).strip()
        cells = {k: (before.get(k, ""), v) for k, v in row.items() if before.get(k, "") != v}
        change = Change(m.project_id, False, cells)
    change.old_bytes, change.new_bytes = projects_raw, _write(header, rows)
    return change


def validate_change(change: Change, projects_path: Path) -> list[str]:
    """The problems the change brings (empty: it may be written): problems of the changed row, and
    any problem the new file has that the old one did not."""
    from atlas.model.data import institute_ids
    from atlas.model.validate import budget_groups_by_id, validate_bytes

    def beside(shipped: Path) -> Path:
        other = projects_path.with_name(shipped.name)
        return other if other.exists() else shipped

    kwargs = dict(use_geo=True, institutes=institute_ids(beside(schema.INSTITUTES_CSV)),
                  groups=budget_groups_by_id(beside(schema.BUDGET_GROUPS_CSV)))
    old = validate_bytes(change.old_bytes, projects_path.name, **kwargs)
    new = validate_bytes(change.new_bytes, projects_path.name, **kwargs)
    before = {(p.column, p.message) for p in old.problems}
    ids = [r.get("id") for r in new.rows]
    mine = {i for i, rid in enumerate(ids, start=1) if rid == change.project_id}
    return [str(p) for p in new.problems if p.row in mine or (p.column, p.message) not in before]


def with_data_date(programmes_raw: bytes, programme: str, today: date) -> bytes:
    header, rows = _read(programmes_raw)
    if "data_updated" not in header:
        return programmes_raw
    for r in rows:
        if r.get("programme") == programme:
            r["data_updated"] = today.isoformat()
    return _write(header, rows)


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def apply(sub: dict, projects_path: Path, *, sources: list[str] = (), confidence: str | None = None,
          today: date | None = None) -> Change:
    """Build, validate and write the change. Raises AcceptError (nothing written) when it fails."""
    today = today or date.today()
    change = build(sub, projects_path.read_bytes(), sources=list(sources), confidence=confidence, today=today)
    problems = validate_change(change, projects_path)
    if problems:
        raise AcceptError("the new row does not validate:\n  " + "\n  ".join(problems[:20]))
    programmes_path = projects_path.with_name(schema.PROGRAMMES_CSV.name)
    programme = change.cells.get("programme", ("", ""))[1] or _programme_of(change)
    if programmes_path.is_file() and programme:
        change.programmes_bytes = with_data_date(programmes_path.read_bytes(), programme, today)
    _replace(projects_path, change.new_bytes)
    if change.programmes_bytes is not None and change.programmes_bytes != programmes_path.read_bytes():
        _replace(programmes_path, change.programmes_bytes)
    return change


def _programme_of(change: Change) -> str:
    _, rows = _read(change.new_bytes)
    return next((r.get("programme", "") for r in rows if r.get("id") == change.project_id), "")
