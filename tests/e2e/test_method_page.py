"""The Methode page in Chromium: reachable from the navigation, its sections in order, in both
languages, with the urban/rural shares computed from the data."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from atlas.model.data import load_projects
from atlas.text import fmt
from atlas.views import stats

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def page(module_page):
    return module_page


def test_method_page_from_the_navigation_explains_rural_under_both_typologies(page, server):
    page.goto(f"{server}/?lang=nl")
    page.get_by_role("link", name="Methode").click()
    expect(page).to_have_url(re.compile(r"/methode"), timeout=60_000)
    main = page.locator('[data-testid="stMain"]')
    headings = main.locator("h3")
    expect(headings.first).to_have_text(re.compile("Programma"), timeout=60_000)
    expect(headings.filter(has_text="licenties")).to_have_count(1, timeout=60_000)  # the page drawn to its end
    texts = [h.inner_text() for h in headings.all()]
    order = ["Programma", "stedelijk", "dekking", "weten", "licenties"]
    assert [next(i for i, h in enumerate(texts) if word in h) for word in order] == sorted(
        next(i for i, h in enumerate(texts) if word in h) for word in order)
    projects = load_projects().projects
    degurba = fmt.percent(stats.kpis(projects, "degurba").rural_share, "nl")
    uitrusting = fmt.percent(stats.kpis(projects, "uitrusting").rural_share, "nl")
    body = main.inner_text().replace("\xa0", " ")
    assert f"volgens DEGURBA {degurba} in landelijk gebied" in body
    assert f"volgens de uitrustingsgraad {uitrusting}" in body


def test_method_page_in_english(page, server):
    page.goto(f"{server}/methode?lang=en")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="What \"urban\" and \"rural\" mean")).to_be_visible(timeout=60_000)
    expect(main.get_by_text("How coverage within 2, 5 and 10 km is estimated")).to_be_visible()
