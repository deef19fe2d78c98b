"""The static export: the map, the main charts and the project table as plain files.

``python -m atlas export OUTDIR [--lang nl|en]`` calls :func:`build_site`. The result is a
folder any web server or CDN can serve, or a browser can open from ``file://`` with no
network at all:

* ``index.html``: rendered from the autoescaping Jinja template
  ``atlas/views/templates/site.html.j2`` (every data text is escaped there, once), with the map
  drawn in the page itself (no frame: issue 22): the same map the app draws
  (``atlas.views.mapview`` → ``geo.mapbuilder``), from ``standalone_html`` split by ``map_parts``
  into its head (styles, Leaflet, map.js) and its body (element, drawing script), with its
  long scripts (Leaflet, the cluster plugin, the map and its boundaries) as content-named
  files ``assets/map-<hash>.js`` (``external_scripts``), no online tiles, the urban/rural
  choropleth and the legend's programme toggles, made without a starting view so that its
  layers are drawn once, at the fitted view (``view_on_first_fit``); ``assets/site_map.js``
  adds the client-side search (site.js posts the query as a window message);
* ``assets/``: ``plotly.min.js`` (plotly.js of the installed plotly package's version: its
  official basic bundle when the charts only need bars, see ``atlas.views.charts.plotly_js_for``;
  ``site.js`` loads it only once site_map.js says the first marker is drawn, so it never
  holds up the map), the page's own ``site.js`` / ``site.css`` (from atlas/views/templates) and
  ``site_map.js``.

Pure: no streamlit; plotly only through ``atlas.views.charts``.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from atlas.model import budget, completeness, schema
from atlas.model.data import ProjectData, load_projects, programmes, status_at
from atlas.model.filters import FilterState
from atlas.text import fmt
from atlas.text.i18n import t
from atlas.text.labels import typology_label
from atlas.views import charts, mapview, project_columns, stats, templates
from geo.typology import ATTRIBUTION, TYPOLOGIES

ASSET_FILES = ("site.js", "site.css", "site_map.js")  # from atlas/views/templates, copied into assets/
MAX_BYTES = 2_000_000  # the whole folder stays under 2 MB (issue 22; tests/atlas/test_static_site.py)



@dataclass(frozen=True)
class SiteResult:
    outdir: Path
    files: tuple[Path, ...]
    n_projects: int
    n_skipped: int

    @property
    def total_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.files)


def data_date(path: Path) -> date:
    """The date the projects file last changed: its last commit if it is in git, else its mtime."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(path)], cwd=path.parent,
                             capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        if out:
            return date.fromisoformat(out)
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    return date.fromtimestamp(path.stat().st_mtime)


def _figure(fig) -> dict:
    """A plotly figure as plain JSON values (data + layout) for Plotly.newPlot in the page."""
    return json.loads(fig.to_json())


def chart_figures(projects: pd.DataFrame, facts: pd.DataFrame, lang: str, ref: date) -> list[dict]:
    """The budget page's main charts: programme totals, project budgets per programme, status."""
    progs = schema.PROGRAMMES
    totals = budget.programme_totals(facts, progs)
    facts_src = budget.short_sources(list(facts.loc[list(totals["programme"]), "total_budget_source"])) if len(totals) else []
    ext = budget.extension_notes(facts, progs, lang, ref)
    status_source = (charts.source_line(lang, facts=budget.short_sources([s for *_, s in ext])) if ext
                     else charts.source_line(lang))
    names = [charts.PNG_NAMES[k] for k in ("programme_totals", "budget_by_programme", "status")]  # as the app's
    figs = [
        charts.programme_totals_chart(totals, lang, source=charts.source_line(lang, projects=False, facts=facts_src)),
        charts.budget_by_programme_chart(budget.budget_by_programme(projects, progs), lang, source=charts.source_line(lang)),
        charts.status_chart(budget.status_counts(projects, ref, progs), lang, ref,
                            note=" ".join(n for _, n, _ in ext) or None, source=status_source),
    ]
    return [{"id": f"chart-{i}", "figure": _figure(f), "config": {"responsive": True, **charts.png_config(name)}}
            for i, (f, name) in enumerate(zip(figs, names, strict=True))]


def sources_lines(lang: str) -> list[str]:
    lines = [t("sources_footer", lang)]
    lines += [TYPOLOGIES[code]["source"] for code in TYPOLOGIES]
    lines += [a for a in ATTRIBUTION.values() if a not in lines]
    lines.append(t("site_licence_leaflet", lang))
    lines.append(t("site_licence_plotly", lang, version=charts.plotly_js_version()))
    return lines


def _layers():
    from geo import reference as ref
    from geo.config import GeoUnavailable
    from geo.mapbuilder import prepare_layers

    try:
        return prepare_layers(ref.municipalities(), ref.provinces())
    except GeoUnavailable:
        return None


EXTERNAL_SCRIPT_MIN = 20_000  # inline scripts at least this long go to their own file (see external_scripts)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def external_scripts(doc: str) -> tuple[str, dict[str, str]]:
    """`doc` with each long inline script (Leaflet, the cluster plugin, the map and its data)
    moved to a content-named file in assets/: Chromium compiles a script file off the main
    thread while the page parses, an inline one on it. Returns the document and {file: text}."""
    files: dict[str, str] = {}

    def move(match: re.Match) -> str:
        text = match.group(1)
        if len(text) < EXTERNAL_SCRIPT_MIN:
            return match.group(0)
        name = f"assets/map-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}.js"
        files[name] = text
        return f'<script src="{name}"></script>'

    return _INLINE_SCRIPT.sub(move, doc), files


# folium's `L.map("map_…", {center: [lat, lon], …})`: the one place the map gets a view before
# geo/web/map.js fits it (see view_on_first_fit).
_MAP_CENTER = re.compile(r'(= L\.map\(\s*"map_[0-9a-f]+",\s*\{\s*)center:')


def view_on_first_fit(doc: str) -> str:
    """`doc` with the map made without a view: folium's starting view (center, zoom) stays in the
    options as `zbCenter` but Leaflet does not set it, so the map is not "loaded" and Leaflet
    holds every layer (boundaries, clusters) until map.js fits the view (after the legend), then
    projects and draws each once, instead of once at the starting view and again at the fitted
    one (issue 22: the map script's run ~250 → ~150 ms). site_map.js sets the starting view if
    nothing fitted one (a frame with no size yet). Unchanged if folium's call is not found."""
    return _MAP_CENTER.sub(r"\1zbCenter:", doc, count=1)


_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')


@dataclass(frozen=True)
class MapParts:
    """The map's part of the page: `head` (its styles and scripts, for the page's <head>) and
    `body` (its element and the script that draws it, where the map goes)."""
    head: str
    body: str


def map_parts(doc: str) -> MapParts:
    """Split a folium document into the pieces the page takes over; folium's viewport line goes
    (the page has its own, which lets a phone zoom)."""
    head = doc[doc.index("<head>") + len("<head>"):doc.index("</head>")]
    body = doc[doc.index("<body>") + len("<body>"):doc.rindex("</html>")].replace("</body>", "", 1)
    return MapParts(head=_VIEWPORT.sub("", head), body=body)


def map_document(projects: pd.DataFrame, state: FilterState) -> str:
    """The map as a self-contained HTML document (Leaflet inlined, no tiles)."""
    from geo.mapbuilder import standalone_html

    layers = _layers()
    fmap = mapview.build(projects, layers, state, colour_by="typology", tiles=False, height=640,
                         report_links=False)  # no /melden form in a static site
    return view_on_first_fit(standalone_html(fmap))


def build_site(outdir: Path | str, lang: str = "nl", *, projects_csv: Path | str | None = None,
               today: date | None = None) -> SiteResult:
    """Write the static site into `outdir` (created; files of an earlier export are replaced)."""
    outdir = Path(outdir)
    source = Path(projects_csv) if projects_csv is not None else schema.projects_csv()
    pdata: ProjectData = load_projects(source.read_bytes(), source.name)
    facts = programmes()
    ref = today or date.today()
    state = FilterState(lang=lang, date=today, colour="typology")
    projects = pdata.projects.assign(status=status_at(pdata.projects, ref))
    projects = projects.sort_values(["programme", "name", "id"], key=lambda s: s.astype(str).str.casefold())
    projects = projects.reset_index(drop=True)

    assets = outdir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    figures = chart_figures(projects, facts, lang, ref)
    plotly_js = assets / "plotly.min.js"
    shutil.copyfile(charts.plotly_js_for([f["figure"] for f in figures]), plotly_js)
    written.append(plotly_js)
    for name in ASSET_FILES:
        target = assets / name
        target.write_bytes(templates.read_bytes(name))
        written.append(target)

    # The map is drawn in the page itself, not in a frame of its own: a frame is a second
    # document, navigated and parsed on the same thread after the page's own layout (issue 22).
    parts = map_parts(map_document(projects, state))
    head, scripts = external_scripts(parts.head)
    body, more = external_scripts(parts.body)
    for name, text in {**scripts, **more}.items():
        target = outdir / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    (outdir / "map.html").unlink(missing_ok=True)  # an earlier export's map frame

    columns, rows = project_columns.site_table(projects, lang, ref)
    known = [completeness.known_count_text(kc, lang) for kc in completeness.known_counts(pdata.projects, facts)]
    k = stats.kpis(projects, state.typology)
    page = templates.render("site.html.j2", 
        lang=lang,
        title=t("app_title", lang),
        subtitle=t("app_subtitle", lang),
        intro=t("site_intro", lang),
        data_date=t("site_data_date", lang, date=fmt.day(data_date(source), lang), made=fmt.day(ref, lang)),
        status_note=t("site_status_note", lang, date=fmt.day(ref, lang)),
        known=known,
        kpis=[(t("kpi_projects", lang), fmt.number(k.projects, lang)),
              (t("kpi_municipalities", lang), fmt.number(k.municipalities, lang)),
              (t("kpi_budget", lang), fmt.money(k.budget_granted, lang))],
        h={"map": t("site_h_map", lang), "charts": t("site_h_charts", lang), "table": t("table_title", lang),
           "sources": t("site_h_sources", lang)},
        map_head=Markup(head),  # folium's own markup (data only as JSON inside scripts), as map.html had it
        map_body=Markup(body),
        map_title=t("site_map_title", lang),
        map_note=t("site_map_note", lang, typology=typology_label(state.typology, lang)),
        search_map=t("site_search_map", lang),
        search_table=t("site_search_table", lang),
        search_placeholder=t("site_search_placeholder", lang),
        rows_shown=t("site_rows_shown", lang, n="{n}", total="{total}"),
        sort_hint=t("site_sort_hint", lang),
        charts_missing=t("site_charts_missing", lang),
        link_label=t("site_source_link", lang),
        figures=figures,
        columns=columns,
        rows=rows,
        skipped=t("site_skipped", lang, n=len(pdata.skipped)) if pdata.skipped else "",
        sources=sources_lines(lang),
    )
    index = outdir / "index.html"
    index.write_text(page, encoding="utf-8")
    written.append(index)
    return SiteResult(outdir=outdir, files=tuple(written), n_projects=len(projects), n_skipped=len(pdata.skipped))
