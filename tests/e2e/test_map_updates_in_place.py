"""A filter click updates the map in the browser instead of rebuilding it; the map has a
meaningful title, Esc closes a popup, markers are named and are not tab stops."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import map_frame, wait_idle

pytestmark = pytest.mark.e2e


def test_a_filter_click_swaps_the_markers_without_reloading_the_map(server, offline_page):
    page = offline_page.page
    page.goto(server + "/", wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.locator(".zb-legend").wait_for(timeout=60_000)
    iframe = page.locator('iframe[src*="streamlit_folium.st_folium"]')
    expect(iframe).to_have_attribute("title", "Kaart van de projecten in Vlaanderen en Brussel")
    wait_idle(page)
    # a mark on the map's document: a rebuilt map would be a new document without it
    frame.locator("body").evaluate("b => { window.__kept = true; }")
    legend = frame.locator(".zb-legend")
    expect(legend).to_contain_text("STEK (16 nieuwe)")
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first \
        .get_by_role("button", name=re.compile(r"^Remove STEK \(16")).click()
    expect(legend).not_to_contain_text("STEK (16 nieuwe)", timeout=30_000)
    assert frame.locator("body").evaluate("b => window.__kept === true")
    # markers carry a name and are not tab stops (the table below is the keyboard way)
    marker = frame.locator(".zb-marker").first
    expect(marker).to_have_attribute("role", "img")
    assert marker.get_attribute("aria-label")
    assert frame.locator(".zb-marker[tabindex='0'], .zb-cluster-wrap[tabindex='0']").count() == 0


def test_escape_closes_a_marker_popup(server, offline_page):
    page = offline_page.page
    page.goto(server + "/?programme=proeftuin", wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.locator(".zb-marker").first.wait_for(timeout=60_000)
    wait_idle(page)
    frame.locator(".zb-marker").first.click()
    expect(frame.locator(".leaflet-popup")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
