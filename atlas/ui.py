"""Streamlit glue shared by app.py and the pages: cached data, the sidebar, URL sync.

One of the few Streamlit glue modules (see tests/test_layering.py). It holds no domain logic: it calls
atlas and geo functions, caches their results and keeps one `FilterState` in step with
the widgets and the URL query string.
"""

from __future__ import annotations

import contextlib
import time
from urllib.parse import quote
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from atlas import budget, completeness
from atlas import data as atlas_data
from atlas.escape import md, md_literal
from atlas.filters import BY_FIELD, DATE_MAX, DATE_MIN, FILTERS, FilterState, Vocabulary
from atlas.i18n import LANGS, t
from atlas.labels import typology_definition, typology_label

# ---------------------------------------------------------------------------
# Cached data (data, never folium objects)
# ---------------------------------------------------------------------------
def _stamp(path) -> tuple:
    """What identifies a data file's version: a changed file (an accepted melding) is read anew
    on the next run, without a restart."""
    try:
        st_ = path.stat()
        return str(path), st_.st_mtime_ns, st_.st_size
    except OSError:
        return str(path), None, None


def project_data() -> atlas_data.ProjectData:
    from atlas import schema

    return _project_data(_stamp(schema.projects_csv()))


@st.cache_data(show_spinner=False, max_entries=4)
def _project_data(stamp: tuple) -> atlas_data.ProjectData:
    return atlas_data.load_projects()


def programmes() -> pd.DataFrame:
    from atlas import schema

    return _programmes(_stamp(schema.PROGRAMMES_CSV))


@st.cache_data(show_spinner=False, max_entries=4)
def _programmes(stamp: tuple) -> pd.DataFrame:
    return atlas_data.programmes()


@st.cache_data(show_spinner=False)
def institutes() -> pd.DataFrame:
    return atlas_data.institutes()


@st.cache_data(show_spinner=False)
def reference_file_problems() -> list[str]:
    """One line per problem of institutes.csv, programmes.csv and budget_groups.csv."""
    from atlas.validate import reference_problems

    return [str(p) for p in reference_problems()]


@st.cache_resource(show_spinner=False)
def reference():
    """(municipalities, provinces, message): the reference layers, or None and why not."""
    from geo import reference as ref
    from geo.config import GeoUnavailable

    try:
        return ref.municipalities(), ref.provinces(), None
    except GeoUnavailable as exc:
        return None, None, str(exc)


@st.cache_resource(show_spinner=False)
def map_layers():
    from geo.mapbuilder import prepare_layers, publish_layers

    munis, provs, _ = reference()
    if munis is None:
        return None
    # The boundaries go to the browser as static files it caches, not in every map message.
    return publish_layers(prepare_layers(munis, provs))


RUN_MS_KEY = "_last_run_ms"


@contextlib.contextmanager
def run_timer():
    """Times one script run (app.py start to page end) into st.session_state[RUN_MS_KEY].

    Used by `python -m bench map` to measure the server time of a rerun without the test
    harness's polling; it costs one perf_counter call at each end. Also records runs that
    end in st.rerun() or st.stop().
    """
    t0 = time.perf_counter()
    try:
        yield
    finally:
        st.session_state[RUN_MS_KEY] = (time.perf_counter() - t0) * 1000.0


def warm_up() -> None:
    """Load data and boundaries once per session behind a progress message.

    The message lives in a slot that exists on every run: a spinner that appears only on the
    first run would shift every later element, and Streamlit would remount them (the map
    iframe loses its open popup, a widget loses the user's first pick).
    """
    slot = st.empty()
    if st.session_state.get("_warm"):
        return
    with slot.container(), st.spinner(" / ".join(t("loading", lang) for lang in LANGS)):
        project_data()
        reference()
        map_layers()
    slot.empty()
    st.session_state["_warm"] = True


def warm_process() -> float:
    """Before the server starts (``python -m atlas serve``), so before it says it is healthy:
    import what the pages import and fill the process-wide caches every first session needs
    (projects, reference layers, the published map files, place search labels, a map built
    once). Without it the first visitor after a start waited for all of it (issue 22). The
    caches are Streamlit's own (in memory, per process), filled outside a session. Never stops
    the start: a failure here is left for the first session to show. Returns the seconds taken."""
    t0 = time.perf_counter()
    try:
        # Not streamlit_folium: a component declared before the server's runtime exists is
        # unknown to it (the map's iframe would never load).
        from atlas import charts, mapview  # noqa: F401  (what the pages import, once)
        from geo.assets import ensure_static

        ensure_static()
        pdata = project_data()
        programmes()
        institutes()
        reference()
        layers = map_layers()
        official_area_counts()
        for lang in LANGS:
            place_labels(lang)
        mapview.build(pdata.projects, layers, FilterState()).get_root().render()  # folium's templates
    except Exception:  # noqa: BLE001 - the first session shows the problem, with its own message
        pass
    return time.perf_counter() - t0


def vocabulary() -> Vocabulary:
    """What a link may name, with display names: institutes and (when known) municipalities."""
    munis, _, _ = reference()
    names = dict(zip(munis["nis"], munis["name"])) if munis is not None else None
    return Vocabulary(institutes=institute_names(), municipalities=names)


def area_municipalities(state: FilterState) -> set[str] | None:
    """The 2025 NIS codes of the chosen working area (institute or custom list), if any."""
    if state.municipalities:
        return set(state.municipalities)
    if state.institute:
        from geo.areas import institute_municipalities

        munis, _, _ = reference()
        if munis is None:
            return None
        return institute_municipalities(state.institute, munis, institutes())
    return None


# ---------------------------------------------------------------------------
# The filter state: read from the session; the URL follows it
# ---------------------------------------------------------------------------
# The URL is read when a session starts (a link opened, the page reloaded) and on the
# browser's back/forward. After that the session's FilterState is the truth and every run
# writes it to the URL, so a page tab (which drops the query string) keeps the filters.
#
# Sidebar widgets are drawn from the filter declarations in atlas.filters; each takes its
# default from the state and its on_change copies the pick into the state. Their keys carry
# a generation (w_<field>_<gen>) that rises when the state changes from elsewhere (a page,
# a link, the language or the typology), so the widgets are drawn afresh with the new
# values and labels. (Streamlit's bind="query-params" writes the *displayed* label of an
# option to the URL (streamlit#14224), so every link would depend on the UI language and a
# language switch would invalidate it; see CONTRACT.md.)
STATE_KEY = "filter_state"
NOTICE_KEY = "filter_notices"
GEN_KEY = "w_gen"


def wkey(field: str) -> str:
    """Session key of a filter widget in the current generation."""
    return f"w_{field}_{st.session_state.get(GEN_KEY, 0)}"


def _new_generation() -> None:
    ss = st.session_state
    ss[GEN_KEY] = ss.get(GEN_KEY, 0) + 1


def _query() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def _url_is_input() -> bool:
    if STATE_KEY not in st.session_state:
        return True
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))


def read_state() -> FilterState:
    """This run's filter state: from the URL at the start of a session or on back/forward,
    else the session's."""
    ss = st.session_state
    if _url_is_input():
        state, notices = FilterState.from_query(_query(), vocabulary())
        if STATE_KEY in ss:
            _new_generation()
        ss[STATE_KEY] = state
        ss[NOTICE_KEY] = notices
    return ss[STATE_KEY]


def current_state() -> FilterState:
    """The filter state of this run (app.py has read it before the page runs)."""
    return st.session_state.get(STATE_KEY) or FilterState()


def write_url(state: FilterState) -> None:
    query = state.to_query()
    if _query() != {k: [v] for k, v in query.items()}:
        st.query_params.from_dict(query)


def set_state(state: FilterState) -> None:
    """A page changes the state (map click, search, chart click): store it, redraw the
    widgets from it and write the URL. Call st.rerun() after this."""
    if state != current_state():
        _new_generation()
    st.session_state[STATE_KEY] = state
    write_url(state)


def _widget_value(field: str, value):
    if isinstance(value, list):
        return tuple(value)
    if field == "institute":
        return value or None
    return value


def _on_change(field: str) -> None:
    """Copy one widget's pick into the FilterState before the script reruns."""
    ss = st.session_state
    state = current_state()
    value = _widget_value(field, ss.get(wkey(field)))
    if field == "lang" and not value:
        _new_generation()  # a segmented control can be deselected; the language stays, redrawn
        return
    if field == "date":
        value = None if value is None or (value == date.today() and state.date is None) else value
    new = state.pick(field, value)
    ss[STATE_KEY] = new
    if field in ("lang", "typology") or any(getattr(new, f) != getattr(state, f) for f in BY_FIELD[field].replaces):
        _new_generation()  # other widgets' labels, options or values changed: draw them afresh


def filter_widget(field: str, state: FilterState, vocab: Vocabulary, *, horizontal: bool = False):
    """Draw the widget a filter declares, with its value from the state."""
    f = BY_FIELD[field]
    w = f.widget
    lang = state.lang
    value = getattr(state, field)
    options = list(w.options(state, vocab))
    common = dict(key=wkey(field), on_change=_on_change, args=(field,),
                  help=t(w.help, lang) if w.help else None)
    label = t(f.label, lang)
    if w.kind == "date":
        return st.date_input(label, value=min(max(state.ref_date, DATE_MIN), DATE_MAX), min_value=DATE_MIN,
                             max_value=DATE_MAX, format="DD/MM/YYYY", **common)
    common["format_func"] = lambda v: w.label_of(v, state, vocab, lang)
    if w.kind == "multiselect":
        return st.multiselect(label, options, default=[v for v in value if v in options],
                              placeholder=t(w.placeholder, lang) if w.placeholder else None, **common)
    if w.kind == "radio":
        return st.radio(label, options, index=options.index(value), horizontal=horizontal, **common)
    if w.kind == "selectbox":
        return st.selectbox(label, options, index=options.index(value or ""), **common)
    if w.kind == "segmented":
        return st.segmented_control(label, options, default=value, selection_mode="single", **common)
    raise ValueError(f"unknown widget kind {w.kind!r}")


def start() -> FilterState:
    """Read this run's state (see read_state) and write it to the URL; app.py, before the page."""
    state = read_state()
    write_url(state)
    return state


class PageDone(BaseException):
    """Raised by stop_page; app.py catches it. A BaseException like Streamlit's own stop, so an
    `except Exception` around page code cannot swallow it."""


def stop_page() -> None:
    """End the page here, as st.stop() would, but let app.py still draw the sidebar after it
    (st.stop() ends the whole run: nothing drawn after it reaches the browser)."""
    raise PageDone


def sidebar(state: FilterState) -> None:
    """Draw the shared sidebar filters from their declarations, with their values from `state`.

    app.py draws them after the page: the widgets only show the state (their on_change puts a
    pick into it before the next run), and drawn last, the page's map or charts reach the
    browser first, before ~20 widget messages and the code for five widget kinds."""
    vocab = vocabulary()
    lang = state.lang
    with st.sidebar:
        for f in FILTERS:
            if f.widget is None or f.widget.where != "sidebar":
                continue
            filter_widget(f.field, state, vocab)
            if f.field == "lang":
                st.header(t("filters", lang))
            if f.field == "typology":
                with st.expander(t("f_definition", lang, name=typology_label(state.typology, lang)), expanded=False):
                    st.caption(typology_definition(state.typology, lang))
        if st.button(t("f_reset", lang), width="stretch"):
            set_state(FilterState(lang=lang))
            st.rerun()
        if st.session_state.get(NOTICE_KEY):
            items = " ".join(md_literal(item) for item in st.session_state[NOTICE_KEY][:10])
            st.warning(t("url_ignored", lang, items=items))


def phone_nav(pages: list) -> None:
    """The pages as one row of links under the header. Shown on a phone only (screen.css): there
    Streamlit folds its top navigation into the collapsed sidebar, two taps away."""
    with st.container(key="phone_nav", horizontal=True, wrap=False, gap="small"):
        for page in pages:
            st.page_link(page, label=page.title, icon=page.icon)


def page_header(title: str, caption: str | None, state: FilterState) -> None:
    """Title, intro and the 'Kopieer link' button of every page."""
    head, button = st.container(key="page_head").columns([5, 1], vertical_alignment="bottom")
    head.title(title)
    with button:
        copy_link_button(share_link(state), state.lang)
    if caption:
        st.caption(caption)
    updated = completeness.updated_text(programmes(), state.lang, state.programmes)
    if updated:
        st.caption(updated)


@st.cache_data(show_spinner=False)
def official_area_counts() -> pd.DataFrame:
    return completeness.official_area_counts()


@st.cache_resource(show_spinner=False)
def official_units() -> tuple:
    """Every area with an official count, as sets of municipalities (atlas.completeness)."""
    munis, _, _ = reference()
    return completeness.official_units(official_area_counts(), programmes(), munis, institutes())


def known_lines(state: FilterState, projects: pd.DataFrame, area=None) -> list[str]:
    """Known against official per shown programme, for the chosen area (atlas.completeness);
    `area`: the coverage page's resolved area (atlas.report.Area), else the state's area."""
    if area is not None:
        return completeness.area_lines(projects, programmes(), official_units(), state.programmes, area, state.lang)
    munis, _, _ = reference()
    inst_area = area_municipalities(state) if state.institute else None
    inst_name = dict(zip(institutes()["id"], institutes()["short_name"])).get(state.institute or "", "")
    nis, name = completeness.area_of(state, munis, inst_area, inst_name)
    return completeness.lines(projects, programmes(), official_units(), state.programmes, nis, name, state.lang)


def show_known(state: FilterState, projects: pd.DataFrame, lines: list[str] | None = None) -> None:
    lines = known_lines(state, projects) if lines is None else lines
    st.markdown("  \n".join(f"**{md(line)}**" for line in lines))


def set_html_lang(lang: str) -> None:
    """<html lang> follows the UI language (a one-line script in atlas/templates/html_lang.html)."""
    from atlas.templates import render

    st.html(render("html_lang.html", lang=lang), unsafe_allow_javascript=True)


def text_table(frame: pd.DataFrame) -> None:
    """A short table whose cells are already texts (headers, then rows), as an HTML <table>
    (atlas/templates/text_table.html, autoescaped). Not st.table: that one travels as Arrow and
    brings ~1 MB of JavaScript the whole page waits for, map included (issue 22)."""
    from atlas.templates import render

    st.html(render("text_table.html", columns=[str(c) for c in frame.columns],
                   rows=[["" if v is None else str(v) for v in row] for row in frame.itertuples(index=False)]))


def copy_link_button(link: str, lang: str) -> None:
    """A button that copies the link of this view (HTML and script in atlas/templates)."""
    from atlas.templates import render

    data = {"link": link, "label": t("copy_link", lang), "done": t("copy_link_done", lang),
            "failed": t("copy_link_failed", lang)}
    html = render("copy_link.html", lang=lang, label=data["label"], title=t("copy_link_help", lang), data=data)
    st.iframe(html, height=44)


def data_notices(pdata: atlas_data.ProjectData, lang: str) -> None:
    """Say what was not drawn and why; never drop anything silently. A broken data or
    reference file is one message at the top (file, line, what is wrong; first problems only)."""
    from atlas.escape import md
    from atlas.validate import MAX_LISTED

    broken = reference_file_problems() + [str(p) for p in pdata.validation.problems if p.row is None]
    if broken:
        lines = broken[:10] + ([f"… +{len(broken) - 10}"] if len(broken) > 10 else [])
        st.error(t("data_file_problems", lang, lines="\n".join("- " + md(line) for line in lines)))
    if pdata.geo_message:
        st.warning(t("geo_missing", lang, detail=md(pdata.geo_message)))  # may quote a layer file
    read_notes = [n for n in pdata.validation.notices if not n.startswith("Reference geography")]
    if read_notes:  # how the file was read (encoding, separator, workbook): worth knowing, not an error
        st.info(t("upload_read_notice", lang, notes=md("; ".join(read_notes))))
    if pdata.skipped and not pdata.validation.file_level_problem():
        with st.expander(t("rows_skipped", lang, n=len(pdata.skipped)), expanded=False):
            extra = len(pdata.skipped) - MAX_LISTED
            st.text("\n".join(pdata.skipped[:MAX_LISTED] + ([f"… +{extra}"] if extra > 0 else [])))


# ---------------------------------------------------------------------------
# Lookups and table helpers for pages
# ---------------------------------------------------------------------------
@st.cache_data(show_spinner=False)
def places() -> pd.DataFrame:
    """Searchable place names (municipalities, former municipalities, sub-municipalities)."""
    from geo import reference
    from geo.config import GeoUnavailable

    try:
        frame = reference.places()
    except GeoUnavailable:
        return pd.DataFrame(columns=["name", "kind", "nis", "lat", "lon", "bounds", "municipality"])
    return frame.sort_values(["name", "kind"]).reset_index(drop=True)


@st.cache_data(show_spinner=False)
def place_labels(lang: str) -> dict[int, str]:
    frame = places()
    out = {}
    for idx, row in frame.iterrows():
        kind = t("place_kind_" + row["kind"], lang, parent=row["municipality"])
        out[idx] = f"{row['name']} ({kind})"
    return out


@dataclass(frozen=True)
class Selection:
    name: str  # "Vilvoorde", "Limburg"
    heading: str  # "Geselecteerd: Vilvoorde"


def selection(state: FilterState, vocab: Vocabulary) -> Selection | None:
    """The one place (a municipality, else a single province) the page describes, if any."""
    lang = state.lang
    if state.municipality:
        name = vocab.municipality_name(state.municipality)
        return Selection(name, t("selected_municipality", lang, name=md(name)))  # heading: markdown
    if len(state.provinces) == 1:
        from atlas.schema import PROVINCES

        name = PROVINCES[state.provinces[0]]
        return Selection(name, t("selected_province", lang, name=md(name)))
    return None


SURROUNDINGS_KM = 6.0  # a selected place is shown with at least this much around it


def selection_bounds(state: FilterState, places: pd.DataFrame, place_index=None) -> list[list[float]] | None:
    """[[south, west], [north, east]] to zoom to: the searched place, the selected
    municipality or the province, widened so its surroundings show; None for all of Flanders."""
    from geo.areas import bounds_of, widen

    munis, _, _ = reference()
    if munis is None:
        return None
    box = None
    if state.municipality:
        if place_index is not None and place_index in places.index and places.loc[place_index, "nis"] == state.municipality:
            west, south, east, north = places.loc[place_index, "bounds"]
            box = [[south, west], [north, east]]
        else:
            box = bounds_of(munis, [state.municipality])
    elif state.provinces:
        box = bounds_of(munis, munis.loc[munis["province_nis"].isin(state.provinces), "nis"])
    else:
        area = area_municipalities(state)
        box = bounds_of(munis, area) if area else None
    return widen(box, SURROUNDINGS_KM) if box is not None else None


def institute_names() -> dict[str, str]:
    inst = institutes()
    return dict(zip(inst["id"], inst["name"]))


def attribution_lines() -> list[str]:
    from geo.typology import ATTRIBUTION

    return list(ATTRIBUTION.values())


def share_link(state: FilterState) -> str:
    """A link to this view (absolute when the server knows its own address)."""
    from urllib.parse import urlencode

    query = urlencode(state.to_query())
    try:
        base = st.context.url.split("?")[0]
    except Exception:  # noqa: BLE001 - older Streamlit or no browser context (tests)
        base = ""
    return f"{base}?{query}" if query else (base or "/")


def download_row(items: list[tuple[str, object, str, str]], key: str) -> None:
    """Download buttons side by side: (label, data, file name, mime) each. `data` is a callable,
    so a file is built only when its button is clicked (a GeoPackage takes ~0.4 s), never on
    every rerun."""
    for col, (label, data, name, mime) in zip(st.columns(len(items)), items):
        col.download_button(label, data=data, file_name=name, mime=mime, key=f"{key}_{name.rsplit('.', 1)[-1]}",
                            on_click="ignore", icon=":material/download:")


def project_downloads(shown: pd.DataFrame, state: FilterState, name: str, what: str = "projecten") -> None:
    """Exactly these project rows as CSV, Excel, GeoJSON and GeoPackage, with the filter link,
    the sources and how complete the data are (the map page and the programme pages)."""
    from atlas import export, gis, stats
    from geo.gisfile import GEOJSON_MIME, GPKG_MIME

    lang = state.lang
    link = share_link(state)
    attribution = attribution_lines() + known_lines(state, project_data().projects) + [
        completeness.updated_text(programmes(), lang, state.programmes)]
    today = date.today()
    download_row([
        (t("download_csv", lang), lambda: stats.export_csv(shown, state, link, attribution, today),
         gis.file_name(what, "csv", today), "text/csv"),
        (t("download_xlsx", lang), lambda: stats.export_xlsx(shown, state, link, attribution, today),
         gis.file_name(what, "xlsx", today), export.XLSX_MIME),
        (t("download_geojson", lang), lambda: gis.projects_geojson(shown, state, link, attribution, today),
         gis.file_name(what, "geojson", today), GEOJSON_MIME),
        (t("download_gpkg", lang), lambda: gis.projects_gpkg(shown, state, link, attribution, today),
         gis.file_name(what, "gpkg", today), GPKG_MIME),
    ], key=f"dl_{name}")
    st.caption(t("download_gis_help", lang))


def coverage_table_downloads(view, munis, state: FilterState, comments: list[str], slug: str) -> None:
    """The coverage page's municipality table as CSV and Excel, and with each municipality's
    boundary as GeoJSON and GeoPackage."""
    from atlas import export, gis, report
    from geo.gisfile import GEOJSON_MIME, GPKG_MIME

    lang = state.lang
    link = share_link(state)
    today = date.today()
    what = f"dekking-{slug}"
    download_row([
        (t("cov_download_csv", lang), lambda: report.table_csv(view, comments), gis.file_name(what, "csv", today),
         "text/csv"),
        (t("cov_download_xlsx", lang), lambda: report.table_xlsx(view, comments), gis.file_name(what, "xlsx", today),
         export.XLSX_MIME),
        (t("cov_download_geojson", lang), lambda: gis.municipalities_geojson(view, munis, link, comments, today),
         gis.file_name(what, "geojson", today), GEOJSON_MIME),
        (t("cov_download_gpkg", lang), lambda: gis.municipalities_gpkg(view, munis, link, comments, today),
         gis.file_name(what, "gpkg", today), GPKG_MIME),
    ], key="dl_coverage")
    st.caption(t("download_gis_help", lang))


def project_table(frame: pd.DataFrame, lang: str, ref: date | None = None) -> tuple[pd.DataFrame, dict]:
    """The text equivalent of the map, one row per project, and its column config.

    Columns stay typed (dates, amounts) so every column sorts correctly; the amount's basis
    (granted / standard rate / maximum) and every source link get columns of their own.
    Status is the frame's `status` column, or computed at `ref`.
    """
    from atlas.data import status_at
    from atlas.schema import PROVINCES, split_sources
    from atlas.mapview import lang_text

    status = frame["status"] if "status" in frame.columns else status_at(frame, ref or date.today())
    province = frame["province_name"].where(frame["province_name"] != "",
                                            frame["province_nis"].map(PROVINCES).fillna(""))
    sources = frame["source_url"].map(split_sources)
    basis = [t("budget_" + b, lang) if pd.notna(v) else t("budget_unpublished", lang)
             for v, b in zip(frame["budget_eur"], frame["budget_basis"])]
    if "budget_group_eur" in frame.columns:  # a group amount is named as such, never split per project
        for i, (g, al, n) in enumerate(zip(frame["budget_group_eur"], frame["budget_group_at_least"],
                                           frame["budget_group_n"])):
            if pd.notna(g) and pd.isna(frame["budget_eur"].iloc[i]):
                basis[i] = t("budget_group_part", lang, amount=budget.group_money(g, al, lang), n=n)
    out = pd.DataFrame({
        t("col_id", lang): frame["id"],
        t("col_name", lang): frame["name"],
        t("col_programme", lang): frame["programme"].map(lambda p: t("prog_" + p, lang)),
        t("col_municipality", lang): frame["municipality2025"].where(frame["municipality2025"] != "", frame["municipality"]),
        t("col_province", lang): province,
        t("col_organisation", lang): lang_text(frame, "organisation", lang),
        t("col_start", lang): frame["start_date"].dt.date,
        t("col_end", lang): frame["end_date"].dt.date,
        t("col_status", lang): status.map(lambda s: t("status_" + s, lang)),
        t("col_budget", lang): frame["budget_eur"],
        t("col_basis", lang): basis,
    })
    config = {
        t("col_budget", lang): st.column_config.NumberColumn(format="localized", help=t("col_budget_help", lang)),
        t("col_start", lang): st.column_config.DateColumn(format="DD/MM/YYYY"),
        t("col_end", lang): st.column_config.DateColumn(format="DD/MM/YYYY"),
    }
    for i in range(max([len(v) for v in sources] + [1])):
        name = t("col_source_n", lang, n=i + 1)
        out[name] = [v[i] if len(v) > i else None for v in sources]
        config[name] = st.column_config.LinkColumn(name, display_text=r"https?://(?:www\.)?([^/]+).*")
    report = t("mld_link_project", lang)  # 'Klopt er iets niet?': the /melden form of this row (issue 20)
    out[report] = [f"/melden?lang={lang}&project={quote(str(pid))}" for pid in frame["id"]]
    config[report] = st.column_config.LinkColumn(report, display_text=report)
    return out.reset_index(drop=True), config


OPEN_PREFIX = "_open_"  # st.session_state[OPEN_PREFIX + name]: whether an on-demand section is open


def on_demand(label: str, name: str):
    """An expander whose content the page builds only while it is open; returns its container
    when open, else None (Streamlit's state-tracking expander, `.open`).

    For what the first view does not show, such as a long table below the map: a closed
    section costs neither the server run nor the browser (st.dataframe alone brings ~1.2 MB of
    JavaScript the page waits for). Whether it is open is kept per session under `name`, across
    filter changes, the language switch and other pages (the widget's own state would reset
    whenever its label changes)."""
    keep = OPEN_PREFIX + name
    widget = f"section_{name}"

    def remember() -> None:
        st.session_state[keep] = bool(st.session_state.get(widget))

    box = st.expander(label, expanded=bool(st.session_state.get(keep, False)), key=widget, on_change=remember)
    return box if box.open else None


def on_demand_tabs(labels: list[str], name: str) -> list:
    """Tabs of which only the open one is built: one container per label, None for the closed
    ones (Streamlit's state-tracking tabs, `.open`). The open tab is kept per session as an
    index under `name`, so it stays when the labels change (language, a date in a label)."""
    keep = OPEN_PREFIX + name
    widget = f"section_{name}"

    def remember() -> None:
        picked = st.session_state.get(widget)
        if picked in labels:
            st.session_state[keep] = labels.index(picked)

    index = st.session_state.get(keep, 0)
    index = index if type(index) is int and 0 <= index < len(labels) else 0  # noqa: E721 - not a bool
    tabs = st.tabs(labels, default=labels[index], key=widget, on_change=remember)
    return [tab if tab.open else None for tab in tabs]


def project_table_on_demand(frame: pd.DataFrame, lang: str, name: str, ref: date | None = None) -> None:
    """The project table as an on-demand section ("Toon de tabel (n projecten)"); an empty
    view says so in words, without a section to open."""
    if frame.empty:
        show_project_table(frame, lang, ref)
    elif (box := on_demand(t("table_open", lang, n=len(frame)), name)) is not None:
        with box:
            show_project_table(frame, lang, ref, key=f"table_{name}")


def show_project_table(frame: pd.DataFrame, lang: str, ref: date | None = None, *, key: str | None = None) -> None:
    if frame.empty:  # Streamlit would show an empty grid with its own English "empty"
        st.info(t("table_empty", lang))
        return
    table, config = project_table(frame, lang, ref)
    st.dataframe(table, hide_index=True, width="stretch", column_config=config, key=key)
