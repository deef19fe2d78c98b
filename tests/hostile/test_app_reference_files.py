"""Broken or hostile reference files through the real app (AppTest), issue 23.4:
official_counts.csv missing or with `17 (ca.)`, a broken geography layer, and markup in an
institute's name and note or a programme's budget note. Every page renders, the broken file
is named (never its folder), and no data text reaches a page as live markdown."""

from __future__ import annotations

import re
import shutil

import pytest

from atlas.model import schema
from geo import config, reference
from tests.app.conftest import clear_streamlit_caches, every_page, run_app  # noqa: F401 - autouse fixture

EVIL_MD = "[Klik](https://evil.example/l) ![x](https://evil.example/x.png) <img src=https://evil.example/i>"


def plain(text: str) -> str:
    return text.replace("\\", "").replace("\u200b", "")  # as read: escapes removed


def sources(at) -> list[str]:
    """The markdown source of every text element of the page, and the metrics' help."""
    out = []
    for kind in ("markdown", "caption", "title", "subheader", "header", "info", "warning", "error", "success"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [m.proto.help for m in at.metric if m.proto.help]
    return out


def live_markup(text: str) -> list[str]:
    """Markdown or HTML that would be live: a link or image syntax not escaped, raw tags, or the
    hostile host readable as an autolink. Our own source links (`](<…>)` with an encoded
    destination) are allowed, their destinations left out of the search."""
    text = re.sub(r"\]\(<[^<>\s]*>\)", "]", text)
    return re.findall(r"(?<!\\)!\[|(?<!\\)\]\(|(?<!\\)<(?:a|img)\b|evil\.example", text)


@pytest.mark.parametrize("content, fragment", [
    (None, "official_counts.csv: cannot be read (No such file or directory)"),
    ("17 (ca.)", "official_counts.csv row 2 (line 3): official_count '17 (ca.)' is not a whole number"),
])
def test_a_missing_or_malformed_official_counts_file_is_named_on_every_page(content, fragment, tmp_path, monkeypatch):
    path = tmp_path / "official_counts.csv"
    if content is not None:
        path.write_text(schema.OFFICIAL_COUNTS_CSV.read_text(encoding="utf-8").replace(
            "province:70000,17,", f"province:70000,{content},", 1), encoding="utf-8")
    monkeypatch.setattr(schema, "OFFICIAL_COUNTS_CSV", path)
    for at in every_page(run_app({"province": "70000"})):  # Limburg: the pages ask for its official count
        assert not at.exception, [e.value for e in at.exception]
        assert any(fragment in plain(e.value) for e in at.error), [e.value for e in at.error]
        assert str(tmp_path) not in " ".join(plain(e.value) for e in at.error)


def test_a_truncated_geography_layer_is_named_on_every_page_without_its_folder(tmp_path, monkeypatch):
    folder = tmp_path / "layers"
    shutil.copytree(config.LAYERS_DIR, folder)
    layer = folder / config.MUNICIPALITIES_GEOJSON
    layer.write_bytes(layer.read_bytes()[:50_000])
    monkeypatch.setenv("ATLAS_GEO_DIR", str(folder))
    reference.clear_memory_cache()
    try:
        for at in every_page(run_app()):
            assert not at.exception, [e.value for e in at.exception]
            messages = " ".join(plain(w.value) for w in [*at.warning, *at.error])
            assert f"{config.MUNICIPALITIES_GEOJSON} line " in messages, messages
            assert str(tmp_path) not in messages
    finally:
        reference.clear_memory_cache()


def test_markup_in_institute_and_programme_texts_stays_text(tmp_path, monkeypatch):
    inst = tmp_path / "institutes.csv"
    text = schema.INSTITUTES_CSV.read_text(encoding="utf-8")
    line = next(li for li in text.splitlines() if li.startswith("saamo-limburg,"))
    cells = line.split(",")
    cells[1] = f'"SAAMO {EVIL_MD}"'  # name
    inst.write_text(text.replace(line, ",".join(cells)).replace("Provincie Limburg", f"Limburg {EVIL_MD}"),
                    encoding="utf-8")
    progs = tmp_path / "programmes.csv"
    ptext = schema.PROGRAMMES_CSV.read_text(encoding="utf-8")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(ptext)))
    for r in rows:
        for col in r:  # the note and its language versions (`_nl`, `_en`) where the file has them
            if col.startswith("total_budget_note"):
                r[col] = f"note {EVIL_MD}"
            elif col.startswith("max_budget_note"):
                r[col] = f"max {EVIL_MD}"
        r["description_nl"] = f"{r['description_nl']} {EVIL_MD}"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    progs.write_text(buf.getvalue(), encoding="utf-8")
    monkeypatch.setattr(schema, "INSTITUTES_CSV", inst)
    monkeypatch.setattr(schema, "PROGRAMMES_CSV", progs)
    at = run_app({"institute": "saamo-limburg"})
    seen = set()
    for at in every_page(at):
        assert not at.exception, [e.value for e in at.exception]
        for src in sources(at):
            assert not live_markup(src), src
            seen |= {word for word in ("SAAMO", "note", "max") if word + " \\[Klik\\]" in src}
    assert seen == {"SAAMO", "note", "max"}, seen  # the hostile texts were shown (as text)
