"""The static export (python -m atlas export) opened from file:// in Chromium with every request
outside file:// blocked: the map, the charts and the table render; every project is in the table
once; the searches and the sorting work; hostile names are shown literally, never run."""

from __future__ import annotations

import csv
import io

import pytest

from atlas.model import schema
from atlas.views.static_site import build_site

pytestmark = pytest.mark.e2e

HOSTILE_NAMES = (
    '<img src=x onerror="window.pwned=1">',
    '"><script>window.pwned=2</script>',
    "Buurt & Co &amp; 'quotes' </td></tr><tr><td>",
)


def hostile_csv(path):
    """Three real rows of the shipped file with hostile names (the rest of each row unchanged)."""
    text = schema.PROJECTS_CSV.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    rows = [r for r, _ in zip(reader, range(3))]
    for row, name in zip(rows, HOSTILE_NAMES):
        row["name"] = name
        row["budget_group"] = ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("site"), "nl")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return build_site(folder / "out", "en", projects_csv=hostile_csv(folder / "hostile.csv"))


class FilePage:
    """A page that may load file:// (and data:/blob:) only; everything else is aborted and recorded."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.blocked: list[str] = []
        self.errors: list[str] = []

        def route(r):
            if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", lambda d: (self.errors.append("dialog: " + d.message), d.dismiss()))

    def open(self, result):
        self.page.goto((result.outdir / "index.html").as_uri(), wait_until="load")
        return self.page


@pytest.fixture
def file_page(browser):
    fp = FilePage(browser)
    yield fp
    fp.context.close()


def test_export_renders_map_charts_and_every_project_offline(site, file_page):
    from playwright.sync_api import expect

    page = file_page.open(site)
    frame = page  # the map is drawn in the page itself (issue 22)
    expect(frame.locator(".leaflet-container")).to_be_visible(timeout=30_000)
    expect(frame.locator(".zb-legend input[type=checkbox]").first).to_be_visible()
    expect(frame.locator(".zb-marker, .zb-cluster").first).to_be_visible()
    expect(page.locator(".chart .main-svg").first).to_be_visible(timeout=30_000)
    assert page.locator(".chart .main-svg").count() >= 3
    ids = page.locator("#projects tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)")
    projects = site_projects()
    assert sorted(ids) == sorted(projects["id"])  # every project, once
    # the table is drawn once it nears the screen (content-visibility): as a reader, scroll to it
    page.locator("#projects").scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('#projects tbody td').innerText.trim() !== ''", timeout=10_000)
    names = page.locator("#projects tbody tr td:first-child").all_inner_texts()
    for name, n in projects["name"].value_counts().items():
        assert names.count(name) == n, name
    assert page.locator("#known li").count() == len(schema.PROGRAMMES)
    assert "Eurostat" in page.locator("#sources").inner_text()
    assert file_page.blocked == []
    assert file_page.errors == []


def test_charts_are_drawn_only_after_the_map(site, browser):
    """plotly.js (~1.2 MB) is not even requested before the map frame's first marker is drawn
    (issue 22). The bench's probe (bench/probe.js) gives the epoch times of the first marker and
    boundary in the map frame and of each chart's first SVG; the request is timed when Playwright
    hears of it, which can only be later than it was made."""
    import time

    from bench.browser import PROBE

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    requested: list[float] = []
    try:
        context.add_init_script(PROBE)
        page = context.new_page()
        page.on("request", lambda r: requested.append(time.time() * 1000) if "plotly" in r.url else None)
        page.goto((site.outdir / "index.html").as_uri(), wait_until="load")
        page.wait_for_function("() => { const p = window.__zbProbe; return p && p.marker > 0 && p.overlay > 0"
                               " && p.charts.length >= 3; }", timeout=30_000)
        p = page.evaluate("() => window.__zbProbe")
        drawn = max(p["marker"], p["overlay"])
        assert len(requested) == 1 and drawn < requested[0]
        assert drawn < min(p["charts"])
    finally:
        context.close()


# Counts Leaflet's view resets and the map's moveends in each frame: a reset projects every
# boundary and re-clusters the markers, a moveend clips and draws the boundaries again. Leaflet assigns window.L once; the setter wraps its Map before any map is made.
COUNT_RESETS = """
(() => {
  let leaflet;
  Object.defineProperty(window, 'L', {configurable: true, get() { return leaflet; }, set(value) {
    leaflet = value;
    const reset = value.Map.prototype._resetView;
    value.Map.prototype._resetView = function () {
      window.__zbResets = (window.__zbResets || 0) + 1;
      return reset.apply(this, arguments);
    };
    const fire = value.Evented.prototype.fire;
    value.Evented.prototype.fire = function (type) {
      if (type === 'moveend' && this instanceof value.Map) { window.__zbMoves = (window.__zbMoves || 0) + 1; }
      return fire.apply(this, arguments);
    };
  }});
})();
"""
THE_MAP = "(() => { for (const k in window) { if (k.startsWith('map_') && window[k] instanceof L.Map) return window[k]; } })()"


def map_frame(page):
    return page.main_frame  # the map is drawn in the page itself


def test_the_map_draws_its_layers_once_at_the_fitted_view(site, browser):
    """Issue 22: the export's map is made without a view (atlas.views.static_site.view_on_first_fit),
    so Leaflet resets the view once, at the fit that keeps Flanders clear of the legend; before,
    it drew everything at folium's starting view (zoom 8) and again at the fitted one. The legend's
    ResizeObserver, reporting its first size, finds that view already fitted: no second move
    (before, a pan by nothing that clipped and drew every boundary again)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        context.add_init_script(COUNT_RESETS)
        page = context.new_page()
        page.goto((site.outdir / "index.html").as_uri(), wait_until="load")
        frame = map_frame(page)
        frame.wait_for_function("() => document.querySelector('.zb-marker, .zb-cluster')", timeout=30_000)
        page.wait_for_timeout(500)  # the legend's ResizeObserver has reported its size
        view = frame.evaluate(f"() => {{ const m = {THE_MAP}; const b = m.getBounds();"
                              " return {resets: window.__zbResets, moves: window.__zbMoves, zoom: m.getZoom(),"
                              " flanders: b.contains([[50.68, 2.54], [51.51, 5.92]])}; }")
        assert view == {"resets": 1, "moves": 1, "zoom": view["zoom"], "flanders": True} and view["zoom"] != 8
    finally:
        context.close()


def test_a_map_without_a_size_gets_the_starting_view_and_is_fitted_when_shown(site, file_page):
    """With no size there is nothing to fit (map.js waits for one): site_map.js gives the map
    folium's starting view at the end of the parse, and showing the map fits and draws it."""
    host = site.outdir / "hidden.html"
    index = (site.outdir / "index.html").read_text(encoding="utf-8")
    host.write_text(index.replace("</head>", '<style id="hide">#map-box { display: none; }</style></head>', 1),
                    encoding="utf-8")
    try:
        page = file_page.page
        page.goto(host.as_uri(), wait_until="load")
        frame = map_frame(page)
        frame.wait_for_function(f"() => {THE_MAP}._loaded", timeout=30_000)
        assert frame.evaluate(f"() => [{THE_MAP}.getZoom(), {THE_MAP}.getCenter().lat]") == [8, 51.0]
        page.evaluate("() => document.getElementById('hide').remove()")
        frame.wait_for_function("() => document.querySelector('.zb-marker, .zb-cluster')", timeout=30_000)
        frame.wait_for_function(f"() => {THE_MAP}.getZoom() !== 8", timeout=10_000)
        assert frame.evaluate(f"() => {THE_MAP}.getBounds().contains([[50.68, 2.54], [51.51, 5.92]])")
        assert file_page.errors == []
    finally:
        host.unlink()


@pytest.mark.parametrize(("width", "expanded"), [(500, "false"), (1400, "true")])
def test_the_legend_starts_folded_on_a_narrow_map_only(site, browser, width, expanded):
    """A phone's map starts with its legend folded, a wide one with it open. map.js decides this
    once the legend is in the map, with the one layout the fit needs anyway (issue 22: no layout
    of its own before the legend is there); the popups likewise measure the map when they open."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto((site.outdir / "index.html").as_uri(), wait_until="load")
        page.wait_for_function("() => document.querySelector('.zb-marker, .zb-cluster')", timeout=30_000)
        toggle = page.locator(".zb-legend-toggle")
        assert toggle.get_attribute("aria-expanded") == expanded
        assert page.locator(".zb-legend").evaluate("d => d.classList.contains('zb-folded')") == (expanded == "false")
        page.evaluate(f"() => {{ const m = {THE_MAP}; let first; m.eachLayer(l => {{"
                      f" if (!first && l instanceof L.Marker && l.getPopup()) first = l; }}); first.openPopup(); }}")
        page.locator(".zb-pop").wait_for(timeout=10_000)
        fitted = page.evaluate(f"() => {{ const m = {THE_MAP}, o = m._popup.options, s = m.getSize();"
                               " return [o.maxWidth, o.maxHeight, s.x, s.y]; }")
        w, h, x, y = fitted
        assert (w, h) == (max(160, min(320, x - 60)), max(120, y - 90))
    finally:
        context.close()


# Each drawn marker's look (its outline's and fill's colours and clip-paths), by programme.
MARKER_LOOKS = """
() => Array.from(document.querySelectorAll('.leaflet-marker-pane .zb-marker')).map(m => ({
  group: Array.from(m.classList).find(c => c.startsWith('zb-') && c !== 'zb-marker' && !/^zb-i\\d+$/.test(c)),
  look: ['::before', '::after'].map(p => { const s = getComputedStyle(m, p);
                                           return [s.backgroundColor, s.clipPath].join(' '); }).join(' | '),
  image: getComputedStyle(m).backgroundImage,
  svg: m.querySelectorAll('svg').length,
  role: m.getAttribute('role'), label: (m.getAttribute('aria-label') || '').trim()}))
"""


def test_markers_share_one_image_per_programme_and_keep_their_names(site, file_page):
    """Issue 22: every marker of a programme has the same look (its class: an outline and a fill
    cut by clip-paths from the element's two pseudo-elements), with no image at all: not an SVG
    element parsed for each of ~100 markers, nor an SVG image, which costs a whole SVG document
    when the style is first resolved. Each marker still has its name."""
    page = file_page.open(site)
    page.wait_for_function("() => document.querySelectorAll('.leaflet-marker-pane .zb-marker').length > 20",
                           timeout=30_000)
    markers = page.evaluate(MARKER_LOOKS)
    groups = {m["group"] for m in markers}
    looks = {m["look"] for m in markers}
    assert len(groups) >= 3 and len(looks) == len(groups)  # one image per programme drawn
    for group in groups:
        assert len({m["look"] for m in markers if m["group"] == group}) == 1, group
    assert all(look.count("polygon(") + look.count("circle(") == 2 for look in looks), looks
    assert {m["image"] for m in markers} == {"none"}
    assert sum(m["svg"] for m in markers) == 0 and page.locator(".zb-legend svg").count() == 0
    assert all(m["role"] == "img" and m["label"] for m in markers)
    assert file_page.errors == []


def test_municipality_labels_are_made_on_the_first_zoom_past_10(site, file_page):
    """Issue 22: the ~300 municipality labels are not built while the map is first drawn, only
    when the map is first zoomed to 10 or closer; zooming out hides them again."""
    page = file_page.open(site)
    page.wait_for_function("() => document.querySelector('.zb-marker, .zb-cluster')", timeout=30_000)
    page.wait_for_timeout(300)
    assert page.evaluate(f"() => [{THE_MAP}.getZoom() < 10, !!{THE_MAP}._zbLabels]") == [True, False]
    assert page.locator(".zb-label").count() == 0
    page.evaluate(f"() => {{ {THE_MAP}.setView([50.93, 5.33], 11, {{animate: false}}); }}")  # Hasselt
    page.wait_for_function("() => document.querySelectorAll('.zb-label').length > 0", timeout=10_000)
    names = page.locator(".zb-label").all_inner_texts()
    assert "Hasselt" in names and all(n.strip() for n in names)
    page.evaluate(f"() => {{ {THE_MAP}.setZoom(9, {{animate: false}}); }}")
    page.wait_for_function("() => document.querySelectorAll('.zb-label').length === 0", timeout=10_000)
    assert file_page.errors == []


def site_projects():
    from atlas.model.data import load_projects

    return load_projects().projects


def test_table_search_and_sort(site, file_page):
    from playwright.sync_api import expect

    page = file_page.open(site)
    total = page.locator("#projects tbody tr").count()
    first = page.locator("#projects tbody tr").first.locator("td").first.inner_text()
    page.fill("#table-search", first)
    visible = page.locator("#projects tbody tr:not([hidden])")
    expect(visible.first).to_contain_text(first)
    assert 1 <= visible.count() < total
    expect(page.locator("#rows-shown")).to_contain_text(f"van {total}")
    page.fill("#table-search", "")
    expect(page.locator("#projects tbody tr:not([hidden])")).to_have_count(total)
    budget_col = page.locator("#projects th").nth(6)
    budget_col.locator("button").click()
    expect(budget_col).to_have_attribute("aria-sort", "ascending")
    keys = page.locator("#projects tbody tr td:nth-child(7)").evaluate_all(
        "cells => cells.map(c => c.dataset.sort)")
    numbers = [float(k) for k in keys if k]
    assert numbers == sorted(numbers) and keys[: len(numbers)] == [k for k in keys if k]  # unknown amounts last
    budget_col.locator("button").click()
    expect(budget_col).to_have_attribute("aria-sort", "descending")


def test_map_search_keeps_only_matching_markers(site, file_page):
    from playwright.sync_api import expect

    page = file_page.open(site)
    frame = page
    expect(frame.locator(".leaflet-container")).to_be_visible(timeout=30_000)
    page.fill("#map-search", "Beringen-Mijn")
    expect(frame.locator("html")).to_have_attribute("data-found", "1")
    page.fill("#map-search", "")
    expect(frame.locator("html")).to_have_attribute("data-found", str(len(site_projects())))


def test_hostile_names_are_shown_literally_and_never_run(hostile_site, file_page):
    from playwright.sync_api import expect

    page = file_page.open(hostile_site)
    expect(page.locator(".leaflet-container")).to_be_visible(timeout=30_000)
    # the table is drawn once it nears the screen (content-visibility): as a reader, scroll to it
    page.locator("#projects").scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('#projects tbody td').innerText.trim() !== ''", timeout=10_000)
    names = page.locator("#projects tbody tr td:first-child").all_inner_texts()
    assert sorted(names) == sorted(HOSTILE_NAMES)
    assert page.locator("#projects tbody tr").count() == len(HOSTILE_NAMES)
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("window.pwned === undefined")
    page.fill("#map-search", "script")
    expect(page.locator("html")).to_have_attribute("data-found", "1")
    assert page.locator("img[src=x]").count() == 0
    assert file_page.errors == []
    assert file_page.blocked == []
