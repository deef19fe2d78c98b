"""What the first view leaves out is there on a click, and stays open: the map page's project
table (an on-demand section) and the budget page's tabs (only the open one is built), across a
filter change, the language switch and another page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_state_holds import assert_healthy, open_app, settle, sidebar

pytestmark = pytest.mark.e2e


def grids(page):
    return page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')


def test_the_project_table_opens_on_a_click_and_stays_open_through_the_language_switch(server, offline_page):
    page = offline_page.page
    open_app(page, server + "/?programme=proeftuin", "Projecten getoond")
    expect(grids(page)).to_have_count(0)  # the first view does not wait for the grid's code
    page.get_by_text("Toon de tabel (6 projecten)").click()
    expect(grids(page)).to_have_count(1, timeout=30_000)
    settle(page)
    sidebar(page).get_by_text("English", exact=True).click()
    page.get_by_text("Projects shown").wait_for(timeout=30_000)
    settle(page)
    assert_healthy(page)
    expect(page.get_by_text("Show the table (6 projects)")).to_be_visible()
    expect(grids(page)).to_have_count(1, timeout=30_000)


def test_a_budget_tab_stays_open_through_the_language_switch_and_another_page(server, offline_page):
    page = offline_page.page
    open_app(page, server + "/budget?date=2023-05-01", "Budget per programma")
    charts = page.locator('[data-testid="stMain"] [data-testid="stPlotlyChart"]')
    expect(charts).to_have_count(1, timeout=30_000)  # the first tab: programme budgets
    page.get_by_role("tab", name="Status op 1 mei 2023 en tijdlijn").click()
    expect(charts.filter(has_text="Tijdlijn van de projectperiodes")).to_have_count(1, timeout=30_000)
    settle(page)
    sidebar(page).get_by_text("English", exact=True).click()
    expect(page.get_by_role("tab", name="Status on 1 May 2023 and timeline")).to_have_attribute(
        "aria-selected", "true", timeout=30_000)
    expect(charts.filter(has_text="Timeline of the project periods")).to_have_count(1, timeout=30_000)
    settle(page)
    assert_healthy(page)
    page.locator('[data-testid="stTopNavLink"]').filter(has_text="Map").first.click()
    page.get_by_text("Projects shown").wait_for(timeout=30_000)
    settle(page)
    page.locator('[data-testid="stTopNavLink"]').filter(has_text="Budget & status").first.click()
    expect(page.get_by_role("tab", name="Status on 1 May 2023 and timeline")).to_have_attribute(
        "aria-selected", "true", timeout=30_000)
    assert_healthy(page)
