"""Real-browser fixtures: a Streamlit server on loopback and Debian's Chromium via Playwright.

External requests are blocked (and recorded) so the tests prove the app renders offline.
Never `playwright install`: the browser is /usr/bin/chromium from Debian.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bench.health import stop, wait_healthy

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.e2e

# The url_path of every page app.py puts in its navigation, in order (the default page first).
PAGE_PATHS = re.findall(r'url_path="([\w-]+)"', (REPO / "app.py").read_text())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env_overrides: dict | None = None) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(os.environ)
    env.update(env_overrides or {})
    proc = subprocess.Popen(
        [sys.executable, "-m", "atlas", "serve", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    if wait_healthy(proc, base, 60):
        return proc, base
    if proc.poll() is not None and proc.stdout is not None:
        raise RuntimeError("streamlit exited:\n" + proc.stdout.read().decode(errors="replace"))
    raise RuntimeError("streamlit did not become healthy in 60 s")


stop_server = stop  # one way to stop a server (bench/health.py)


@pytest.fixture(scope="session")
def server():
    proc, base = start_server()
    yield base
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Debian's Chromium not found at {CHROMIUM}: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class OfflinePage:
    """A page whose requests to anything but loopback are aborted and recorded."""

    def __init__(self, page):
        self.page = page
        self.blocked: list[str] = []

        def route(r):
            url = r.request.url
            host = url.split("/")[2] if "://" in url else ""
            if url.startswith(("data:", "blob:", "about:")) or host.split(":")[0] in ("127.0.0.1", "localhost"):
                r.continue_()
            else:
                self.blocked.append(url)
                r.abort()

        page.context.route("**/*", route)


PHONE_BELOW = 800  # px: a narrower screen is a phone or tablet held upright (touch, mobile viewport)


def screen_context(browser, width: int, height: int):
    """A browser context at a screen size as people use it: below PHONE_BELOW pixels wide, a
    mobile viewport with touch."""
    phone = width < PHONE_BELOW
    return browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)


@pytest.fixture(scope="module")
def module_page(browser):
    """One page (1400 x 900) for all tests of a module that only read what they open."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    wrapper = OfflinePage(page)
    yield wrapper
    context.close()


def wait_idle(page, quiet_ms: int = 1200, timeout: float = 30) -> None:
    """Wait until no script run is in progress for `quiet_ms` (Streamlit's status widget gone)."""
    import time

    deadline = time.time() + timeout
    quiet_since = None
    while time.time() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        now = time.time()
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif (now - quiet_since) * 1000 >= quiet_ms:
            return
        time.sleep(0.1)


def map_frame(page):
    """The Leaflet map inside streamlit-folium's iframe (titled by map.js, so found by its source)."""
    return page.frame_locator('iframe[src*="streamlit_folium.st_folium"]')
