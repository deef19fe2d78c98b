"""All UI text, through gettext catalogues: `atlas/text/locales/<lang>/LC_MESSAGES/messages.po`.

`t("key", lang, **values)` returns the text in the UI language; the msgid is the key. An
unknown key raises KeyError so a typo fails in the tests, not silently on a projector. A
plural message (msgid_plural in the catalogue) takes the count as `n=` (an int): the form is
chosen with ngettext semantics from the catalogue's Plural-Forms. In every message an int
`n` is shown in the language's number format, so callers pass counts, not formatted text.

The .po files are the only source: each is compiled in memory (Babel) into a
`gettext.GNUTranslations` at first use, once per language and process; no .mo is committed,
so a catalogue and what the app shows can never drift apart. Adding a language is adding a
catalogue folder (LANGS is derived from them).
"""

from __future__ import annotations

import functools
import gettext
import io
import numbers
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from atlas.text import fmt

LOCALE_DIR = Path(__file__).with_name("locales")
DOMAIN = "messages"
DEFAULT_LANG = "nl"  # Dutch first; anything unknown falls back to it


def _langs() -> tuple[str, ...]:
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return tuple(sorted(found, key=lambda lang: lang != DEFAULT_LANG))


LANGS: tuple[str, ...] = _langs()


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalogue(lang: str) -> Catalog:
    """The parsed .po of a language (KeyError for a language without a catalogue)."""
    if lang not in LANGS:
        raise KeyError(lang)
    with open(po_path(lang), "rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


@functools.cache
def _compiled(lang: str) -> tuple[gettext.GNUTranslations, dict[str, bool]]:
    """The catalogue as GNUTranslations, and which message ids exist (id -> is plural)."""
    cat = catalogue(lang)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=True)
    buf.seek(0)
    ids = {m.id[0] if m.pluralizable else m.id: m.pluralizable for m in cat if m.id}
    return gettext.GNUTranslations(buf), ids


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    lang = lang if lang in LANGS else DEFAULT_LANG
    trans, ids = _compiled(lang)
    n = values.get("n")
    counted = isinstance(n, numbers.Integral) and not isinstance(n, bool)
    if ids[key]:  # KeyError for an unknown key
        if not counted:
            raise TypeError(f"t({key!r}): a plural message needs the count as n=<int>, got {n!r}")
        text = trans.ngettext(key, key + "_plural", int(n))
    else:
        text = trans.gettext(key)
    if counted:  # a count is shown in the language's number format ('1.234' / '1,234')
        values["n"] = fmt.number(int(n), lang)
    return text.format(**values) if values else text
