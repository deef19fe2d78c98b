"""The /melden form (AppTest of the real app): prefilled from its link, what is stored, what is
refused and how, and that nothing typed is lost on an error or when the database is down."""

from __future__ import annotations

import time

import pytest

from atlas.meldingen import store
from atlas.text.i18n import t
from tests.app.conftest import run_app

PAGE = "pages/report_form.py"


@pytest.fixture
def db(sqlite_url):
    """The app's meldingen database for one test (tests/conftest.py: sqlite_url)."""
    return sqlite_url


def box(at, key):
    return next(w for w in list(at.text_input) + list(at.text_area) + list(at.selectbox) + list(at.radio)
                + list(at.checkbox) if w.key == key)


def fill(at, **values):
    for field, value in values.items():
        box(at, "mld_" + field).set_value(value)
    at.session_state["mld_opened_at"] = time.time() - 10  # a person takes longer than 3 s


def send(at):
    next(b for b in at.button if b.label in (t("mld_send", "nl"), t("mld_send", "en"))).click()
    return at.run()


def _place(at, name: str) -> int:
    from geo import reference

    places = reference.places().sort_values(["name", "kind"]).reset_index(drop=True)
    return int(places.index[(places["name"] == name) & (places["kind"] == "gemeente")][0])


MISSING = dict(kind="missing", programme="zorgzame_buurt", name="Zorgzame buurt Winterslag",
               source_url="https://www.genk.be/zorgzame-buurten", neighbourhood="Winterslag")


def test_a_link_prefills_the_form():
    at = run_app({"institute": "saamo-limburg", "programme": "stek", "municipality": "71016"}, page=PAGE)
    assert not at.exception
    assert box(at, "mld_institute_id").value == "saamo-limburg"
    assert box(at, "mld_programme").value == "stek"
    assert box(at, "mld_place").value == _place(at, "Genk")
    at = run_app({"project": "STEK-N01"}, page=PAGE)
    assert (box(at, "mld_kind").value, box(at, "mld_project_id").value) == ("correction", "STEK-N01")
    assert box(at, "mld_institute_id").value == "saamo-limburg"  # from the project's row


def test_a_complete_report_is_stored_and_confirmed(db):
    at = run_app({"institute": "saamo-limburg"}, page=PAGE)
    fill(at, **MISSING, place=_place(at, "Genk"), email="buurt@example.org", email_purpose="vragen over de bron")
    at = send(at)
    assert [s.value for s in at.success] == [t("mld_done", "nl")] and t("mld_next", "nl") in [i.value for i in at.info]
    (row,) = store.listing(url=db)
    assert (row["kind"], row["programme"], row["name"], row["municipality_nis"], row["neighbourhood"],
            row["institute_id"], row["source_url"], row["email"]) == (
        "missing", "zorgzame_buurt", "Zorgzame buurt Winterslag", "71016", "Winterslag", "saamo-limburg",
        "https://www.genk.be/zorgzame-buurten", "buurt@example.org")
    assert at.session_state["mld_last_id"] == row["id"]


def test_an_error_names_the_fields_and_keeps_what_was_typed(db):
    at = run_app(page=PAGE, query={"lang": "en"})
    fill(at, **{**MISSING, "source_url": "ftp://x"}, start_date="2022-31-01", text="Lang verhaal\nmet twee regels")
    at = send(at)
    (error,) = at.error
    assert t("mld_errors", "en") in error.value
    assert f"{t('mld_municipality', 'en')}: {t('mld_err_required', 'en')}" in error.value
    assert f"{t('mld_start', 'en')}: {t('mld_err_date', 'en')}" in error.value
    assert f"{t('mld_source', 'en')}: {t('mld_err_url', 'en')}" in error.value
    assert box(at, "mld_name").value == MISSING["name"] and box(at, "mld_start_date").value == "2022-31-01"
    assert box(at, "mld_text").value == "Lang verhaal\nmet twee regels"
    assert store.listing(url=db) == []


@pytest.mark.parametrize("how", ["honeypot", "too_fast"])
def test_bots_are_refused_without_saying_why(db, how):
    at = run_app(page=PAGE)
    fill(at, **MISSING, place=_place(at, "Genk"))
    if how == "honeypot":
        box(at, "mld_website").set_value("http://spam.example")
    else:
        at.session_state["mld_opened_at"] = time.time() - 1
    at = send(at)
    assert [s.value for s in at.success] == [t("mld_done", "nl")] and not at.error  # looks sent...
    assert store.listing(url=db) == []  # ...but is not


def test_50_reports_from_one_session_store_the_session_limit_only(db):
    from atlas.meldingen.form import SESSION_PER_HOUR

    at = run_app(page=PAGE)
    refused = 0
    for k in range(50):
        if at.success:  # the confirmation: ask for a new form
            next(b for b in at.button if b.label == t("mld_another", "nl")).click()
            at = at.run()
        fill(at, **{**MISSING, "name": f"Project {k}"}, place=_place(at, "Genk"))
        at = send(at)
        if at.error:
            assert [e.value for e in at.error] == [t("mld_limit_session", "nl", limit=SESSION_PER_HOUR)]
            refused += 1
    names = [r["name"] for r in store.listing(url=db)]
    assert names == [f"Project {k}" for k in range(SESSION_PER_HOUR)] and refused == 50 - SESSION_PER_HOUR


def test_the_app_wide_hourly_limit_has_a_clear_message(db, monkeypatch):
    monkeypatch.setenv("ATLAS_MELDINGEN_PER_HOUR", "1")
    from atlas.meldingen import domain

    store.add(domain.clean({**MISSING, "municipality_nis": "71016"}), url=db)
    at = run_app(page=PAGE)
    fill(at, **MISSING, place=_place(at, "Genk"))
    at = send(at)
    assert [e.value for e in at.error] == [t("mld_limit_app", "nl")]
    assert box(at, "mld_name").value == MISSING["name"] and len(store.listing(url=db)) == 1


@pytest.mark.parametrize("url", ["postgresql+psycopg://u@127.0.0.1:1/down", "read-only"])
def test_a_database_down_or_read_only_keeps_the_text_and_shows_no_traceback(tmp_path, monkeypatch, url):
    if url == "read-only":
        path = tmp_path / "ro.sqlite"
        store.migrate(f"sqlite:///{path}")
        store.engine(f"sqlite:///{path}").dispose()
        url = f"sqlite:///file:{path}?mode=ro&uri=true"
    monkeypatch.setenv("ATLAS_DB_URL", url)
    at = run_app(page=PAGE)
    fill(at, **MISSING, place=_place(at, "Genk"), text="Alles wat ik typte")
    at = send(at)
    assert [e.value for e in at.error] == [t("mld_db_down", "nl")] and not at.exception
    assert box(at, "mld_text").value == "Alles wat ik typte" and box(at, "mld_name").value == MISSING["name"]
    at.switch_page("pages/method.py")  # elsewhere in the app (which keeps working), then back
    at = at.run()
    assert not at.exception and not at.error
    at.switch_page(PAGE)
    at = at.run()
    assert box(at, "mld_text").value == "Alles wat ik typte" and box(at, "mld_name").value == MISSING["name"]
    assert box(at, "mld_place").value == _place(at, "Genk")


HOSTILE = "=HYPERLINK(\"http://e.vil\") **vet** <script>alert(1)</script> '; DROP TABLE submissions;-- \x1b[31m"


def test_hostile_text_in_every_field_is_stored_as_plain_text(db):
    at = run_app(page=PAGE)
    fill(at, **MISSING, place=_place(at, "Genk"))
    fill(at, name=HOSTILE[:200], neighbourhood=HOSTILE, organisation=HOSTILE, penhouder_org=HOSTILE,
         text=HOSTILE + "\n" + "x" * 100, email_purpose=HOSTILE, email="a@example.org")
    at = send(at)
    assert not at.exception and at.success
    (row,) = store.listing(url=db)
    plain = HOSTILE.replace("\x1b", "")
    assert row["organisation"] == plain and row["text"].startswith(plain + "\n")
    # a 10,000-character paste: the widget keeps its bound (as the browser does); the store never gets more
    at.session_state["mld_done"] = False
    at = at.run()
    fill(at, **MISSING, place=_place(at, "Genk"), text="y" * 10_000)
    at = send(at)
    assert [len(r["text"]) for r in store.listing(url=db)] == [len(row["text"]), 4000]


def test_the_coverage_page_links_to_the_form_and_shows_only_a_count(db):
    from atlas.meldingen import domain

    for k in range(2):
        store.add(domain.clean({**MISSING, "name": f"Geheim project {k}", "municipality_nis": "71016",
                                "institute_id": "saamo-limburg"}), url=db)
    at = run_app({"institute": "saamo-limburg"}, page="pages/coverage.py")
    captions = [c.value for c in at.caption]
    assert t("mld_open_count", "nl", n=2, area="SAAMO Limburg") in captions
    shown = " ".join(str(e.value) for kind in ("markdown", "caption", "info", "warning") for e in getattr(at, kind))
    assert "Geheim project" not in shown  # the count, never the content


def test_every_project_table_row_links_to_the_form_of_its_project(projects):
    from atlas.ui import tables

    frame = projects
    table, config = tables.project_table(frame, "en")
    column = t("mld_link_project", "en")
    assert list(table[column]) == [f"/melden?lang=en&project={pid}" for pid in frame["id"]]
    assert list(table[t("col_id", "en")]) == list(frame["id"])  # each link on its own project's row
    assert column in config


def test_popups_link_to_the_form_in_the_app_but_not_in_exports(tmp_path):
    from atlas.views import mapview
    from atlas.views.static_site import build_site

    labels = mapview.popup_labels("en", "1 Jan 2026")
    assert (labels["report"], labels["report_href"]) == (t("mld_link_project", "en"), "/melden?lang=en&project=")
    assert "report" not in mapview.popup_labels("en", "1 Jan 2026", report_links=False)
    build_site(tmp_path / "site", "nl")  # a static site has no /melden page: no link to it
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "site").rglob("*.htm*"))
    assert "/melden?" not in text and t("mld_link_project", "nl") not in text
