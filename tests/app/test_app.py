"""The app as a user opens it (AppTest): every page runs, with and without reference geography."""

from __future__ import annotations

import pytest

from atlas.model.data import load_projects
from tests.app.conftest import map_args, marker_counts, page_files, run_app


def test_app_lists_at_least_the_map_page():
    assert "pages/map.py" in page_files()


@pytest.mark.parametrize("page", page_files())
def test_every_page_runs_without_exception(page):
    at = run_app(page=page)
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", page_files())
def test_every_page_runs_without_the_reference_directory(page, tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_GEO_DIR", str(tmp_path / "missing-geo"))
    at = run_app(page=page)
    assert not at.exception, [e.message for e in at.exception]


def test_map_page_without_reference_directory_shows_projects_and_one_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_GEO_DIR", str(tmp_path / "missing-geo"))
    at = run_app()
    warnings = [w.value.replace("\\", "").replace("\u200b", "") for w in at.warning]  # as read: escapes removed
    assert len([w for w in warnings if "ATLAS_GEO_DIR" in w]) == 1, warnings
    assert "missing-geo" in " ".join(warnings)
    counts = marker_counts(map_args(at)["script"])
    assert sum(counts.values()) == len(load_projects().projects)


def test_map_page_draws_every_valid_project_coloured_by_programme(projects):
    at = run_app()
    args = map_args(at)
    expected = projects["programme"].value_counts().to_dict()
    assert marker_counts(args["script"]) == expected
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])
    assert "Legende" in args["script"]


def test_shipped_data_has_no_skipped_rows_notice():
    at = run_app()
    assert not any("niet getoond" in e.label for e in at.expander)


def test_invalid_rows_are_not_drawn_and_the_page_says_which_and_why(tmp_path, monkeypatch, pdata):
    lines = pdata.validation.rows
    import csv

    path = tmp_path / "projects.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(lines[0].keys()))
        writer.writeheader()
        for i, r in enumerate(lines):
            writer.writerow(dict(r, lat="vijftig") if i == 2 else r)
    monkeypatch.setenv("ATLAS_PROJECTS_CSV", str(path))
    at = run_app()
    skipped = [e for e in at.expander if "niet getoond" in e.label]
    assert len(skipped) == 1 and skipped[0].label.startswith("1 rij uit de projectenlijst")
    text = " ".join(t.value for t in skipped[0].text)
    assert f"row 3 ({lines[2]['id']}): lat 'vijftig' is not a number" in text
    assert sum(marker_counts(map_args(at)["script"]).values()) == len(lines) - 1
