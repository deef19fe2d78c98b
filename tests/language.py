"""A small stop-word language check for the plain-words tests: is this piece of text English
or Dutch? Good enough to catch a research note in the wrong language, not a general detector.

A text is cut into pieces (sentences, parts in brackets, the parts of a `|` list); a piece
is in the other language when it has at least `MIN_HITS` function words of that language and
more than twice as many as of the page's own. Capitalised words inside a piece are names
("LDC Het Schoppeke", "De Posthoorn") and do not count. Short quotes ("'op enkele plaatsen'
(in a few places)") stay below the bar."""

from __future__ import annotations

import re

# Function words that occur in one of the two languages only (no "in", "is", "was", "had",
# "of", "over", "al", "per": they are both Dutch and English words).
ENGLISH = frozenset("""
the a an and to with for from by not are were be been being that this these those which who whose
on at its it has have only or but after before until also than there their they into about would
will more each other new year years one two three four five given known page exact recorded
research support running extended end article start grant amount amounts neighbourhood
municipality whole says said source sources stated date dates unknown still part since same
while where when what how why no yes any some such both many most then so up out our your
around near next behind social housing site estate supported centre streets whole several
""".split())
DUTCH = frozenset("""
de het een en van niet met voor naar uit bij zijn werd worden wordt tot ook die dat deze dit nog
geen maar als om te aan waar wel er hun haar zich onder jaar jaren alleen volgens sinds tussen
na eind begin gekend bekend onbekend door wat hoe waarom wie welke elk elke nieuwe twee drie vier
vijf gemeente buurt bron bronnen datum gegeven staat stond heeft hebben had zo dan meer andere
ander nu toen ze we wij jullie u uw ons onze mijn hier daar deel sommige beide veel
""".split())
OTHER = {"nl": ENGLISH, "en": DUTCH}
OWN = {"nl": DUTCH, "en": ENGLISH}
MIN_HITS = 2

_URL = re.compile(r"https?://\S+|www\.\S+|\S+\.(?:be|brussels|com|org|net|eu|gent)\b\S*|\b[\w-]+(?:\.[\w-]+)+/\S*")
_ESCAPE = re.compile(r"\\(.)")  # markdown escapes as Streamlit shows them: "\(" -> "("
_PIECES = re.compile(r"(?<=[.!?;:])\s+|\n+|\s\|\s|[()\[\]]|\s[–—-]\s")
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")  # "Mechelen-aan-de-Maas" is one word


def normalise(text: str) -> str:
    """Text as read: without zero-width spaces and markdown escapes."""
    return _ESCAPE.sub(r"\1", text.replace("\u200b", ""))


def pieces(text: str) -> list[str]:
    return [p.strip() for p in _PIECES.split(_URL.sub(" ", normalise(text))) if p and p.strip()]


def words(piece: str) -> list[str]:
    """The lower-cased words of a piece, without the capitalised ones after the first (names)."""
    found = _WORD.findall(piece)
    return [w.lower() for i, w in enumerate(found) if i == 0 or not w[0].isupper()]


def wrong_language(text: str, lang: str) -> list[str]:
    """The pieces of `text` that are written in the other language than `lang` ('nl' or 'en')."""
    found = []
    for piece in pieces(text):
        seen = words(piece)
        other = sum(w in OTHER[lang] for w in seen)
        own = sum(w in OWN[lang] for w in seen)
        if other >= MIN_HITS and other > 2 * own:
            found.append(piece)
    return found
