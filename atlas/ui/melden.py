"""Streamlit glue of the meldingen (issue 20): the /melden form, the entry links with a count of
open reports, and the start-up check. Logic lives in atlas.meldingen (domain, store, form)."""

from __future__ import annotations

import logging
import threading
import time

import streamlit as st

from atlas.meldingen import domain, form, store
from atlas.model import schema
from atlas.model.filters import FilterState
from atlas.text.escape import md
from atlas.text.i18n import t
from atlas.ui import chrome, loaders
from atlas.views import templates

log = logging.getLogger(__name__)
PAGE = "pages/report_form.py"
LINK_PROJECT = "mld_link_project"  # ?project=ID, taken from the URL before the filters rewrite it
SENT = "mld_sent"  # times this session sent a report (rate limit)
DONE = "mld_done"
SAVED = "mld_saved"  # what was typed when sending failed: back in the form after a visit elsewhere


# --- start-up, entry links ---------------------------------------------------------
@st.cache_resource(show_spinner=False)
def startup() -> threading.Thread:
    """Once per process, in the background: check the schema (migrating the embedded default) and
    erase expired contact e-mails. A database that is down only logs; the form says so later."""
    def run() -> None:
        try:
            store.ready()
            store.purge()
        except store.StoreUnavailable as exc:
            log.warning("meldingen: %s", exc)
    thread = threading.Thread(target=run, name="meldingen-startup", daemon=True)
    thread.start()
    return thread


def take_link_params() -> None:
    """app.py, before the filters read the URL: keep ?project=ID for the form (the filters do not
    know it and would drop it from the URL)."""
    value = st.query_params.get("project")
    if value is not None:
        st.session_state[LINK_PROJECT] = domain.plain(value)[: domain.LIMITS["project_id"]]


@st.cache_data(ttl=60, show_spinner=False)
def open_counts(url: str) -> dict[tuple[str, str], int] | None:
    """Open meldingen per (institute, municipality), at most a minute old; None when unavailable."""
    try:
        return store.open_counts(url)
    except store.StoreUnavailable:
        return None


def _link(label: str, params: dict, lang: str) -> None:
    st.page_link(PAGE, label=label, icon=":material/campaign:", query_params={**params, "lang": lang})


def area_link(state: FilterState, area_label: str) -> None:
    """Coverage page: 'Ontbreekt er een project in dit werkgebied?' and how many reports for it are open."""
    lang = state.lang
    params = {"institute": state.institute} if state.institute else {}
    if state.municipality:
        params["municipality"] = state.municipality
    _link(t("mld_link_area", lang), params, lang)
    counts = open_counts(store.db_url()) or {}
    n = sum(v for (inst, nis), v in counts.items()
            if (state.institute and inst == state.institute) or (state.municipality and nis == state.municipality))
    if n:
        st.caption(t("mld_open_count", lang, n=n, area=md(area_label)))


def programme_link(state: FilterState, programme: str) -> None:
    _link(t("mld_link_programme", state.lang), {"programme": programme}, state.lang)


# --- the form ----------------------------------------------------------------------
def _style() -> None:
    css = templates.read_text("melden.css")
    st.html(f"<style>{css}</style>")


def _start_form(link: form.Link, projects, places) -> None:
    ss = st.session_state
    if ss.pop("mld_clear", False):
        for key in [k for k in ss if str(k).startswith(form.KEY) and k not in (SENT, DONE, LINK_PROJECT)]:
            del ss[key]
    for key, value in (ss.get(SAVED) or {}).items():  # Streamlit forgets widgets of pages not shown
        if key not in ss:
            ss[key] = value
    if "mld_token" not in ss:
        ss["mld_token"], ss["mld_opened_at"] = store.new_token(), time.time()
    if ss.get("mld_prefilled") != link:  # a new link fills its fields (what was typed otherwise stays)
        ss.update(form.prefill(link, projects, places))
        ss["mld_prefilled"] = link


def _widgets(lang: str, projects, places, institutes: dict[str, str]) -> bool:
    k = form.KEY
    label = {f: t(key, lang) for f, key in form.LABELS.items()}
    ids = [""] + sorted(projects["id"]) if "id" in projects.columns else [""]
    names = dict(zip(projects.get("id", []), projects.get("name", [])))
    place_labels = loaders.place_labels(lang)
    with st.form("mld_form", enter_to_submit=False):
        st.radio(label["kind"], domain.KINDS, key=k + "kind", format_func=lambda v: t("mld_kind_" + v, lang))
        st.selectbox(label["project_id"], ids, key=k + "project_id",
                     format_func=lambda v: f"{names.get(v, v)} ({v})" if v else t("mld_choose", lang))
        st.selectbox(label["programme"], ("", *schema.PROGRAMMES), key=k + "programme",
                     format_func=lambda v: t("prog_" + v, lang) if v else t("mld_choose", lang))
        st.text_input(label["name"], key=k + "name", max_chars=domain.LIMITS["name"])
        st.selectbox(label["municipality_nis"], list(places.index), key=form.PLACE, index=None,
                     format_func=lambda i: place_labels.get(i, ""), placeholder=t("mld_choose", lang))
        st.text_input(label["neighbourhood"], key=k + "neighbourhood", max_chars=domain.LIMITS["neighbourhood"])
        st.text_input(label["organisation"], key=k + "organisation", max_chars=domain.LIMITS["organisation"])
        st.selectbox(label["institute_id"], ("", *institutes), key=k + "institute_id",
                     format_func=lambda v: institutes.get(v, "") if v else t("mld_choose", lang))
        c1, c2 = st.columns(2)
        c1.text_input(label["start_date"], key=k + "start_date", max_chars=10, placeholder="2022-03-01")
        c2.text_input(label["end_date"], key=k + "end_date", max_chars=10, placeholder="2024-02-29")
        c1.text_input(label["budget_eur"], key=k + "budget_eur", max_chars=domain.LIMITS["budget_eur"])
        c2.selectbox(label["budget_basis"], ("", *schema.BUDGET_BASES), key=k + "budget_basis",
                     format_func=lambda v: t("mld_basis_" + v, lang) if v else t("mld_choose", lang))
        st.text_input(label["source_url"], key=k + "source_url", max_chars=domain.LIMITS["source_url"],
                      placeholder="https://")
        st.checkbox(label["is_penhouder"], key=k + "is_penhouder")
        st.text_input(label["penhouder_org"], key=k + "penhouder_org", max_chars=domain.LIMITS["penhouder_org"])
        st.text_area(label["text"], key=k + "text", max_chars=domain.LIMITS["text"])
        st.text_input(label["email"], key=k + "email", max_chars=domain.LIMITS["email"], autocomplete="email")
        st.text_input(label["email_purpose"], key=k + "email_purpose", max_chars=domain.LIMITS["email_purpose"])
        st.text_input(t("mld_website", lang), key=form.HONEYPOT, autocomplete="off")  # hidden (melden.css)
        return st.form_submit_button(t("mld_send", lang), type="primary")


def _submit(lang: str, projects, places, institutes) -> None:
    ss = st.session_state
    now = time.time()
    ss[SAVED] = {k: ss[k] for k in (*[form.KEY + f for f in form.WIDGET_FIELDS], form.PLACE) if k in ss}
    raw = form.raw_values(ss, places, lang)
    if form.is_bot(ss.get(form.HONEYPOT), ss.get("mld_opened_at", now), now):
        ss[DONE], ss["mld_clear"] = True, True  # refused without saying why: it looks sent
        ss.pop(SAVED, None)
        st.rerun()
    if form.session_limited(ss.get(SENT, []), now):
        st.error(t("mld_limit_session", lang, limit=form.SESSION_PER_HOUR))
        return
    m = domain.clean(raw)
    errors = domain.check(m, known_nis=set(places["nis"]), institutes=set(institutes),
                          project_ids=set(projects["id"]) if "id" in projects.columns else None)
    if errors:
        lines = form.error_lines(errors, lang)  # our own labels and messages: no data to escape
        st.error(t("mld_errors", lang) + "\n\n" + "\n".join(f"- {line}" for line in lines))
        return
    try:
        if store.count_since(store.now() - store.timedelta(hours=1)) >= form.app_per_hour():
            st.error(t("mld_limit_app", lang))
            return
        stored = store.add(m, token=ss["mld_token"])
    except store.StoreUnavailable as exc:
        log.warning("meldingen: %s", exc)
        st.error(t("mld_db_down", lang))
        return
    ss[SENT] = [*form.recent(ss.get(SENT, []), now), now]
    ss[DONE], ss["mld_clear"], ss["mld_last_id"] = True, True, stored.id
    ss.pop(SAVED, None)
    st.rerun()


def page(state: FilterState) -> None:
    """The /melden page: the confirmation after a report, else the form (prefilled from the link)."""
    lang = state.lang
    ss = st.session_state
    startup()
    _style()
    pdata = loaders.project_data()
    chrome.data_notices(pdata, lang)  # a broken data or reference file is named here as on every page
    projects = pdata.projects
    places = loaders.places()
    institutes = loaders.institute_names()
    link = form.Link(project=ss.get(LINK_PROJECT, ""), municipality=state.municipality or "",
                     institute=state.institute or "",
                     programme=state.programmes[0] if len(state.programmes) == 1 else "")
    if ss.get(DONE):
        st.success(t("mld_done", lang))
        st.info(t("mld_next", lang))
        if st.button(t("mld_another", lang)):
            for key in (DONE, "mld_token", LINK_PROJECT, "mld_prefilled"):
                ss.pop(key, None)
            st.rerun()
        return
    _start_form(link, projects, places)
    with st.expander(t("mld_privacy_h", lang), expanded=False):
        st.markdown(t("mld_privacy", lang))
    if _widgets(lang, projects, places, institutes):
        _submit(lang, projects, places, institutes)
