"""Two instances behind nginx (deploy/local.sh, DB=postgres) on ONE PostgreSQL: concurrent
browser sessions each send reports through the proxy; all are stored exactly once, and both
instances took part. Free ports only (not the fixed ports of test_deploy_local.py).

The suite runs 8 sessions x 2 reports (about 30 s); the issue's full 20 x 5 (about 2.5 minutes on
2 cores) runs with ZB_MELDEN_SUBMITTERS=20 ZB_MELDEN_EACH=5. Twenty concurrent submitters x 5 on
one database, SQLite and PostgreSQL, are in every run: tests/meldingen (two processes x 10 threads)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from atlas.meldingen import store
from atlas.text.i18n import t
from bench.harness import free_ports
from bench.pgcluster import pg_bin
from tests.e2e.conftest import REPO

pytestmark = pytest.mark.e2e
SUBMITTERS = int(os.environ.get("ZB_MELDEN_SUBMITTERS", "8"))
EACH = int(os.environ.get("ZB_MELDEN_EACH", "2"))
SOURCE = "https://example.org/concurrency"


@pytest.fixture
def deployment():
    if pg_bin() is None:
        pytest.skip("PostgreSQL binaries not found in /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        pytest.skip("nginx not installed (apt-get install nginx-light)")
    folder = Path(tempfile.mkdtemp(prefix="zb-deploy-"))
    folder.chmod(0o755)  # the PostgreSQL server (another user when run as root) lives inside
    proxy, base, _, pg = free_ports(4)
    env = {**os.environ, "N": "2", "PROXY_PORT": str(proxy), "BASE_PORT": str(base), "PG_PORT": str(pg),
           "DB": "postgres", "DEPLOY_DIR": str(folder), "PY": str(REPO / ".venv" / "bin" / "python")}
    env.pop("ATLAS_DB_URL", None)
    start = subprocess.run(["deploy/local.sh", "start"], cwd=REPO, env=env, capture_output=True, text=True,
                           timeout=300)
    try:
        assert start.returncode == 0, start.stdout + start.stderr
        yield f"http://127.0.0.1:{proxy}", f"postgresql+psycopg://atlas@127.0.0.1:{pg}/meldingen"
    finally:
        subprocess.run(["deploy/local.sh", "stop"], cwd=REPO, env=env, capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def test_concurrent_browsers_reports_through_two_instances_are_stored_exactly_once(deployment, browser):
    proxy, db_url = deployment
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(SUBMITTERS)]
    instances: Counter = Counter()
    try:
        pages = [c.new_page() for c in contexts]
        for page in pages:
            response = page.goto(f"{proxy}/melden?programme=zorgzame_buurt&municipality=71016",
                                 wait_until="domcontentloaded")
            instances[response.headers.get("x-zb-instance", "?")] += 1
        for round_ in range(EACH):
            for s, page in enumerate(pages):
                if round_:
                    page.get_by_role("button", name=t("mld_another", "nl")).click()
                form = page.get_by_test_id("stForm")
                name = form.get_by_label(t("mld_name", "nl"), exact=True)
                expect(name).to_be_visible(timeout=120_000)
                expect(form.get_by_label(t("mld_municipality", "nl"), exact=True)).to_have_value(
                    "Genk (gemeente)", timeout=60_000)  # prefilled from the link
                name.fill(f"s{s}-r{round_}")
                form.get_by_label(t("mld_source", "nl"), exact=True).fill(SOURCE)
            time.sleep(3.2)  # the form refuses what is sent within 3 s of opening it
            for page in pages:
                page.get_by_role("button", name=t("mld_send", "nl")).click()
            for page in pages:
                expect(page.get_by_text(t("mld_done", "nl"))).to_be_visible(timeout=120_000)
    finally:
        for c in contexts:
            c.close()
    assert len([i for i in instances if i != "?"]) == 2, instances  # both instances served sessions
    names = Counter(r["name"] for r in store.listing(url=db_url))
    store.engine(db_url).dispose()
    assert names == Counter({f"s{s}-r{r}": 1 for s in range(SUBMITTERS) for r in range(EACH)})
