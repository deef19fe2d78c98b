"""`python -m atlas meldingen list|show|accept|reject|purge|migrate`: the maintainer's path.

Everything printed passes `safe` (or `safe_json`): no control, escape or format character
(ANSI/OSC sequences, bidi overrides, zero-width characters) from a melding reaches the
terminal; each is shown as a visible \\uXXXX. Exit codes: 0 done, 1 refused (unknown id,
already decided, the row does not validate), 2 usage, 3 the database is unavailable.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import tempfile
import unicodedata
from pathlib import Path

from atlas.cli.validate import validate_safely
from atlas.meldingen import store
from atlas.meldingen.domain import TEXT_FIELDS, plain
from atlas.model import schema

_UNSAFE = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
SHOWN = ("id", "status", "created_at", *TEXT_FIELDS, "is_penhouder", "decided_at", "decided_by", "decision_reason",
         "applied_project_id")


def _escape(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def safe(value, *, keep_newlines: bool = False) -> str:
    """Text for the terminal: unsafe characters shown as \\uXXXX, never sent raw."""
    return "".join(ch if (keep_newlines and ch == "\n") or unicodedata.category(ch) not in _UNSAFE else _escape(ch)
                   for ch in str("" if value is None else value))


def safe_json(obj) -> str:
    """JSON (UTF-8 text kept readable) in which every unsafe character is a \\u escape."""
    text = json.dumps(obj, ensure_ascii=False, default=str, indent=1)
    return "".join(_escape(ch) if unicodedata.category(ch) in _UNSAFE and ch not in "\n " else ch for ch in text)


def _public(row: dict) -> dict:
    return {k: (row[k].isoformat() if hasattr(row.get(k), "isoformat") else row.get(k)) for k in SHOWN}


def _list(args) -> int:
    rows = store.listing(args.status)
    if args.json:
        print(safe_json([_public(r) for r in rows]))
        return 0
    if not rows:
        print("no meldingen" + (f" with status {args.status}" if args.status else ""))
        return 0
    print(f"{'id':>5}  {'status':8}  {'created (UTC)':16}  {'kind':10}  {'programme':14}  {'NIS':5}  name / project")
    for r in rows:
        what = r["name"] or r["project_id"]
        created = r["created_at"].strftime("%Y-%m-%d %H:%M") if r["created_at"] else ""
        print(f"{r['id']:>5}  {r['status']:8}  {created:16}  {safe(r['kind']):10}  {safe(r['programme']):14}  "
              f"{safe(r['municipality_nis']):5}  {safe(what[:60])}")
    return 0


def _get(mid: int) -> dict | None:
    row = store.get(mid)
    if row is None:
        print(f"melding {mid}: no such melding", file=sys.stderr)
    return row


def _show(args) -> int:
    row = _get(args.id)
    if row is None:
        return 1
    for key, value in _public(row).items():
        if value in ("", None, False) and key not in ("id", "status"):
            continue
        text = safe(value, keep_newlines=True).replace("\n", "\n" + " " * 20)
        print(f"{key + ':':19} {text}")
    return 0


def _by(args) -> str:
    by = args.by
    if not by:
        try:
            by = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name in a container: say who is unknown
            by = "unknown"
    return plain(by)[:100]


def _accept(args) -> int:
    from atlas.meldingen.accept import AcceptError, apply

    projects = Path(args.projects) if args.projects else schema.projects_csv()
    row = _get(args.id)
    if row is None:
        return 1
    if row["status"] != "open":
        print(f"melding {args.id} is already {row['status']}", file=sys.stderr)
        return 1
    old = projects.read_bytes()
    holder: dict = {}

    def write() -> str:
        holder["change"] = apply(row, projects, sources=args.source or [], confidence=args.confidence)
        return holder["change"].project_id

    try:
        store.decide(args.id, "accepted", _by(args), reason=plain(args.note or "")[:1000], apply=write)
    except AcceptError as exc:
        print(f"melding {args.id} not accepted, nothing changed: {safe(exc, keep_newlines=True)}", file=sys.stderr)
        return 1
    except ValueError as exc:  # decided meanwhile by someone else
        print(safe(exc), file=sys.stderr)
        return 1
    change = holder["change"]
    verb = "added" if change.new else "changed"
    print(f"melding {args.id} accepted: project {safe(change.project_id)} {verb} in {projects}")
    for col, (before, after) in change.cells.items():
        print(f"  {col}: {safe(before)!s} -> {safe(after)}" if before else f"  {col}: {safe(after)}")
    with tempfile.TemporaryDirectory() as tmp:
        before_path = Path(tmp) / f"before-{projects.name}"
        before_path.write_bytes(old)
        validate_safely(projects, summary=True, against=before_path)
    return 0


def _reject(args) -> int:
    reason = plain(args.reason)
    if not reason:
        print("--reason must say why", file=sys.stderr)
        return 2
    if _get(args.id) is None:
        return 1
    try:
        row = store.decide(args.id, "rejected", _by(args), reason=reason[:1000])
    except ValueError as exc:
        print(safe(exc), file=sys.stderr)
        return 1
    print(f"melding {row['id']} rejected by {safe(row['decided_by'])}: {safe(row['decision_reason'])}")
    return 0


def _purge(args) -> int:
    n = store.purge()
    print(f"{n} contact e-mail address(es) erased (decided meldingen, or older than {store.RETENTION_DAYS} days)")
    return 0


def _migrate(args) -> int:
    url = store.db_url()
    before, after = store.migrate(url)
    print(f"{store.redacted(url)}: revision {before or 'none'} -> {after}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas meldingen",
                                     description="Reports from users (database: $ATLAS_DB_URL or "
                                                 f"{store.default_path()})")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="list meldingen")
    p.add_argument("--status", choices=store.STATUSES)
    p.add_argument("--json", action="store_true", help="one JSON array of objects")
    p.set_defaults(func=_list)
    p = sub.add_parser("show", help="every field of one melding")
    p.add_argument("id", type=int)
    p.set_defaults(func=_show)
    p = sub.add_parser("accept", help="write the melding into the projects file (validated) and mark it accepted")
    p.add_argument("id", type=int)
    p.add_argument("--by", help="who decides (default: your user name)")
    p.add_argument("--source", action="append", metavar="URL",
                   help="a public source (needed when the sender only says they are the penhouder); repeatable")
    p.add_argument("--confidence", choices=schema.CONFIDENCES, help="default: medium for a new row")
    p.add_argument("--note", help="a note kept with the decision")
    p.add_argument("--projects", help="projects file (default: $ATLAS_PROJECTS_CSV or data/projects.csv)")
    p.set_defaults(func=_accept)
    p = sub.add_parser("reject", help="mark a melding rejected, with the reason")
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    p.add_argument("--by", help="who decides (default: your user name)")
    p.set_defaults(func=_reject)
    sub.add_parser("purge", help=f"erase contact e-mails of decided meldingen and those older than "
                                 f"{store.RETENTION_DAYS} days").set_defaults(func=_purge)
    sub.add_parser("migrate", help="create or upgrade the database schema (Alembic)").set_defaults(func=_migrate)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except store.StoreUnavailable as exc:
        print(f"database unavailable ({store.redacted(store.db_url())}): {safe(exc)}", file=sys.stderr)
        return 3
