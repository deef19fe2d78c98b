"""The need indicators in a real browser: the map's colour choice and the budget page's chart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import map_frame

pytestmark = pytest.mark.e2e

# The chart's title, on one line or wrapped (its lines are spans of one SVG text, read unspaced)
NEED_TITLE = re.compile(r"Gekende projecten tegenover\s*kansarmoede")


def test_kansarmoede_colour_link_draws_the_classed_legend_and_the_source_line(server, offline_page):
    page = offline_page.page
    page.goto(server + "/?colour=kansarmoede", wait_until="domcontentloaded")
    legend = map_frame(page).locator(".zb-legend")
    expect(legend).to_contain_text("Kansarmoede-index (% kinderen geboren in een kansarm gezin)", timeout=90_000)
    for label in ("0 – 5 %", "25 % en meer", "geen gegevens"):
        expect(legend).to_contain_text(label)
    expect(page.get_by_text("Bron: Gemeente-Stadsmonitor, Vlaamse overheid", exact=False)).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0


def test_budget_page_shows_projects_against_deprivation_with_the_incomplete_list(server, offline_page):
    page = offline_page.page
    page.goto(server + "/budget", wait_until="domcontentloaded")
    tab = page.get_by_role("tab", name="Projecten en kansarmoede")
    expect(tab).to_be_visible(timeout=90_000)
    # only the open tab is built: the chart comes with the click
    assert page.locator('[data-testid="stPlotlyChart"]').filter(has_text=NEED_TITLE).count() == 0
    tab.click()
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text=NEED_TITLE)
    expect(chart).to_be_visible(timeout=30_000)
    expect(chart).to_contain_text("Projectlijst onvolledig")
    page.locator('[data-testid="stButtonGroup"]').get_by_text("provincie", exact=True).click()
    expect(chart.locator("text", has_text="West-Vlaanderen").first).to_be_attached(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
