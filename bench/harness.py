"""One harness for everything that drives the app in a real browser: the benchmarks
(``python -m bench browser``, ``bench load``) and the browser tests (tests/e2e/conftest.py).

It owns: a free loopback port; a Streamlit server (the app, ``python -m atlas serve``, or any
``streamlit run`` command) started with a given environment and waited for until
``/_stcore/health`` answers, with the server's last output in the error when it does not, and
its whole process group stopped afterwards; Debian's Chromium (``/usr/bin/chromium``, never a
downloaded browser) with the project's flags, through Playwright (sync or async); browser
contexts at the screen sizes people use (below ``PHONE_BELOW`` pixels wide: a mobile viewport
with touch); waiting until Streamlit is idle; the map's frame.

Playwright is only imported by the caller: importing this module is cheap (``python -m bench``
imports every module of the package).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------
APP = (sys.executable, "-m", "atlas", "serve")  # the app: Streamlit with app.py, warmed up first
STREAMLIT_FLAGS = ("--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false")
HEALTH_TIMEOUT = 90  # s: a cold start on a loaded 2-core machine
OUTPUT_TAIL = 40  # lines of the server's output in the error when it does not become healthy


class ServerFailed(RuntimeError):
    """The server exited, or did not answer its health check in time; the message ends with its output."""


def free_ports(n: int) -> list[int]:
    """`n` different loopback ports that are free now (all held open together while chosen)."""
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.socket()) for _ in range(n)]
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]


def free_port() -> int:
    return free_ports(1)[0]


class Server:
    """A Streamlit server in its own process group, its output in a temporary file."""

    def __init__(self, cmd: list[str], env: dict | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.cmd = [*cmd, "--server.port", str(self.port), *STREAMLIT_FLAGS]
        self._log = tempfile.TemporaryFile(prefix="zb-server-")  # a file, not a pipe: nothing blocks on it
        self._stopped = False
        self.started = time.time()
        self.proc = subprocess.Popen(self.cmd, cwd=REPO, env={**os.environ, **(env or {})}, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        self.healthy_ms = float("nan")  # from the start to the first answer of /_stcore/health

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT) -> None:
        """Return once /_stcore/health answers 200; else stop the server and raise ServerFailed
        with the end of its output."""
        deadline = time.time() + timeout
        while time.time() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(self.base + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        self.healthy_ms = (time.time() - self.started) * 1000
                        return
            except OSError:
                time.sleep(0.3)
        code = self.proc.poll()
        self._halt()
        tail = self.output(OUTPUT_TAIL)
        self.stop()
        why = f"exited with code {code}" if code is not None else f"did not answer /_stcore/health in {timeout:g} s"
        raise ServerFailed(f"{' '.join(self.cmd)} {why}; its last output:\n{tail}")

    def output(self, lines: int) -> str:
        """The last `lines` lines the server wrote (read once it has stopped)."""
        self._log.seek(0)
        text = self._log.read().decode(errors="replace")
        return "\n".join(text.splitlines()[-lines:]) or "(nothing)"

    def stop(self) -> None:
        """Terminate the server's whole process group (killed if it has not exited after 10 s)."""
        if not self._stopped:
            self._halt()
            self._log.close()
            self._stopped = True

    def _halt(self) -> None:
        if self.proc.returncode is None:
            self._signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.proc.kill()
                self.proc.wait()
        self._signal(signal.SIGKILL)  # whatever the server left behind in its group

    def _signal(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_server(cmd: list[str] | tuple[str, ...] = APP, env: dict | None = None,
                 timeout: float = HEALTH_TIMEOUT) -> Server:
    """A server (by default the app) on a free loopback port, once healthy. `env`: extra
    environment variables (e.g. ATLAS_NO_WARM=1, ATLAS_PROJECTS_CSV). Stop it with `.stop()`
    or use it as a context manager. Raises ServerFailed (with its output) if it never gets healthy."""
    server = Server(list(cmd), env)
    server.wait_healthy(timeout)
    return server


def rss_kb(pid: int) -> int:
    """Resident memory of a process (kB), from /proc/<pid>/status; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


# ---------------------------------------------------------------------------
# The browser
# ---------------------------------------------------------------------------
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
)
# Every outside host unknown to DNS: cheaper than Playwright's page.route, which adds seconds per
# page on a loaded 2-core machine (the benchmarks; the tests route, to record what was blocked).
NO_OUTSIDE_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"


class BrowserMissing(RuntimeError):
    pass


def launch(pw, *, no_outside_hosts: bool = False):
    """Debian's Chromium, headless, from a Playwright instance (`sync_playwright()` or
    `async_playwright()`: with the latter, await the result). Never `playwright install`."""
    if not Path(CHROMIUM).exists():
        raise BrowserMissing(f"Debian's Chromium not found at {CHROMIUM}: run `make browser` "
                             "(apt-get install chromium) or set ATLAS_CHROMIUM")
    args = [*CHROMIUM_ARGS, *([NO_OUTSIDE_HOSTS] if no_outside_hosts else [])]
    return pw.chromium.launch(executable_path=CHROMIUM, args=args, headless=True)


DESKTOP = (1400, 900)
PROJECTOR = (1280, 720)
PHONE = (390, 844)
PHONE_BELOW = 800  # px: a narrower screen is a phone or tablet held upright (touch, mobile viewport)


def screen_context(browser, width: int = DESKTOP[0], height: int = DESKTOP[1], **options):
    """A browser context at a screen size as people use it: below PHONE_BELOW pixels wide, a
    mobile viewport with touch. `options` go to `browser.new_context` (sync or async)."""
    phone = width < PHONE_BELOW
    return browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone,
                               **options)


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------
def wait_idle(page, quiet_ms: int = 1200, timeout: float = 30,
              last_activity: Callable[[], float] | None = None) -> None:
    """Wait until no script run is in progress (Streamlit's status widget gone) for `quiet_ms`;
    with `last_activity` (the epoch time of e.g. the last websocket frame): no script run in
    progress and nothing happened for `quiet_ms`. Gives up silently after `timeout` seconds."""
    deadline = time.time() + timeout
    quiet_since = None
    while time.time() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        now = time.time()
        if running:
            quiet_since = None
        elif last_activity is not None:
            quiet_since = last_activity()
        elif quiet_since is None:
            quiet_since = now
        if quiet_since is not None and (now - quiet_since) * 1000 >= quiet_ms:
            return
        page.wait_for_timeout(100)


def map_frame(page):
    """The Leaflet map inside streamlit-folium's iframe (titled by map.js, so found by its source)."""
    return page.frame_locator('iframe[src*="streamlit_folium.st_folium"]')
