"""The layering contract, read from the source (ast; no subprocess, no import of the app).

The folders are the layers. From the bottom up:

    geo/              geography: reference layers, coverage, the map builder (imports nothing of
                      atlas; every layer may use it)
    atlas/text/       UI strings, formats, labels, escaping, colours
    atlas/model/      the data files' schema, reading, validation, filters, budget, completeness
    atlas/meldingen/  reports from users: domain rules, form, storage, migrations
    atlas/views/      pure builders: charts, map, report, static site, exports, templates
    atlas/ui/         the Streamlit glue: loaders, session state and URL, chrome, tables, page sections
    atlas/cli/        the command line (python -m atlas): may use every layer
    pages/, app.py    wiring: read the state, call atlas, render

* each folder imports only from the folders it lists in LAYERS (at module level or inside a
  function): no arrow runs back up, and no layer reaches sideways into one it does not list;
* every module of atlas/ lives in one of its layer folders (atlas/__main__.py only calls atlas.cli);
* only the Streamlit glue (atlas/ui/), the pages and app.py import streamlit (and streamlit_folium),
  plus atlas/cli/serve.py, which starts the Streamlit server;
* only geo/mapbuilder.py imports folium (and branca), only atlas/views/charts.py imports plotly;
* following imports between our own modules, no geo module but the map builder reaches folium,
  plotly or streamlit;
* pages are wiring: no file in pages/ has more than 120 lines.

A failure names each offending file and line.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
APP_CODE = ("geo", "atlas", "pages")  # plus app.py; bench/ and tests/ drive the app and are not layered

# layer -> the layers it may import (itself included). A layer is a folder (or app.py).
LAYERS: dict[str, set[str]] = {
    "geo": {"geo"},
    "atlas/text": {"atlas/text", "geo"},
    "atlas/model": {"atlas/model", "atlas/text", "geo"},
    "atlas/meldingen": {"atlas/meldingen", "atlas/model", "atlas/text", "geo"},
    "atlas/views": {"atlas/views", "atlas/model", "atlas/text", "geo"},
    "atlas/ui": {"atlas/ui", "atlas/views", "atlas/meldingen", "atlas/model", "atlas/text", "geo"},
    "atlas/cli": {"atlas/cli", "atlas/ui", "atlas/views", "atlas/meldingen", "atlas/model", "atlas/text", "geo"},
    "pages": {"atlas/ui", "atlas/views", "atlas/model", "atlas/text", "geo"},
    "app.py": {"atlas/ui", "atlas/views", "atlas/model", "atlas/text", "geo"},
}
# the only modules of atlas/ outside a layer folder: the package marker and `python -m atlas`
OUTSIDE_LAYERS = {"atlas/__init__.py": set(), "atlas/__main__.py": {"atlas/cli"}}

FOLIUM = {"folium", "branca"}
PLOTLY = {"plotly"}
STREAMLIT = {"streamlit", "streamlit_folium"}
# library -> (the folders or files that may import it, its module names)
ALLOWED = {
    "folium": ({"geo/mapbuilder.py"}, FOLIUM),
    "plotly": ({"atlas/views/charts.py"}, PLOTLY),
    "streamlit": ({"atlas/ui/", "pages/", "app.py", "atlas/cli/serve.py"}, STREAMLIT),
}
HEAVY = FOLIUM | PLOTLY | STREAMLIT


@dataclass(frozen=True)
class Import:
    file: str  # relative to the repository, with forward slashes
    line: int
    module: str  # absolute dotted name, e.g. 'atlas.model.schema' or 'folium'
    in_function: bool

    def __str__(self) -> str:
        where = " (inside a function)" if self.in_function else ""
        return f"{self.file}:{self.line}: imports {self.module}{where}"


def app_files() -> list[Path]:
    files = [REPO / "app.py"]
    for package in APP_CODE:
        files += sorted((REPO / package).rglob("*.py"))
    return [f for f in files if f.is_file()]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


@functools.lru_cache(maxsize=None)
def imports_of(path: Path) -> tuple[Import, ...]:
    """Every import statement in the file, with relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(REPO).as_posix()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    out: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                out.extend(Import(rel, child.lineno, alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                # `from geo import reference` imports the module geo.reference when it is one
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    is_module = (REPO / Path(*sub.split("."))).with_suffix(".py").is_file() or \
                        (REPO / Path(*sub.split(".")) / "__init__.py").is_file()
                    out.append(Import(rel, child.lineno, sub if is_module else base, in_function))
            visit(child, inner)

    visit(tree, False)
    return tuple(out)


def top(module: str) -> str:
    return module.split(".")[0]


def test_every_app_module_parses_and_the_scan_sees_imports():
    files = app_files()
    assert REPO / "geo" / "mapbuilder.py" in files and REPO / "app.py" in files
    found = {top(i.module) for f in files for i in imports_of(f)}
    assert {"folium", "plotly", "streamlit", "atlas", "geo"} <= found  # the scan would notice each rule


def test_geo_imports_nothing_from_atlas():
    problems = [str(imp) for f in (REPO / "geo").rglob("*.py") for imp in imports_of(f) if top(imp.module) == "atlas"]
    assert not problems, "geo must not depend on atlas:\n" + "\n".join(problems)


def allowed(file: str, places: set[str]) -> bool:
    return any(file == place or (place.endswith("/") and file.startswith(place)) for place in places)


@pytest.mark.parametrize("library", sorted(ALLOWED))
def test_only_the_designated_modules_import_each_ui_library(library):
    places, names = ALLOWED[library]
    problems = [str(imp) for f in app_files() for imp in imports_of(f)
                if top(imp.module) in names and not allowed(imp.file, places)]
    assert not problems, f"only {sorted(places)} may import {library}:\n" + "\n".join(problems)


def layer_of_file(rel: str) -> str | None:
    if rel == "app.py":
        return "app.py"
    for layer in sorted(LAYERS, key=len, reverse=True):
        if layer != "app.py" and rel.startswith(layer + "/"):
            return layer
    return None


def layer_of_module(module: str) -> str | None:
    """The layer folder of one of our modules (`atlas.model.data` -> atlas/model), else None."""
    parts = module.split(".")
    if parts[0] == "geo":
        return "geo"
    if parts[0] == "atlas" and len(parts) > 1:
        return layer_of_file("/".join(parts[:2]) + "/") or "/".join(parts[:2])
    return None


def test_every_atlas_module_lives_in_a_layer_folder():
    outside = [f.relative_to(REPO).as_posix() for f in (REPO / "atlas").rglob("*.py")
               if layer_of_file(f.relative_to(REPO).as_posix()) is None]
    assert sorted(outside) == sorted(OUTSIDE_LAYERS), (
        "put each module of atlas/ in its layer's folder (tests/test_layering.py LAYERS):\n"
        + "\n".join(sorted(set(outside) - set(OUTSIDE_LAYERS))))


def test_each_layer_imports_only_the_layers_below_it():
    problems = []
    for f in app_files():
        rel = f.relative_to(REPO).as_posix()
        may = OUTSIDE_LAYERS.get(rel) if rel in OUTSIDE_LAYERS else LAYERS[layer_of_file(rel)]
        for imp in imports_of(f):
            target = layer_of_module(imp.module)
            if top(imp.module) in {"atlas", "geo"} and target not in may:
                problems.append(f"{imp}  ({layer_of_file(rel) or rel} may import {sorted(may)})")
    assert not problems, "an import runs against the layers:\n" + "\n".join(problems)


def test_the_layer_rule_sees_an_arrow_back_up():
    """The rule above would notice a model module that reads a view (the scan resolves it)."""
    assert layer_of_module("atlas.views.report") == "atlas/views"
    assert layer_of_module("atlas.ui.loaders") == "atlas/ui" and layer_of_module("geo.areas") == "geo"
    assert "atlas/views" not in LAYERS[layer_of_file("atlas/model/data.py")]
    assert "atlas/ui" not in LAYERS[layer_of_file("atlas/views/charts.py")]


def reachable_libraries(start: str) -> dict[str, list[str]]:
    """Heavy libraries reachable from module `start` through our own modules, with one import
    chain each (as 'file:line: imports x' steps)."""
    by_module = {module_name(f): f for f in app_files()}
    found: dict[str, list[str]] = {}
    todo = [(start, [])]
    visited = set()
    while todo:
        module, chain = todo.pop()
        if module in visited:
            continue
        visited.add(module)
        # importing a.b.c runs a/__init__.py and a/b/__init__.py first
        parts = module.split(".")
        for k in range(1, len(parts)):
            if ".".join(parts[:k]) in by_module:
                todo.append((".".join(parts[:k]), chain))
        path = by_module.get(module)
        if path is None:
            continue
        for imp in imports_of(path):
            if imp.in_function:
                continue  # runs only when called; the direct rules above still apply to it
            step = chain + [str(imp)]
            if top(imp.module) in HEAVY:
                found.setdefault(top(imp.module), step)
            elif imp.module in by_module or top(imp.module) in {"geo", "atlas"}:
                todo.append((imp.module, step))
    return found


GEO_MODULES = sorted(module_name(f) for f in (REPO / "geo").rglob("*.py") if f.name != "mapbuilder.py")


@pytest.mark.parametrize("module", GEO_MODULES)
def test_geo_modules_other_than_the_map_builder_do_not_pull_in_ui_libraries(module):
    found = reachable_libraries(module)
    assert not found, "\n".join(f"{module} reaches {lib} via:\n  " + "\n  ".join(chain) for lib, chain in found.items())


def test_the_reachability_check_follows_imports_between_our_modules():
    # atlas.views.mapview imports geo.mapbuilder, which imports folium: the walk must see that.
    chain = reachable_libraries("atlas.views.mapview")["folium"]
    assert chain[0].startswith("atlas/views/mapview.py:") and chain[-1].startswith("geo/mapbuilder.py:")


def test_pages_end_early_with_stop_page_not_st_stop():
    """app.py draws the sidebar after the page; st.stop() would end the whole run before it."""
    offenders = []
    for path in sorted((REPO / "pages").glob("*.py")) + sorted((REPO / "atlas").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "stop"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "st"):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []


PAGE_MAX_LINES = 120
# Pages still over the limit, being slimmed on another branch: page -> why. The lead deletes the
# entry after the merge; a stale entry (the page is short now) fails the test so it cannot linger.
LONG_PAGES: dict[str, str] = {}  # page -> why it may be longer for now (none today)


def test_pages_are_wiring_of_at_most_120_lines():
    lengths = {f"pages/{p.name}": len(p.read_text(encoding="utf-8").splitlines())
               for p in sorted((REPO / "pages").glob("*.py"))}
    assert lengths, "no pages found"
    too_long = [f"{page}: {n} lines" for page, n in lengths.items() if n > PAGE_MAX_LINES and page not in LONG_PAGES]
    stale = [page for page in LONG_PAGES if lengths.get(page, 0) <= PAGE_MAX_LINES]
    assert not too_long, "pages over 120 lines (move the logic into atlas/):\n" + "\n".join(too_long)
    assert not stale, f"remove from LONG_PAGES (now within {PAGE_MAX_LINES} lines): {stale}"
