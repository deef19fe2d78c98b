"""Real-browser fixtures: a Streamlit server on loopback and Debian's Chromium via Playwright
(both started by bench/harness.py, the one harness of these tests and the benchmarks).

External requests are blocked (and recorded) so the tests prove the app renders offline.
Never `playwright install`: the browser is /usr/bin/chromium from Debian.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

# The tests import these from here; they live in the one harness of the tests and benchmarks.
from bench.harness import (  # noqa: F401
    PHONE_BELOW, REPO, launch, map_frame, screen_context, start_server, wait_idle,
)

pytestmark = pytest.mark.e2e

# The url_path of every page app.py puts in its navigation, in order (the default page first).
PAGE_PATHS = re.findall(r'url_path="([\w-]+)"', (REPO / "app.py").read_text())


@pytest.fixture(scope="session")
def server():
    with start_server() as app:
        yield app.base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch(pw)
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


@pytest.fixture(scope="module")
def module_page(browser):
    """One page (1400 x 900) for all tests of a module that only read what they open."""
    context = screen_context(browser, 1400, 900)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def offline_page(browser):
    context = screen_context(browser, 1400, 1000)
    page = context.new_page()
    wrapper = OfflinePage(page)
    yield wrapper
    context.close()


@lru_cache(maxsize=1)
def _axe_js() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# Streamlit scrolls its main block inside a screen-high container, and axe-core leaves out what
# such a container has scrolled out of view: it would check the first screen only. For the read,
# the containers give up their height so that the document holds (and axe reads) the whole page.
_WHOLE_PAGE_CSS = """[data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"]
  { overflow: visible !important; height: auto !important; }"""


def axe_serious(target, exclude: list | None = None) -> list[str]:
    """Serious and critical axe-core findings in a page or a frame (both have evaluate()), one
    line each, for the whole page, not only its first screen. axe-core comes from the pinned PyPI
    package axe-playwright-python (its bundled axe.min.js), injected into the page; no CDN.
    Nothing is excluded unless asked."""
    target.evaluate(_axe_js())
    result = target.evaluate(
        """async ([exclude, css]) => {
            const style = document.createElement('style');
            style.textContent = css;
            document.head.appendChild(style);
            try {
                return await axe.run({include: [document], exclude: exclude},
                                     {resultTypes: ['violations'], iframes: false});
            } finally { style.remove(); }
        }""",
        [exclude or [], _WHOLE_PAGE_CSS],
    )
    out = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = [" ".join(map(str, n["target"])) + " " + "; ".join(c["message"] for c in n["any"])
                       for n in v["nodes"][:4]]
            out.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']} -> {targets}")
    return out


# Each plotly chart matching a selector: its frame's box, its title, and each of its texts (title,
# legend, row labels, amounts, ticks, source) with its box, in the page's coordinates.
CHART_TEXTS_JS = """
sel => Array.from(document.querySelectorAll(sel)).map(chart => {
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  const title = chart.querySelector('.gtitle');
  return {frame: box(chart.getBoundingClientRect()), title: title ? title.textContent : '',
          texts: Array.from(chart.querySelectorAll('svg text')).filter(e => e.textContent.trim())
                      .map(e => ({text: e.textContent.trim(), ...box(e.getBoundingClientRect())}))};
})
"""


def chart_texts(page, selector: str) -> list[dict]:
    """What each chart matching `selector` draws (CHART_TEXTS_JS), in document order."""
    return page.evaluate(CHART_TEXTS_JS, selector)


def cut_texts(texts: list[dict], frame: dict, bottom: float | None = None) -> list[str]:
    """The texts that run more than a pixel out of `frame` (below `bottom` too, when given: e.g.
    the screen's lower edge)."""
    low = frame["bottom"] if bottom is None else min(frame["bottom"], bottom)
    return [x["text"] for x in texts if x["left"] < frame["left"] - 1 or x["right"] > frame["right"] + 1
            or x["top"] < frame["top"] - 1 or x["bottom"] > low + 1]


def overlapping(texts: list[dict], slack: float = 0.0) -> list[tuple[str, str]]:
    """The pairs of texts whose boxes overlap by more than `slack` pixels each way."""
    return [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:]
            if a["left"] < b["right"] - slack and b["left"] < a["right"] - slack
            and a["top"] < b["bottom"] - slack and b["top"] < a["bottom"] - slack]


def settled(page, timeout: float = 60_000) -> None:
    """No element faded by a run in progress (Streamlit marks them data-stale) and no finite CSS
    transition or animation running (a colour mid-transition is not what a reader sees): checks
    of colour and contrast read the page as it settles, not mid-run."""
    from playwright.sync_api import expect

    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=timeout)
    page.wait_for_function(
        """() => document.getAnimations().every(a => a.playState !== 'running'
                 || a.effect.getComputedTiming().endTime === Infinity)""", timeout=timeout)


def map_settled(page, quiet_ms: int = 600, timeout: float = 60_000) -> None:
    """If the page has a map: once it is drawn (its legend in its frame) and the run its first
    report to the server started is over. Until then a rerun may still fade the page or redraw
    the buttons a test is about to press."""
    if page.locator('iframe[src*="streamlit_folium.st_folium"]').count():
        map_frame(page).locator(".zb-legend").first.wait_for(timeout=timeout)
        wait_idle(page, quiet_ms=quiet_ms)
