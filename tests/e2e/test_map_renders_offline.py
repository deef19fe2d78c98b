"""The map renders in a real browser with every external request blocked."""

from __future__ import annotations

import re

import pytest

from atlas.model.data import load_projects
from tests.e2e.conftest import map_frame

pytestmark = pytest.mark.e2e


def markers_on_map(frame) -> int:
    """Single markers plus the counts inside cluster bubbles."""
    singles = frame.locator(".zb-marker").count()
    clustered = sum(int(t) for t in frame.locator(".zb-cluster").all_inner_texts() if t.strip().isdigit())
    return singles + clustered


def test_map_renders_with_boundaries_markers_and_legend_without_internet(server, offline_page):
    page = offline_page.page
    page.goto(server + "/", wait_until="domcontentloaded")
    page.get_by_text("Zorgzame buurten in kaart").first.wait_for(timeout=60_000)
    frame = map_frame(page)
    frame.locator(".leaflet-container").wait_for(timeout=60_000)
    frame.locator(".zb-legend").wait_for(timeout=30_000)
    # Municipal boundaries are drawn (SVG or canvas paths inside the overlay pane).
    frame.locator(".leaflet-overlay-pane canvas, .leaflet-overlay-pane path").first.wait_for(timeout=30_000)
    expected = len(load_projects().projects)
    page.wait_for_timeout(500)
    assert markers_on_map(frame) == expected
    assert "Legende" in frame.locator(".zb-legend").inner_text()
    # Nothing the map needs came from outside: only base-map tiles may have been tried.
    non_tiles = [u for u in offline_page.blocked if not re.search(r"tile\.openstreetmap\.org", u)]
    assert non_tiles == [], non_tiles
