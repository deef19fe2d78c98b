"""``python -m bench meldingen``: how fast the meldingen are stored, and the form's rerun time.

Rows:
* submissions per second into SQLite (a temporary file, WAL) and into PostgreSQL (a throw-away
  cluster from Debian's binaries, or `--pg-url URL` for an existing, migrated database): one
  writer, then 20 threads x 10 (for information: the target is correctness, checked by the
  tests, not speed);
* the /melden page's rerun time (Streamlit AppTest: the whole app.py run with the form, after a
  field changed), median of 7: target ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
import uuid
from pathlib import Path

from bench import Row, register, time_median

REPO = Path(__file__).resolve().parents[1]
TARGET_RERUN_MS = 150.0
SEQUENTIAL = 200
THREADS, EACH = 20, 10


def _melding(k: int):
    from atlas.meldingen import domain

    return domain.clean({"kind": "missing", "programme": "zorgzame_buurt", "name": f"Bench {k}",
                         "municipality_nis": "71016", "source_url": "https://example.org/bench",
                         "text": "Een toelichting van gemiddelde lengte. " * 5})


def _rates(label: str, url: str) -> list[Row]:
    from atlas.meldingen import store

    store.migrate(url)
    start = time.perf_counter()
    for k in range(SEQUENTIAL):
        store.add(_melding(k), url=url)
    one = SEQUENTIAL / (time.perf_counter() - start)
    errors: list[str] = []

    def work(t: int) -> None:
        for k in range(EACH):
            try:
                store.add(_melding(10_000 + t * EACH + k), url=url)
            except Exception as exc:  # noqa: BLE001 - counted, shown in the note
                errors.append(repr(exc))

    pool = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    start = time.perf_counter()
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    many = THREADS * EACH / (time.perf_counter() - start)
    stored = len(store.listing(url=url))
    expected = SEQUENTIAL + THREADS * EACH
    note = f"{stored} of {expected} stored" + (f"; {len(errors)} errors, first {errors[0][:80]}" if errors else "")
    store.engine(url).dispose()
    return [Row(f"{label}: one writer, {SEQUENTIAL} submissions", one, 1, one, one, None, note, unit="per s"),
            Row(f"{label}: {THREADS} threads x {EACH}", many, 1, many, many, None, note, unit="per s")]


def _rerun(db_url: str) -> Row:
    from streamlit.testing.v1 import AppTest

    os.environ["ATLAS_DB_URL"] = db_url
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    at.run()
    at.switch_page("pages/report_form.py")
    at.run()
    box = next(w for w in at.text_input if w.key == "mld_name")
    k = [0]

    def rerun() -> None:
        k[0] += 1
        box.set_value(f"Naam {k[0]}")
        at.run()

    med, lo, hi = time_median(rerun, runs=7, warmup=2)
    return Row("/melden rerun after typing (AppTest, whole app.py run)", med, 7, lo, hi, TARGET_RERUN_MS)


@register("meldingen", "meldingen stored per second (SQLite, PostgreSQL) and the /melden form's rerun time")
def run(argv: list[str]) -> list[Row]:
    parser = argparse.ArgumentParser(prog="python -m bench meldingen")
    parser.add_argument("--pg-url", help="an existing PostgreSQL (migrated here); default: a throw-away cluster")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        rows += _rates("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        if args.pg_url:
            rows += _rates("PostgreSQL", args.pg_url)
        else:
            from bench import pgcluster

            try:
                with pgcluster.cluster() as server:
                    rows += _rates("PostgreSQL", pgcluster.new_database(*server, "bench_" + uuid.uuid4().hex[:8]))
            except pgcluster.Unavailable as exc:
                rows.append(Row("PostgreSQL", 0.0, 0, 0.0, 0.0, None, f"skipped: {exc}", unit="per s"))
        rows.append(_rerun(f"sqlite:///{Path(tmp) / 'form.sqlite'}"))
    return rows
