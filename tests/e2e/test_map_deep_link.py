"""A shared link opens the same view in a real browser; changing a filter changes map and URL."""

from __future__ import annotations

import re
import time

import pytest

from atlas.model.data import load_projects
from tests.e2e.conftest import map_frame, wait_idle
from tests.e2e.test_map_renders_offline import markers_on_map

pytestmark = pytest.mark.e2e


def wait_for_markers(frame, expected: int, timeout: float = 30) -> int:
    deadline = time.time() + timeout
    seen = -1
    while time.time() < deadline:
        try:
            seen = markers_on_map(frame)
        except Exception:  # noqa: BLE001 - the iframe is being replaced during a rerun
            seen = -1
        if seen == expected:
            return seen
        time.sleep(0.3)
    return seen


def wait_until_still(locator, timeout: float = 10) -> None:
    """Wait until the element stops moving (the map settles after fitting its bounds)."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        box = locator.bounding_box()
        if box is not None and box == last:
            return
        last = box
        time.sleep(0.4)


def test_deep_link_shows_proeftuinen_then_filter_change_updates_markers_and_url(server, offline_page):
    page = offline_page.page
    page.goto(server + "/?programme=proeftuin", wait_until="domcontentloaded")
    page.get_by_text("Projecten getoond").wait_for(timeout=60_000)
    frame = map_frame(page)
    frame.locator(".zb-legend").wait_for(timeout=30_000)
    assert wait_for_markers(frame, 6) == 6
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text().strip() == "6"

    wait_idle(page)
    # Add the zorgzame buurten in the sidebar filter.
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stMultiSelect"]').first.locator("input").click()
    page.get_by_role("option").filter(has_text="Zorgzame buurt").click()
    page.keyboard.press("Escape")
    projects = load_projects().projects
    expected = int(projects["programme"].isin(["proeftuin", "zorgzame_buurt"]).sum())
    page.wait_for_function(
        "n => document.querySelector('[data-testid=\"stMetricValue\"]')?.innerText.trim() === String(n)",
        arg=expected, timeout=30_000,
    )
    assert wait_for_markers(map_frame(page), expected) == expected
    assert re.search(r"programme=proeftuin(%2C|,)zorgzame_buurt", page.url), page.url


def test_clicking_a_marker_opens_its_popup_with_sources(server, offline_page):
    page = offline_page.page
    page.goto(server + "/?programme=proeftuin", wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.locator(".zb-legend").wait_for(timeout=60_000)
    assert wait_for_markers(frame, 6) == 6
    wait_idle(page)
    marker = frame.locator(".zb-marker").first
    wait_until_still(marker)
    marker.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "Proeftuin" in text and "Bronnen" in text and "Periode" in text
    assert popup.locator("a[href^='http']").count() >= 1
