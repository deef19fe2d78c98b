"""AppTest helpers: run the real app.py and read what the map component received."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")


def widget(at: AppTest, kind: str, name: str):
    """A filter or page widget by name, whatever the generation number in its key (w_<name>_<gen>)."""
    pattern = re.compile(rf"^w_{name}_\d+$")
    found = [w for w in getattr(at, kind) if w.key and pattern.match(w.key)]
    assert len(found) == 1, f"{kind} {name}: {[w.key for w in getattr(at, kind)]}"
    return found[0]


def page_files() -> list[str]:
    """Every page that app.py puts in its navigation."""
    return re.findall(r'st\.Page\(\s*"(pages/[\w]+\.py)"', (REPO / "app.py").read_text())


def url_paths() -> dict[str, str]:
    """The url_path of each page of app.py's navigation (st.Page(<file>, ..., url_path=...)), by file."""
    found = dict(re.findall(r'st\.Page\(\s*"(pages/\w+\.py)"(?:(?!st\.Page\().)*?url_path="([^"]*)"',
                            (REPO / "app.py").read_text(), flags=re.S))
    assert list(found) == page_files(), "every page of the navigation states its url_path"
    return found


def run_app(query: dict | None = None, page: str | None = None, timeout: int = 90) -> AppTest:
    """The app opened on `page` (default: the first page, the map) with the link's `query`.

    A page is opened as a deep link opens it (/<url_path>?<query>): its first run is that page, not
    the map first and then a switch. AppTest.switch_page only knows st.navigation's url paths after
    a first run, so the first run asks for the page by the hash st.navigation gives it (calc_hash
    of its url_path), and the test fails here when the run did not end on that page."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    if page:
        wanted = calc_hash(url_paths()[page])
        at._page_hash = wanted
    at.run()
    if page:
        assert at._finished_page_script_hash == wanted, f"the link did not open {page}"
    return at


def every_page(at: AppTest, case: int | None = None):
    """The app on each page of the navigation in turn: `at` as run_app opened it (the first page,
    the map), then each other page, switched to as a click in the navigation does.

    The programme pages are one page kind (one builder, atlas.ui.programme_page): with `case`, the
    index of a parametrized case, only programme page number `case` (modulo their number) is
    walked, so the cases of a parametrized walk still open each programme page."""
    first, *others = page_files()
    assert at._finished_page_script_hash == calc_hash(url_paths()[first]), "the walk starts on the first page"
    programme_pages = [p for p in others if p.startswith("pages/programme_")]
    yield at
    for page in others:
        if case is not None and page in programme_pages and page != programme_pages[case % len(programme_pages)]:
            continue
        at.switch_page(page)
        at.run()
        yield at


def open_section(at: AppTest, name: str) -> AppTest:
    """Open an on-demand section (atlas.ui.tables.on_demand) as its expander's click does, and rerun."""
    from atlas.ui.tables import OPEN_PREFIX

    at.session_state[OPEN_PREFIX + name] = True
    return at.run()


def show_tab(at: AppTest, index: int, name: str = "budget_section") -> AppTest:
    """Open tab `index` of the on-demand tabs `name` (atlas.ui.tables.on_demand_tabs), as a click on it does."""
    from atlas.ui.tables import OPEN_PREFIX

    at.session_state[OPEN_PREFIX + name] = index
    return at.run()


def each_tab(at: AppTest):
    """The page in each of its tabs in turn (a page without tabs: as it is)."""
    for index in range(len(at.tabs) or 1):
        if at.tabs:
            show_tab(at, index)
        yield at


def open_all_sections(at: AppTest) -> AppTest:
    """Open every on-demand section the page drew (its expander's state is a bool) and rerun."""
    from atlas.ui.tables import OPEN_PREFIX

    names = [k.removeprefix("section_") for k in at.session_state.keys()
             if k.startswith("section_") and isinstance(at.session_state[k], bool)]
    for name in names:
        at.session_state[OPEN_PREFIX + name] = True
    return at.run() if names else at


def map_args(at: AppTest, index: int = 0) -> dict:
    """The arguments of the n-th st_folium component: script, css/js links, returned objects...

    `script` is the map script followed by the `feature_group` layer (what follows the filters,
    which the browser swaps without rebuilding the map); `map_script` is the map script alone."""
    comps = [e for e in at.main if getattr(e, "type", None) == "component_instance"
             and "st_folium" in e.proto.component_name]
    assert comps, "no st_folium map on the page"
    args = json.loads(comps[index].proto.json_args)
    args["map_script"] = args["script"]
    args["script"] = args["script"] + "\n" + (args.get("feature_group") or "")
    return args


class _TableParser(HTMLParser):
    """Header and cell texts of each <table class="zb-table"> (atlas/views/templates/text_table.html)."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "zb-table" in (dict(attrs).get("class") or ""):
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("th", "td") and self.tables:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def text_tables(at: AppTest) -> list[pd.DataFrame]:
    """The tables the page drew with atlas.ui.chrome.text_table (st.html), each as a frame of the texts
    shown: its header row as the columns."""
    frames = []
    for element in at.html:
        parser = _TableParser()
        parser.feed(element.value)
        frames += [pd.DataFrame(rows[1:], columns=rows[0]) for rows in parser.tables]
    return frames


def markers_by_programme(script: str) -> dict[str, list[list]]:
    """Marker rows per group (programme or 'eigen'), parsed from the generated Leaflet script:
    each group is one `zbMap.markers(<layer>, {"group": ..., "lat": [...], "cols": [...], ...})` call
    (geo/web/map.js), its columns decoded back into rows by geo.mapbuilder.decode_columns."""
    from geo.mapbuilder import decode_columns

    decoder = json.JSONDecoder()
    out: dict[str, list[list]] = {}
    for match in re.finditer(r"zbMap\.markers\(\w+, ", script):
        config, _ = decoder.raw_decode(script, match.end())
        out[config["group"]] = decode_columns(config)
    return out


def marker_counts(script: str) -> dict[str, int]:
    return {prog: len(rows) for prog, rows in markers_by_programme(script).items()}


@pytest.fixture(autouse=True)
def clear_streamlit_caches(request):
    """The process-wide caches (atlas.ui.loaders) are shared by the tests as by a server's
    sessions: a fresh cache costs every run its data and layers again (about a second each).
    A test that changes what the app reads (an environment variable, a patched file path or
    function: all through `monkeypatch`) gets empty caches before and leaves empty caches after."""
    changes_inputs = "monkeypatch" in request.fixturenames
    if changes_inputs:
        st.cache_data.clear()
        st.cache_resource.clear()
    yield
    if changes_inputs:
        st.cache_data.clear()
        st.cache_resource.clear()
