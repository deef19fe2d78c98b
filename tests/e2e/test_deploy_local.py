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

from bench.harness import free_port
from tests.e2e.conftest import REPO, map_frame

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
    env = dict(os.environ, N="2", PROXY_PORT=str(free_port()), BASE_PORT=str(free_port()),
               DEPLOY_DIR=str(folder), PY=sys.executable, NGINX_BIN=NGINX)
    if int(env["BASE_PORT"]) + 1 == int(env["PROXY_PORT"]):
        env["PROXY_PORT"] = str(free_port())
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


SECURITY_HEADERS = {  # what README.md ("Running in public") promises, on every answer of the proxy
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def http(base: str, path: str, host: str | None = None, headers: dict | None = None):
    """(status, headers) of one GET through the proxy, with its own Host if given."""
    import http.client

    parts = urlparse(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host or parts.netloc)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.endheaders()
        r = conn.getresponse()
        r.read()
        return r.status, r.headers
    finally:
        conn.close()


def assert_security_headers(headers, frame_options: str = "DENY", ancestors: str = "'none'") -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, (name, headers[name])
    assert headers["X-Frame-Options"] == frame_options
    csp = headers["Content-Security-Policy"]
    assert csp and "default-src 'self'" in csp and f"frame-ancestors {ancestors}" in csp, csp
    assert "object-src 'none'" in csp


def ws_open(base: str, *, host: str | None = None, origin: str | None = "own", source: str | None = None):
    """Start a websocket handshake on /_stcore/stream (from the loopback address `source`, if
    given); (status, socket, the answer's headers): the socket stays open."""
    import email
    import base64
    import socket

    parts = urlparse(base)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10,
                                    source_address=(source, 0) if source else None)
    lines = [
        "GET /_stcore/stream HTTP/1.1", f"Host: {host or parts.netloc}", "Upgrade: websocket",
        "Connection: Upgrade", "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: " + base64.b64encode(os.urandom(16)).decode(),
        "Sec-WebSocket-Protocol: streamlit",
    ]
    if origin:
        lines.append("Origin: " + (base if origin == "own" else origin))
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    headers = email.message_from_string(head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n", 1)[-1])
    return status, sock, headers


def test_the_map_draws_through_the_proxy_without_a_csp_violation(deployment, browser):
    """The Content-Security-Policy holds for Streamlit, its component iframe and the map; an image
    from another host is refused (so the check can see a violation)."""
    base, _ = deployment
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    # Every frame records what the browser refused by the policy (the map's iframe included).
    context.add_init_script("""window.__csp = [];
        document.addEventListener('securitypolicyviolation',
            e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));""")
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        answer = page.goto(f"{base}/", wait_until="domcontentloaded")
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        wait_ready(page, "Projecten getoond")
        frame = map_frame(page)
        frame.locator(".leaflet-container").wait_for(timeout=60_000)
        frame.locator(".zb-legend").wait_for(timeout=30_000)
        frame.locator(".leaflet-overlay-pane canvas, .leaflet-overlay-pane path").first.wait_for(timeout=30_000)
        frame.locator(".zb-marker, .zb-cluster").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
        violations = [v for f in page.frames for v in (f.evaluate("window.__csp || []") or [])]
        assert violations == [] and console == [], (violations, console)

        # the charts (plotly) and the coverage page's map under the same policy
        page.goto(f"{base}/budget", wait_until="domcontentloaded")
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        page.goto(f"{base}/dekking?institute=saamo-limburg", wait_until="domcontentloaded")
        map_frame(page).locator(".leaflet-overlay-pane canvas, .leaflet-overlay-pane path").first.wait_for(
            timeout=60_000)
        page.wait_for_timeout(1000)
        violations = [v for f in page.frames for v in (f.evaluate("window.__csp || []") or [])]
        assert violations == [] and console == [], (violations, console)

        page.evaluate("new Image().src = 'https://evil.example/pixel.png'")
        page.wait_for_function("window.__csp.length > 0", timeout=10_000)
        assert any("img-src" in v and "evil.example" in v for v in page.evaluate("window.__csp"))
        page.wait_for_timeout(300)
        assert any("evil.example" in m for m in console), console  # the console check sees violations too
    finally:
        context.close()


def test_proxy_blocks_metrics_and_adds_security_headers_to_every_answer(deployment):
    base, _ = deployment
    status, headers = http(base, "/_stcore/metrics")
    assert status == 404
    assert_security_headers(headers)  # the refused answer too
    status, headers = http(base, "/_stcore/health")
    assert status == 200
    assert_security_headers(headers)
    assert headers["X-Zb-Instance"] in ("1", "2")
    assert any(c.startswith("zb_instance=") for c in headers.get_all("Set-Cookie"))
    status, headers = http(base, "/kaart")
    assert status == 200
    assert_security_headers(headers)
    # Streamlit's component iframes (the map) may be framed by the app itself, nothing else.
    # (404 on an instance that has not run a page yet: components register when the script runs;
    # the browser test above shows the map's iframe working under these headers.)
    status, headers = http(base, "/component/streamlit_folium.st_folium/index.html")
    assert status in (200, 404)
    assert_security_headers(headers, frame_options="SAMEORIGIN", ancestors="'self'")


def test_other_hosts_and_foreign_websockets_are_refused(deployment):
    base, _ = deployment
    port = urlparse(base).port
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example", "localhost.evil.example"):
        status, headers = http(base, "/", host=host)
        assert status == 421, host
        assert_security_headers(headers)
    for host, origin, expected in [
        ("evil.example", "http://evil.example", 421),  # the case of issue 23
        (None, "http://evil.example", 403),
        (None, f"http://127.0.0.1.evil.example:{port}", 403),
        (None, None, 403),  # browsers always send an Origin
        (f"localhost:{port}", f"http://localhost:{port}", 101),
        (None, "own", 101),
    ]:
        status, sock, headers = ws_open(base, host=host, origin=origin)
        sock.close()
        assert status == expected, (host, origin, status)
        if status != 101:  # the refusals carry the security headers too
            assert_security_headers(headers)


def test_new_websocket_sessions_per_address_are_rate_limited(deployment):
    """A burst of new sessions from one address: the first (burst + 1) are accepted, then only
    what the rate refills meanwhile; the rest get 429 (deploy/render_nginx.py); pages still load."""
    base, folder = deployment
    conf = (folder / "nginx.conf").read_text()
    burst = int(re.search(r"limit_req zone=zb_ws_new burst=(\d+) nodelay;", conf).group(1))
    per_minute = int(re.search(r"zone=zb_ws_new:10m rate=(\d+)r/m;", conf).group(1))
    socks, statuses = [], []
    try:
        started = time.monotonic()
        for _ in range(2 * burst):  # the case: 60 new sessions from one address (a fresh one: 127.0.0.23)
            status, sock, headers = ws_open(base, source="127.0.0.23")
            socks.append(sock)
            statuses.append(status)
            if status == 429:
                refused = headers
        refilled = int((time.monotonic() - started) * per_minute / 60) + 1
        accepted = statuses.count(101)
        assert burst + 1 <= accepted <= burst + 1 + refilled, (refilled, statuses)
        assert statuses.count(429) == 2 * burst - accepted, statuses
        assert statuses[:burst + 1] == [101] * (burst + 1)
        assert_security_headers(refused)  # the 429 carries the security headers too
        assert http(base, "/_stcore/health")[0] == 200  # only websockets are counted
        status, sock, _ = ws_open(base, source="127.0.0.24")  # per address: another one is not limited
        socks.append(sock)
        assert status == 101
    finally:
        for sock in socks:
            sock.close()


def test_a_geopackage_download_through_the_proxy_holds_the_filtered_projects(deployment, browser, tmp_path):
    """A download built on click (deferred) passes the proxy and its policy, and is a GeoPackage
    with the rows of the view."""
    import geopandas as gpd
    import pyogrio

    from atlas.model.data import load_projects

    base, _ = deployment
    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{base}/?programme=proeftuin", wait_until="domcontentloaded")
        wait_ready(page, "Projecten getoond")
        button = page.locator('[data-testid="stDownloadButton"] button').filter(has_text="GeoPackage")
        button.scroll_into_view_if_needed(timeout=60_000)
        with page.expect_download(timeout=60_000) as info:
            button.click()
        download = info.value
        assert re.fullmatch(r"zorgzame-buurten-projecten-\d{4}-\d{2}-\d{2}\.gpkg", download.suggested_filename)
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        assert {name for name, _ in pyogrio.list_layers(path)} == {"projects_lambert72", "projects_wgs84", "about"}
        got = gpd.read_file(path, layer="projects_lambert72")
        p = load_projects().projects
        assert set(got["id"]) == set(p.loc[p["programme"] == "proeftuin", "id"]) and got.crs.to_epsg() == 31370
    finally:
        context.close()
