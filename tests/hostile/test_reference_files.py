"""Reference files trusted too much (issue 23.4): official counts, invisible ids, link-breaking
source URLs, broken geography layers, server paths in messages.

Each file in data/ and geo/layers/ goes through the one reader and validator: a broken one is
a problem naming the file and its line (never its folder), the valid rest is used, and
`python -m atlas validate` exits 1.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from atlas.cli import main as atlas_main
from atlas.model import completeness, schema
from atlas.text.escape import md, md_link
from atlas.model.validate import (budget_group_rows, geo_layer_problems, institute_rows, official_count_rows,
                            programme_rows, validate_bytes)
from geo import config, reference
from tests.conftest import BASE_ROW, csv_bytes, row

EVIL_URL = "https://stad.gent/x>![x](https://evil.example/x.png)"


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = atlas_main(["validate", *args])
    return code, out.getvalue()


def copy_with(src: Path, dst: Path, old: str, new: str) -> Path:
    text = src.read_text(encoding="utf-8")
    assert old in text, old
    dst.write_text(text.replace(old, new, 1), encoding="utf-8")
    return dst


# --- data/official_counts.csv -------------------------------------------------------------
def test_a_missing_official_counts_file_is_a_problem_without_a_server_path(tmp_path):
    rows, problems = official_count_rows(tmp_path / "official_counts.csv")
    assert rows == [] and [str(p) for p in problems] == ["official_counts.csv: cannot be read (No such file or directory)"]
    assert completeness.official_area_counts(tmp_path / "official_counts.csv").empty


@pytest.mark.parametrize("count", ["17 (ca.)", "ca. 17", "17.5", "-3", "١٧", "１７", "", "1e3", "17\u200b"])
def test_an_official_count_that_is_not_a_whole_number_is_named_with_its_line(count, tmp_path):
    path = copy_with(schema.OFFICIAL_COUNTS_CSV, tmp_path / "official_counts.csv", "province:70000,17,",
                     f"province:70000,{count},")
    rows, problems = official_count_rows(path)
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if "province:70000" in text)
    assert [(p.line, p.column) for p in problems] == [(line, "official_count")], [str(p) for p in problems]
    assert f"official_counts.csv row {line - 1} (line {line}): official_count" in str(problems[0])
    # The other counts are used; Limburg has none (the sentence says so instead of crashing).
    frame = completeness.official_area_counts(path)
    pairs = set(zip(frame["programme"], frame["area"]))
    assert ("zorgzame_buurt", "province:70000") not in pairs and ("zorgzame_buurt", "province:30000") in pairs
    assert frame["official_count"].dtype.kind == "i"


@pytest.mark.parametrize("old, new, column", [
    ("zorgzame_buurt,province:30000", "zorgzame_buurt,provincie:30000", "area"),
    ("zorgzame_buurt,province:30000", "zorgzame-buurt,province:30000", "programme"),
    ("zorgzame_buurt,province:70000", "zorgzame_buurt,province:30000", "area"),  # the same area twice
    ("zorgzame_buurt,province:30000", "zorgzame_buurt,province:30000\u200b", "area"),
    ("https://www.hbvl.be/cnt/dmf20220201_97268263", EVIL_URL, "source_url"),
])
def test_a_malformed_official_count_row_is_named_and_left_out(old, new, column, tmp_path):
    path = copy_with(schema.OFFICIAL_COUNTS_CSV, tmp_path / "official_counts.csv", old, new)
    rows, problems = official_count_rows(path)
    assert problems and {(p.row, p.column) for p in problems} == {(problems[0].row, column)}, [str(p) for p in problems]
    assert len(rows) == len(official_count_rows()[0]) - 1


def test_validate_names_a_broken_official_counts_file_and_exits_1(tmp_path):
    projects = tmp_path / "projects.csv"
    shutil.copy(schema.PROJECTS_CSV, projects)
    copy_with(schema.OFFICIAL_COUNTS_CSV, tmp_path / "official_counts.csv", "province:70000,17,", "province:70000,17 (ca.),")
    code, out = run_cli(str(projects), "--no-geo")
    assert code == 1 and "Traceback" not in out
    assert "official_counts.csv row 2 (line 3): official_count '17 (ca.)' is not a whole number" in out


# --- ids that differ only by an invisible character ------------------------------------------
INVISIBLE = ["\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u202e", "\x07"]


@pytest.mark.parametrize("char", INVISIBLE)
def test_a_project_id_with_an_invisible_character_is_refused(char):
    result = validate_bytes(csv_bytes([row(id="T-01"), row(id="T-01" + char), row(id=char + "T-02")]), "p.csv",
                            use_geo=False)
    assert [(p.row, p.column) for p in result.problems] == [(2, "id"), (3, "id")], [str(p) for p in result.problems]
    assert f"U+{ord(char[0]):04X}" in result.problems[0].message
    assert list(result.valid_frame()["id"]) == ["T-01"]


def test_blanks_around_an_id_are_trimmed_so_a_no_break_space_makes_a_duplicate():
    result = validate_bytes(csv_bytes([row(id="T-01"), row(id="T-01\u00a0")]), "p.csv", use_geo=False)
    assert [(p.row, p.column) for p in result.problems] == [(2, "id")] and "not unique" in result.problems[0].message


@pytest.mark.parametrize("column, value", [("institute_id", "saamo-limburg\u200b"), ("budget_group", "\ufeffZB-GRP-GENT")])
def test_references_to_other_files_with_an_invisible_character_are_refused(column, value):
    result = validate_bytes(csv_bytes([{**BASE_ROW, column: value}]), "p.csv", use_geo=False)
    assert column in {p.column for p in result.problems}, [str(p) for p in result.problems]


@pytest.mark.parametrize("reader, path, old", [
    (institute_rows, schema.INSTITUTES_CSV, "saamo-limburg,"),
    (programme_rows, schema.PROGRAMMES_CSV, "\nproeftuin,"),
    (budget_group_rows, schema.BUDGET_GROUPS_CSV, "\nZB-GRP-GENT,"),
])
@pytest.mark.parametrize("char", ["\u200b", "\ufeff"])
def test_a_reference_id_with_an_invisible_character_is_named(reader, path, old, char, tmp_path):
    new = "\n" + char + old[1:] if old.startswith("\n") else char + old
    broken = copy_with(path, tmp_path / path.name, old, new)
    rows, problems = reader(broken)
    assert any(f"U+{ord(char):04X}" in p.message for p in problems), [str(p) for p in problems]
    assert len(rows) == len(reader(path)[0]) - 1


# --- source URLs that would close a markdown link -------------------------------------------
@pytest.mark.parametrize("reader, path, old, column", [
    (budget_group_rows, schema.BUDGET_GROUPS_CSV,
     "https://stad.gent/nl/samenleven-welzijn-gezondheid/nieuws-evenementen/groen-licht-voor-vijf-gentse-projecten-rond-zorgzame-buurten",
     "source_url"),
    (institute_rows, schema.INSTITUTES_CSV, "https://www.saamo.be/antwerpen/\n", "source_url"),
])
@pytest.mark.parametrize("url", [EVIL_URL, "https://x.example/a b", 'https://x.example/"onmouseover', "https://x.example/`x`",
                                 "https://x.example/a<img>", "javascript://x.example/%0aalert(1)"])
def test_a_source_url_with_link_breaking_characters_is_refused(reader, path, old, column, url, tmp_path):
    new = url + ("\n" if old.endswith("\n") else "")
    rows, problems = reader(copy_with(path, tmp_path / path.name, old, new))
    assert column in {p.column for p in problems}, [str(p) for p in problems]


def test_a_programme_source_that_is_a_broken_url_is_refused_and_a_document_reference_is_not(tmp_path):
    text = schema.PROGRAMMES_CSV.read_text(encoding="utf-8")
    first_stek = text.splitlines()[1]
    broken = copy_with(schema.PROGRAMMES_CSV, tmp_path / "programmes.csv", first_stek,
                       first_stek.replace("https://", EVIL_URL + " | https://", 1))
    rows, problems = programme_rows(broken)
    assert problems and all(p.row == 1 for p in problems), [str(p) for p in problems]
    assert {r["programme"] for r in rows} == set(schema.PROGRAMMES) - {"stek"}
    assert programme_rows()[1] == []  # the shipped document references ("Vlaams Parlement, …") pass


@pytest.mark.parametrize("url, destination", [
    ("https://stad.gent/x>![x](https://evil.example/x.png)",
     "<https://stad.gent/x%3E!%5Bx%5D%28https://evil.example/x.png%29>"),
    ("https://x.example/a b<c>", "<https://x.example/a%20b%3Cc%3E>"),
    ("https://x.example/a\n[y](https://evil.example)", "<https://x.example/a%0A%5By%5D%28https://evil.example%29>"),
])
def test_md_link_percent_encodes_whatever_would_end_the_link(url, destination):
    link = md_link("bron", url)
    assert link == f"[bron]({destination})"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>", "//evil.example/x", "evil.example", "",
                                 "https://[x", "ftp://evil.example/x"])
def test_md_link_links_only_http_urls_with_a_host(url):
    assert md_link("bron [x](https://evil.example)", url) == md("bron [x](https://evil.example)")  # text, inert


# --- geography layers -------------------------------------------------------------------------
def broken_geo(tmp_path: Path, name: str, damage) -> Path:
    folder = tmp_path / "layers"
    shutil.copytree(config.LAYERS_DIR, folder)
    path = folder / name
    path.write_bytes(damage(path.read_bytes()))
    return folder


DAMAGES = {
    "truncated geojson": (config.MUNICIPALITIES_GEOJSON, lambda b: b[: len(b) // 2]),
    "empty geojson": (config.PROVINCES_MAP_GEOJSON, lambda b: b""),
    "geojson without features": (config.MUNICIPALITIES_MAP_GEOJSON,
                                 lambda b: b'{"type": "FeatureCollection", "features": []}'),
    "empty csv": (config.DEELGEMEENTEN_CSV, lambda b: b""),
    "header-only csv": (config.MUNICIPALITIES_CSV, lambda b: b.split(b"\n")[0] + b"\n"),
    "truncated csv": (config.MUNICIPALITIES_2024_CSV, lambda b: b[: len(b) // 2]),
}


@pytest.fixture
def fresh_layers():
    reference.clear_memory_cache()
    yield
    reference.clear_memory_cache()


@pytest.mark.parametrize("case", DAMAGES)
def test_a_broken_geography_layer_is_named_without_its_folder_and_validate_exits_1(case, tmp_path, monkeypatch,
                                                                                   fresh_layers):
    name, damage = DAMAGES[case]
    folder = broken_geo(tmp_path, name, damage)
    monkeypatch.setenv("ATLAS_GEO_DIR", str(folder))
    problems = geo_layer_problems()
    assert [p.file for p in problems] == [name], [str(p) for p in problems]
    assert str(tmp_path) not in str(problems[0])
    code, out = run_cli(str(schema.PROJECTS_CSV))
    assert code == 1 and "Traceback" not in out and f"{name}: " in out


def test_a_layer_value_that_is_not_a_number_is_named_with_its_line(tmp_path, monkeypatch, fresh_layers):
    def damage(raw: bytes) -> bytes:
        lines = raw.decode("utf-8").split("\n")
        cells = lines[3].split(",")
        cells[5] = "[x](https://evil.example)"  # population
        lines[3] = ",".join(cells)
        return "\n".join(lines).encode("utf-8")

    monkeypatch.setenv("ATLAS_GEO_DIR", str(broken_geo(tmp_path, config.MUNICIPALITIES_CSV, damage)))
    (problem,) = geo_layer_problems()
    assert (problem.file, problem.line) == (config.MUNICIPALITIES_CSV, 4)
    assert "population '[x](https://evil.example)' is not a number" in str(problem)


def test_the_shipped_layers_have_no_problems(fresh_layers):
    assert geo_layer_problems() == []
