"""A throw-away PostgreSQL cluster from Debian's binaries (/usr/lib/postgresql/*/bin), in a
temporary directory on a free loopback port; used by `python -m bench meldingen` and the tests
(tests/meldingen/conftest.py). As root the server runs as the postgres user (else nobody)."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.harness import free_port


class Unavailable(Exception):
    """No PostgreSQL binaries here, or no user to run them as."""


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
    raise Unavailable("running as root without a postgres or nobody user to run PostgreSQL as")


@contextlib.contextmanager
def cluster():
    """Yields (host, port, user); the cluster and its folder are gone afterwards."""
    bindir = pg_bin()
    if bindir is None:
        raise Unavailable("PostgreSQL binaries not found in /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    prefix, user = _runas()
    base = Path(tempfile.mkdtemp(prefix="zb-pg-"))
    data = base / "data"
    if user:
        shutil.chown(base, user)
        os.chmod(base, 0o700)
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "atlas", "--auth=trust", "-E", "UTF8",
                    "--no-sync"], check=True, capture_output=True)
    port = free_port()
    try:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "-t", "60",
                        "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                       check=True, capture_output=True)
        yield "127.0.0.1", port, "atlas"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def new_database(host: str, port: int, user: str, name: str) -> str:
    """Create database `name` and return its SQLAlchemy URL."""
    import psycopg

    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://{user}@{host}:{port}/{name}"
