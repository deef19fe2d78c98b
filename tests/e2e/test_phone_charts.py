"""Every chart of the budget page (each of its tabs) and of the three programme pages on a phone
(390 x 844): each text of a chart (title, subtitle, legend, row labels and their notes, amounts,
axis ticks, source) lies whole within the chart's frame, and no two are drawn over each other.

A chart is built once for every screen (atlas.views.charts: TITLE_WRAP, ROW_WRAP, NOTE_WRAP and
the EUR axis's room after the bars); on a phone its plot is ~150 px wide next to its row labels.
Before this test, amounts ("€ 1.342.000"), row notes, the timeline's "not drawn" texts and the
status chart's notes ran off the frame there, and axis ticks ran into each other.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import chart_texts, cut_texts, overlapping, screen_context, settled, wait_idle

pytestmark = pytest.mark.e2e

PHONE = (390, 844)
CHART = '[data-testid="stMain"] [data-testid="stPlotlyChart"]'


@pytest.fixture(scope="module")
def phone(browser):
    context = screen_context(browser, *PHONE)
    page = context.new_page()
    yield page
    context.close()


def charts_drawn(page) -> list[dict]:
    """Once the run is over and every chart of the open view has drawn its texts: what they show
    (conftest.chart_texts), without the texts plotly hid (no size: not drawn)."""
    wait_idle(page, quiet_ms=1200)
    settled(page)
    page.wait_for_function(f"""() => {{ const all = document.querySelectorAll('{CHART}');
        return all.length > 0 && Array.from(all).every(c => c.querySelector('.main-svg text')); }}""",
                           timeout=60_000)
    charts = chart_texts(page, CHART)
    for chart in charts:
        chart["texts"] = [x for x in chart["texts"] if x["right"] > x["left"]]
    return charts


@pytest.mark.parametrize("path, lang", [("budget", "nl"), ("budget", "en"), ("stek", "nl"), ("proeftuinen", "nl"),
                                        ("zorgzame-buurten", "nl")])
def test_every_chart_on_a_phone_shows_every_text_whole(phone, server, path, lang):
    phone.goto(f"{server}/{path}?lang={lang}", wait_until="domcontentloaded")
    phone.locator(CHART + " .main-svg").first.wait_for(timeout=90_000)
    tabs = phone.locator('[data-testid="stMain"] [data-testid="stTabs"] [role="tab"]')
    n_tabs = tabs.count()
    seen, problems = 0, []
    for k in range(max(n_tabs, 1)):
        if n_tabs:
            tabs.nth(k).click()
        for chart in charts_drawn(phone):
            seen += 1
            assert len(chart["texts"]) >= 3, chart  # a title, a source and something drawn: read, not skipped
            cut, overlap = cut_texts(chart["texts"], chart["frame"]), overlapping(chart["texts"], slack=1)
            if cut or overlap:
                problems.append((k, chart["title"], cut, overlap[:4]))
    assert seen >= (9 if path == "budget" else 3), seen  # the budget page's 5 tabs hold 9 charts
    assert problems == [], problems
