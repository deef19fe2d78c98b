"""The first visitor after a start (issue 22): `python -m atlas serve` fills the process-wide
caches before Streamlit starts (so before /_stcore/health answers), and the first session then
finds them filled instead of loading the projects, the reference layers and the map files."""

from __future__ import annotations

import sys

import pytest

from atlas import cli as cli_main
from atlas.cli import serve as cli_serve
from atlas.model import data as atlas_data
from atlas.ui import loaders
from geo import assets


@pytest.fixture
def counted(monkeypatch):
    """How often the projects file is read; every cache warm_process fills, emptied first."""
    calls = []
    real = atlas_data.load_projects

    def load(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(atlas_data, "load_projects", load)
    for cached in (loaders._project_data, loaders._programmes, loaders.institutes,  # the two keyed on the file's version loaders.reference, loaders.map_layers, loaders.places,
                   loaders.place_labels, loaders.official_area_counts):
        cached.clear()
    return calls


def test_warm_process_fills_what_a_first_session_needs(counted):
    loaders.warm_process()
    assert len(counted) == 1
    pdata = loaders.project_data()  # what app.py's warm_up and the pages call first
    assert len(counted) == 1 and len(pdata.projects) > 0
    layers = loaders.map_layers()
    for url in (layers.script_src, layers.style_src):  # the map's one script and one style sheet, published
        rel = url.split(assets.URL_PREFIX + "/", 1)[1]
        assert (assets.STATIC_DIR / rel).stat().st_size > 0
    assert loaders.place_labels("nl") and loaders.place_labels("en")


def test_serve_warms_up_before_the_server_starts(monkeypatch):
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    monkeypatch.setattr(sys, "argv", list(sys.argv))  # serve rewrites them for streamlit's cli
    monkeypatch.setattr(PagesManager, "uses_pages_directory", PagesManager.uses_pages_directory)
    events = []
    monkeypatch.setattr(loaders, "warm_process", lambda: events.append("warm") or 0.0)
    monkeypatch.setattr(cli, "main", lambda: events.append("server") or 0)
    monkeypatch.setattr(cli_serve, "_cache_hashed_assets", lambda: True)
    monkeypatch.delenv("ATLAS_NO_WARM", raising=False)
    assert cli_main.main(["serve", "--server.port", "1"]) == 0
    assert events == ["warm", "server"]
    events.clear()
    monkeypatch.setenv("ATLAS_NO_WARM", "1")  # the bench's cold start
    cli_main.main(["serve"])
    assert events == ["server"]
