"""Databases for the meldingen tests: a SQLite file per test, and a throw-away PostgreSQL cluster
(Debian's binaries, /usr/lib/postgresql/*/bin) started in a temporary directory on a free port,
once per session. As root the cluster runs as an unprivileged user (postgres, else nobody)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from atlas.meldingen import store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _runas() -> tuple[list[str], str | None]:
    if os.geteuid() != 0:
        return [], None
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return ["runuser", "-u", user, "--"], user
    pytest.skip("running as root without a postgres or nobody user to run PostgreSQL as")


@pytest.fixture(scope="session")
def pg_server():
    """(host, port, user) of a fresh PostgreSQL cluster; skipped only when the binaries are absent."""
    bindir = pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries not found in /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    prefix, user = _runas()
    base = Path(tempfile.mkdtemp(prefix="meld-pg-"))
    data = base / "data"
    if user:
        shutil.chown(base, user)
        os.chmod(base, 0o700)
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "atlas", "--auth=trust", "-E", "UTF8",
                    "--no-sync"], check=True, capture_output=True)
    port = _free_port()
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "-t", "60",
                    "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True)
    try:
        yield "127.0.0.1", port, "atlas"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A new empty database in the session's cluster, migrated."""
    import psycopg

    host, port, user = pg_server
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://{user}@{host}:{port}/{name}"
    store.migrate(url)
    yield url
    store.engine(url).dispose()


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'meldingen.sqlite'}"
    monkeypatch.setenv("ATLAS_DB_URL", url)
    store.migrate(url)
    yield url
    store.engine(url).dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request):
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
