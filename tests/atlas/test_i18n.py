"""The UI text catalogues (atlas/text/locales/*/LC_MESSAGES/messages.po) and the lookup t()."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from atlas.text import i18n
from atlas.text.i18n import LANGS, catalogue, t

ROOT = Path(__file__).resolve().parents[2]


def messages(lang: str) -> dict[str, tuple[str, ...]]:
    """message id -> its text(s): one for a plain message, one per plural form."""
    out = {}
    for m in catalogue(lang):
        if not m.id:
            continue  # the header
        key = m.id[0] if m.pluralizable else m.id
        out[key] = tuple(m.string) if m.pluralizable else (m.string,)
    return out


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_dutch_and_english_are_the_languages_dutch_first():
    assert LANGS[0] == "nl" and set(LANGS) == {"nl", "en"}


def test_a_new_catalogue_folder_is_a_new_language(tmp_path, monkeypatch):
    for lang in ("en", "de", "nl"):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / lang / "LC_MESSAGES" / "messages.po").write_text("", encoding="utf-8")
    (tmp_path / "fr").mkdir()  # no catalogue: not a language
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n._langs() == ("nl", "de", "en")


def test_every_catalogue_has_exactly_the_same_messages_and_plurals():
    ids = {lang: {k: len(v) > 1 for k, v in messages(lang).items()} for lang in LANGS}
    for lang in LANGS[1:]:
        assert set(ids[lang]) == set(ids[LANGS[0]]), lang
        assert ids[lang] == ids[LANGS[0]], f"{lang}: plural and plain messages differ"


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_and_not_fuzzy(lang):
    for m in catalogue(lang):
        if m.id:
            assert not m.fuzzy, (lang, m.id)
    empty = [k for k, texts in messages(lang).items() if not all(s.strip() for s in texts)]
    assert empty == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalogue_declares_two_plural_forms_chosen_by_n_not_one(lang):
    cat = catalogue(lang)
    assert cat.num_plurals == 2
    assert cat.plural_expr.replace(" ", "") == "(n!=1)"
    assert all(len(texts) in (1, cat.num_plurals) for texts in messages(lang).values())


def test_placeholders_match_between_the_languages_and_the_plural_forms():
    reference = {k: [placeholders(s) for s in v] for k, v in messages(LANGS[0]).items()}
    for lang in LANGS:
        for key, texts in messages(lang).items():
            found = [placeholders(s) for s in texts]
            assert found == reference[key], (lang, key)
            if len(texts) > 1:
                assert all("n" in p for p in found), f"{lang} {key}: a plural form without {{n}}"


def test_no_hand_made_plurals_are_left():
    pattern = re.compile(r"\w\((en|s|nen)\)|probleem/problemen")
    for lang in LANGS:
        hits = [k for k, texts in messages(lang).items() if any(pattern.search(s) for s in texts)]
        assert hits == [], lang


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("nl", "1 rij uit de projectenlijst niet getoond wegens fouten:", "2 rijen uit de projectenlijst niet getoond wegens fouten:"),
    ("en", "1 row of the project list not shown because of errors:", "2 rows of the project list not shown because of errors:"),
])
def test_a_plural_message_takes_the_form_of_its_count(lang, one, two):
    assert t("rows_skipped", lang, n=1) == one
    assert t("rows_skipped", lang, n=2) == two
    assert t("tl_projects", lang, n=0) == ("0 projecten" if lang == "nl" else "0 projects")


def test_a_count_is_shown_in_the_language_number_format():
    assert t("tl_projects", "nl", n=1234) == "1.234 projecten"
    assert t("tl_projects", "en", n=1234) == "1,234 projects"
    assert t("cov_n_of", "nl", n=1500, N="2.000") == "1.500 van 2.000"


def test_a_plural_message_without_an_integer_count_fails():
    with pytest.raises(TypeError):
        t("rows_skipped", "nl")
    with pytest.raises(TypeError):
        t("rows_skipped", "nl", n="3")


def test_an_unknown_key_raises_so_typos_fail():
    with pytest.raises(KeyError):
        t("no_such_key", "nl")
    with pytest.raises(KeyError):
        t("no_such_key", "en")


def test_values_are_filled_in_and_an_unknown_language_falls_back_to_dutch():
    assert t("f_definition", "en", name="DEGURBA") == "Definition: DEGURBA"
    assert t("app_title", "fr") == t("app_title", "nl") == "Zorgzame buurten in kaart"


def test_every_literal_key_in_the_code_is_in_the_catalogues():
    known = set(messages(LANGS[0]))
    call = re.compile(r"""\bt\(\s*["']([a-z0-9_]+)["']\s*([,)+])""")
    missing, prefixes = {}, 0
    for path in [ROOT / "app.py", *ROOT.glob("atlas/**/*.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("geo/*.py")]:
        if path.name == "i18n.py":
            continue
        for key, after in call.findall(path.read_text(encoding="utf-8")):
            if after == "+":  # t("status_" + s, ...): some message must start so
                prefixes += 1
                if not any(k.startswith(key) for k in known):
                    missing[key + "…"] = path.name
            elif key not in known:
                missing[key] = path.name
    assert prefixes > 5  # the scan does see the composed keys
    assert missing == {}
