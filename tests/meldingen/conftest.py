"""Databases for the meldingen tests: a SQLite file per test, and a throw-away PostgreSQL cluster
(Debian's binaries, /usr/lib/postgresql/*/bin) started in a temporary directory on a free port,
once per session. As root the cluster runs as an unprivileged user (postgres, else nobody)."""

from __future__ import annotations

import uuid

import pytest

from atlas.meldingen import store
from bench import pgcluster
from bench.pgcluster import pg_bin  # noqa: F401 - tests/meldingen/test_store.py reads it here


@pytest.fixture(scope="session")
def pg_server():
    """(host, port, user) of a fresh PostgreSQL cluster; skipped only when the binaries are absent."""
    try:
        with pgcluster.cluster() as server:
            yield server
    except pgcluster.Unavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture
def pg_url(pg_server):
    """A new empty database in the session's cluster, migrated."""
    url = pgcluster.new_database(*pg_server, "t_" + uuid.uuid4().hex[:12])
    store.migrate(url)
    yield url
    store.engine(url).dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request):
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
