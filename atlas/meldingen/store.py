"""The meldingen database: SQLAlchemy 2 Core, one table, versioned by Alembic.

URL: $ATLAS_DB_URL (e.g. postgresql+psycopg://user:pw@host/db), else an embedded SQLite file
outside the repository: $XDG_DATA_HOME/zorgzame-buurten/meldingen.sqlite (default
~/.local/share/...), created on first use, in WAL mode. The embedded default is migrated on
first use so `make run` needs nothing more; any other URL is migrated by
`python -m atlas meldingen migrate` and only checked here (`SchemaOutdated`).

No IP address or other request data is stored. The contact e-mail (and its purpose) is erased
when a melding is decided, or `RETENTION_DAYS` after it was made (`purge`).
"""

from __future__ import annotations

import functools
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from atlas.meldingen.domain import LIMITS, Melding

RETENTION_DAYS = 90
STATUSES = ("open", "accepted", "rejected")
MIGRATIONS = Path(__file__).with_name("migrations")

metadata = sa.MetaData()
submissions = sa.Table(
    "submissions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token", sa.String(64), nullable=False, unique=True),  # one per opened form: a resend is not a second row
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.String(10), nullable=False, default="open"),
    *[sa.Column(name, sa.Text if name in ("text",) else sa.String(LIMITS[name]), nullable=False, default="")
      for name in ("kind", "programme", "project_id", "name", "municipality_nis", "neighbourhood", "organisation",
                   "institute_id", "start_date", "end_date", "budget_eur", "budget_basis", "source_url")],
    sa.Column("is_penhouder", sa.Boolean, nullable=False, default=False),
    sa.Column("penhouder_org", sa.String(LIMITS["penhouder_org"]), nullable=False, default=""),
    sa.Column("text", sa.Text, nullable=False, default=""),
    sa.Column("email", sa.String(LIMITS["email"]), nullable=True),
    sa.Column("email_purpose", sa.String(LIMITS["email_purpose"]), nullable=True),
    sa.Column("lang", sa.String(5), nullable=False, default="nl"),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("decided_by", sa.String(100), nullable=True),
    sa.Column("decision_reason", sa.Text, nullable=True),
    sa.Column("applied_project_id", sa.String(40), nullable=True),
    sa.Index("ix_submissions_status", "status"),
    sa.Index("ix_submissions_created_at", "created_at"),
)


class StoreUnavailable(Exception):
    """The database cannot be reached or written (down, read-only, full)."""


class SchemaOutdated(StoreUnavailable):
    """The database has not been migrated to this version (`python -m atlas meldingen migrate`)."""


def default_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "zorgzame-buurten" / "meldingen.sqlite"


def db_url() -> str:
    return os.environ.get("ATLAS_DB_URL", "").strip() or f"sqlite:///{default_path()}"


def is_default(url: str) -> bool:
    return not os.environ.get("ATLAS_DB_URL", "").strip() and url == db_url()


def redacted(url: str) -> str:
    """The URL without its password (for messages)."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is shown as the scheme only
        return url.split(":", 1)[0] + ":…"


@functools.lru_cache(maxsize=8)
def engine(url: str | None = None) -> sa.Engine:
    url = url or db_url()
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        eng = sa.create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(eng, "connect")
        def _pragmas(dbapi_conn, _record):  # WAL: readers never block the one writer
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
        return eng
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                            connect_args={"connect_timeout": 5})


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(url: str | None = None) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(url: str | None = None) -> tuple[str | None, str]:
    """Apply every migration up to head; returns (revision before, revision after)."""
    from alembic import command

    before = current_revision(url)
    with engine(url).begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    return before, head_revision()


def ready(url: str | None = None) -> sa.Engine:
    """The engine, once the schema is known to be at head (the embedded default is migrated here).
    Raises StoreUnavailable (or SchemaOutdated) with a one-line reason."""
    url = url or db_url()
    if url in _READY:
        return engine(url)
    try:
        current = current_revision(url)
        if current != head_revision():
            if is_default(url):
                migrate(url)
            else:
                raise SchemaOutdated(f"database {redacted(url)} is at revision {current or 'none'}, "
                                     f"this version needs {head_revision()}: run `python -m atlas meldingen migrate`")
    except SchemaOutdated:
        raise
    except Exception as exc:  # noqa: BLE001 - driver errors of any kind become one reason
        raise StoreUnavailable(_reason(exc)) from exc
    _READY.add(url)
    return engine(url)


_READY: set[str] = set()


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200] if text else ''}"


def now() -> datetime:
    return datetime.now(timezone.utc)


def new_token() -> str:
    return secrets.token_hex(16)


@dataclass(frozen=True)
class Stored:
    id: int
    created: bool  # False: this token was stored before (a resend), id is that row


def add(m: Melding, token: str | None = None, url: str | None = None, at: datetime | None = None) -> Stored:
    """Store a checked melding once per token. Raises StoreUnavailable."""
    token = token or new_token()
    values = m.as_dict()
    values["email"] = values["email"] or None
    values["email_purpose"] = (values["email_purpose"] or None) if values["email"] else None
    values.update(token=token, created_at=at or now(), status="open")
    eng = ready(url)
    try:
        with eng.begin() as conn:
            new_id = conn.execute(sa.insert(submissions).values(**values)).inserted_primary_key[0]
        return Stored(int(new_id), True)
    except sa.exc.IntegrityError:
        try:
            with eng.connect() as conn:
                row = conn.execute(sa.select(submissions.c.id).where(submissions.c.token == token)).first()
        except Exception as exc:  # noqa: BLE001
            raise StoreUnavailable(_reason(exc)) from exc
        if row is None:
            raise StoreUnavailable("the melding could not be stored")
        return Stored(int(row.id), False)
    except Exception as exc:  # noqa: BLE001 - down, read-only, disk full: one reason
        raise StoreUnavailable(_reason(exc)) from exc


def _rows(stmt, url: str | None) -> list[dict]:
    try:
        with ready(url).connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]
    except StoreUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001
        raise StoreUnavailable(_reason(exc)) from exc


def listing(status: str | None = None, url: str | None = None) -> list[dict]:
    stmt = sa.select(submissions).order_by(submissions.c.id)
    if status:
        stmt = stmt.where(submissions.c.status == status)
    return _rows(stmt, url)


def get(mid: int, url: str | None = None) -> dict | None:
    rows = _rows(sa.select(submissions).where(submissions.c.id == mid), url)
    return rows[0] if rows else None


def count_since(since: datetime, url: str | None = None) -> int:
    stmt = sa.select(sa.func.count().label("n")).select_from(submissions).where(submissions.c.created_at >= since)
    return int(_rows(stmt, url)[0]["n"])


def open_counts(url: str | None = None) -> dict[tuple[str, str], int]:
    """Open meldingen per (institute_id, municipality_nis): counts only, never content."""
    stmt = (sa.select(submissions.c.institute_id, submissions.c.municipality_nis, sa.func.count().label("n"))
            .where(submissions.c.status == "open")
            .group_by(submissions.c.institute_id, submissions.c.municipality_nis))
    return {(r["institute_id"], r["municipality_nis"]): int(r["n"]) for r in _rows(stmt, url)}


def decide(mid: int, status: str, by: str, reason: str = "", applied_project_id: str | None = None,
           apply=None, url: str | None = None) -> dict:
    """Record a decision on an open melding and erase its contact e-mail, in one transaction.
    The row is updated (and so locked against other writers) before `apply()` (e.g. writing the
    project file) runs inside the transaction: if apply raises, nothing is recorded.
    Raises LookupError (no such melding), ValueError (already decided), StoreUnavailable."""
    if status not in ("accepted", "rejected"):
        raise ValueError(status)
    eng = ready(url)
    try:
        with eng.begin() as conn:
            row = conn.execute(sa.select(submissions.c.status).where(submissions.c.id == mid)).first()
            if row is None:
                raise LookupError(mid)
            done = conn.execute(sa.update(submissions).where(submissions.c.id == mid, submissions.c.status == "open")
                                .values(status=status, decided_at=now(), decided_by=by, decision_reason=reason or None,
                                        applied_project_id=applied_project_id, email=None, email_purpose=None))
            if done.rowcount != 1:
                raise ValueError(f"melding {mid} is already {row.status}")
            if apply is not None:
                pid = apply()
                if pid:
                    conn.execute(sa.update(submissions).where(submissions.c.id == mid).values(applied_project_id=pid))
    except sa.exc.SQLAlchemyError as exc:
        raise StoreUnavailable(_reason(exc)) from exc
    return get(mid, url)


def purge(url: str | None = None, at: datetime | None = None) -> int:
    """Erase the contact e-mail of decided meldingen and of meldingen older than RETENTION_DAYS;
    returns how many rows lost an address."""
    cutoff = (at or now()) - timedelta(days=RETENTION_DAYS)
    eng = ready(url)
    try:
        with eng.begin() as conn:
            result = conn.execute(sa.update(submissions).where(
                submissions.c.email.is_not(None),
                sa.or_(submissions.c.status != "open", submissions.c.created_at < cutoff),
            ).values(email=None, email_purpose=None))
            return int(result.rowcount or 0)
    except Exception as exc:  # noqa: BLE001
        raise StoreUnavailable(_reason(exc)) from exc
