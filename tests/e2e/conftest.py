"""Real-browser fixtures: a Streamlit server on loopback and Debian's Chromium via Playwright
(both started by bench/harness.py, the one harness of these tests and the benchmarks).

External requests are blocked (and recorded) so the tests prove the app renders offline.
Never `playwright install`: the browser is /usr/bin/chromium from Debian.
"""

from __future__ import annotations

import re

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
