"""Hostile data text on the map, in Chromium: shown literally (escaped exactly once, by the
browser's textContent), never run or parsed as markup — in the popup, tooltip and legend."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import pytest

from atlas.model.filters import FilterState
from atlas.views import mapview
from geo.mapbuilder import standalone_html

pytestmark = pytest.mark.e2e

HOSTILE = "<img src=x onerror=\"window.pwned=1\"> & \"quotes\" &amp;"


def hostile_map_file(tmp_path) -> str:
    row = {c: HOSTILE for c in ("id", "name", "municipality", "neighbourhood", "organisation", "status_note",
                                "period_note", "municipality2025")}
    row.update(programme="zorgzame_buurt", lat=51.0, lon=4.0, start_date=pd.NaT, end_date=pd.NaT,
               budget_eur=float("nan"), budget_basis="", status="unknown", coord_precision="municipality",
               confidence="high", source_url="javascript:window.pwned=2 | https://example.org/a?b=1&c=2")
    fmap = mapview.build(pd.DataFrame([row]), None, FilterState(), tiles=False,
                         highlight_ids={HOSTILE}, highlight_label=HOSTILE)
    path = tmp_path / "hostile.html"
    path.write_text(standalone_html(fmap), encoding="utf-8")
    return path.as_uri()


def test_hostile_text_shows_literally_in_popup_tooltip_and_legend(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1000, "height": 700}, offline=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(hostile_map_file(tmp_path), wait_until="load")
        page.locator(".zb-legend").wait_for(timeout=30_000)
        assert HOSTILE in page.locator(".zb-legend").inner_text()  # the ring's label, as text
        marker = page.locator(".zb-marker").first
        marker.hover()
        page.locator(".leaflet-tooltip").wait_for(timeout=10_000)
        assert HOSTILE in page.locator(".leaflet-tooltip").inner_text()
        marker.click()
        popup = page.locator(".zb-pop")
        popup.wait_for(timeout=10_000)
        text = popup.inner_text()
        assert text.count(HOSTILE) >= 5  # name, municipality, neighbourhood, organisation, status note
        assert "&lt;" not in text  # not escaped twice
        hrefs = popup.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        # the javascript: URL is not linked; the report link (issue 20) carries the id URL-encoded
        assert hrefs == ["https://example.org/a?b=1&c=2", "/melden?lang=nl&project=" + quote(HOSTILE, safe="!~*'()")]
        assert page.locator("img[src=x]").count() == 0
        assert page.evaluate("window.pwned === undefined")
    finally:
        context.close()
    assert errors == []
