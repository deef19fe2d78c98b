"""The per-project amount chart as plotly.js draws it in a real browser: each bar on its own row."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]

# Per bar trace: its name and, per drawn bar, the category of the row it sits on (plotly's own
# calcdata: `p` is the row index on the category axis, `s` the bar's length) and its value.
DRAWN_PAIRS = """gd => {
    const cats = gd._fullLayout.yaxis._categories;
    return gd.calcdata.filter(cd => cd[0] && cd[0].trace.type === 'bar').map(cd => ({
        name: cd[0].trace.name,
        bars: cd.map(b => [cats[b.p].replace(/\\u200b/g, ''), b.s]),
    }));
}"""


def test_zorgzame_buurten_amounts_are_drawn_next_to_their_own_projects(server, offline_page):
    page = offline_page.page
    page.goto(server + "/zorgzame-buurten", wait_until="domcontentloaded")
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text="Gepubliceerd bedrag per project")
    expect(chart).to_be_visible(timeout=90_000)
    plot = chart.locator(".js-plotly-plot").first
    expect(plot.locator(".bars .point").first).to_be_attached(timeout=30_000)
    drawn = {t["name"]: dict(t["bars"]) for t in plot.evaluate(DRAWN_PAIRS)}

    raw = pd.read_csv(REPO / "data" / "projects.csv", dtype=str, keep_default_na=False)
    raw = raw[(raw["programme"] == "zorgzame_buurt") & (raw["budget_eur"] != "")]
    expected = {f"{m} · {i}": float(v) for m, i, v in zip(raw["municipality"], raw["id"], raw["budget_eur"])}
    assert drawn["Toegekend"] == expected  # every zorgzame buurt amount is a granted one
    assert drawn["Toegekend"]["Ledegem · ZB-WVL-43"] == 100_000 and drawn["Toegekend"]["Diest · ZB-VBR-10"] == 70_000
    assert drawn["Groepsbedrag (meerdere projecten samen)"] == {"Gent (5 projecten samen)": 400_000}
    assert page.locator('[data-testid="stException"]').count() == 0
