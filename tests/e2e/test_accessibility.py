"""axe-core 4.12 in Chromium on every page: zero serious or critical violations, and
<html lang> follows the UI language (issue 11).

axe-core comes from the pinned PyPI package axe-playwright-python (its bundled axe.min.js),
injected into the page; no CDN (tests/e2e/conftest.py: axe_serious). Each screen size's own
layout (issue 24: the map page, the coverage page, presenter steps, the budget page on a
projector and a phone) is checked where tests/e2e/test_first_screen.py opens it: the same view,
one page load for its layout and its axe-core findings.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_serious, map_settled, settled, wait_idle

pytestmark = pytest.mark.e2e

PAGES = ["", "budget", "stek", "proeftuinen", "zorgzame-buurten", "dekking", "methode", "melden"]
MAP_IFRAME = 'iframe[src*="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def axe_page(module_page):
    return module_page


def open_page(page, server, path: str, lang: str) -> None:
    page.goto(f"{server}/{path}?lang={lang}")
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
    wait_idle(page)  # gives up silently: on a cold first page a run may still be going
    map_settled(page)  # the map's first report reruns the page: its elements fade meanwhile
    settled(page)
    expect(page.locator("html")).to_have_attribute("lang", lang, timeout=30_000)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_axe_violations_in_dutch(axe_page, server, path):
    """Each page; on the map page also the map's own document inside its frame (its title is
    map.js's name for the map, not the component's)."""
    open_page(axe_page, server, path, "nl")
    assert axe_serious(axe_page) == []
    if path == "":
        frame_el = axe_page.locator(MAP_IFRAME).first
        # the component's own title ("streamlit_folium.st_folium") until map.js names the map
        expect(frame_el).not_to_have_attribute("title", re.compile("streamlit_folium"), timeout=30_000)
        assert re.search(r"\w", frame_el.get_attribute("title") or "")
        frame = frame_el.element_handle().content_frame()
        frame.wait_for_selector(".leaflet-marker-icon, .zb-cluster", timeout=30_000)
        assert axe_serious(frame) == []


@pytest.mark.parametrize("path", ["", "methode"])
def test_no_serious_or_critical_axe_violations_in_english(axe_page, server, path):
    open_page(axe_page, server, path, "en")
    assert axe_serious(axe_page) == []


def test_html_lang_follows_the_language_switch(axe_page, server):
    open_page(axe_page, server, "methode", "nl")
    axe_page.goto(f"{server}/methode?lang=en")
    expect(axe_page.locator("html")).to_have_attribute("lang", "en", timeout=30_000)
