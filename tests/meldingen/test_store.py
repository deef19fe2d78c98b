"""The meldingen database on SQLite and on a throw-away PostgreSQL: stored once, decided, purged."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest

from atlas.meldingen import domain, store
from tests.meldingen.conftest import pg_bin

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


def melding(**changes) -> domain.Melding:
    raw = {"kind": "missing", "programme": "zorgzame_buurt", "name": "Buurtzorg Kiewit",
           "municipality_nis": "71022", "source_url": "https://www.hasselt.be/zorgzame-buurt", "lang": "nl"}
    raw.update(changes)
    m = domain.clean(raw)
    assert domain.check(m) == []
    return m


def test_stored_fields_come_back_as_submitted(db_url):
    m = melding(email="a@example.org", email_purpose="vragen", text="regel 1\nregel 2", budget_eur="1500",
                budget_basis="granted")
    stored = store.add(m, url=db_url)
    row = store.get(stored.id, db_url)
    assert row["status"] == "open" and row["created_at"] is not None
    for name in domain.TEXT_FIELDS:
        expected = getattr(m, name)
        assert row[name] == (expected if expected or name not in ("email", "email_purpose") else None), name
    assert not any("ip" in c.lower().split("_") for c in row)  # no address column at all


def test_a_resend_with_the_same_token_is_one_row(db_url):
    first = store.add(melding(), token="same", url=db_url)
    second = store.add(melding(), token="same", url=db_url)
    assert first.created and not second.created and first.id == second.id
    assert len(store.listing(url=db_url)) == 1


def test_decision_keeps_who_and_when_and_erases_the_email(db_url):
    sid = store.add(melding(email="a@example.org", email_purpose="vragen"), url=db_url).id
    row = store.decide(sid, "rejected", "maintainer-an", reason="al gekend", url=db_url)
    assert (row["status"], row["decided_by"], row["decision_reason"]) == ("rejected", "maintainer-an", "al gekend")
    assert row["decided_at"] is not None and row["email"] is None and row["email_purpose"] is None
    with pytest.raises(ValueError, match="already rejected"):
        store.decide(sid, "accepted", "someone", url=db_url)
    with pytest.raises(LookupError):
        store.decide(sid + 100, "accepted", "someone", url=db_url)


def test_a_failing_apply_records_no_decision(db_url):
    sid = store.add(melding(email="a@example.org"), url=db_url).id

    def boom():
        raise RuntimeError("validation failed")

    with pytest.raises(RuntimeError):
        store.decide(sid, "accepted", "x", apply=boom, url=db_url)
    row = store.get(sid, db_url)
    assert row["status"] == "open" and row["email"] == "a@example.org"


def test_purge_erases_email_after_90_days_only(db_url):
    old = store.add(melding(email="old@example.org"), url=db_url, at=store.now() - timedelta(days=91)).id
    young = store.add(melding(email="young@example.org"), url=db_url, at=store.now() - timedelta(days=89)).id
    assert store.purge(url=db_url) == 1
    assert store.get(old, db_url)["email"] is None
    assert store.get(young, db_url)["email"] == "young@example.org"
    assert store.purge(url=db_url) == 0


def test_open_counts_and_recent_count(db_url):
    store.add(melding(institute_id="saamo-limburg"), url=db_url)
    store.add(melding(institute_id="saamo-limburg"), url=db_url)
    sid = store.add(melding(), url=db_url).id
    store.decide(sid, "rejected", "x", url=db_url)
    assert store.open_counts(db_url) == {("saamo-limburg", "71022"): 2}
    assert store.count_since(store.now() - timedelta(hours=1), db_url) == 3


def test_hostile_text_is_stored_verbatim_as_plain_text(db_url):
    hostile = "'; DROP TABLE submissions; -- **x** <script>alert(1)</script> =HYPERLINK(\"http://e.vil\")"
    m = melding(name=hostile[:200], text=hostile, neighbourhood="Robert'); DELETE FROM submissions;--")
    sid = store.add(m, url=db_url).id
    row = store.get(sid, db_url)
    assert row["text"] == hostile and row["neighbourhood"] == "Robert'); DELETE FROM submissions;--"
    assert len(store.listing(url=db_url)) == 1


def test_migrate_is_repeatable_and_keeps_rows(db_url):
    sid = store.add(melding(), url=db_url).id
    assert store.migrate(db_url) == ("0001", "0001")
    assert store.get(sid, db_url)["name"] == "Buurtzorg Kiewit"


def test_an_unmigrated_database_is_refused_with_the_command(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    monkeypatch.setenv("ATLAS_DB_URL", url)
    with pytest.raises(store.SchemaOutdated, match="python -m atlas meldingen migrate"):
        store.add(melding(), url=url)


def test_the_embedded_default_is_created_outside_the_repo_in_wal_mode(tmp_path, monkeypatch):
    monkeypatch.delenv("ATLAS_DB_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    path = store.default_path()
    assert path == tmp_path / "xdg" / "zorgzame-buurten" / "meldingen.sqlite"
    assert REPO not in path.parents
    sid = store.add(melding()).id  # migrated on first use
    assert path.is_file() and store.get(sid)["name"] == "Buurtzorg Kiewit"
    with store.engine(store.db_url()).connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.engine(store.db_url()).dispose()


def test_a_read_only_database_is_a_clear_error(tmp_path):
    path = tmp_path / "ro.sqlite"
    url = f"sqlite:///{path}"
    store.migrate(url)
    store.engine(url).dispose()
    ro_url = f"sqlite:///file:{path}?mode=ro&uri=true"
    with pytest.raises(store.StoreUnavailable):
        store._READY.add(ro_url)  # schema is at head; the write itself must fail cleanly
        store.add(melding(), url=ro_url)


def test_a_database_that_is_down_is_a_clear_error():
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    with pytest.raises(store.StoreUnavailable) as info:
        store.add(melding(), url=url)
    assert "Traceback" not in str(info.value) and len(str(info.value)) < 300


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_processes_20_submitters_5_each_store_100_exactly_once(kind, request):
    url = request.getfixturevalue("sqlite_url" if kind == "sqlite" else "pg_url")
    procs = [subprocess.Popen([sys.executable, "-m", "tests.meldingen.submitter", url, str(p), "10", "5"],
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for p in range(2)]
    outs = [p.communicate(timeout=240)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    names = Counter(r["name"] for r in store.listing(url=url))
    expected = {f"p{p}-t{t}-{k}" for p in range(2) for t in range(10) for k in range(5)}
    assert set(names) == expected and set(names.values()) == {1}
    assert len(names) == 100


def test_postgres_binaries_are_found_here():
    """The PostgreSQL tests above run (not skip) wherever Debian's postgresql package is installed."""
    if pg_bin() is None:
        pytest.skip("PostgreSQL binaries not found in /usr/lib/postgresql/*/bin")
    assert (pg_bin() / "pg_ctl").is_file()


def test_a_writer_killed_mid_write_leaves_only_whole_submissions(db_url):
    import signal
    import time

    from tests.meldingen.writer import text_of

    proc = subprocess.Popen([sys.executable, "-m", "tests.meldingen.writer", db_url], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and len(store.listing(url=db_url)) < 20:
            time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGKILL)  # no clean shutdown: whatever transaction is open dies with it
        proc.wait()
    rows = store.listing(url=db_url)
    assert len(rows) >= 20
    for r in rows:  # every row that exists is whole: each field as written for its name
        k = int(r["name"][1:])
        assert (r["text"], r["email"], r["status"]) == (text_of(k), f"w{k}@example.org", "open"), r["name"]
    assert sorted(int(r["name"][1:]) for r in rows) == list(range(len(rows)))  # none lost before the last
    if db_url.startswith("sqlite"):
        with store.engine(db_url).connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert store.add(melding(), url=db_url).created  # and the database takes the next one


def test_the_migrations_build_exactly_the_table_the_store_uses(db_url):
    """store.submissions and the Alembic revisions cannot drift apart (a change to one needs a new
    revision): autogenerate finds nothing to do on a migrated database."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine(db_url).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), store.metadata)
    assert diff == []


def test_a_sqlite_uri_creates_no_folder_named_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "ro.sqlite"
    store.migrate(f"sqlite:///{path}")
    store.engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert not (tmp_path / "file:").exists()
