"""The exported coverage report opens in Chromium with every network request blocked and shows the map."""

from __future__ import annotations

import pytest

from atlas.model.data import institutes, load_projects
from atlas.model.filters import FilterState
from atlas.views import report
from geo import coverage as cov_mod
from geo import reference
from geo.mapbuilder import prepare_layers

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    state = FilterState(institute="saamo-limburg")
    munis = reference.municipalities()
    area = report.resolve_area(state, munis, institutes())
    cov = report.compute_coverage(cov_mod.default_territory(), load_projects().projects, state.programmes)
    view = report.build_view(area, cov, typology=state.typology)
    doc = report.build_report(view, prepare_layers(munis, reference.provinces()), state, munis)
    path = tmp_path_factory.mktemp("report") / "dekking-saamo-limburg.html"
    path.write_text(doc, encoding="utf-8")
    return path, view


def test_report_opens_offline_and_shows_the_map_with_markers_and_legend(browser, report_file):
    path, view = report_file
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, offline=True)
    requested: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            r.continue_()
        else:  # anything on the network: blocked and recorded
            requested.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(path.as_uri(), wait_until="load")
        assert "Dekkingsrapport: SAAMO Limburg" in page.locator("h1").inner_text()
        frame = page.frame_locator("iframe.map")
        frame.locator(".leaflet-container").wait_for(timeout=30_000)
        frame.locator(".zb-legend").wait_for(timeout=30_000)
        frame.locator(".leaflet-overlay-pane path, .leaflet-overlay-pane canvas").first.wait_for(timeout=30_000)
        legend = frame.locator(".zb-legend").inner_text()
        assert "geen gekend project" in legend and "eigen STEK-locaties van SAAMO Limburg" in legend
        shown = frame.locator(".zb-marker").count() + sum(
            int(t) for t in frame.locator(".zb-cluster").all_inner_texts() if t.strip().isdigit())
        assert shown == len(view.map_projects) > 0
        box = frame.locator(".leaflet-container").bounding_box()
        assert box and box["width"] > 600 and box["height"] > 400
        assert page.get_by_text("Beringen").first.is_visible()
        assert page.get_by_text("Leopoldsburg").first.is_visible()
    finally:
        context.close()
    assert requested == []
    assert errors == []
