"""Known against official for the chosen area, the same rule on every page (issue 19.2): the map,
the programme pages and the budget page (its need chart included), read as a user sees them.
Expected numbers come from the data: projects per area, counts from data/official_counts.csv."""

from __future__ import annotations

import pytest

from atlas.model.completeness import official_area_counts
from geo.areas import institute_municipalities
from tests.app.conftest import run_app, show_tab
from tests.app.test_budget_pages import figure


def clean(text: str) -> str:
    return text.replace("\u200b", "").replace("\\", "")


def page_text(at) -> str:
    return clean("\n".join(m.value for m in at.markdown))


def known(projects, programme: str, nis) -> int:
    return int(((projects["programme"] == programme) & projects["nis2025"].isin(set(nis))).sum())


def official(programme: str, area: str) -> int:
    counts = official_area_counts()
    return int(counts.loc[(counts["programme"] == programme) & (counts["area"] == area), "official_count"].iloc[0])


def province(munis, code: str) -> set[str]:
    return set(munis.loc[munis["province_nis"] == code, "nis"])


WVL = "SAAMO West-Vlaanderen"


@pytest.fixture
def wvl_line(projects, munis, institutes_df) -> str:
    """SAAMO West-Vlaanderen's known against official zorgzame buurten, as the data says."""
    area = institute_municipalities("saamo-west-vlaanderen", munis, institutes_df)
    return (f"{known(projects, 'zorgzame_buurt', area)} van {official('zorgzame_buurt', 'province:30000')} "
            f"zorgzame buurten in {WVL} gekend")


@pytest.mark.parametrize("page", [None, "pages/programme_zorgzame_buurt.py", "pages/budget_status.py"])
def test_an_institute_whose_area_is_a_province_carries_its_count_on_every_page(page, wvl_line):
    at = run_app({"institute": "saamo-west-vlaanderen"}, page=page)
    assert not at.exception
    text = page_text(at)
    assert wvl_line in text
    assert "geen officieel aantal voor dit gebied" not in text.split(wvl_line)[1][:80]


def test_limburg_on_the_programme_page_is_counted_against_its_17(projects, munis):
    at = run_app({"province": "70000"}, page="pages/programme_zorgzame_buurt.py")
    limburg = province(munis, "70000")
    line = (f"{known(projects, 'zorgzame_buurt', limburg)} van {official('zorgzame_buurt', 'province:70000')} "
            "zorgzame buurten in Limburg gekend")
    assert line in page_text(at)


def test_the_proeftuinen_of_a_province_are_an_exact_count(programmes_df, projects, munis):
    total = int(float(programmes_df.loc["proeftuin", "official_count"]))
    n = known(projects, "proeftuin", province(munis, "30000"))
    at = run_app({"province": "30000"}, page="pages/programme_proeftuin.py")
    assert f"{n} van {n} proeftuinen in West-Vlaanderen (alle {total} zijn gekend)" in page_text(at)


def test_the_need_chart_of_an_area_notes_the_areas_counts_not_flanders(wvl_line):
    at = run_app({"institute": "saamo-west-vlaanderen"}, page="pages/budget_status.py")
    show_tab(at, 4)  # projects against need
    subtitle = clean(figure(at, "Gekende projecten tegenover kansarmoede")["layout"]["title"]["subtitle"]["text"]
                     .replace("<br>", " "))
    assert wvl_line in subtitle
    assert "114" not in subtitle and "in Vlaanderen" not in subtitle
