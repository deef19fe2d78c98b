"""What the coverage page's first view costs the browser (issue 22): no Arrow-based element
(st.table, st.dataframe), whose ~1 MB of JavaScript the whole page waited for, map included.
The short tables are HTML tables of texts (atlas.ui.chrome.text_table) with the same rows."""

from __future__ import annotations

from atlas.views.templates import render
from tests.app.conftest import run_app, text_tables

PAGE = "pages/coverage.py"


def test_coverage_first_view_has_no_arrow_table_and_shows_the_figures_as_text_tables():
    at = run_app({"institute": "saamo-limburg"}, page=PAGE)
    assert not at.exception and not at.error
    assert len(at.table) == 0 and len(at.dataframe) == 0
    tables = text_tables(at)
    figures = next(frame for frame in tables if "Programma" in frame.columns)
    all_row = figures.iloc[0]  # every programme together, first (report.summary_display)
    metrics = {m.label: m.value for m in at.metric}
    # the same figure under the same words in the KPIs above the map and in the table below it
    assert all_row["Gemeenten met ≥ 1 project"] == metrics["Gemeenten met ≥ 1 project"]
    assert all_row["Inwoners ≤ 5 km"] == metrics["Inwoners ≤ 5 km (schatting)"]
    need = next(frame for frame in tables if "Index × inwoners" in frame.columns)
    assert len(need) >= 1 and all(need["Gemeente"])
    assert len(tables) == 3  # need gaps, figures, balance


def test_text_table_shows_every_cell_as_text():
    html = render("text_table.html", columns=["<b>Naam</b>"], rows=[['<img src=x onerror="alert(1)">'], ["A & B"]])
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html and "A &amp; B" in html
