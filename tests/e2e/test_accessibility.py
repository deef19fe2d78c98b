"""axe-core 4.12 in Chromium on every page: zero serious or critical violations, and
<html lang> follows the UI language (issue 11).

axe-core comes from the pinned PyPI package axe-playwright-python (its bundled axe.min.js),
injected into the page; no CDN.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE_BELOW, screen_context, wait_idle

pytestmark = pytest.mark.e2e

PAGES = ["", "budget", "stek", "proeftuinen", "zorgzame-buurten", "dekking", "methode", "melden"]

# Nothing is excluded: the page around the map (including the map iframe's title) is scanned
# here, and the map document itself by test_the_map_inside_its_frame_has_no_serious_violations.
EXCLUDE: list = []


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def axe_page(module_page):
    return module_page


def serious(page) -> list[str]:
    """Serious and critical axe-core findings in a page or frame (both have evaluate())."""
    page.evaluate(axe_script())
    result = page.evaluate(
        """async (exclude) => await axe.run({include: [document], exclude: exclude},
                                           {resultTypes: ['violations'], iframes: false})""",
        EXCLUDE,
    )
    out = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:4]]
            out.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']} -> {targets}")
    return out


def open_page(page, server, path: str, lang: str) -> None:
    page.goto(f"{server}/{path}?lang={lang}")
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
    wait_idle(page)  # gives up silently: on a cold first page a run may still be going
    # Streamlit fades the elements of a run in progress (data-stale): axe would measure their
    # contrast at reduced opacity. Check the page as it settles, not mid-run.
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=60_000)
    expect(page.locator("html")).to_have_attribute("lang", lang, timeout=30_000)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_axe_violations_in_dutch(axe_page, server, path):
    open_page(axe_page, server, path, "nl")
    assert serious(axe_page) == []


@pytest.mark.parametrize("path", ["", "methode"])
def test_no_serious_or_critical_axe_violations_in_english(axe_page, server, path):
    open_page(axe_page, server, path, "en")
    assert serious(axe_page) == []


def test_html_lang_follows_the_language_switch(axe_page, server):
    open_page(axe_page, server, "methode", "nl")
    axe_page.goto(f"{server}/methode?lang=en")
    expect(axe_page.locator("html")).to_have_attribute("lang", "en", timeout=30_000)


def test_the_map_inside_its_frame_has_no_serious_violations(axe_page, server):
    open_page(axe_page, server, "", "nl")
    frame_el = axe_page.locator('iframe[src*="streamlit_folium.st_folium"]').first
    # the component's own title ("streamlit_folium.st_folium") until map.js names the map
    expect(frame_el).not_to_have_attribute("title", re.compile("streamlit_folium"), timeout=30_000)
    assert re.search(r"\w", frame_el.get_attribute("title") or "")
    frame = frame_el.element_handle().content_frame()
    frame.wait_for_selector(".leaflet-marker-icon, .zb-cluster", timeout=30_000)
    assert serious(frame) == []


# Issue 24: the layout changes with the screen (map first, a page row and a KPI grid on a
# phone, presenter mode on a projector); each size stays at zero serious findings, the map's
# own document included.
SCREENS = [(1280, 720), (1920, 1080), (390, 844), (768, 1024), (1024, 768)]


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_serious_or_critical_axe_violations_at_each_screen_size(browser, server, size):
    width, height = size
    context = screen_context(browser, width, height)
    page = context.new_page()
    try:
        urls = [f"{server}/?lang=nl", f"{server}/dekking?lang=nl"]
        if width >= 1280:  # a projector
            urls.append(f"{server}/?presenter=1&lang=nl")
        for url in urls:
            page.goto(url)
            expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
            frame_el = page.locator('iframe[src*="streamlit_folium.st_folium"]').first
            frame_el.wait_for(timeout=60_000)
            wait_idle(page)
            assert serious(page) == [], url
            frame = frame_el.element_handle().content_frame()
            frame.wait_for_selector(".zb-legend", timeout=30_000)
            assert serious(frame) == [], url + " (map)"
    finally:
        context.close()


# The budget page's layout per screen (chart first on a phone; presenter step 4 on a projector,
# its chart in a frame as high as the screen has left).
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (390, 844)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_budget_page_has_no_serious_axe_violations_at_each_screen_size(browser, server, size):
    width, height = size
    context = screen_context(browser, width, height)
    page = context.new_page()
    try:
        url = f"{server}/budget?lang=nl" if width < PHONE_BELOW else f"{server}/?presenter=4&lang=nl"
        page.goto(url)
        page.locator('.st-key-ch_programme_totals [data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=90_000)
        wait_idle(page)
        assert serious(page) == [], url
    finally:
        context.close()
