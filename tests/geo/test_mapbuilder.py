"""The map builder, called directly with plain values: markers per group, data as text (never
markup), local assets, legend, rings. No filter state and no string table here (atlas.views.mapview
makes the plain values; tests/atlas/test_mapview.py covers that glue)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from geo import assets
from geo.mapbuilder import (
    decode_columns,
    marker_columns,
    OWN_GROUP,
    POPUP_FIELDS,
    ROW_FIELDS,
    LegendRow,
    LegendSection,
    MapParams,
    MarkerGroup,
    ProgrammeMarkers,
    build_map,
    prepare_layers,
    publish_layers,
    spread_colocated,
    standalone_html,
)

HOSTILE = "<img src=x onerror=alert(1)> & \"quotes\" 'single'"
HOSTILE_URL = 'https://example.org/"><script>alert(1)</script>'
CDN = re.compile(r"cdn\.jsdelivr|cdnjs|unpkg\.com|code\.jquery|bootstrapcdn|googleapis|d3js\.org", re.I)
MAP_JS = Path(__file__).resolve().parents[2] / "geo" / "web" / "map.js"


def group(key: str, label: str = "", colour: str = "#0072B2", shape: str = "circle", n: int = 1) -> MarkerGroup:
    label = label or f"Group {key}"
    return MarkerGroup(key, label, f"{label} ({n})", colour, shape)


def rows_frame(n: int = 1, group_key: str = "zorgzame_buurt", text: str = "Buurtwerk", **overrides) -> pd.DataFrame:
    """`n` marker rows of display texts, as atlas.views.mapview.marker_frame makes them."""
    row = {f: f"{text} {f}" for f in ROW_FIELDS[2:]}
    row.update(group=group_key, lat=51.0, lon=4.0, sources=["https://example.org/a", "https://example.org/b"])
    row.update(overrides)
    frame = pd.DataFrame([dict(row, id=f"{row['id']}-{i}" if i else row["id"], lat=row["lat"] + 0.01 * i) for i in range(n)])
    return frame


def params(*groups: MarkerGroup, **kw) -> MapParams:
    kw.setdefault("popup_labels", {f: f.title() for f in POPUP_FIELDS})
    kw.setdefault("legend_title", "Legende")
    return MapParams(groups=groups, **kw)


def marker_counts(m) -> dict[str, int]:
    return {c.programme: len(c.rows) for c in m.zb_layer._children.values() if isinstance(c, ProgrammeMarkers)}


def calls(html_doc: str, function: str) -> list:
    """The JSON argument(s) of each `zbMap.<function>(<map>, ...)` call in the rendered page."""
    decoder = json.JSONDecoder()
    out = []
    for match in re.finditer(rf"zbMap\.{function}\(\w+, ", html_doc):
        value, end = decoder.raw_decode(html_doc, match.end())
        if html_doc.startswith(", ", end):  # boundaries: options, then the GeoJSON
            value = (value, decoder.raw_decode(html_doc, end + 2)[0])
        out.append(value)
    return out


def test_one_marker_layer_per_group_in_the_given_order_with_every_row():
    frame = pd.concat([rows_frame(3, "proeftuin"), rows_frame(2, "stek", lat=50.5)], ignore_index=True)
    m = build_map(frame, None, params(group("stek", n=2), group("proeftuin", n=3)))
    assert marker_counts(m) == {"stek": 2, "proeftuin": 3}
    doc = m.get_root().render()
    assert [c["group"] for c in calls(doc, "markers")] == ["stek", "proeftuin"]
    row = decode_columns(calls(doc, "markers")[1])[0]
    assert len(row) == len(ROW_FIELDS) and row[2] == "Buurtwerk id" and row[-1] == ["https://example.org/a",
                                                                                        "https://example.org/b"]


def test_rows_of_a_group_without_marker_style_are_refused_not_dropped():
    with pytest.raises(ValueError, match="proeftuin"):
        build_map(rows_frame(1, "proeftuin"), None, params(group("stek")))


def test_hostile_text_in_every_field_reaches_the_page_only_as_json_text():
    hostile_group = MarkerGroup("zorgzame_buurt", HOSTILE, HOSTILE, "#009E73", "triangle")
    p = params(hostile_group, popup_labels={f: HOSTILE for f in POPUP_FIELDS}, legend_title=HOSTILE,
               legend_sections=(LegendSection(HOSTILE, (LegendRow(HOSTILE, "#ffffff"), LegendRow(HOSTILE, kind="ring"))),),
               highlight_ids=frozenset({HOSTILE}))
    frame = rows_frame(1, text=HOSTILE, id=HOSTILE, sources=[HOSTILE_URL])
    fmap = build_map(frame, None, p)
    assert "<img" not in standalone_html(fmap)
    html_doc = fmap.get_root().render()
    # nothing data-derived can close the script or open a tag: < > & ' are \u escapes in the JSON
    assert "<img" not in html_doc and "<script>alert" not in html_doc and "onerror=alert(1)>" not in html_doc
    # ...and the browser gets the text itself, escaped by nobody (map.js inserts it as text)
    (markers,) = calls(html_doc, "markers")
    assert markers["label"] == HOSTILE and set(markers["labels"].values()) == {HOSTILE}
    row = decode_columns(markers)[0]
    assert row[2:13] == [HOSTILE] + [f"{HOSTILE} {f}" for f in ROW_FIELDS[3:13]] and row[13] == [HOSTILE_URL]
    (legend,) = calls(html_doc, "legend")
    assert legend["title"] == HOSTILE and legend["groups"][0]["label"] == HOSTILE
    assert [r["label"] for r in legend["sections"][0]["rows"]] == [HOSTILE, HOSTILE]
    assert "&lt;" not in json.dumps([markers, legend])  # not escaped before (it would show as &lt; on screen)
    assert len(calls(html_doc, "rings")) == 1  # the highlighted id matched as plain text


def test_map_script_inserts_data_as_text_and_links_only_http_urls():
    source = MAP_JS.read_text(encoding="utf-8")
    # no innerHTML at all; a marker's look is CSS made of numbers (clip-paths) and a colour
    # checked against a hex pattern, one class per programme that every marker shares
    assert "innerHTML" not in source
    assert "var c = colour(fill, '#888888');" in source and "background: ' + c + '; clip-path: ' + shapeClip(" in source
    assert "textContent" in source and "HTTP.test(url)" in source and "HEX.test(" in source
    assert "insertAdjacentHTML" not in source and "document.write" not in source and "eval(" not in source


def test_hostile_municipality_name_is_json_text_in_the_boundary_layer(munis):
    munis = munis.copy()
    munis.loc[munis.index[0], "name"] = HOSTILE
    html_doc = build_map(rows_frame(0), prepare_layers(munis, None), params()).get_root().render()
    assert "<img" not in html_doc
    (options, geojson), = calls(html_doc, "boundaries")
    assert geojson["features"][0]["properties"]["name"] == HOSTILE and options["interactive"] is True


def test_map_loads_no_asset_from_a_cdn(layers):
    html_doc = build_map(rows_frame(3), layers, params(group("zorgzame_buurt"))).get_root().render()
    assert not CDN.search(html_doc)
    sources = re.findall(r'<script src="([^"]+)"', html_doc) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html_doc)
    assert sources and all(s.startswith("/app/static/") for s in sources), sources
    assert "/app/static/zb/map.js" in sources and "/app/static/zb/map.css" in sources


def test_standalone_html_inlines_every_asset(layers):
    html_doc = standalone_html(build_map(rows_frame(3), layers, params(group("zorgzame_buurt"))))
    assert not re.search(r'<script src=|<link rel="stylesheet" href=', html_doc)
    assert "L.Map" in html_doc or "L.map" in html_doc
    assert "MarkerClusterGroup" in html_doc
    assert "window.zbMap" in html_doc and ".zb-legend" in html_doc  # map.js and map.css


def test_map_script_and_styles_are_package_files_copied_to_static(tmp_path):
    assets.ensure_static.cache_clear()
    try:
        assets.ensure_static(tmp_path)
    finally:
        assets.ensure_static.cache_clear()
    assert (tmp_path / "zb" / "map.js").read_text(encoding="utf-8") == MAP_JS.read_text(encoding="utf-8")
    assert (tmp_path / "zb" / "map.css").is_file()


def test_legend_lists_the_drawn_groups_then_the_sections():
    sections = (LegendSection("Dichtheid", (LegendRow("0", "#f7f7f7"), LegendRow("> 5,0", "#053061"))),
                LegendSection("", (LegendRow("gemeentegrens (2025)", kind="boundary"),)))
    p = params(group("stek", "STEK (16 nieuwe)", n=2), group("proeftuin", "Proeftuin"), legend_sections=sections)
    (legend,) = calls(build_map(rows_frame(2, "stek"), None, p).get_root().render(), "legend")
    assert legend["title"] == "Legende"
    assert [(g["key"], g["label"]) for g in legend["groups"]] == [("stek", "STEK (16 nieuwe) (2)")]  # nothing drawn: no row
    assert [s["title"] for s in legend["sections"]] == ["Dichtheid", ""]
    assert legend["sections"][0]["rows"][1] == {"kind": "fill", "colour": "#053061", "label": "> 5,0"}
    assert legend["sections"][1]["rows"][0]["kind"] == "boundary"


def test_fills_colour_municipalities_and_the_selected_ones_are_outlined_and_highlighted(layers):
    p = params(fills={"71004": "#5e3c99", "44021": "#fdb863"}, selected=("71034", "71004"))
    doc = build_map(rows_frame(0), layers, p).get_root().render()
    (munis, provinces) = calls(doc, "boundaries")
    (style,) = calls(doc, "style")  # what follows the filters is styled apart from the boundaries
    assert style["fills"] == {"71004": "#5e3c99", "44021": "#fdb863"}
    assert style["selected"] == ["71004", "71034"] and style["selectedFill"] == "#ffd54f"
    assert munis[0]["base"] is True and munis[0]["labels"] is True
    assert provinces[0]["fill"] is False and provinces[0]["interactive"] is False
    assert len(munis[1]["features"]) == len(layers.municipalities["features"])


def test_only_municipalities_draws_just_those(layers):
    p = params(only_municipalities=frozenset({"71004", "71034"}))
    (munis, _) = calls(build_map(rows_frame(0), layers, p).get_root().render(), "boundaries")
    assert sorted(f["properties"]["nis"] for f in munis[1]["features"]) == ["71004", "71034"]


def test_highlighted_projects_are_ringed_at_their_true_coordinates():
    frame = rows_frame(3)  # ids "Buurtwerk id", "Buurtwerk id-1", "Buurtwerk id-2" at lat 51.00, 51.01, 51.02
    doc = build_map(frame, None, params(group("zorgzame_buurt"), highlight_ids=frozenset({"Buurtwerk id-1"}))
                    ).get_root().render()
    (rings,) = calls(doc, "rings")
    assert rings["points"] == [[51.01, 4.0]]
    assert calls(build_map(frame, None, params(group("zorgzame_buurt"))).get_root().render(), "rings") == []


def test_colocated_markers_are_spread_and_others_left_alone():
    lat = pd.Series([51.023, 51.023, 50.9])
    lon = pd.Series([3.719, 3.719, 4.0])
    new_lat, new_lon = spread_colocated(lat, lon)
    assert (new_lat[0], new_lon[0]) != (new_lat[1], new_lon[1])
    assert abs(new_lat[0] - 51.023) < 0.002 and abs(new_lon[1] - 3.719) < 0.003
    assert (new_lat[2], new_lon[2]) == (50.9, 4.0)


def test_map_without_reference_layers_still_shows_projects():
    m = build_map(rows_frame(1), None, params(group("zorgzame_buurt")))
    assert marker_counts(m) == {"zorgzame_buurt": 1}
    assert calls(m.get_root().render(), "boundaries") == []


def test_own_locations_are_a_group_of_their_own():
    frame = pd.concat([rows_frame(1, "stek"), rows_frame(2, OWN_GROUP, lat=50.8)], ignore_index=True)
    m = build_map(frame, None, params(group("stek"), group(OWN_GROUP, shape="star")))
    assert marker_counts(m) == {"stek": 1, OWN_GROUP: 2}


def _st_folium_script(m) -> str:
    from streamlit_folium import _get_map_string

    m.get_root().render()
    return _get_map_string(m)


def test_a_split_map_script_is_the_same_whatever_the_markers_so_the_browser_keeps_the_map(layers):
    published = replace(layers, municipalities_src="/app/static/zb/data/m.json", provinces_src="/app/static/zb/data/p.json")
    one = build_map(rows_frame(1, "stek"), published, params(group("stek")), split=True)
    other = build_map(rows_frame(3, "proeftuin", lat=50.6), published,
                      params(group("proeftuin"), fills={"71004": "#5e3c99"}, selected=("71004",),
                             bounds=[[50.9, 5.2], [51.0, 5.4]]), split=True)
    first, second = _st_folium_script(one), _st_folium_script(other)
    assert first == second
    assert "zbMap.markers" not in first and "zbMap.legend" not in first
    assert len(first) < 20_000  # the boundaries come by URL, not in the script
    assert calls(first, "boundaries")[0][1] == "/app/static/zb/data/m.json"
    # ...and what changed travels in the layer streamlit-folium swaps
    other.zb_layer.add_to(other)
    doc = other.get_root().render()
    assert calls(doc, "style")[0]["selected"] == ["71004"]
    assert calls(doc, "layer")[0]["bounds"] == [[50.9, 5.2], [51.0, 5.4]]


def test_an_export_inlines_the_boundaries_it_would_otherwise_fetch(layers):
    published = replace(layers, municipalities_src="/app/static/zb/data/m.json", provinces_src="/app/static/zb/data/p.json")
    html_doc = standalone_html(build_map(rows_frame(1), published, params(group("zorgzame_buurt"))))
    assert "/app/static/zb/data/" not in html_doc
    (munis, provinces) = calls(html_doc, "boundaries")
    assert len(munis[1]["features"]) == len(layers.municipalities["features"])


def test_published_layers_are_content_named_static_files(layers, tmp_path):
    rel = assets.publish("municipalities", layers.municipalities_js, static_dir=tmp_path)
    assert rel.startswith("zb/data/municipalities-") and rel.endswith(".json")
    assert json.loads((tmp_path / rel).read_text(encoding="utf-8")) == layers.municipalities
    assert assets.publish("municipalities", layers.municipalities_js + " ", static_dir=tmp_path) != rel


def test_published_layers_give_the_browser_one_script_with_the_boundaries_and_one_style_sheet(layers, tmp_path):
    published = publish_layers(layers, static_dir=tmp_path)
    m = build_map(rows_frame(1), published, params(group("zorgzame_buurt")), split=True)
    # one script link (streamlit-folium loads links one after another) and one style sheet
    assert [src for _, src in m.default_js] == [published.script_src]
    assert [href for _, href in m.default_css] == [published.style_src]
    rel = published.script_src.removeprefix("/app/static/")
    bundle = (tmp_path / rel).read_text(encoding="utf-8")
    # Leaflet, the cluster plugin and map.js, in that order, then the boundaries under their URLs
    order = [bundle.index(f"/* {rel} */") for _, rel in assets.BUNDLE_JS]
    assert order == sorted(order)
    preload = bundle[bundle.rindex("zbMap.preload("):]
    for src, text in ((published.municipalities_src, layers.municipalities_js), (published.provinces_src, layers.provinces_js)):
        assert f"{json.dumps(src)}:JSON.parse({json.dumps(text)})" in preload
    # the map script still names the boundaries by URL: the bundle serves them, the script stays small
    assert calls(_st_folium_script(m), "boundaries")[0][1] == published.municipalities_src
    # content-named: the same content gives the same name, other content another
    assert publish_layers(layers, static_dir=tmp_path).script_src == published.script_src


def test_the_style_bundle_points_leaflets_images_at_files_that_exist(tmp_path):
    static = assets.ensure_static(tmp_path)
    css = assets.bundle_css("zb/data")
    urls = re.findall(r"url\(([^)#]+)\)", css)
    assert urls and all((static / "zb" / "data" / u).resolve().is_file() for u in urls), urls
    assert all(f"/* {rel} */" in css for _, rel in assets.BUNDLE_CSS)


def test_an_export_of_a_map_built_from_published_layers_inlines_every_part(layers, tmp_path):
    html_doc = standalone_html(build_map(rows_frame(1), publish_layers(layers, static_dir=tmp_path),
                                         params(group("zorgzame_buurt"))))
    assert "/app/static/" not in html_doc
    assert html_doc.count("<script>") >= 3 and "L.MarkerClusterGroup" in html_doc


def test_every_municipality_has_a_label_point_inside_its_outline(layers):
    import shapely.geometry

    for f in layers.municipalities["features"]:
        lat, lon = f["properties"]["lp"]
        assert shapely.geometry.shape(f["geometry"]).buffer(1e-3).contains(shapely.geometry.Point(lon, lat)), f["properties"]["name"]


def test_repeated_marker_texts_are_sent_once_and_decode_to_the_same_rows():
    frame = rows_frame(40)
    columns = marker_columns(frame)["zorgzame_buurt"]
    encoded = dict(zip(ROW_FIELDS[2:], columns["cols"]))
    assert isinstance(encoded["sources"], dict) and len(encoded["sources"]["v"]) == 1  # 40 rows, one list of URLs
    assert isinstance(encoded["id"], list)  # distinct values stay a plain list
    rows = decode_columns(columns)
    assert len(rows) == 40 and rows[0][2:] == [frame[f].iloc[0] for f in ROW_FIELDS[2:]]
