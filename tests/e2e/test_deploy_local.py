"""Several instances behind nginx (`make deploy-local N=2`, deploy/local.sh), in Chromium.

Six browser sessions, each with its own filters: nginx spreads the new sessions over both
instances (round-robin), every request of one session reaches the same instance (the
`zb_instance` cookie; nginx names the instance in `X-Zb-Instance`), and each session keeps its
filters across a page tab. When one instance stops, a reload of its sessions works on the other.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import REPO, _free_port

pytestmark = pytest.mark.e2e

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
SESSIONS = [  # (query, the province chip each session must keep, or None)
    ("province=10000", "Antwerpen"),
    ("province=20001", "Vlaams-Brabant"),
    ("province=30000", "West-Vlaanderen"),
    ("province=40000", "Oost-Vlaanderen"),
    ("province=70000", "Limburg"),
    ("programme=stek", None),
]


@pytest.fixture(scope="module")
def deployment():
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light; .ci/run installs it)")
    # Not under pytest's basetemp: parallel pytest runs prune old basetemps, pid files included.
    folder = Path(tempfile.mkdtemp(prefix="zb-deploy-"))
    env = dict(os.environ, N="2", PROXY_PORT=str(_free_port()), BASE_PORT=str(_free_port()),
               DEPLOY_DIR=str(folder), PY=sys.executable, NGINX_BIN=NGINX)
    if int(env["BASE_PORT"]) + 1 == int(env["PROXY_PORT"]):
        env["PROXY_PORT"] = str(_free_port())
    out = folder / "local.out"
    with out.open("w") as sink:  # a file, not a pipe: nothing waits for the daemons to close it
        start = subprocess.run(["bash", "deploy/local.sh", "start"], cwd=REPO, env=env, stdout=sink,
                               stderr=subprocess.STDOUT, timeout=180)
    try:
        assert start.returncode == 0, out.read_text()
        yield f"http://127.0.0.1:{env['PROXY_PORT']}", folder
    finally:
        subprocess.run(["bash", "deploy/local.sh", "stop"], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


class Session:
    def __init__(self, browser, base: str, query: str):
        self.context = browser.new_context(viewport={"width": 1300, "height": 900})
        self.page = self.context.new_page()
        self.instances: list[str] = []  # X-Zb-Instance of every response through the proxy
        self.query = query
        self.page.on("response", lambda r: self.instances.append(r.headers.get("x-zb-instance", "?"))
                     if r.url.startswith(base) else None)
        self.page.goto(f"{base}/?{query}", wait_until="domcontentloaded")

    def cookie(self) -> str:
        return next((c["value"] for c in self.context.cookies() if c["name"] == "zb_instance"), "")

    def query_now(self) -> dict:
        return parse_qs(urlparse(self.page.url).query)


def wait_ready(page, text: str) -> None:
    page.locator('[data-testid="stMain"]').get_by_text(text).first.wait_for(timeout=60_000)
    page.locator('[data-testid="stSidebar"]').get_by_text("Filters").first.wait_for(timeout=30_000)


def keeps_filters(s: Session) -> None:
    key, value = s.query.split("=")
    expect(s.page).to_have_url(re.compile(re.escape(f"{key}={value}")), timeout=30_000)
    assert s.query_now().get(key) == [value]


def stop_instance(pid: int) -> None:
    """Stop one instance: SIGTERM, and SIGKILL if it has not gone within 10 s (a crash, then)."""
    os.kill(pid, signal.SIGTERM)
    deadline = time.time() + 10
    while time.time() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        return "\tZ" not in Path(f"/proc/{pid}/status").read_text().split("State:")[1][:4]
    except (OSError, IndexError):
        return False


def test_sessions_spread_over_two_instances_stay_put_and_survive_one_stopping(deployment, browser):
    base, folder = deployment
    sessions = [Session(browser, base, q) for q, _ in SESSIONS]  # opened in turn: round-robin
    try:
        for s, (_, chip) in zip(sessions, SESSIONS):
            wait_ready(s.page, "Projecten getoond")
            if chip:
                expect(s.page.locator('[data-testid="stSidebar"] span[data-tag]').filter(has_text=chip)) \
                    .to_have_count(1, timeout=30_000)
        for s in sessions:  # a page tab: the session's own state, on its own instance
            s.page.locator('[data-testid="stTopNavLink"]').filter(has_text="Budget").first.click()
            s.page.wait_for_url(re.compile(re.escape(base) + r"/budget(\?|$)"), timeout=30_000)
        for s in sessions:
            keeps_filters(s)
        homes = [s.cookie() for s in sessions]
        assert set(homes) == {"1", "2"}, homes  # spread over both instances
        for s, home in zip(sessions, homes):
            assert set(s.instances) == {home}, (s.query, s.instances)  # every request to its own instance

        stop_instance(int((folder / "app-1.pid").read_text()))
        moved = next(s for s, home in zip(sessions, homes) if home == "1")
        reloaded = moved.page.reload(wait_until="domcontentloaded")
        assert reloaded.headers.get("x-zb-instance") == "2"  # (its cached scripts still name instance 1)
        wait_ready(moved.page, "Budget per programma")  # a new session over a websocket to instance 2
        keeps_filters(moved)
        assert moved.cookie() == "2"
        assert moved.page.locator('[data-testid="stException"]').count() == 0
    finally:
        for s in sessions:
            s.context.close()


def test_proxy_blocks_metrics_and_adds_security_headers(deployment):
    import urllib.error
    import urllib.request

    base, _ = deployment
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(base + "/_stcore/metrics", timeout=10)
    assert err.value.code == 404
    with urllib.request.urlopen(base + "/_stcore/health", timeout=10) as r:
        assert r.status == 200
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert r.headers["X-Zb-Instance"] in ("1", "2")
        assert any(c.startswith("zb_instance=") for c in r.headers.get_all("Set-Cookie"))
