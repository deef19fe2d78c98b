"""The need-gap view of an institute in a real browser: line, table, dark-red fills, threshold."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from atlas.model import completeness
from atlas.model.data import institutes, load_projects, programmes
from atlas.model.filters import FilterState
from atlas.views import report
from geo import reference
from geo.coverage import default_territory
from tests.e2e.conftest import map_frame

pytestmark = pytest.mark.e2e
INSTITUTE = "saamo-west-vlaanderen"


def expected_view():
    projects = load_projects().projects
    state = FilterState(institute=INSTITUTE)
    cov = report.compute_coverage(default_territory(), projects, state.programmes)
    munis = reference.municipalities()
    area = report.resolve_area(state, munis, institutes())
    units = completeness.official_units(completeness.official_area_counts(), programmes(), munis, institutes())
    return report.build_view(area, cov, known=completeness.area_lines(projects, programmes(), units, state.programmes,
                                                                      area, "nl"), state=state)


def test_need_gaps_of_an_institute_show_line_table_and_map(server, offline_page):
    view = expected_view()
    assert len(view.need_gaps), "the chosen institute must have need gaps for this test to mean something"
    page = offline_page.page
    page.goto(f"{server}/dekking?institute={INSTITUTE}", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Noden zonder gekend project (kansarmoede-index ≥ 15 %)")).to_be_visible(
        timeout=90_000)
    expect(page.get_by_text(report.need_line(view))).to_be_visible()
    table = page.get_by_role("table").filter(has_text="Index × inwoners")  # atlas.ui.chrome.text_table
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(view.need_gaps))
    expect(rows.first).to_contain_text(str(view.need_gaps.iloc[0]["name"]))
    # the map draws the need gaps in their own fill
    frame = map_frame(page)
    expect(frame.locator(".zb-legend")).to_contain_text("geen gekend project, kansarmoede-index ≥ 15 %", timeout=30_000)
    # (the boundaries are drawn on a canvas: read the fills the map was given)
    scripts = frame.locator("body").evaluate("() => Array.from(document.scripts).map(s => s.textContent).join('\\n')")
    for nis in view.need_gaps["nis"]:
        assert re.search(rf'"{nis}":\s*"{report.NEED_GAP_COLOUR}"', scripts), nis
    assert page.locator('[data-testid="stException"]').count() == 0

    # a higher threshold: the heading and the line follow
    box = page.get_by_role("spinbutton", name="Drempel kansarmoede-index (%)")
    box.fill("25")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Noden zonder gekend project (kansarmoede-index ≥ 25 %)")).to_be_visible(
        timeout=60_000)
    expect(page.get_by_text(re.compile(r"gemeenten? met een kansarmoede-index ≥ 25 %"))).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
