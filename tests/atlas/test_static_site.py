"""The static export as files: under 2 MB, every project in the page, no external reference,
plotly.js in the installed plotly package's version."""

from __future__ import annotations

import re

from atlas.cli import main
from atlas.views import charts
from atlas.views.static_site import MAX_BYTES, build_site


def test_export_is_small_self_contained_and_holds_every_project(tmp_path, projects):
    result = build_site(tmp_path / "out", "nl")
    assert result.total_bytes < MAX_BYTES
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<tr data-id="([^"]+)"', index)
    assert sorted(ids) == sorted(projects["id"])
    # no script, stylesheet, image or frame from anywhere but the folder itself
    assert not re.search(r'<(script|link|img|iframe)[^>]*(src|href)="(https?:)?//', index)
    assert "<iframe" not in index and not (tmp_path / "out" / "map.html").exists()  # the map is in the page
    assert (tmp_path / "out" / "assets" / "plotly.min.js").exists()


def test_plotly_is_not_loaded_by_the_page_itself(tmp_path):
    """The page names plotly.js for site.js to load after the map (issue 22), never in a <script>
    that holds up the map: the page's scripts are the map's, site_map.js and site.js."""
    build_site(tmp_path / "out", "nl")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<script src="([^"]+)"', index)
    assert sources[-2:] == ["assets/site_map.js", "assets/site.js"]
    assert all(re.fullmatch(r"assets/map-[0-9a-f]{12}\.js", src) for src in sources[:-2])
    plotly = re.search(r'id="charts" data-plotly="([^"]+)"', index).group(1)
    assert (tmp_path / "out" / plotly).stat().st_size > 1_000_000


def test_export_command_writes_the_site_in_english(tmp_path, capsys):
    assert main(["export", str(tmp_path / "site"), "--lang", "en"]) == 0
    assert "projects" in capsys.readouterr().out
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "Sources and licences" in index


def test_basic_plotly_bundle_matches_the_installed_plotly():
    """plotly.py writes figures for its own plotly.js version; the smaller bundle must be that version
    (after a plotly upgrade: `make vendor-plotly`)."""
    assert charts.basic_bundle_version() == charts.plotly_js_version()
    bar = {"data": [{"type": "bar"}]}
    assert charts.plotly_js_for([bar]) == charts.PLOTLY_BASIC_JS
    full = charts.plotly_js_for([{"data": [{"type": "choroplethmapbox"}]}])
    assert full.name == "plotly.min.js" and full.exists()


def test_the_map_loads_its_long_scripts_from_files_of_the_folder(tmp_path):
    """Issue 22: Leaflet, the cluster plugin and the map's data are script files (compiled off
    the main thread), each present under its content-named path; no long inline script is left."""
    build_site(tmp_path / "out", "nl")
    doc = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    inline = re.findall(r"<script>(.*?)</script>", doc, re.S)
    assert inline and max(len(text) for text in inline) < 20_000
    sources = re.findall(r'<script src="([^"]+)"></script>', doc)
    bundles = [src for src in sources if re.fullmatch(r"assets/map-[0-9a-f]{12}\.js", src)]
    assert len(bundles) >= 3 and "assets/site_map.js" in sources
    texts = [(tmp_path / "out" / src).read_text(encoding="utf-8") for src in bundles]
    assert any("Leaflet" in text for text in texts) and any("MarkerClusterGroup" in text for text in texts)
    assert any('"name":"Aartselaar"' in text for text in texts)  # the boundaries travel with the map script


def test_the_sections_below_the_map_are_laid_out_only_near_the_screen_and_always_printed(tmp_path):
    """Issue 22: the charts and the 100-odd table rows are not styled, laid out and painted while
    the map draws (content-visibility), but a print shows them."""
    build_site(tmp_path / "out", "nl")
    css = (tmp_path / "out" / "assets" / "site.css").read_text(encoding="utf-8")
    screen, _, printed = css.partition("@media print")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for section in ("charts-section", "table-section"):
        assert re.search(rf"#{section} \{{ content-visibility: auto;", screen), section
        assert index.index('id="map-box"') < index.index(f'id="{section}"')
    assert "#charts-section, #table-section { content-visibility: visible; }" in printed


def test_the_map_is_made_without_a_view_so_its_layers_are_drawn_once_at_the_fitted_one(tmp_path):
    """Issue 22: folium's starting view stays in the map's options as `zbCenter`, which Leaflet
    does not read: the map gets its first view from map.js's fit, and site_map.js sets the
    starting view only when nothing fitted one (tests/e2e/test_static_export.py runs both)."""
    build_site(tmp_path / "out", "nl")
    out = tmp_path / "out"
    doc = (out / "index.html").read_text(encoding="utf-8")
    scripts = [(out / src).read_text(encoding="utf-8") for src in re.findall(r'<script src="([^"]+)"></script>', doc)]
    calls = [m.group(1) for text in scripts for m in re.finditer(r'= L\.map\(\s*"map_[0-9a-f]+",\s*\{(.*?)\}\s*\);', text, re.S)]
    assert len(calls) == 1
    assert "zbCenter: [51.0, 4.25]" in calls[0] and '"zoom": 8' in calls[0]
    assert not re.search(r"\bcenter\s*:", calls[0])
    site_map = (out / "assets" / "site_map.js").read_text(encoding="utf-8")
    assert "map.setView(map.options.zbCenter, map.options.zoom)" in site_map


def test_the_map_is_drawn_in_the_page_with_its_styles_in_the_head(tmp_path):
    """Issue 22: no map frame (a second document, parsed after the page's layout): the map's
    element sits in the map section, its styles and the scripts it needs first in the page's
    head, folium's viewport line (no zooming on a phone) left out."""
    build_site(tmp_path / "out", "nl")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    head, body = index.split("</head>")
    assert ".leaflet-container" in head and "zb-legend" in head  # Leaflet's and map.js's styles
    assert head.count('<meta name="viewport"') == 1 and "user-scalable=no" not in index
    section = body[body.index('<section id="map-section">'):body.index('<section id="charts-section">')]
    assert re.search(r'<div class="folium-map" id="map_[0-9a-f]+"', section)
    assert section.index('class="folium-map"') < section.index('<script src="assets/site_map.js">')


def test_the_charts_get_the_apps_toolbar_and_png_names(projects, programmes_df):
    """One toolbar rule (atlas.views.charts.png_config) for the app's charts and the export's."""
    from datetime import date

    from atlas.views.static_site import chart_figures

    figures = chart_figures(projects, programmes_df, "nl", date(2026, 12, 1))
    assert [f["config"]["toImageButtonOptions"]["filename"] for f in figures] == [
        "programmabudget", "budget_per_programma_projecten", "status_per_programma"]
    for f in figures:
        assert f["config"]["modeBarButtonsToRemove"] == charts.TOOLBAR_REMOVED
        assert f["config"]["responsive"] is True and f["config"]["displaylogo"] is False
