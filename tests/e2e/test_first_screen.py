"""The map on the first screen (issue 24): a projector (1280×720, 1920×1080), a phone (390×844) and
a tablet (768×1024, 1024×768), on the map page, the coverage page and in presenter mode.

At each size: the map's frame lies whole within the first viewport (no scrolling), Flanders'
bounds (geo.mapbuilder.FLANDERS_BOUNDS, what the map is told to show) are all on the map and fill
most of its width (read from the Leaflet map inside the frame), and no button label is cut
(scrollWidth <= clientWidth, the copy-link button in its own frame included). On a phone the
title is one line, every page is one tap away, the KPIs are a compact grid under the map.

Each of these views also has zero serious or critical axe-core findings (the page and the map's
own document): the layout changes with the screen, so accessibility is checked per size, in the
same page load (tests/e2e/test_accessibility.py checks every page at the desktop size).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from atlas.model.data import load_projects
from atlas.model.filters import FilterState
from atlas.text import fmt
from geo.mapbuilder import FLANDERS_BOUNDS
from tests.e2e.conftest import (
    PAGE_PATHS, PHONE_BELOW, axe_serious, chart_texts, cut_texts, map_frame, overlapping, screen_context, settled,
    wait_idle,
)

pytestmark = pytest.mark.e2e

PROJECTOR = [(1280, 720), (1920, 1080)]
PHONE = (390, 844)
SIZES = PROJECTOR + [PHONE, (768, 1024), (1024, 768)]
MAP_IFRAME = 'iframe[src*="streamlit_folium.st_folium"]'
MIN_FILL = 0.6  # Flanders' width over the map's width

# The Leaflet map's view in its frame, once map.js has fitted it (zbMap.maps: the maps it set up).
VIEW_JS = """
() => {
  const map = (window.zbMap && window.zbMap.maps || [])[0];
  if (!map || !map._zbLegend) return null;
  const b = map.getBounds(), size = map.getSize();
  return {west: b.getWest(), east: b.getEast(), south: b.getSouth(), north: b.getNorth(), x: size.x, y: size.y};
}
"""

# Buttons (and Streamlit's label inside them) whose text does not fit: cut or ellipsed, or the
# button itself running off the screen's width (a row of choices wider than a phone).
CUT_BUTTONS_JS = """
() => Array.from((document.querySelector('[data-testid="stMain"]') || document).querySelectorAll('button'))
  .filter(b => b.checkVisibility()).flatMap(b => {
  const name = (b.innerText || b.getAttribute('aria-label') || '').trim(), r = b.getBoundingClientRect();
  const off = r.width > 0 && (r.left < -1 || r.right > document.documentElement.clientWidth + 1)
    ? [name + ' [off the screen: ' + Math.round(r.left) + '..' + Math.round(r.right) + ']'] : [];
  return off.concat([b, ...b.querySelectorAll('p, span, div')].filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
    .map(e => name + ' [' + e.scrollWidth + ' > ' + e.clientWidth + ']'));
})
"""


@pytest.fixture
def sized(browser, request):
    width, height = request.param
    context = screen_context(browser, width, height)
    page = context.new_page()
    yield page
    context.close()


def open_map(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.locator(MAP_IFRAME).wait_for(timeout=90_000)
    map_frame(page).locator(".zb-legend").wait_for(timeout=60_000)
    wait_idle(page, quiet_ms=1200)
    page.wait_for_function(
        """sel => { const f = document.querySelector(sel); return f && f.getBoundingClientRect().height > 200; }""",
        arg=MAP_IFRAME, timeout=30_000)
    settled(page)


def assert_accessible(page, with_map: bool = True) -> None:
    """Zero serious or critical axe-core findings in the page and (with_map) the map's document."""
    assert axe_serious(page) == [], page.url
    if with_map:
        frame = page.locator(MAP_IFRAME).first.element_handle().content_frame()
        assert axe_serious(frame) == [], page.url + " (map)"


def frame_box(page) -> dict:
    return page.evaluate("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
                                     return {top: r.top, bottom: r.bottom, width: r.width, height: r.height}; }""",
                         MAP_IFRAME)


def assert_map_whole_on_first_screen(page) -> dict:
    assert page.evaluate("window.scrollY") == 0 and page.evaluate(
        "document.querySelector('[data-testid=stMain]').scrollTop") == 0
    vp = page.viewport_size
    box = frame_box(page)
    assert box["top"] >= 0 and box["bottom"] <= vp["height"], (box, vp)  # whole, without scrolling
    assert box["height"] >= 280, box  # and not a sliver
    return box


def flanders_fill(page) -> float:
    """Flanders' share of the map's width; asserts all of Flanders is on the map."""
    frame = page.frame(url=lambda u: "streamlit_folium.st_folium" in u)
    assert frame is not None
    view = None
    for _ in range(40):  # the fit settles after the legend has its size
        view = frame.evaluate(VIEW_JS)
        if view and view["x"] > 0:
            break
        page.wait_for_timeout(250)
    assert view, "map.js did not set up the map"
    (south, west), (north, east) = FLANDERS_BOUNDS
    eps = 1e-3
    assert view["west"] <= west + eps and view["east"] >= east - eps, view
    assert view["south"] <= south + eps and view["north"] >= north - eps, view
    return (east - west) / (view["east"] - view["west"])


def squeezed(text: str) -> str:
    """A chart text without its spaces: an SVG text of several lines reads as its lines run together."""
    return "".join(text.split())


def cut_labels(page) -> list[str]:
    cut = page.evaluate(CUT_BUTTONS_JS)
    for frame in page.frames:  # the copy-link button lives in its own frame
        if frame is not page.main_frame and frame.url.startswith("about:srcdoc"):
            try:
                cut += frame.evaluate(CUT_BUTTONS_JS)
            except Exception:  # noqa: BLE001 - a frame replaced by a rerun meanwhile
                pass
    return cut


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_map_page_shows_the_whole_map_on_the_first_screen(server, sized):
    page = sized
    open_map(page, server + "/")
    box = assert_map_whole_on_first_screen(page)
    assert box["width"] >= page.viewport_size["width"] * 0.4
    assert flanders_fill(page) >= MIN_FILL
    assert cut_labels(page) == []
    if page.viewport_size["width"] >= PHONE_BELOW:  # the phone's page row is not shown on a wide screen
        expect(page.locator(".st-key-phone_nav")).to_be_hidden()
        expect(page.locator('[data-testid="stHeader"] a[href$="/budget"]').first).to_be_visible()
    if page.viewport_size == {"width": 1280, "height": 720}:
        assert_projector_legend(page)
    assert_accessible(page)


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_coverage_page_shows_the_whole_map_on_the_first_screen(server, sized):
    page = sized
    open_map(page, server + "/dekking")
    assert_map_whole_on_first_screen(page)
    assert flanders_fill(page) >= MIN_FILL
    assert cut_labels(page) == []
    assert_accessible(page)


@pytest.mark.parametrize("sized", PROJECTOR, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presenter_steps_show_their_whole_map_and_whole_button_labels(server, sized):
    page = sized
    for step in (1, 2, 3):
        open_map(page, f"{server}/?presenter={step}")
        expect(page.locator(".st-key-presenter_bar")).to_contain_text(f"Stap {step} van 4")
        assert_map_whole_on_first_screen(page)
        if step == 1:  # all of Flanders; later steps zoom in on a programme, then Gent
            assert flanders_fill(page) >= MIN_FILL
        next_label = page.locator(".st-key-presenter_next button")
        expect(next_label).to_have_accessible_name("Volgende")
        assert cut_labels(page) == []
        kpis = page.locator(".st-key-kpis")  # the KPIs right under the map, at least partly in view
        assert kpis.bounding_box()["y"] < frame_box(page)["bottom"] + 200
        if step == 1:
            assert_accessible(page)


@pytest.mark.parametrize("sized", [PHONE], indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_phone_has_a_one_line_title_the_pages_one_tap_away_and_a_kpi_grid(server, sized):
    page = sized
    open_map(page, server + "/")
    title = page.locator('[data-testid="stMain"] h1').first
    expect(title).to_have_text("Zorgzame buurten in kaart")
    line = title.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    assert title.bounding_box()["height"] < 1.6 * line + 1  # one line
    assert title.bounding_box()["y"] + title.bounding_box()["height"] <= frame_box(page)["top"]

    # every page one tap away: a link per page in the first screen (Streamlit's own top
    # navigation is folded into the collapsed sidebar on a phone)
    links = page.locator(".st-key-phone_nav a")
    hrefs = [h.rstrip("/").rsplit("/", 1)[-1] for h in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")]
    assert hrefs[1:] == PAGE_PATHS[1:] and "melden" in PAGE_PATHS
    assert links.first.bounding_box()["y"] < 200
    links.nth(5).click()
    page.wait_for_url("**/dekking**", timeout=30_000)
    expect(page.locator('[data-testid="stMain"] h1').first).not_to_have_text("Zorgzame buurten in kaart", timeout=60_000)
    open_map(page, server + "/?lang=en")  # the English title is longer: one line too
    english = page.locator('[data-testid="stMain"] h1').first
    expect(english).to_have_text("Caring neighbourhoods on the map")
    assert english.bounding_box()["height"] < 1.6 * line + 1
    open_map(page, server + "/?lang=nl")

    # the KPIs: a 2 x 2 grid under the map, with the data's count of projects
    metrics = page.locator('.st-key-kpis [data-testid="stMetric"]')
    expect(metrics).to_have_count(4)
    boxes = [metrics.nth(i).bounding_box() for i in range(4)]
    assert len({round(b["y"]) for b in boxes}) == 2 and len({round(b["x"]) for b in boxes}) == 2, boxes
    assert min(b["y"] for b in boxes) > frame_box(page)["bottom"]
    n = len(FilterState().apply(load_projects().projects))
    first = metrics.first
    expect(first.locator('[data-testid="stMetricLabel"]')).to_have_text("Projecten getoond")
    expect(first.locator('[data-testid="stMetricValue"]')).to_have_text(fmt.number(n, "nl"))


# The open legend, the scale bar and the map in the map's frame (their boxes in its coordinates).
LEGEND_BOXES_JS = """
() => {
  const box = s => { const e = document.querySelector(s); if (!e) return null;
                     const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const legend = document.querySelector('.zb-legend');
  return {map: box('.leaflet-container'), legend: box('.zb-legend'), scale: box('.leaflet-control-scale'),
          open: legend.querySelector('.zb-legend-toggle').getAttribute('aria-expanded'),
          scrolls: legend.scrollHeight > legend.clientHeight + 1,
          boxes: legend.querySelectorAll('input[type=checkbox]').length};
}
"""


def assert_projector_legend(page) -> None:
    """At 1280x720 the app's map is ~400 px high: the legend, open, is compact and ends above the
    scale bar (it scrolls inside itself if it must), and covers at most a fifth of the map; before,
    the coverage page's legend covered about a third of the map and ran under the scale bar."""
    frame = page.frame(url=lambda u: "streamlit_folium.st_folium" in u)
    page.wait_for_timeout(500)  # the legend's size settles (map.css, then the fit)
    b = frame.evaluate(LEGEND_BOXES_JS)
    legend, scale, whole = b["legend"], b["scale"], b["map"]
    assert b["open"] == "true" and b["boxes"] >= 3, b
    assert whole["h"] < 480, b  # the short map this is about
    assert legend["y"] + legend["h"] <= scale["y"], b  # the legend ends above the scale bar
    assert scale["y"] + scale["h"] <= whole["y"] + whole["h"] + 1, b  # and the scale bar is on the map
    assert legend["w"] * legend["h"] <= 0.2 * whole["w"] * whole["h"], b
    assert frame.locator(".zb-legend input[type=checkbox]").first.is_visible()


@pytest.mark.parametrize("sized", [(1280, 720)], indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_on_a_projector_the_coverage_pages_open_legend_leaves_the_scale_bar_and_most_of_the_map(server, sized):
    """The map page's legend at this size: test_map_page_shows_the_whole_map_on_the_first_screen."""
    page = sized
    open_map(page, server + "/dekking?institute=saamo-limburg")
    assert_projector_legend(page)


PROGRAMME_CHART = '.st-key-ch_programme_totals [data-testid="stPlotlyChart"]'


def open_chart(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.locator(PROGRAMME_CHART + " .main-svg").first.wait_for(timeout=90_000)
    wait_idle(page, quiet_ms=1200)
    settled(page)


def box_of(page, selector: str) -> dict:
    return page.evaluate("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
                                     return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                                             height: r.height}; }""", selector)


def expected_bar_texts(lang: str = "nl") -> list[str]:
    """The programme totals the budget step's chart shows: data/programmes.csv's facts."""
    from atlas.model import budget
    from atlas.model.data import programmes
    from atlas.text.i18n import t
    from atlas.views.presenter import state_for

    totals = budget.programme_totals(programmes(), state_for(4, lang).programmes)
    return [fmt.money(v, lang) if v == v else t("no_programme_budget", lang) for v in totals["total_budget_eur"]]


@pytest.mark.parametrize("sized", PROJECTOR, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presenter_budget_step_shows_its_whole_chart_with_every_label(server, sized):
    page = sized
    for lang, step_text, next_label in (("nl", "Stap 4 van 4", "Volgende"), ("en", "Step 4 of 4", "Next")):
        open_chart(page, f"{server}/?presenter=4&lang={lang}")
        expect(page.locator(".st-key-presenter_bar")).to_contain_text(step_text)
        assert page.evaluate("window.scrollY") == 0
        vp = page.viewport_size
        chart = box_of(page, PROGRAMME_CHART)
        assert chart["top"] >= 0 and chart["bottom"] <= vp["height"], (lang, chart, vp)  # whole, no scrolling
        assert chart["height"] >= 0.45 * vp["height"], chart  # and as high as the screen allows
        texts = chart_texts(page, PROGRAMME_CHART)[0]["texts"]
        shown = [x["text"] for x in texts]
        for value in expected_bar_texts(lang):  # every programme's total (or "none published") is drawn...
            assert any(squeezed(value) in squeezed(text) for text in shown), (value, shown)
        cut = cut_texts(texts, chart, bottom=vp["height"])
        assert cut == [], cut  # ...and no text of the chart is cut by its frame or the screen
        overlap = overlapping(texts)
        assert overlap == [], overlap  # nor drawn over another (the legend over the subtitle in a lower frame)
        expect(page.locator(".st-key-presenter_next button")).to_have_accessible_name(next_label)
        assert cut_labels(page) == []
        # the KPIs (the same totals as metrics) right under the chart; the notes after the tabs
        kpis = page.locator(".st-key-budget_kpis")
        assert chart["bottom"] <= kpis.bounding_box()["y"] < chart["bottom"] + 200
        assert page.locator(".st-key-budget_notes").bounding_box()["y"] > page.locator(
            '[data-testid="stTabs"]').first.bounding_box()["y"]
        if lang == "nl":
            assert_accessible(page, with_map=False)


@pytest.mark.parametrize("sized", [PHONE], indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_phone_budget_page_starts_with_the_chart_and_a_kpi_grid(server, sized):
    page = sized
    open_chart(page, server + "/budget")
    vp = page.viewport_size
    chart = box_of(page, PROGRAMME_CHART)
    assert 0 <= chart["top"] < 0.6 * vp["height"], chart  # the chart starts in the first screen
    assert chart["left"] >= 0 and chart["right"] <= vp["width"] + 1, chart
    metrics = page.locator('.st-key-budget_kpis [data-testid="stMetric"]')
    expect(metrics).to_have_count(4)
    boxes = [metrics.nth(i).bounding_box() for i in range(4)]
    assert len({round(b["y"]) for b in boxes}) == 2 and len({round(b["x"]) for b in boxes}) == 2, boxes
    assert min(b["y"] for b in boxes) >= chart["bottom"]  # the KPIs under the chart
    values = [metrics.nth(i).locator('[data-testid="stMetricValue"]').inner_text() for i in range(4)]
    assert values == [v if v.startswith("€") else "—" for v in expected_bar_texts()]
    assert cut_labels(page) == []
    # the chart on the phone's narrow screen: every amount and "none published" drawn, no text of
    # it (title, amounts, labels, source) running off its frame, and the toolbar (always shown on
    # a touch screen) not over the title
    texts = chart_texts(page, PROGRAMME_CHART)[0]["texts"]
    shown = [x["text"] for x in texts]
    for value in expected_bar_texts():
        assert any(squeezed(value) in squeezed(text) for text in shown), (value, shown)
    cut = cut_texts(texts, chart)
    assert cut == [], cut
    title = next(x for x in texts if x["text"].startswith("Programmabudget"))
    toolbar = page.locator(PROGRAMME_CHART + " .modebar-group").evaluate_all(
        "gs => gs.filter(g => g.getBoundingClientRect().width > 0).map(g => g.getBoundingClientRect().left)")
    assert all(title["right"] <= left for left in toolbar), (title, toolbar)
    assert_accessible(page, with_map=False)
