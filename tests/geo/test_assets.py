"""Leaflet and the marker-cluster plugin, served by the app itself (no CDN)."""

from __future__ import annotations

from geo import assets


def test_static_copies_every_asset_and_names_only_files_that_exist(tmp_path):
    out = assets.ensure_static(tmp_path)
    for _, rel in assets.MAP_JS + assets.MAP_CSS + assets.CLUSTER_JS + assets.CLUSTER_CSS:
        assert (out / rel).read_text(encoding="utf-8") == assets.read_text(rel), rel
    assert list((out / "leaflet" / "images").glob("*.png"))  # marker icons used by leaflet.css


def test_an_asset_changed_on_disk_is_copied_again(tmp_path):
    target = tmp_path / "static"
    assets.ensure_static(target)
    js = target / "leaflet" / "leaflet.js"
    js.write_text("stale")
    assets.ensure_static.cache_clear()  # a new process
    assets.ensure_static(target)
    assert js.read_text(encoding="utf-8") == assets.read_text("leaflet/leaflet.js")


def test_urls_point_under_the_streamlit_static_route():
    assert assets.url("leaflet/leaflet.js") == "/app/static/leaflet/leaflet.js"
    assert assets.local(assets.MAP_CSS, base="/x/") == [("leaflet_css", "/x/app/static/leaflet/leaflet.css")]


def test_inlined_leaflet_is_the_packaged_version():
    js = assets.read_text("leaflet/leaflet.js")
    assert f"Leaflet {assets.LEAFLET_VERSION}," in js[:200]
