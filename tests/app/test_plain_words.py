"""No developer text reaches users: no file paths, area codes or snake_case on any page, in
either language (issue 11). Links (URLs) are the only place such characters may appear."""

from __future__ import annotations

import re

import pytest

from tests.app.conftest import each_tab, open_all_sections, page_files, run_app, text_tables

URL = re.compile(r"https?://[^\s)\]>\"']+")
FORBIDDEN = [
    ("a file path", re.compile(r"data/")),
    ("a CSV file name", re.compile(r"\.csv\b")),
    ("an area code", re.compile(r"\b(?:province|region|municipality|institute):\S")),
    ("snake_case", re.compile(r"[A-Za-z]\\?_[A-Za-z]")),
]


def rendered_text(at) -> list[str]:
    """Every text the page shows (not inside the map or copy-link iframes, not link targets)."""
    texts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error",
                 "text", "latex"):
        texts += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        texts += [str(m.label), str(m.value)]
    for kind in ("selectbox", "multiselect", "radio", "checkbox", "toggle", "button", "text_input",
                 "date_input", "slider", "select_slider"):
        for w in getattr(at, kind):
            texts.append(str(w.label))
            texts += [str(o) for o in (getattr(w, "options", None) or [])]
            if getattr(w, "help", None):
                texts.append(str(w.help))
    for frame in [f.value for f in list(at.dataframe) + list(at.table)] + text_tables(at):
        texts += [str(c) for c in frame.columns]
    for e in at.expander:
        texts.append(str(e.label))
    return [URL.sub("", text) for text in texts]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page", page_files())
def test_no_paths_codes_or_snake_case_on_any_page(page, lang):
    query = {"lang": lang}
    if page == "pages/coverage.py":
        query["institute"] = "saamo-west-vlaanderen"  # the area note and definition are shown
    at = run_app(query, page=page)
    assert not at.exception
    texts = rendered_text(at)
    open_all_sections(at)  # the tables shown on demand
    for _ in each_tab(at):  # each tab of the budget page (only the open one is built)
        assert not at.exception
        texts += rendered_text(at)
    found = [(what, text[:160]) for text in texts for what, pattern in FORBIDDEN if pattern.search(text)]
    assert not found, found
    # Issue 19.5: no English sentence on a Dutch page, no Dutch one on an English page (the
    # catalogues' texts and the data texts the page shows: notes, sources, counts, help texts).
    from tests.language import normalise, wrong_language

    texts = [normalise(text) for text in texts]
    if lang == "en":  # a cited title and a project's own name keep their (Dutch) wording on an English page
        cited = sorted({*_cited_titles(), *_project_names()}, key=len, reverse=True)
        texts = [_without(text, cited) for text in texts]
    wrong = [(piece, text[:160]) for text in texts for piece in wrong_language(text, lang)]
    assert not wrong, wrong


def _project_names() -> list[str]:
    """The projects' own names (proper names, e.g. in the /melden form's project list)."""
    import pandas as pd

    from atlas.model import schema

    return [n for n in pd.read_csv(schema.PROJECTS_CSV, dtype=str, keep_default_na=False)["name"] if n]


def _cited_titles() -> list[str]:
    """The document references (not URLs) in the data's source fields."""
    import pandas as pd

    from atlas.model import schema
    from atlas.model.completeness import OFFICIAL_COUNTS_CSV

    fields = list(pd.read_csv(schema.PROJECTS_CSV, dtype=str, keep_default_na=False)["source_url"])
    facts = pd.read_csv(schema.PROGRAMMES_CSV, dtype=str, keep_default_na=False)
    for col in ("official_count_source", "total_budget_source", "max_budget_source", "extension_source"):
        fields += list(facts[col])
    fields += list(pd.read_csv(OFFICIAL_COUNTS_CSV, dtype=str, keep_default_na=False)["source_url"])
    return [part for f in fields for part in schema.split_sources(f) if part and not part.startswith("http")]


def _without(text: str, cited: list[str]) -> str:
    for title in cited:
        text = text.replace(title, " ")
    return text


# ---------------------------------------------------------------------------
# Issue 19.5: every text a Dutch page shows is Dutch (and English on an English page), data
# texts included, and speaks of the programmes, not of how the data was compiled.

import pandas as pd  # noqa: E402

from atlas.model import budget, schema
from atlas.model.completeness import OFFICIAL_COUNTS_CSV  # noqa: E402
from atlas.model.data import status_at  # noqa: E402
from atlas.model.filters import FilterState  # noqa: E402
from atlas.text.i18n import t  # noqa: E402
from atlas.views import mapview, stats  # noqa: E402
from tests.language import wrong_language  # noqa: E402

# How the data was compiled, not what the programmes did: never on a page.
RESEARCH_TALK = re.compile(
    r"\b(?:the research|research(?:'s)? (?:point|placement|default|year)|excerpt|retrieved|not recorded)\b"
    r"|uit het onderzoek|het onderzoek (?:schat|beoordeelt)|afleiding van het onderzoek|gevonden (?:tekst|fragment)"
    r"|standaardwaarde|\bnot verified\b|niet nagegaan",
    re.IGNORECASE,
)


def _csv(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def shown_data_texts(lang: str) -> list[tuple[str, str]]:
    """(where, text) for every data text the app shows in `lang`, picked by the app's own rules
    (`mapview.lang_text` for project rows, `budget.fact_text` for programme facts)."""
    out: list[tuple[str, str]] = []
    projects = _csv(schema.PROJECTS_CSV)
    for col in ("name", "neighbourhood", "organisation", "period_note", "status_note"):
        if col == "name" and lang == "en":
            continue  # project names are proper names, Dutch on an English page too
        out += [(f"projects.csv {pid} {col}", v) for pid, v in zip(projects["id"], mapview.lang_text(projects, col, lang))]
    facts = _csv(schema.PROGRAMMES_CSV).set_index("programme", drop=False)
    for code, f in facts.iterrows():
        for col in ("name", "description", "funder", "operator", "official_count_note", "total_budget_note",
                    "max_budget_note", "extension_note"):
            out.append((f"programmes.csv {code} {col}", budget.fact_text(f, col, lang)))
    official = _csv(OFFICIAL_COUNTS_CSV)
    out += [(f"official_counts.csv {p} {a}", v) for p, a, v in zip(official["programme"], official["area"],
                                                                      official["basis_" + lang])]
    institutes = _csv(schema.INSTITUTES_CSV)
    out += [(f"institutes.csv {i}", v) for i, v in zip(institutes["id"], institutes["area_note_" + lang])]
    groups = _csv(schema.BUDGET_GROUPS_CSV)
    out += [(f"budget_groups.csv {i}", v) for i, v in zip(groups["id"], groups["name_" + lang])]
    if lang == "nl":  # a cited title stays in its own language; a research note in English does not
        out += [(f"projects.csv {pid} source_url", v) for pid, v in zip(projects["id"], projects["source_url"])]
        for code, f in facts.iterrows():
            out += [(f"programmes.csv {code} {col}", f[col]) for col in
                    ("official_count_source", "total_budget_source", "max_budget_source", "extension_source")]
        out += [(f"official_counts.csv {a}", v) for a, v in zip(official["area"], official["source_url"])]
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_data_texts_are_in_the_language_of_the_page(lang):
    texts = shown_data_texts(lang)
    assert len(texts) > 400  # every project row, programme, count, institute and group
    wrong = [(where, piece) for where, text in texts for piece in wrong_language(text, lang)]
    assert not wrong, wrong


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_data_texts_speak_of_the_programmes_not_of_the_research(lang):
    found = [(where, text[:160]) for where, text in shown_data_texts(lang) if RESEARCH_TALK.search(text)]
    assert not found, found


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_map_popups_and_the_download_are_in_the_page_language(lang, projects):
    """What reaches the user: the map's popup texts and the table download, both built from the data."""
    state = FilterState(lang=lang)
    rows = mapview.marker_frame(projects, lang)
    popup_cols = ["neighbourhood", "organisation", "period", "status_note"] + (["name"] if lang == "nl" else [])
    popups = [(f"popup {pid} {col}", str(v)) for col in popup_cols for pid, v in zip(rows["id"], rows[col])]
    shown = projects.assign(status=status_at(projects, state.ref_date))
    sheet = stats.export_sheet(shown, state, "https://example.org/", [])
    # ids, links and (in English) a project's own name keep their own wording
    own_words = {t("col_id", lang), t("col_sources", lang)} | ({t("col_name", lang)} if lang == "en" else set())
    text_cols = [i for i, h in enumerate(sheet.headers) if h not in own_words]
    cells = [(f"download row {r[0]} column {sheet.headers[i]}", r[i]) for r in sheet.rows for i in text_cols
             if isinstance(r[i], str)]
    assert len(popups) > 400 and len(cells) > 400
    wrong = [(where, piece) for where, text in popups + cells for piece in wrong_language(text, lang)]
    assert not wrong, wrong


def test_the_extension_source_on_the_map_page_is_not_a_research_note():
    """The sentence from issue 19.5 itself: never again on the Dutch map page."""
    facts = _csv(schema.PROGRAMMES_CSV).set_index("programme")
    source = facts.loc["zorgzame_buurt", "extension_source"]
    assert "exact page not recorded" not in source
    assert wrong_language(source, "nl") == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_catalogue_texts_are_in_their_language(lang):
    from babel.messages.pofile import read_po

    from atlas.text.i18n import po_path

    with open(po_path(lang), "rb") as fh:
        texts = [(m.id, re.sub(r"\{[^}]*\}", " ", m.string)) for m in read_po(fh) if m.id and isinstance(m.string, str)]
    assert len(texts) > 300
    other = "en" if lang == "nl" else "nl"
    assert wrong_language(" ".join(s for _, s in texts), other)  # the check sees the catalogue's language
    wrong = [(key, piece) for key, text in texts for piece in wrong_language(text, lang)]
    assert not wrong, wrong


def test_language_check_flags_the_english_note_of_issue_19_and_not_dutch_or_names():
    note = ("Vlaamse Ouderenraad, article on zorgzame buurten on ouderenraden.be: support for the running "
            "projects extended to the end of 2024 (exact page not recorded in the research)")
    assert wrong_language(note, "nl")  # English on a Dutch page
    assert not wrong_language(note, "en")
    dutch = "Programmaperiode van de oproep; voor dit project niet nagegaan. Het punt ligt in de deelgemeente."
    assert wrong_language(dutch, "en") and not wrong_language(dutch, "nl")
    names = "Kerngebied van Lier: 4 zones (WZC Paradijs, LDC Het Schoppeke, buurthuis De Rosmolen)"
    assert not wrong_language("WZC Paradijs, LDC Het Schoppeke, buurthuis De Rosmolen", "en")
    assert not wrong_language(names, "nl")
