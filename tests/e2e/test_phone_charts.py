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

from tests.e2e.conftest import screen_context, settled, wait_idle

pytestmark = pytest.mark.e2e

PHONE = (390, 844)
CHART = '[data-testid="stMain"] [data-testid="stPlotlyChart"]'

# Per chart: its title, the texts outside its frame (a text with no size is one plotly hid, not
# drawn) and the pairs of texts drawn over each other (boxes overlapping by more than a pixel).
CHART_TEXTS_JS = """
sel => Array.from(document.querySelectorAll(sel)).map(chart => {
  const c = chart.getBoundingClientRect();
  const texts = Array.from(chart.querySelectorAll('svg text')).filter(e => e.textContent.trim()).map(e => {
    const r = e.getBoundingClientRect();
    return {t: e.textContent.trim(), l: r.left, r: r.right, top: r.top, b: r.bottom};
  }).filter(x => x.r > x.l);
  const title = chart.querySelector('.gtitle');
  const cut = texts.filter(x => x.l < c.left - 1 || x.r > c.right + 1 || x.top < c.top - 1 || x.b > c.bottom + 1)
                   .map(x => `${x.t} [${Math.round(x.l - c.left)}..${Math.round(x.r - c.left)} of ${Math.round(c.width)}]`);
  const overlap = [];
  texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
    if (a.l < b.r - 1 && b.l < a.r - 1 && a.top < b.b - 1 && b.top < a.b - 1) overlap.push([a.t, b.t]);
  }));
  return {title: title ? title.textContent : '', n: texts.length, cut: cut, overlap: overlap};
})
"""


@pytest.fixture(scope="module")
def phone(browser):
    context = screen_context(browser, *PHONE)
    page = context.new_page()
    yield page
    context.close()


def charts_drawn(page) -> list[dict]:
    """Once the run is over and every chart of the open view has drawn its texts: what they show."""
    wait_idle(page, quiet_ms=1200)
    settled(page)
    page.wait_for_function(f"""() => {{ const all = document.querySelectorAll('{CHART}');
        return all.length > 0 && Array.from(all).every(c => c.querySelector('.main-svg text')); }}""",
                           timeout=60_000)
    return page.evaluate(CHART_TEXTS_JS, CHART)


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
            assert chart["n"] >= 3, chart  # a title, a source and something drawn: read, not skipped
            if chart["cut"] or chart["overlap"]:
                problems.append((k, chart["title"], chart["cut"], chart["overlap"][:4]))
    assert seen >= (9 if path == "budget" else 3), seen  # the budget page's 5 tabs hold 9 charts
    assert problems == [], problems
