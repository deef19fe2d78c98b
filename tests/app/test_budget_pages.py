"""Budget & status page and the three programme pages, run as a user opens them (AppTest)."""

from __future__ import annotations

import base64
import itertools
import json

import numpy as np
import pytest

from atlas.model import budget
from atlas.model.filters import FilterState
from tests.app.conftest import each_tab, open_all_sections, run_app, show_tab, widget
from tests.chart_pairs import text_of

# programmes per page with their own project downloads (the STEK page: the new and the older practices)
PROJECT_DOWNLOADS = {"pages/budget_status.py": 0, "pages/programme_stek.py": 2, "pages/programme_proeftuin.py": 1,
                     "pages/programme_zorgzame_buurt.py": 1}
PAGES = ["pages/budget_status.py", "pages/programme_stek.py", "pages/programme_proeftuin.py",
         "pages/programme_zorgzame_buurt.py"]


def figures(at) -> list[dict]:
    """The plotly figures on the page, as the JSON specs the browser receives."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def values(data) -> list:
    """A plotly JSON array: a plain list, or plotly's typed array {'dtype': ..., 'bdata': base64}."""
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)


def figure(at, title_part: str) -> dict:
    """The figure whose title contains `title_part`, in whichever tab it is (that tab is opened)."""
    seen = []
    for _ in itertools.chain([at], each_tab(at)):  # the open tab first
        found = [f for f in figures(at) if title_part in text_of(f["layout"]["title"]["text"])]
        if found:
            return found[0]
        seen += [text_of(f["layout"]["title"]["text"]) for f in figures(at)]
    raise AssertionError(f"no figure with {title_part!r}: {seen}")


def select(at, key: str, *values: str) -> None:
    """Simulate a click on chart `key` (its tab opened first): the selection event Streamlit sends."""
    for _ in itertools.chain([at], each_tab(at)):  # the open tab first
        if any(key in el.proto.id for el in at.get("plotly_chart")):
            break
    else:
        raise AssertionError(f"no chart {key!r} on the page")
    at.session_state[key] = {"selection": {"points": [{"customdata": [v]} for v in values],
                                           "point_indices": list(range(len(values))), "box": [], "lasso": []}}
    at.run()


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_charts_and_a_csv_and_xlsx_download_per_chart(page):
    at = run_app({"date": "2023-05-01"}, page=page)
    n_charts = 0
    for _ in each_tab(at):
        assert not at.exception, [e.message for e in at.exception]
        assert not at.error, [e.value for e in at.error]
        n = len(at.get("plotly_chart"))
        n_charts += n
        keys = sorted(b.proto.id for b in at.get("download_button"))
        labels = [b.proto.label for b in at.get("download_button")]
        # Every chart has its own CSV and Excel download; besides, each programme its project rows
        # (CSV, Excel, GeoJSON, GeoPackage: atlas.ui.tables.project_downloads), nothing else here has one.
        assert len(keys) == 2 * n + 4 * PROJECT_DOWNLOADS[page], labels
        assert labels.count("Gegevens van deze grafiek (CSV)") == labels.count("Gegevens van deze grafiek (Excel)") == n
    assert n_charts >= 3


def test_the_budget_page_builds_only_its_open_tab_and_keeps_it_across_filters_and_language():
    at = run_app(page="pages/budget_status.py")
    assert len(at.tabs) == 5 and len(at.get("plotly_chart")) == 1  # programme budgets: one chart
    show_tab(at, 4)  # projects against need
    assert [text_of(f["layout"]["title"]["text"]) for f in figures(at)][0].startswith("Gekende projecten tegenover kansarmoede")
    widget(at, "multiselect", "provinces").set_value(["70000"]).run()
    assert len(figures(at)) == 1 and "kansarmoede" in figures(at)[0]["layout"]["title"]["text"]
    widget(at, "segmented_control", "lang").set_value("en").run()
    assert not at.exception and "deprivation" in figures(at)[0]["layout"]["title"]["text"]


def test_a_tab_without_projects_in_the_view_says_so():
    at = run_app({"province": "70000", "status": "planned"}, page="pages/budget_status.py")
    show_tab(at, 1)
    assert "Geen projecten voor deze filters." in [i.value for i in at.info], [i.value for i in at.info]
    assert not at.exception and len(at.sidebar) > 0  # the sidebar is drawn after the page


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_reference_geography(page, tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_GEO_DIR", str(tmp_path / "missing-geo"))
    at = run_app(page=page)
    assert not at.exception, [e.message for e in at.exception]


def test_budget_page_shows_the_stek_total_in_dutch_format():
    at = run_app(page="pages/budget_status.py")
    values = [m.value for m in at.metric]
    assert "€\xa01.494.572,92" in values
    totals = figure(at, "Programmabudget")
    texts = [t for trace in totals["data"] for t in trace.get("text", [])]
    assert "€\xa01.494.572,92" in texts


def test_budget_page_says_how_many_projects_have_no_published_amount(projects):
    at = run_app(page="pages/budget_status.py")
    in_group = projects["budget_group_eur"].notna()  # their money is a group amount, shown as such
    n_unknown = int((projects["budget_eur"].isna() & ~in_group).sum())
    spec = figure(at, "per programma")
    assert text_of(spec["layout"]["title"]["subtitle"]["text"]) == (
        f"{n_unknown} projecten zonder gepubliceerd bedrag · {int(in_group.sum())} in een groepsbedrag")


@pytest.mark.parametrize("iso, dutch", [("2023-05-01", "1 mei 2023"), ("2021-09-15", "15 september 2021")])
def test_timeline_marks_the_reference_date_from_the_url(iso, dutch):
    at = run_app({"date": iso}, page="pages/budget_status.py")
    spec = figure(at, "Tijdlijn")
    lines = [s for s in spec["layout"]["shapes"] if s["type"] == "line"]
    assert [(s["x0"], s["x1"]) for s in lines] == [(iso, iso)]
    assert any(dutch in text_of(a["text"]) for a in spec["layout"]["annotations"])
    assert dutch in text_of(figure(at, "Status op")["layout"]["title"]["text"])


def test_budget_page_obeys_the_province_filter_from_the_url():
    at = run_app({"province": "70000"}, page="pages/budget_status.py")
    spec = figure(at, "per provincie")
    labels = {y.split("<br>")[0] for trace in spec["data"] for y in trace.get("y", [])}
    assert labels == {"Limburg"}
    # Limburg's granted amounts by hand (data/SOURCES.md): Beverlo 125,000 (proeftuin);
    # Heusden-Zolder 100,000 and Vroenhoven/Riemst 100,000 (zorgzame buurten).
    by_prog = figure(at, "per programma")
    granted = [t for t in by_prog["data"] if t.get("name") == "Toegekend"][0]
    assert dict(zip([c[0] for c in granted["customdata"]], values(granted["x"]))) == {"proeftuin": 125_000,
                                                                              "zorgzame_buurt": 200_000}


def test_clicking_a_province_bar_filters_the_page_and_goes_into_the_url():
    at = run_app({"date": "2023-05-01"}, page="pages/budget_status.py")
    select(at, "ch_budget_province", "30000")
    assert not at.exception, [e.message for e in at.exception]
    assert at.query_params.get("province") in ("30000", ["30000"])
    assert at.query_params.get("date") in ("2023-05-01", ["2023-05-01"])  # the other filters stay
    spec = figure(at, "per provincie")
    assert {y.split("<br>")[0] for t in spec["data"] for y in t.get("y", [])} == {"West-Vlaanderen"}
    # The sidebar shows the filter the click set, and a later sidebar change keeps it.
    assert widget(at, "multiselect", "provinces").value == ["30000"]
    widget(at, "multiselect", "programmes").set_value(["zorgzame_buurt"]).run()
    assert at.query_params.get("province") in ("30000", ["30000"])
    assert at.query_params.get("programme") in ("zorgzame_buurt", ["zorgzame_buurt"])


def test_clicking_a_programme_or_an_area_segment_sets_those_filters():
    at = run_app(page="pages/budget_status.py")
    select(at, "ch_status", "proeftuin")
    assert at.query_params.get("programme") in ("proeftuin", ["proeftuin"])
    select(at, "ch_area_split", "3")
    assert at.query_params.get("area") in ("3", ["3"])


def test_click_values_map_to_filter_state_fields_and_unknown_values_are_ignored():
    from atlas.ui.programme_page import selected_values, state_for_click

    state = FilterState()
    event = {"selection": {"points": [{"customdata": ["30000", "€ 1"]}, {"customdata": ["70000"]}]}}
    assert selected_values(event) == ["30000", "70000"]
    assert state_for_click(state, "province", ["30000"]).provinces == ("30000",)
    assert state_for_click(state, "programme", ["stek"]).programmes == ("stek",)
    assert state_for_click(state, "area", ["3"]).area == ("3",)
    assert state_for_click(state, "area", ["c9"]) == state  # not a class of the chosen typology
    assert state_for_click(state, "province", []) == state  # an empty selection changes nothing
    assert state_for_click(state.with_(typology="uitrusting"), "area", ["a0"]).area == ("a0",)


def test_programme_page_shows_official_against_known_count_and_its_sources(programmes_df, projects):
    at = run_app(page="pages/programme_zorgzame_buurt.py")
    facts = programmes_df.loc["zorgzame_buurt"]
    zb = projects
    zb = zb[zb["programme"] == "zorgzame_buurt"]
    n_known = len(zb)
    n_brussels = int(zb["municipality_nis"].str.startswith("21").sum())  # Brussels NIS codes are 21xxx
    text = " ".join(m.value for m in at.markdown)
    # The 114 were approved in Flanders: Brussels projects are counted apart, not against it.
    assert n_brussels > 0
    from atlas.ui.programme_page import md  # the page escapes Markdown in data-derived text

    assert md(f"{n_known - n_brussels} van {int(facts['official_count'])} projecten in Vlaanderen met gekende "
              f"locatie (+ {n_brussels} in Brussel)") in text
    # URLs from data/programmes.csv are links; a document reference is text.
    for label, url in budget.source_parts(facts["total_budget_source"]):
        assert (f"(<{url}>)" if url else label) in text
    open_all_sections(at)  # the project table is shown on demand
    table = at.dataframe[0].value
    assert len(table) == n_known
    assert "Bron 1" in table.columns and table["Bron 1"].str.startswith("http").all()


def test_stek_page_shows_the_programme_total_and_no_per_location_amount():
    at = run_app(page="pages/programme_stek.py")
    metrics = [(m.label, m.value) for m in at.metric]  # STEK first, then the older STEK practices
    assert metrics[0] == ("Programmabudget", "€\xa01.494.572,92")
    assert ("Som toegekend per project", "—") in metrics[:4]  # not published, and not 0
    text = " ".join(m.value for m in at.markdown)
    assert "Vlaams Parlement, schriftelijke vraag" in text  # document reference shown as text


def test_budget_page_shows_the_gent_group_as_one_bar_and_never_a_split():
    at = run_app(page="pages/budget_status.py")
    holders = figure(at, "organisatie")
    group = [tr for tr in holders["data"] if tr.get("name", "").startswith("Groepsbedrag")]
    assert len(group) == 1 and [text_of(y) for y in group[0]["y"]] == ["Gent (5 projecten samen)"]
    assert values(group[0]["x"]) == [400000.0] and group[0]["text"][0].replace("\xa0", " ") == "ruim € 400.000"
    # No member of the group appears as a holder with an amount of its own (Warm Westveld: vzw Stappen).
    labels = [y for tr in holders["data"] for y in tr.get("y", [])]
    assert not any("Stappen" in str(y) for y in labels)
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Gent (5 projecten samen)" in text and "ZB-OVL-41" in text


def test_status_chart_notes_the_extension_with_its_sources_after_the_programme_end():
    at = run_app({"date": "2024-06-01"}, page="pages/budget_status.py")
    spec = figure(at, "Status op")
    assert "februari 2025" in text_of(spec["layout"]["title"]["subtitle"]["text"])
    source = " ".join(text_of(a["text"]) for a in spec["layout"]["annotations"])
    assert "kortemark.be" in source


def test_budget_page_sets_known_projects_against_the_kansarmoede_index_and_switches_level():
    at = run_app(page="pages/budget_status.py")
    assert not at.exception
    fig = figure(at, "Gekende projecten tegenover kansarmoede")
    assert "Projectlijst onvolledig" in fig["layout"]["title"]["subtitle"]["text"]
    names = [row[0] for row in fig["data"][0]["customdata"]]
    assert "Oostende" in names and len(names) == 282  # Flemish municipalities with an index
    at.segmented_control(key="need_level").set_value("province").run()
    at.segmented_control(key="need_measure").set_value("amount").run()
    assert not at.exception and not at.warning
    show_tab(at, 0)  # another tab and back: the choices stay
    show_tab(at, 4)
    assert at.segmented_control(key="need_level").value == "province"
    fig = figure(at, "Gekende bedragen tegenover kansarmoede")
    assert sorted(fig["data"][0]["text"]) == sorted(["Antwerpen", "Vlaams-Brabant", "West-Vlaanderen",
                                                       "Oost-Vlaanderen", "Limburg"])
