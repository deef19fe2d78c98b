"""Digits that are not ASCII (issue 23.2): Arabic-Indic, Persian, fullwidth, Devanagari, bold.

`\\d` and float() accept them, pandas does not: such a row passed validation and then loaded
as NaN (no marker, no legend, changed counts). One parser (atlas.model.validate.parse_number) now
decides for validation and loading: every such row is refused with its line, every other row
is drawn.
"""

from __future__ import annotations

import csv
import io

import pytest

from atlas.model import data, schema
from atlas.model.validate import parse_int, parse_number, validate_bytes
from atlas.views.report import read_own_locations
from tests.conftest import csv_bytes, row
from tests.hostile.workbooks import header_and_row, sheet_xml, workbook

FOREIGN = {
    "arabic_indic": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
    "persian": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
    "fullwidth": str.maketrans("0123456789", "０１２３４５６７８９"),
    "devanagari": str.maketrans("0123456789", "०१२३४५६७८९"),
    "math_bold": str.maketrans("0123456789", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"),
}


def foreign(value: str, script: str) -> str:
    return value.translate(FOREIGN[script])


@pytest.mark.parametrize("script", list(FOREIGN))
@pytest.mark.parametrize("text", ["51.117", "12500", "1e3", "-5"])
def test_the_one_parser_takes_ascii_digits_only(script, text):
    assert parse_number(text) == float(text)
    assert parse_number(foreign(text, script)) is None
    assert float(foreign(text, script)) == float(text)  # what made validation pass before


@pytest.mark.parametrize("value, expected", [("5", 5), (" 12 ", 12), ("٥", None), ("1_0", None), ("５", None),
                                             ("9" * 30, None), ("", None)])
def test_whole_numbers_take_ascii_digits_only(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize("script", list(FOREIGN))
@pytest.mark.parametrize("column, value", [("lat", "51.117"), ("lon", "5.257"), ("budget_eur", "12500"),
                                           ("municipality_nis", "71034"), ("start_date", "2020-01-01")])
def test_a_row_with_foreign_digits_is_refused_with_its_line_and_the_others_load(script, column, value):
    bad = row(id="BAD", **{column: foreign(value, script)}, budget_basis="granted" if column == "budget_eur" else "")
    raw = csv_bytes([row(id="OK-1"), bad, row(id="OK-2")])
    result = validate_bytes(raw, "cijfers.csv", use_geo=False)
    assert [(p.row, p.line, p.column) for p in result.problems] == [(2, 3, column)]
    if column in ("lat", "lon", "budget_eur"):
        assert "digits other than 0-9" in result.problems[0].message
    frame = result.valid_frame()
    assert frame["id"].tolist() == ["OK-1", "OK-2"]
    assert frame["lat"].tolist() == [51.117, 51.117] and frame["lon"].tolist() == [5.257, 5.257]


def test_a_valid_row_is_always_loaded_with_its_numbers():
    """Whatever passes the parser loads as the same float (no NaN behind a valid row)."""
    rows = [row(id=f"R{i}", lat=lat, budget_eur=b, budget_basis="granted")
            for i, (lat, b) in enumerate([("51.117", "12500"), ("+51.117", "1.25e4"), ("51.1170", "12500.00"),
                                          (" 51.117 ", "12500.")])]
    result = validate_bytes(csv_bytes(rows), "x.csv", use_geo=False)
    assert result.ok, result.problems
    frame = result.valid_frame()
    assert frame["lat"].tolist() == [51.117] * 4 and frame["budget_eur"].tolist() == [12500.0] * 4


def _projects_with(tmp_path, row_id: str, column: str, script: str):
    text = schema.PROJECTS_CSV.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    changed = next(r for r in rows if r["id"] == row_id)
    changed[column] = foreign(changed[column], script)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "projects.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path, rows.index(changed) + 1


@pytest.mark.parametrize("column, script", [("lat", "arabic_indic"), ("lon", "fullwidth"), ("lat", "persian")])
def test_one_foreign_row_in_projects_csv_is_refused_and_every_other_marker_stays(column, script, tmp_path,
                                                                                 monkeypatch):
    shipped = data.load_projects()
    zb = shipped.projects[shipped.projects["programme"] == "zorgzame_buurt"]
    victim = zb["id"].iloc[0]
    path, row_no = _projects_with(tmp_path, victim, column, script)
    monkeypatch.setenv("ATLAS_PROJECTS_CSV", str(path))
    loaded = data.load_projects()
    assert victim not in set(loaded.projects["id"])
    assert set(shipped.projects["id"]) - set(loaded.projects["id"]) == {victim}
    assert loaded.projects["lat"].notna().all() and loaded.projects["lon"].notna().all()
    counts = loaded.projects["programme"].value_counts().to_dict()
    assert counts["zorgzame_buurt"] == len(zb) - 1
    (problem,) = [p for p in loaded.validation.problems if p.row == row_no]
    assert problem.column == column and problem.line == row_no + 1
    assert "digits other than 0-9" in problem.message


@pytest.mark.parametrize("script", ["arabic_indic", "fullwidth"])
def test_an_upload_with_foreign_digits_says_which_row_and_shows_the_others(script):
    raw = csv_bytes([row(id="U-1"), row(id="U-2", lat=foreign("51.117", script))])
    own = read_own_locations(raw, "eigen.csv", "nl")
    assert (own.n_rows, own.n_valid) == (2, 1)
    assert own.projects["lat"].tolist() == [51.117]
    assert own.problems == [f"eigen.csv row 2 (line 3): lat '{foreign('51.117', script)}' is not a number "
                            "(it has digits other than 0-9)"]


@pytest.mark.parametrize("cell", ["number", "text"])
def test_a_workbook_cell_with_foreign_digits_is_refused_with_its_line(cell):
    lon = foreign("5.257", "arabic_indic")
    rows = header_and_row(7, lon=lon)  # a crafted number cell: <v>٥.٢٥٧</v>
    if cell == "text":
        rows = rows.replace(f"<c r=\"I7\"><v>{lon}</v></c>", f'<c r="I7" t="inlineStr"><is><t>{lon}</t></is></c>')
    assert (f'<is><t>{lon}</t>' in rows) == (cell == "text")
    raw = workbook(sheet_xml(rows))
    result = validate_bytes(raw, "eigen.xlsx", use_geo=False)
    assert [(p.row, p.line, p.column) for p in result.problems] == [(1, 7, "lon")]
    assert result.valid_frame().empty


@pytest.mark.parametrize("text", ["٥١,١١٧", "٣١/١٢/٢٠٢٤"])
def test_belgian_notation_with_foreign_digits_is_not_converted(text):
    from atlas.model.sheet import belgian_date, belgian_number

    assert belgian_number(text) == text and belgian_date(text) == text


def test_reference_numbers_with_foreign_digits_are_refused(tmp_path):
    from atlas.model.validate import budget_group_rows, programme_rows

    groups = tmp_path / "budget_groups.csv"
    groups.write_text(",".join(schema.BUDGET_GROUP_COLUMNS) + "\n"
                      + "g1,zorgzame_buurt,G,G,٥٠٠٠٠,exact,granted,5,,https://x.be\n"
                      + "g2,zorgzame_buurt,G,G,50000,exact,granted,٥,,https://x.be\n"
                      + "g3,zorgzame_buurt,G,G,50000,exact,granted,5,,https://x.be\n", encoding="utf-8")
    rows, problems = budget_group_rows(groups)
    assert [r["id"] for r in rows] == ["g3"]
    assert [(p.row, p.column) for p in problems] == [(1, "amount_eur"), (2, "n_projects")]
    frame = data.budget_groups(groups)
    assert frame["amount_eur"].tolist() == [50000.0] and frame["n_projects"].tolist() == [5]
    programmes = tmp_path / "programmes.csv"
    programmes.write_text("programme,name_nl,name_en,official_count\nstek,S,S,١٢\n", encoding="utf-8")
    _, problems = programme_rows(programmes)
    assert [(p.row, p.column) for p in problems] == [(1, "official_count")]


def test_validate_cli_refuses_a_projects_copy_with_foreign_digits_naming_the_line(tmp_path):
    import contextlib

    from atlas.cli import main as atlas_main

    shipped = data.load_projects()
    victim = shipped.projects[shipped.projects["programme"] == "zorgzame_buurt"]["id"].iloc[-1]
    path, row_no = _projects_with(tmp_path, victim, "lat", "fullwidth")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = atlas_main(["validate", str(path)])
    assert code == 1 and "Traceback" not in out.getvalue()
    assert f"projects.csv row {row_no} (line {row_no + 1}): lat '" in out.getvalue()
    assert "(it has digits other than 0-9)" in out.getvalue()
