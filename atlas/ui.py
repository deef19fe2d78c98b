"""Streamlit glue shared by app.py and the pages: cached data, the sidebar, URL sync.

This is the only atlas module that imports streamlit. It holds no domain logic: it calls
atlas and geo functions, caches their results and keeps one `FilterState` in step with
the widgets and the URL query string.
"""

from __future__ import annotations

import contextlib
import time
from datetime import date

import pandas as pd
import streamlit as st

from atlas import data as atlas_data
from atlas import fmt, schema
from atlas.filters import FilterState, Vocabulary
from atlas.i18n import t

STATE_KEY = "filter_state"
QUERY_KEY = "filter_query"  # the query we last wrote, to spot a link opened or edited by hand
NOTICE_KEY = "filter_notices"


# ---------------------------------------------------------------------------
# Cached data (data, never folium objects)
# ---------------------------------------------------------------------------
@st.cache_data(show_spinner=False)
def project_data() -> atlas_data.ProjectData:
    return atlas_data.load_projects()


@st.cache_data(show_spinner=False)
def programmes() -> pd.DataFrame:
    return atlas_data.programmes()


@st.cache_data(show_spinner=False)
def institutes() -> pd.DataFrame:
    return atlas_data.institutes()


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
    from geo.mapbuilder import prepare_layers

    munis, provs, _ = reference()
    if munis is None:
        return None
    return prepare_layers(munis, provs)


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
    with slot.container(), st.spinner("Projecten en gemeentegrenzen laden… / Loading projects and boundaries…"):
        project_data()
        reference()
        map_layers()
    slot.empty()
    st.session_state["_warm"] = True


def vocabulary() -> Vocabulary:
    munis, _, _ = reference()
    known = frozenset(munis["nis"]) if munis is not None else None
    return Vocabulary(institutes=frozenset(institutes()["id"]), municipalities=known)


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
# Filter state <-> widgets <-> URL
# ---------------------------------------------------------------------------
def _current_query() -> dict[str, str]:
    return {k: st.query_params.get(k) for k in st.query_params.keys()}


WIDGETS = ("lang", "programmes", "typology", "area_degurba", "area_uitrusting", "provinces", "institute", "date")
GEN_KEY = "w_gen"


def wkey(name: str) -> str:
    """Session key of a sidebar widget in the current generation."""
    return f"w_{name}_{st.session_state.get(GEN_KEY, 0)}"


def _forget_widgets() -> None:
    """Re-create the sidebar widgets from the state's values (new link, reset, chart click...).

    The widgets take their defaults from the FilterState, and their keys carry a generation
    number: a browser keeps its own value for a widget whose key it knows, so a state set
    from outside the sidebar needs new keys to show. (Seeding widget keys through
    st.session_state does not survive a page-triggered rerun in an st.navigation app.)
    """
    ss = st.session_state
    for name in WIDGETS:
        ss.pop(wkey(name), None)
    ss[GEN_KEY] = ss.get(GEN_KEY, 0) + 1


def _on_widget_change() -> None:
    """Copy the sidebar widgets into the FilterState before the script reruns.

    The widgets then take that state as their default, so a user's pick survives even when
    Streamlit re-creates the widget (seen with st.navigation apps in a real browser).
    """
    ss = st.session_state
    state = ss.get(STATE_KEY) or FilterState()
    changes: dict = {}
    k = {name: wkey(name) for name in WIDGETS}
    if k["lang"] in ss:
        changes["lang"] = ss[k["lang"]] or state.lang
    if k["programmes"] in ss:
        changes["programmes"] = tuple(ss[k["programmes"]])
    if k["typology"] in ss and ss[k["typology"]] != state.typology:
        changes["typology"] = ss[k["typology"]]
        changes["area"] = ()
    elif wkey(f"area_{state.typology}") in ss:
        changes["area"] = tuple(ss[wkey(f"area_{state.typology}")])
    if k["provinces"] in ss:
        changes["provinces"] = tuple(ss[k["provinces"]])
    if k["institute"] in ss:
        changes["institute"] = ss[k["institute"]] or None
    if k["date"] in ss and ss[k["date"]] is not None:
        value = ss[k["date"]]
        changes["date"] = None if value == date.today() and state.date is None else value
    ss[STATE_KEY] = state.with_(**changes)


def current_state() -> FilterState:
    """The filter state of this run (the sidebar has set it)."""
    return st.session_state.get(STATE_KEY) or FilterState()


def set_state(state: FilterState, refresh_widgets: bool = True) -> None:
    """Store a new state and write it to the URL (used by pages for map clicks, search, charts).

    From a page, the sidebar widgets are re-created so they show the new state on the next
    run (call st.rerun() after this); the sidebar itself passes refresh_widgets=False.
    """
    previous = st.session_state.get(STATE_KEY)
    if refresh_widgets and previous is not None and previous != state:
        _forget_widgets()
    st.session_state[STATE_KEY] = state
    query = state.to_query()
    if query != _current_query():
        st.query_params.from_dict(query)
    st.session_state[QUERY_KEY] = query


def read_url() -> FilterState:
    """Restore the state from the URL when it was opened or changed from outside."""
    ss = st.session_state
    query = _current_query()
    if STATE_KEY not in ss or query != ss.get(QUERY_KEY):
        state, notices = FilterState.from_query(query, vocabulary())
        if STATE_KEY in ss:
            _forget_widgets()  # a link opened or edited in a running session
        ss[STATE_KEY] = state
        ss[QUERY_KEY] = query
        ss[NOTICE_KEY] = notices
    return ss[STATE_KEY]


def sidebar() -> FilterState:
    """Render the shared sidebar filters; return the resulting state (also written to the URL)."""
    from geo.typology import TYPOLOGIES

    state = read_url()
    ss = st.session_state
    with st.sidebar:
        lang = st.segmented_control(
            t("language", state.lang), options=["nl", "en"], format_func=lambda v: {"nl": "Nederlands", "en": "English"}[v],
            key=wkey("lang"), on_change=_on_widget_change, selection_mode="single", default=state.lang,
        ) or state.lang
        st.header(t("filters", lang))
        st.multiselect(
            t("f_programme", lang), options=list(schema.PROGRAMMES), key=wkey("programmes"), on_change=_on_widget_change, default=list(state.programmes),
            format_func=lambda p: t("prog_" + p, lang),
        )
        typologies = list(TYPOLOGIES)
        typology = st.radio(
            t("f_typology", lang), options=typologies, key=wkey("typology"), on_change=_on_widget_change, index=typologies.index(state.typology),
            format_func=lambda c: TYPOLOGIES[c]["label_" + lang],
        )
        tdef = TYPOLOGIES[typology]
        with st.expander(t("f_definition", lang, name=tdef["label_" + lang]), expanded=False):
            st.caption(tdef["definition_" + lang])
        classes = tdef["classes"]
        st.multiselect(
            t("f_area", lang), options=list(classes), key=wkey(f"area_{typology}"), on_change=_on_widget_change,
            default=[a for a in state.area if a in classes] if typology == state.typology else [],
            format_func=lambda c: classes[c]["label_" + lang], placeholder=t("f_all", lang),
        )
        st.multiselect(
            t("f_province", lang), options=list(schema.PROVINCES), key=wkey("provinces"), on_change=_on_widget_change, default=list(state.provinces),
            format_func=lambda p: schema.PROVINCES[p], placeholder=t("f_all", lang),
        )
        inst = institutes()
        inst_names = dict(zip(inst["id"], inst["name"]))
        inst_options = [""] + list(inst_names)
        st.selectbox(
            t("f_institute", lang), options=inst_options, key=wkey("institute"), on_change=_on_widget_change,
            index=inst_options.index(state.institute or ""),
            format_func=lambda i: inst_names.get(i, t("f_all", lang)),
        )
        st.date_input(t("f_date", lang), key=wkey("date"), on_change=_on_widget_change, format="DD/MM/YYYY", value=state.ref_date,
                            min_value=date(2018, 1, 1), max_value=date(2030, 12, 31))
        if st.button(t("f_reset", lang), width="stretch"):
            set_state(FilterState(lang=lang))
            st.rerun()
        st.caption(t("f_link_hint", lang))
        if ss.get(NOTICE_KEY):
            st.warning(t("url_ignored", lang, items=", ".join(ss[NOTICE_KEY])))

    # The widgets' on_change (_on_widget_change) has already put any pick into the state
    # before this run; here the state only goes to the URL.
    set_state(state, refresh_widgets=False)
    return state


def data_notices(pdata: atlas_data.ProjectData, lang: str) -> None:
    """Say what was not drawn and why; never drop anything silently."""
    if pdata.geo_message:
        st.warning(t("geo_missing", lang, detail=pdata.geo_message))
    if pdata.skipped:
        with st.expander(t("rows_skipped", lang, n=len(pdata.skipped)), expanded=False):
            st.text("\n".join(pdata.skipped))


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


def municipality_names() -> dict[str, str]:
    munis, _, _ = reference()
    return dict(zip(munis["nis"], munis["name"])) if munis is not None else {}


def municipality_bounds(nis: str) -> tuple[float, float, float, float] | None:
    munis, _, _ = reference()
    if munis is None or nis not in set(munis["nis"]):
        return None
    return tuple(munis.loc[munis["nis"] == nis].total_bounds)


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


def project_table(frame: pd.DataFrame, lang: str, ref: date | None = None) -> tuple[pd.DataFrame, dict]:
    """The text equivalent of the map, one row per project, and its column config.

    Columns stay typed (dates, amounts) so every column sorts correctly; the amount's basis
    (granted / standard rate / maximum) and every source link get columns of their own.
    Status is the frame's `status` column, or computed at `ref`.
    """
    from atlas.data import status_at
    from atlas.schema import PROVINCES, split_sources

    status = frame["status"] if "status" in frame.columns else status_at(frame, ref or date.today())
    province = frame["province_name"].where(frame["province_name"] != "",
                                            frame["province_nis"].map(PROVINCES).fillna(""))
    sources = frame["source_url"].map(split_sources)
    basis = [t("budget_" + (b or "granted"), lang) if pd.notna(v) else t("budget_unpublished", lang)
             for v, b in zip(frame["budget_eur"], frame["budget_basis"])]
    if "budget_group_eur" in frame.columns:  # a group amount is named as such, never split per project
        for i, (g, al, n) in enumerate(zip(frame["budget_group_eur"], frame["budget_group_at_least"],
                                           frame["budget_group_n"])):
            if pd.notna(g) and pd.isna(frame["budget_eur"].iloc[i]):
                money = t("money_at_least", lang, amount=fmt.money(g, lang)) if al else fmt.money(g, lang)
                basis[i] = t("budget_group_part", lang, amount=money, n=n)
    out = pd.DataFrame({
        t("col_id", lang): frame["id"],
        t("col_name", lang): frame["name"],
        t("col_programme", lang): frame["programme"].map(lambda p: t("prog_" + p, lang)),
        t("col_municipality", lang): frame["municipality2025"].where(frame["municipality2025"] != "", frame["municipality"]),
        t("col_province", lang): province,
        t("col_organisation", lang): frame["organisation"],
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
    return out.reset_index(drop=True), config


def show_project_table(frame: pd.DataFrame, lang: str, ref: date | None = None, *, key: str | None = None) -> None:
    table, config = project_table(frame, lang, ref)
    st.dataframe(table, hide_index=True, width="stretch", column_config=config, key=key)
