"""What a data maintainer checks after a merge: counts per programme and province against the
official counts, and what changed against an older version of the projects file.

Pure functions over parsed rows (no geography needed: the province comes from the NIS code);
`python -m atlas validate --summary [--against OLD.csv]` prints them as plain-text tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atlas.model import schema

BRUSSELS = "4000"


def province_of_nis(nis: str) -> str:
    """The province code (schema.PROVINCES) of a 2019-2024 or 2025 NIS municipality code ('' if unknown).

    Belgian NIS codes start with the province: 1 Antwerpen, 21 Brussels, 23/24 Vlaams-Brabant,
    3 West-Vlaanderen, 4 Oost-Vlaanderen, 7 Limburg.
    """
    nis = str(nis or "")
    if nis.startswith("21"):
        return BRUSSELS
    if nis.startswith(("23", "24")):
        return "20001"
    return {"1": "10000", "3": "30000", "4": "40000", "7": "70000"}.get(nis[:1], "")


@dataclass(frozen=True)
class CountRow:
    programme: str
    province: str  # province code, '' = unknown
    high: int
    medium: int
    total: int  # includes rows without a confidence


@dataclass(frozen=True)
class ProgrammeCount:
    programme: str
    known: int  # rows in the official count's scope
    outside_scope: int  # e.g. Brussels rows when the official count is for Flanders
    official: int | None
    scope: str  # 'all' | 'flanders'


def counts(rows: list[dict[str, str]]) -> list[CountRow]:
    """Rows per programme and province, split by confidence (programme and province order of schema)."""
    table: dict[tuple[str, str], dict[str, int]] = {}
    for r in rows:
        key = (r.get("programme", ""), province_of_nis(r.get("municipality_nis", "")))
        cell = table.setdefault(key, {"high": 0, "medium": 0, "total": 0})
        cell["total"] += 1
        if r.get("confidence", "") in ("high", "medium"):
            cell[r["confidence"]] += 1
    prov_order = {p: i for i, p in enumerate([*schema.PROVINCES, ""])}
    prog_order = {p: i for i, p in enumerate(schema.PROGRAMMES)}
    keys = sorted(table, key=lambda k: (prog_order.get(k[0], 99), k[0], prov_order.get(k[1], 99)))
    return [CountRow(p, prov, **table[(p, prov)]) for p, prov in keys]


def programme_counts(rows: list[dict[str, str]], programmes: dict[str, dict[str, str]]) -> list[ProgrammeCount]:
    """Per programme: rows in the official count's scope against the official count (programmes.csv)."""
    out = []
    for prog in schema.PROGRAMMES:
        mine = [r for r in rows if r.get("programme") == prog]
        facts = programmes.get(prog, {})
        scope = facts.get("official_count_scope", "") or "all"
        outside = sum(province_of_nis(r.get("municipality_nis", "")) == BRUSSELS for r in mine) if scope == "flanders" else 0
        try:
            official = int(float(facts.get("official_count", "")))
        except ValueError:
            official = None
        out.append(ProgrammeCount(prog, len(mine) - outside, outside, official, scope))
    return out


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # id -> changed columns


def changes(old: list[dict[str, str]], new: list[dict[str, str]]) -> Changes:
    """Ids added, removed, and changed (with the columns whose value differs) from `old` to `new`.

    A column that one file does not have counts as empty there, so adding an empty column
    changes nothing; rows are matched by `id` (rows without an id are ignored).
    """
    old_by = {r.get("id", ""): r for r in old if r.get("id")}
    new_by = {r.get("id", ""): r for r in new if r.get("id")}
    out = Changes(added=[i for i in new_by if i not in old_by], removed=[i for i in old_by if i not in new_by])
    for rid, row in new_by.items():
        before = old_by.get(rid)
        if before is None:
            continue
        columns = list(dict.fromkeys([*row, *before]))
        diff = [c for c in columns if (row.get(c) or "").strip() != (before.get(c) or "").strip()]
        if diff:
            out.changed[rid] = diff
    return out


def _table(header: list[str], body: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *body)]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return [line(header), line(["-" * w for w in widths]), *[line(r) for r in body]]


def format_summary(rows: list[dict[str, str]], programmes: dict[str, dict[str, str]],
                   area_counts: dict[tuple[str, str], int] | None = None) -> str:
    """The counts table, then the known-against-official line per programme. `area_counts`
    ((programme, area) -> official count, from data/official_counts.csv) gives the rows outside
    a Flanders-wide count their own total, e.g. the Brussels ones: "+ 5 in Brussels, of 6"."""
    area_counts = area_counts or {}
    body = [[c.programme, schema.PROVINCES.get(c.province, "(unknown province)"), str(c.high), str(c.medium), str(c.total)]
            for c in counts(rows)]
    lines = _table(["programme", "province", "high", "medium", "total"], body, {2, 3, 4})
    lines.append("")
    body = []
    for pc in programme_counts(rows, programmes):
        scope = "Flanders" if pc.scope == "flanders" else "all"
        brussels = area_counts.get((pc.programme, f"province:{BRUSSELS}"))
        note = (f"+ {pc.outside_scope} outside scope (Brussels" + (f": {pc.outside_scope} of {brussels})" if brussels else ")")
                if pc.outside_scope else "")
        body.append([pc.programme, scope, str(pc.known), str(pc.official) if pc.official is not None else "-",
                     f"{pc.known} of {pc.official}" if pc.official is not None else "no official count", note])
    lines += _table(["programme", "scope", "known", "official", "on screen", "note"], body, {2, 3})
    return "\n".join(lines)


def format_changes(ch: Changes, old_name: str, new_name: str) -> str:
    lines = [f"Changes from {old_name} to {new_name}: {len(ch.added)} added, {len(ch.removed)} removed, "
             f"{len(ch.changed)} changed"]
    lines.append("  added:   " + (", ".join(ch.added) or "-"))
    lines.append("  removed: " + (", ".join(ch.removed) or "-"))
    if not ch.changed:
        lines.append("  changed: -")
    for i, (rid, cols) in enumerate(ch.changed.items()):
        lines.append(("  changed: " if i == 0 else "           ") + f"{rid} ({', '.join(cols)})")
    return "\n".join(lines)
