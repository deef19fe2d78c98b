"""Deep links work on the very first request to a freshly started server.

Before st.navigation has run once in a fresh server process, Streamlit still treats the
`pages/` folder as a legacy multipage app: a URL path equal to a file stem ran that file on
its own. So no page file shares its stem with a URL path, and the legacy sidebar list is
switched off in .streamlit/config.toml (client.showSidebarNavigation = false), and
`python -m atlas serve` (used by `make run` and these tests) tells Streamlit before the
first session that this is an st.navigation app, so no "Page not found" dialog flashes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.conftest import PAGE_PATHS, start_server

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def test_no_page_file_is_named_like_a_url_path():
    app = (REPO / "app.py").read_text()
    pages = re.findall(r'st\.Page\(\s*"pages/(\w+)\.py".*?url_path="([\w-]+)"', app, re.S)
    assert pages and all(stem != path for stem, path in pages), pages


def test_first_request_to_a_page_link_gets_the_full_app(browser):
    app = start_server()
    base = app.base
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(base + "/budget?province=70000", wait_until="domcontentloaded")
        page.get_by_text("Filters").first.wait_for(timeout=60_000)
        page.locator("h1").filter(has_text="Budget").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
        assert page.get_by_text("Page not found").count() == 0
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0  # not the legacy file list
        assert "/budget" in page.url and "province=70000" in page.url
        page.close()
    finally:
        app.stop()


@pytest.mark.parametrize("path, query, expected", [
    ("kaart/extra/deep", "", "../../kaart"), ("kaart/extra", "lang=en", "../kaart?lang=en"),
    ("kaart", "", None), ("", "", None), ("nope/a/b/c", "", "../../../nope"),
])
def test_a_deep_path_goes_to_its_first_segment(path, query, expected):
    from atlas.cli.serve import deep_path_redirect

    assert deep_path_redirect(path, query) == expected


def test_a_deep_unknown_path_shows_the_page_not_a_blank_one(browser):
    """/kaart/extra/deep used to get index.html whose relative scripts resolved under
    /kaart/extra/static/ (index.html again): a blank page (issue 23.7)."""
    import urllib.error
    import urllib.request

    app = start_server()
    base = app.base
    try:
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as answer:
            opener.open(base + "/kaart/extra/deep?lang=en", timeout=30)
        assert answer.value.code == 302 and answer.value.headers["Location"] == "../../kaart?lang=en"
        with pytest.raises(urllib.error.HTTPError) as missing:
            opener.open(base + "/static/js/missing.js", timeout=30)
        assert missing.value.code == 404
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(base + "/budget/extra/deep?province=70000", wait_until="domcontentloaded")
        page.locator('[data-testid="stTopNavLink"]').first.wait_for(timeout=60_000)
        page.locator("h1").filter(has_text="Budget").first.wait_for(timeout=60_000)
        assert page.url.startswith(base + "/budget?") and "province=70000" in page.url
        assert page.locator('[data-testid="stTopNavLink"]').count() == len(PAGE_PATHS)
        page.close()
    finally:
        app.stop()
