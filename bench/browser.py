"""``python -m bench browser``: what a user waits for, in Chromium, against floors in the same run.

Two Streamlit servers run side by side from the repository root: the app (``python -m atlas
serve``) and the floors (``bench/floor/app.py``: st_folium with an empty map and one marker on
local Leaflet; one plotly chart). Both are warmed up first (a server start is not what is
measured). Debian's Chromium blocks every outside host by DNS (``--host-resolver-rules``;
Playwright's ``page.route`` would add seconds per page on a loaded 2-core machine). Each cold
load is a fresh browser context; the cases alternate within each round; medians and spread.

Times come from ``bench/probe.js`` (injected into every frame): epoch times of the first
marker icon and the first vector layer in the map iframe, of each plotly chart's first SVG,
and of the last change in the marker pane (a filter click). Bytes are the websocket frames
of the page view (Chrome DevTools Protocol), until the page is idle.

Also (issue 22): the static export (``python -m atlas export``) against a plain Leaflet page
with the same boundaries and markers (``bench/floor/leaflet_page.py``), both from ``file://``;
the second visit (the page once in a context, then again in a new tab of that context: warm
HTTP cache) of ``/`` and of the floor; the first visitor of a freshly started server (with and
without the warm-up of ``atlas serve``) and of a fresh floor server, each with its time from
start to healthy. Servers start only when a chosen case needs them.

Options: ``--rounds N`` (default 5), ``--no-memory`` (skip the 1/10/20-session memory rows),
``--only CASES`` (comma-separated case names, e.g. ``"/,floor map"``: those rows, plus the
ratios whose two cases are both chosen; no memory rows). Cases: floor map, /, floor chart,
/budget, /dekking, floor click, / click, floor leaflet, static, floor map warm, / warm,
first visitor floor, first visitor /, first visitor / no warm-up.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from base64 import b64decode
from pathlib import Path

from bench import Row, register
from bench.harness import APP, DESKTOP, Server, launch, rss_kb, screen_context, start_server, wait_idle

REPO = Path(__file__).resolve().parent.parent
PROBE = (Path(__file__).resolve().parent / "probe.js").read_text(encoding="utf-8")
VIEWPORT = {"width": DESKTOP[0], "height": DESKTOP[1]}
TIMEOUT_MS = 90_000


# ---------------------------------------------------------------------------
# One page view
# ---------------------------------------------------------------------------
class View:
    """A fresh context and page with the probe and a websocket byte counter."""

    def __init__(self, browser, viewport=VIEWPORT):
        self.context = screen_context(browser, **viewport)
        self.context.add_init_script(PROBE)
        self.page = self.context.new_page()
        self.ws_in = self.ws_out = 0
        self.last_frame = time.time()
        cdp = self.context.new_cdp_session(self.page)
        cdp.on("Network.webSocketFrameReceived", lambda e: self._frame(e, True))
        cdp.on("Network.webSocketFrameSent", lambda e: self._frame(e, False))
        cdp.send("Network.enable")

    def _frame(self, event, incoming: bool) -> None:
        resp = event["response"]
        data = resp.get("payloadData", "")
        size = len(b64decode(data)) if resp.get("opcode") == 2 else len(data.encode("utf-8"))
        if incoming:
            self.ws_in += size
        else:
            self.ws_out += size
        self.last_frame = time.time()

    def probe(self) -> dict:
        return self.page.evaluate("() => window.__zbProbe")

    def wait(self, condition: str) -> None:
        self.page.wait_for_function(f"() => {{ const p = window.__zbProbe; return p && ({condition}); }}",
                                    timeout=TIMEOUT_MS, polling=50)

    def idle(self, quiet_s: float = 1.5, timeout_s: float = 60) -> None:
        """No script running and no websocket frame for `quiet_s`."""
        wait_idle(self.page, quiet_s * 1000, timeout_s, last_activity=lambda: self.last_frame)

    def new_tab(self) -> None:
        """Close this page and open a new one in the same context (same profile: same HTTP cache)."""
        old = self.page
        self.page = self.context.new_page()
        old.close()
        self.ws_in = self.ws_out = 0
        cdp = self.context.new_cdp_session(self.page)
        cdp.on("Network.webSocketFrameReceived", lambda e: self._frame(e, True))
        cdp.on("Network.webSocketFrameSent", lambda e: self._frame(e, False))
        cdp.send("Network.enable")

    def close(self) -> None:
        self.context.close()


def open_map(v: View, url: str, boundaries: bool) -> None:
    """Open `url` and wait until its map is drawn (markers, and the boundary layer where the
    page has one) and the page is idle."""
    v.page.goto(url, wait_until="commit")
    v.wait("p.marker > 0" + (" && p.overlay > 0" if boundaries else ""))
    v.idle()


def cold_map(browser, url: str, boundaries: bool) -> dict:
    """Navigation to the map drawn: markers, and the boundary layer where the page has one."""
    v = View(browser)
    try:
        open_map(v, url, boundaries)
        p = v.probe()
        drawn = max(p["marker"], p["overlay"] if boundaries else 0) - p["origin"]
        return {"drawn": drawn, "marker": p["marker"] - p["origin"], "kb": v.ws_in / 1000}
    finally:
        v.close()


def warm_map(browser, url: str, boundaries: bool) -> dict:
    """The second visit: the page opened once in a fresh context (not measured), closed, then
    opened again in a new tab of the same context (its HTTP cache filled): navigation to the
    map drawn, as in `cold_map`."""
    v = View(browser)
    try:
        open_map(v, url, boundaries)
        v.new_tab()
        open_map(v, url, boundaries)
        p = v.probe()
        return {"drawn": max(p["marker"], p["overlay"] if boundaries else 0) - p["origin"]}
    finally:
        v.close()


def cold_file(browser, path: Path, charts: int = 0) -> dict:
    """A page opened from file:// (the static export, its plain Leaflet floor): navigation to the
    map drawn (first marker and first boundary, in the page or its map frame), and to `charts`
    plotly charts drawn."""
    v = View(browser)
    try:
        v.page.goto(path.as_uri(), wait_until="commit")
        v.wait("p.marker > 0 && p.overlay > 0" + (f" && p.charts.length >= {charts}" if charts else ""))
        p = v.probe()
        out = {"drawn": max(p["marker"], p["overlay"]) - p["origin"], "marker": p["marker"] - p["origin"]}
        if charts:
            out["charts"] = max(p["charts"]) - p["origin"]
            out["first_chart"] = min(p["charts"]) - p["origin"]
        return out
    finally:
        v.close()


def first_visit(browser, cmd: list[str], path: str, boundaries: bool, env: dict | None = None) -> dict:
    """A fresh server: the first session's map drawn, right after the server said it is healthy
    (what a visitor gets after `make run` or a container start); also the start to healthy."""
    with start_server(cmd, env) as server:
        return {**cold_map(browser, server.base + path, boundaries), "healthy": server.healthy_ms}


def cold_charts(browser, url: str) -> dict:
    """Navigation to every plotly chart of the page drawn (the last one's first SVG)."""
    v = View(browser)
    try:
        v.page.goto(url, wait_until="commit")
        v.wait("p.charts.length > 0")
        v.idle()
        expected = v.page.locator('[data-testid="stPlotlyChart"]').count()
        v.wait(f"p.charts.length >= {expected}")
        p = v.probe()
        return {"drawn": max(p["charts"]) - p["origin"], "charts": expected, "kb": v.ws_in / 1000}
    finally:
        v.close()


def click_to_redraw(browser, url: str, click, boundaries: bool) -> dict:
    """After a warm page view, one click to the last change of the map's markers."""
    v = View(browser)
    try:
        open_map(v, url, boundaries)
        before = v.probe()
        kb_before = v.ws_in
        t_click = v.page.evaluate("() => performance.timeOrigin + performance.now()")
        click(v.page)
        v.wait(f"p.lastMarker > {t_click}")
        v.idle()
        p = v.probe()
        return {"redraw": p["lastMarker"] - t_click, "rebuilt": p["mapDocs"] > before["mapDocs"],
                "kb": (v.ws_in - kb_before) / 1000}
    finally:
        v.close()


def remove_first_programme(page) -> None:
    side = page.locator('[data-testid="stSidebar"]')
    side.locator('[data-testid="stMultiSelect"]').first.get_by_role("button", name=re.compile(r"^Remove ")).first.click()


def move_floor_marker(page) -> None:
    page.get_by_text("move the marker").click()


# ---------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------
def _stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def _row(label, values, target=None, note="", unit="ms") -> Row:
    med, lo, hi = _stats(values)
    return Row(label, med, len(values), lo, hi, target, note, unit)


def _ratio_row(label, num: list[float], den: list[float], target=None, note="") -> Row:
    ratios = [a / b for a, b in zip(num, den)]  # per round: both measured within the same round
    med, lo, hi = _stats(ratios)
    return Row(label, statistics.median(num) / statistics.median(den), len(ratios), lo, hi, target,
               note or f"median {statistics.median(num):,.0f} ms vs {statistics.median(den):,.0f} ms "
                       f"(min/max are per-round ratios, median of medians shown)", "x")


def memory_rows(browser, base: str, pid: int) -> list[Row]:
    """Server RSS with 1, 10 and 20 open sessions of the map page (each page its own session)."""
    rows = []
    views: list[View] = []
    rss = {}
    try:
        for target in (1, 10, 20):
            while len(views) < target:
                v = View(browser, viewport={"width": 1000, "height": 700})
                v.page.goto(base + "/", wait_until="commit")
                v.wait("p.marker > 0")
                views.append(v)
            for v in views[-3:]:
                v.idle(quiet_s=1.0)
            time.sleep(1.0)
            rss[target] = rss_kb(pid) / 1024
    finally:
        for v in views:
            v.close()
    per = (rss[20] - rss[10]) / 10
    for n, mb in rss.items():
        rows.append(Row(f"server RSS with {n} open map session(s)", mb, 1, mb, mb, None, "", "MB"))
    rows.append(Row("server memory per extra session (10 → 20)", per, 1, per, per, None,
                    "(RSS20 - RSS10) / 10; RSS never shrinks, so read it as an upper bound", "MB"))
    return rows


class Servers:
    """The app and the floor servers, each started when a case first needs it."""

    def __init__(self):
        self.procs: dict[str, Server] = {}
        self.bases: dict[str, str] = {}

    def base(self, name: str) -> str:
        if name not in self.bases:
            self.procs[name] = start_server(SERVER_CMDS[name])
            self.bases[name] = self.procs[name].base
        return self.bases[name]

    def stop(self) -> None:
        for server in self.procs.values():
            server.stop()


SERVER_CMDS = {"app": list(APP),
               "floor": [sys.executable, "-m", "streamlit", "run", "bench/floor/app.py"]}
FIRST_VISIT = ("first visitor /", "first visitor / no warm-up", "first visitor floor")  # each starts its own server: not warmed


def static_files(folder: Path) -> tuple[Path, Path]:
    """The static export (`python -m atlas export`) and its plain Leaflet floor, written into `folder`."""
    from atlas.views.static_site import build_site
    from bench.floor.leaflet_page import write

    build_site(folder / "site", "nl")
    return folder / "site" / "index.html", write(folder / "floor")


@register("browser", "what the user waits for in Chromium, against floors in the same run")
def run(argv: list[str]) -> list[Row]:
    import tempfile

    from playwright.sync_api import sync_playwright

    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 5
    srv = Servers()
    tmp = tempfile.TemporaryDirectory(prefix="bench-static-")
    files: list[Path] = []

    def static(i: int) -> Path:
        if not files:
            files.extend(static_files(Path(tmp.name)))
        return files[i]

    try:
        with sync_playwright() as pw:
            browser = launch(pw, no_outside_hosts=True)
            try:
                cases = {
                    "floor map": lambda: cold_map(browser, srv.base("floor") + "/", False),
                    "/": lambda: cold_map(browser, srv.base("app") + "/", True),
                    "floor chart": lambda: cold_charts(browser, srv.base("floor") + "/chart"),
                    "/budget": lambda: cold_charts(browser, srv.base("app") + "/budget"),
                    "/dekking": lambda: cold_map(browser, srv.base("app") + "/dekking?institute=saamo-limburg", True),
                    "floor click": lambda: click_to_redraw(browser, srv.base("floor") + "/", move_floor_marker, False),
                    "/ click": lambda: click_to_redraw(browser, srv.base("app") + "/", remove_first_programme, True),
                    "floor leaflet": lambda: cold_file(browser, static(1)),
                    "static": lambda: cold_file(browser, static(0), charts=3),
                    "floor map warm": lambda: warm_map(browser, srv.base("floor") + "/", False),
                    "/ warm": lambda: warm_map(browser, srv.base("app") + "/", True),
                    "first visitor floor": lambda: first_visit(browser, SERVER_CMDS["floor"], "/", False),
                    "first visitor /": lambda: first_visit(browser, SERVER_CMDS["app"], "/", True),
                    "first visitor / no warm-up": lambda: first_visit(browser, SERVER_CMDS["app"], "/", True,
                                                                      {"ATLAS_NO_WARM": "1"}),
                }
                if "--only" in argv:  # e.g. --only "/,floor map": a quicker look at some rows
                    keep = argv[argv.index("--only") + 1].split(",")
                    cases = {k: v for k, v in cases.items() if k in keep}
                for name, fn in cases.items():  # warm both servers and every page once (not measured)
                    if name not in FIRST_VISIT:
                        fn()
                res: dict[str, list[dict]] = {k: [] for k in cases}
                for r in range(rounds):
                    order = list(cases) if r % 2 == 0 else list(reversed(cases))
                    for name in order:
                        res[name].append(cases[name]())
                mem = [] if "--no-memory" in argv or "--only" in argv else memory_rows(browser, srv.base("app"),
                                                                                      srv.procs["app"].pid)
            finally:
                browser.close()
    finally:
        srv.stop()
        tmp.cleanup()

    def col(name, key):
        return [r[key] for r in res[name]]

    # (row label, case, its floor, target): ratios of medians within this run
    pairs = [
        ("/: map drawn vs floor", "/", "floor map", 1.3),
        ("/dekking: map drawn vs floor", "/dekking", "floor map", 1.3),
        ("/budget: charts drawn vs one-chart floor", "/budget", "floor chart", 1.3),
        ("static export: map drawn vs plain Leaflet page (file://)", "static", "floor leaflet", 1.2),
        ("/ second visit (warm cache): map drawn vs floor's second visit", "/ warm", "floor map warm", 1.3),
        ("/ first visitor after a start: map drawn vs floor's", "first visitor /", "first visitor floor", None),
        ("/ first visitor, no warm-up (ATLAS_NO_WARM=1): map drawn vs floor's", "first visitor / no warm-up",
         "first visitor floor", None),
    ]
    ratios = [_ratio_row(label, col(a, "drawn"), col(b, "drawn"), target)
              for label, a, b, target in pairs if a in res and b in res]

    if "--only" in argv:
        return [_row(f"{name}: {key}", col(name, key), unit="KB" if key == "kb" else "ms")
                for name in res for key in res[name][0]
                if key in ("drawn", "redraw", "kb", "charts", "healthy")] + ratios

    def ratio(label):
        return next(r for r in ratios if r.label == label)

    rows = [
        _row("floor: empty map drawn (cold load)", col("floor map", "drawn")),
        _row("/: map drawn (markers + boundaries)", col("/", "drawn"),
             note=f"first marker {statistics.median(col('/', 'marker')):,.0f} ms"),
        ratio("/: map drawn vs floor"),
        _row("/dekking?institute=saamo-limburg: map drawn", col("/dekking", "drawn")),
        ratio("/dekking: map drawn vs floor"),
        _row("floor: one plotly chart drawn", col("floor chart", "drawn")),
        _row("/budget: all charts drawn", col("/budget", "drawn"),
             note=f"{res['/budget'][0]['charts']} plotly charts"),
        ratio("/budget: charts drawn vs one-chart floor"),
        _row("floor: click to redrawn map (map rebuilt)", col("floor click", "redraw")),
        _row("/: filter click to redrawn map", col("/ click", "redraw"), 500.0,
             note=("map UPDATED in place" if not any(col("/ click", "rebuilt")) else
                   f"map REBUILT in {sum(col('/ click', 'rebuilt'))} of {rounds} rounds")),
        _row("/: websocket bytes, first view", col("/", "kb"), 250.0, unit="KB"),
        _row("/: websocket bytes, one filter click", col("/ click", "kb"), unit="KB"),
        _row("/budget: websocket bytes, first view", col("/budget", "kb"), unit="KB"),
        _row("/dekking: websocket bytes, first view", col("/dekking", "kb"), unit="KB"),
        _row("floor map: websocket bytes, first view", col("floor map", "kb"), unit="KB"),
        _row("floor: plain Leaflet page, map drawn (file://)", col("floor leaflet", "drawn")),
        _row("static export: map drawn (file://)", col("static", "drawn"),
             note=f"first marker {statistics.median(col('static', 'marker')):,.0f} ms"),
        ratio("static export: map drawn vs plain Leaflet page (file://)"),
        _row("static export: all 3 charts drawn (after the map)", col("static", "charts"),
             note=f"first chart {statistics.median(col('static', 'first_chart')):,.0f} ms"),
        _row("floor: second visit (same context, new tab), map drawn", col("floor map warm", "drawn")),
        _row("/: second visit (same context, new tab), map drawn", col("/ warm", "drawn")),
        ratio("/ second visit (warm cache): map drawn vs floor's second visit"),
        _ratio_row("/: second visit vs first (cold) visit", col("/ warm", "drawn"), col("/", "drawn")),
        _row("floor: fresh server, start to healthy", col("first visitor floor", "healthy")),
        _row("app: fresh server, start to healthy", col("first visitor /", "healthy")),
        _row("app without warm-up: fresh server, start to healthy", col("first visitor / no warm-up", "healthy")),
        _row("floor: first visitor after a start, map drawn", col("first visitor floor", "drawn")),
        _row("/: first visitor after a start, map drawn", col("first visitor /", "drawn")),
        ratio("/ first visitor after a start: map drawn vs floor's"),
        _row("/ first visitor, no warm-up: map drawn", col("first visitor / no warm-up", "drawn")),
        ratio("/ first visitor, no warm-up (ATLAS_NO_WARM=1): map drawn vs floor's"),
        _ratio_row("/: first visitor vs a later visitor (cold browser, warm server)",
                   col("first visitor /", "drawn"), col("/", "drawn")),
    ]
    return rows + mem
