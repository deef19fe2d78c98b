"""Chart builders, called directly with small frames: what the figures show, in which format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from atlas.model import budget
from atlas.model.data import programmes
from atlas.views import charts
from tests.atlas.test_budget import frame
from tests.chart_pairs import label, note_of, text_of

REPO = Path(__file__).resolve().parents[2]
SOURCE = "Bron: test"


def traces(fig, kind: str = "bar") -> list:
    return [t for t in fig.data if t.type == kind]


def by_name(fig, name: str):
    found = [t for t in fig.data if t.name == name]
    assert found, f"no trace named {name!r}: {[t.name for t in fig.data]}"
    return found[0]


def annotations_text(fig) -> list[str]:
    """Each annotation's text as read (a wrapped text's lines joined)."""
    return [text_of(a.text) for a in fig.layout.annotations]


# ---------------------------------------------------------------------------
# Budgets
# ---------------------------------------------------------------------------
def test_programme_totals_chart_shows_the_stek_total_from_the_programme_facts_in_dutch_format(programmes_df):
    totals = budget.programme_totals(programmes_df)
    fig = charts.programme_totals_chart(totals, "nl", source=SOURCE)
    granted = by_name(fig, "Toegekend")
    stek = list(granted.customdata[:, 0]).index("stek")
    assert granted.x[stek] == pytest.approx(1_494_572.92, abs=0.001)
    assert granted.text[stek] == "€\xa01.494.572,92"
    assert fig.layout.separators == ",."
    # The proeftuinen total is a standard rate: its own trace, not a granted bar.
    standard = by_name(fig, "Standaardbedrag (niet per project bevestigd)")
    assert list(standard.customdata[:, 0]) == ["proeftuin"]
    assert "proeftuin" not in list(granted.customdata[:, 0])
    # STEK (bestaande praktijk) has no published total: a text, no bar of 0.
    assert "stek_bestaand" not in [c for t in traces(fig) for c in t.customdata[:, 0]]
    # ...said in its row label's second line (a text on the plot was cut off on a phone)
    empty_row = traces(fig, "scatter")[0]
    assert list(empty_row.customdata[:, 0]) == ["stek_bestaand"] and empty_row.text == ("",)
    name, _, note = empty_row.y[0].partition("<br><span")
    assert name.replace("<br>", " ") == "STEK (bestaande praktijk)"
    assert note_of(empty_row.y[0]) == "geen programmabudget gepubliceerd"  # on two lines in a phone's plot
    assert list(fig.layout.yaxis.categoryarray).count(empty_row.y[0]) == 1
    # an amount goes inside the end of a plain bar when it fits (plotly's "auto"), never inside a patterned one
    assert (granted.textposition, standard.textposition) == ("auto", "outside")


def test_programme_totals_wrap_for_a_phone_and_keep_one_line_each_in_presenter_mode(programmes_df):
    """On the page (a phone's narrow plot among the screens) the title and long row labels wrap;
    presenter mode, on a projector in a screen-high frame, keeps every label on one line."""
    totals = budget.programme_totals(programmes_df)
    wrapped = charts.programme_totals_chart(totals, "nl", source=SOURCE)
    assert wrapped.layout.title.text == "Programmabudget<br>(programmafeiten)"
    assert "Proeftuin buurtgericht<br>netwerk" in list(wrapped.layout.yaxis.categoryarray)
    one_line = charts.programme_totals_chart(totals, "nl", source=SOURCE, wrap=False)
    assert one_line.layout.title.text == "Programmabudget (programmafeiten)"
    names = [charts.row_name(c) for c in one_line.layout.yaxis.categoryarray]
    assert names == [charts.row_name(c) for c in wrapped.layout.yaxis.categoryarray]
    assert all(c.count("<br>") <= 1 for c in one_line.layout.yaxis.categoryarray)  # at most its note line
    assert "Proeftuin buurtgericht netwerk" in names and wrapped.layout.height > one_line.layout.height


def test_budget_chart_bars_equal_the_sourced_sums_and_unknowns_are_a_count_in_the_label():
    f = frame([
        {"id": "a", "budget_eur": 100_000, "budget_basis": "granted"},
        {"id": "b", "budget_eur": 82_000, "budget_basis": "granted"},
        {"id": "c"}, {"id": "d"},
        {"id": "p", "programme": "proeftuin", "budget_eur": 75_000, "budget_basis": "standard_rate"},
        {"id": "s", "programme": "stek"},
    ])
    data = budget.budget_by_programme(f, ("stek", "proeftuin", "zorgzame_buurt"))
    fig = charts.budget_by_programme_chart(data, "nl", source=SOURCE)
    granted = by_name(fig, "Toegekend")
    assert list(granted.customdata[:, 0]) == ["zorgzame_buurt"]
    assert list(granted.x) == [182_000]  # 100,000 + 82,000, the two unknowns not counted as 0
    assert granted.text[0] == "€\xa0182.000"
    assert note_of(granted.y[0]) == "2 projecten zonder gepubliceerd bedrag"
    standard = by_name(fig, "Standaardbedrag (niet per project bevestigd)")
    assert list(standard.x) == [75_000]
    # No bar anywhere holds the sum of two bases, and no bar is a zero for the unknown STEK amount.
    all_x = [x for t in traces(fig) for x in t.x]
    assert 182_000 + 75_000 not in all_x and 0 not in all_x
    stek_label = [y for y in traces(fig, "scatter")[0].y if y.startswith("STEK (16 nieuwe)")]
    assert stek_label and note_of(stek_label[0]) == "1 project zonder gepubliceerd bedrag"
    assert fig.layout.barmode == "group"  # side by side, never stacked
    assert "3 projecten zonder gepubliceerd bedrag" in fig.layout.title.subtitle.text  # c, d and s


def test_province_chart_carries_the_province_code_for_click_filtering():
    f = frame([{"id": "a", "province_nis": "70000", "budget_eur": 5, "budget_basis": "granted"},
               {"id": "b", "province_nis": "10000", "budget_eur": 7, "budget_basis": "granted"}])
    fig = charts.budget_by_province_chart(budget.budget_by_province(f), "nl", source=SOURCE)
    granted = by_name(fig, "Toegekend")
    assert dict(zip(granted.customdata[:, 0], granted.x)) == {"10000": 7, "70000": 5}
    assert any(y.startswith("Limburg") for y in granted.y)


def test_per_inhabitant_chart_shows_the_hand_checked_figure_in_euro():
    munis = pd.DataFrame({"nis": ["A", "B"], "name": ["Aa", "Bb"], "population": [10_000, 30_000]})
    f = frame([{"id": "1", "nis2025": "A", "budget_eur": 100_000, "budget_basis": "granted"},
               {"id": "2", "nis2025": "B", "budget_eur": 70_000, "budget_basis": "granted"}])
    fig = charts.per_inhabitant_chart(budget.per_inhabitant(f, munis), "nl", source=SOURCE)
    bar = traces(fig)[0]
    assert bar.x[0] == pytest.approx(170_000 / 40_000)  # 4.25 EUR per inhabitant
    assert bar.text[0] == "€\xa04,25"
    assert bar.customdata[0][3] == "40.000" and bar.customdata[0][4] == "Aa, Bb"


def test_english_charts_use_english_separators_and_labels(programmes_df):
    totals = budget.programme_totals(programmes_df, ("stek",))
    fig = charts.programme_totals_chart(totals, "en", source=SOURCE)
    assert fig.layout.separators == ".,"
    assert by_name(fig, "Granted").text[0] == "€1,494,572.92"


# ---------------------------------------------------------------------------
# Status and timeline
# ---------------------------------------------------------------------------
def test_status_chart_stacks_counts_per_status_and_shows_unknown_honestly():
    f = frame([{"id": "a", "programme": "stek"}, {"id": "b", "programme": "stek"},
               {"id": "c", "start_date": "2022-03-01", "end_date": "2024-02-29"}])
    data = budget.status_counts(f, date(2023, 5, 1), ("stek", "zorgzame_buurt"))
    fig = charts.status_chart(data, "nl", date(2023, 5, 1), source=SOURCE)
    unknown = [t for t in traces(fig) if t.name.startswith("onbekend")][0]
    assert "geen startdatum gepubliceerd" in unknown.name
    assert list(unknown.x) == [2, 0]
    assert list(by_name(fig, "lopend").x) == [0, 1]
    assert "1 mei 2023" in fig.layout.title.text
    assert fig.layout.xaxis.title.text == "Aantal projecten"


@pytest.mark.parametrize("ref", [date(2023, 5, 1), date(2020, 2, 29)])
def test_timeline_marks_the_reference_date_with_a_vertical_line(ref, programmes_df):
    f = frame([{"id": "p", "programme": "proeftuin", "start_date": "2019-07-01", "end_date": "2022-06-30"}])
    fig = charts.timeline_chart(budget.timeline(f, programmes_df, ("proeftuin",)), "nl", ref, source=SOURCE)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert [(s.x0, s.x1) for s in lines] == [(ref.isoformat(), ref.isoformat())]
    day_nl = {date(2023, 5, 1): "1 mei 2023", date(2020, 2, 29): "29 februari 2020"}[ref]
    assert any(day_nl in a for a in annotations_text(fig))


def test_timeline_draws_only_published_periods_and_labels_the_programme_period(programmes_df):
    f = frame([
        {"id": "p1", "programme": "proeftuin", "start_date": "2019-07-01", "end_date": "2022-06-30"},
        {"id": "p2", "programme": "proeftuin", "start_date": "2019-07-01", "end_date": "2024-06-30"},
        {"id": "s", "programme": "stek"},
    ])
    fig = charts.timeline_chart(budget.timeline(f, programmes_df, ("stek", "proeftuin")), "nl", date(2023, 5, 1),
                                source=SOURCE)
    projects = by_name(fig, "Projectperiode (per project gepubliceerd)")
    assert list(projects.base) == ["2019-07-01", "2019-07-01"]
    # Bars end at the end of the end day: duration = days from start to end, inclusive.
    expected_days = [(date(2022, 6, 30) - date(2019, 7, 1)).days + 1, (date(2024, 6, 30) - date(2019, 7, 1)).days + 1]
    assert [round(x / 86_400_000) for x in projects.x] == expected_days
    programme = by_name(fig, "Programmaperiode (programmafeiten)")
    assert "programmaperiode (officieel)" in text_of(programme.y[0])
    undated = traces(fig, "scatter")[0]
    # an undated row says so under its label (a text next to the axis ran off a phone's plot)
    assert [label(y) for y in undated.y] == ["STEK (16 nieuwe): 1 zonder datums"] and undated.text == ("",)
    assert note_of(undated.y[0]) == "niet getekend: periode niet gepubliceerd"


# ---------------------------------------------------------------------------
# Urban versus rural
# ---------------------------------------------------------------------------
def test_area_split_chart_puts_population_next_to_programmes_with_class_codes_for_clicks():
    munis = pd.DataFrame({"nis": list("abc"), "degurba": [1, 2, 3], "population": [50, 30, 20]})
    f = frame([{"id": "1", "degurba": "3"}, {"id": "2", "degurba": "1"}])
    data = budget.area_split(f, munis, "degurba", ["1", "2", "3"])
    fig = charts.area_split_chart(data, "nl", "degurba", population_label="Bevolking", source=SOURCE)
    rural = by_name(fig, "Platteland (dunbevolkt)")
    assert dict(zip(rural.y, rural.x)) == {"Zorgzame buurt": 50.0, "Bevolking": pytest.approx(20.0)}
    assert set(rural.customdata[:, 0]) == {"3"}
    assert fig.layout.barmode == "stack" and fig.layout.xaxis.ticksuffix == " %"


# ---------------------------------------------------------------------------
# Every chart: title, axis unit, source line, colours, the one plotly importer
# ---------------------------------------------------------------------------
def all_figures(lang: str = "nl") -> list:
    f = frame([
        {"id": "a", "nis2025": "A", "degurba": "1", "budget_eur": 100_000, "budget_basis": "granted",
         "start_date": "2022-03-01", "end_date": "2024-02-29", "municipality": "Aa", "organisation": "Gemeente Aa"},
        {"id": "b", "programme": "stek", "institute_id": "i0", "degurba": "2", "municipality": "Bb"},
    ])
    munis = pd.DataFrame({"nis": ["A", "B"], "name": ["Aa", "Bb"], "population": [10, 20], "degurba": [1, 2]})
    inst = pd.DataFrame({"id": ["i0"], "short_name": ["I0"]})
    facts = programmes()
    ref = date(2023, 5, 1)
    holders = budget.with_amount(budget.budget_by_holder(f, inst))
    return [
        charts.programme_totals_chart(budget.programme_totals(facts), lang, source=SOURCE),
        charts.budget_by_programme_chart(budget.budget_by_programme(f), lang, source=SOURCE),
        charts.budget_by_province_chart(budget.budget_by_province(f), lang, source=SOURCE),
        charts.budget_by_holder_chart(holders, lang, source=SOURCE, n_holders_without=1, n_projects_without=1),
        charts.project_budget_chart(budget.project_amounts(f), lang, source=SOURCE, n_without=1),
        charts.per_inhabitant_chart(budget.per_inhabitant(f, munis), lang, source=SOURCE),
        charts.stek_institutes_chart(budget.stek_institutes(f, inst, facts), lang, source=SOURCE),
        charts.status_chart(budget.status_counts(f, ref), lang, ref, source=SOURCE),
        charts.timeline_chart(budget.timeline(f, facts), lang, ref, source=SOURCE),
        charts.area_split_chart(budget.area_split(f, munis, "degurba", ["1", "2", "3"]), lang, "degurba",
                                population_label="Bevolking", source=SOURCE),
    ]


UNITS = {"nl": ("EUR", "Aantal", "%", "Datum"), "en": ("EUR", "Number", "%", "Date")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_chart_has_a_title_an_axis_title_with_unit_and_a_source_line(lang):
    for fig in all_figures(lang):
        assert fig.layout.title.text, fig
        x_title = fig.layout.xaxis.title.text
        assert any(unit in x_title for unit in UNITS[lang]), x_title
        assert any(SOURCE in a for a in annotations_text(fig)), fig.layout.title.text
        assert fig.layout.separators == charts.separators(lang)


def test_source_line_names_the_sources_in_words_not_file_paths():
    line = charts.source_line("nl", facts=["Vlaams Parlement"], population=True, typology="degurba")
    assert line.startswith("Bron:")
    for part in ("projectenlijst", "programmagegevens", "Vlaams Parlement", "Statbel", "2020", "DEGURBA"):
        assert part in line
    assert "data/" not in line and ".csv" not in line


def test_png_download_is_configured_on_the_toolbar():
    config = charts.png_config("budget_per_provincie")
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "budget_per_provincie", "scale": 2}
    # the camera only: no zoom or pan buttons over the title (the charts do not zoom or pan)
    assert {"zoom2d", "pan2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "resetScale2d"} <= set(config["modeBarButtonsToRemove"])


# --- need (issue 15) ------------------------------------------------------------------------------
def _need_frame():
    return pd.DataFrame({
        "nis": ["1", "2", "3"], "name": ['<a href="https://evil.example">Klik</a>', "Oostende", "Brussel"],
        "province_nis": ["30000"] * 3, "province_name": ["West-Vlaanderen"] * 3, "population": [1000, 71647, 5000],
        "kansarmoede_index_pct": [10.0, 31.91, float("nan")], "n_projects": [0, 2, 1],
        "projects_per_10k": [0.0, 0.28, 2.0], "amount_granted_eur": [0.0, 10_000.0, 0.0], "n_granted": [0, 1, 0],
        "amount_per_10k": [0.0, 1395.7, 0.0],
    })


def test_need_chart_escapes_names_and_states_the_incomplete_list_and_the_missing():
    fig = charts.need_chart(_need_frame(), "nl", measure="projects", level="municipality",
                            known_note="Projectlijst onvolledig: Zorgzame buurt: 64 van 114", source=charts.source_line("nl", need=True))
    trace = fig.data[0]
    assert list(trace.x) == [10.0, 31.91]  # Brussel (no index) left out, not put at 0
    names = [row[0] for row in trace.customdata]
    assert names[0] == "&lt;a href=&quot;https://evil.example&quot;&gt;Klik&lt;/a&gt;" and names[1] == "Oostende"
    subtitle = fig.layout.title.subtitle.text
    assert "Projectlijst onvolledig" in subtitle and "1 zonder kansarmoede-index niet getoond" in subtitle
    assert fig.layout.xaxis.title.text == "Kansarmoede-index (%)"
    assert any("Gemeente-Stadsmonitor" in a for a in annotations_text(fig))


def test_need_chart_by_province_labels_points_and_notes_the_weighting():
    fig = charts.need_chart(_need_frame(), "en", measure="amount", level="province", known_note="Project list incomplete",
                            source=charts.source_line("en", need=True))
    assert fig.data[0].mode == "markers+text" and "Oostende" in list(fig.data[0].text)
    subtitle = fig.layout.title.subtitle.text.replace("<br>", " ")
    assert "weighted by inhabitants" in subtitle and "group amounts" in subtitle


def test_safe_text_escapes_markup_for_plotly():
    assert charts.safe_text("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert charts.safe_text(None) == ""


# ---------------------------------------------------------------------------
# Data text is never markup
# ---------------------------------------------------------------------------
EVIL = '<a href="https://evil.example">x</a>'


def _strings(obj) -> list[str]:
    """Every string in a figure's JSON (labels, texts, hover data, annotations)."""
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, (list, tuple)):
        return [s for v in obj for s in _strings(v)]
    return []


def hostile_figures(lang: str = "nl") -> list:
    f = frame([
        {"id": EVIL, "name": EVIL, "organisation": EVIL, "municipality": EVIL, "budget_eur": 100_000,
         "budget_basis": "granted", "nis2025": "A", "degurba": "1", "start_date": "2022-03-01",
         "end_date": "2024-02-29"},
        {"id": "b", "programme": "stek", "institute_id": "i0", "municipality": "Bb", "organisation": EVIL,
         "province_nis": "", "budget_eur": 5_000, "budget_basis": "granted"},
    ])
    inst = pd.DataFrame({"id": ["i0"], "short_name": [EVIL], "name": [EVIL]})
    facts = programmes()
    ref = date(2023, 5, 1)
    holders = budget.with_amount(budget.budget_by_holder(f, inst))
    return [
        charts.budget_by_holder_chart(holders, lang, source=SOURCE, n_holders_without=0, n_projects_without=0),
        charts.project_budget_chart(budget.project_amounts(f), lang, source=SOURCE, n_without=0),
        charts.stek_institutes_chart(budget.stek_institutes(f, inst, facts), lang, source=SOURCE),
        charts.status_chart(budget.status_counts(f, ref), lang, ref, source=SOURCE, note=EVIL),
        charts.timeline_chart(budget.timeline(f, facts), lang, ref, source=charts.source_line(lang, facts=[EVIL])),
    ]


def test_a_hostile_organisation_name_is_shown_as_text_never_as_a_link():
    import json

    for fig in hostile_figures():
        spec = json.loads(fig.to_json())
        for tr in spec["data"]:  # customdata[0] is the click value (never shown): data as it is
            tr["customdata"] = [row[1:] for row in tr.get("customdata") or []]
        strings = _strings(spec)
        shown = [s for s in strings if "evil.example" in s]
        assert shown, fig.layout.title.text  # the name is in the figure ...
        assert not any("<a " in s.lower() or "<a>" in s.lower() for s in strings), fig.layout.title.text
        assert any("&lt;a href=" in s.replace("<br>", " ") for s in shown)  # ... escaped once, not twice
        assert not any("&amp;lt;" in s for s in strings)


def test_hover_texts_never_show_the_unescaped_click_value():
    for fig in all_figures() + hostile_figures():
        for tr in fig.data:
            assert "customdata[0]" not in (tr.hovertemplate or ""), fig.layout.title.text


# ---------------------------------------------------------------------------
# Each value next to its own label (issue 19.1)
# ---------------------------------------------------------------------------
def _csv_amounts(programme: str, basis: str) -> dict[str, float]:
    """'<municipality> · <id>' -> amount, straight from data/projects.csv (an amount without basis is granted)."""
    raw = pd.read_csv(REPO / "data" / "projects.csv", dtype=str, keep_default_na=False)
    raw = raw[(raw["programme"] == programme) & (raw["budget_eur"] != "")]
    raw = raw[raw["budget_basis"].replace("", "granted") == basis]
    return {f"{m} · {i}": float(v) for m, i, v in zip(raw["municipality"], raw["id"], raw["budget_eur"])}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_project_chart_pairs_every_amount_with_its_own_project_next_to_the_group_bar(lang, projects):
    from tests.chart_pairs import bar_pairs

    shown = projects[projects["programme"] == "zorgzame_buurt"]
    groups = budget.group_amounts(shown)
    assert len(groups) == 1  # the Gent group: the case that shifted every label
    fig = charts.project_budget_chart(budget.project_amounts(shown), lang, source=SOURCE, n_without=0, groups=groups)
    pairs = bar_pairs(fig)
    granted = dict(pairs["Toegekend" if lang == "nl" else "Granted"])
    assert granted["Ledegem · ZB-WVL-43"] == 100_000 and granted["Diest · ZB-VBR-10"] == 70_000
    assert granted["Geraardsbergen · ZB-OVL-06"] == 90_000 and granted["Turnhout · ZB-ANT-12"] == 82_000
    assert granted == _csv_amounts("zorgzame_buurt", "granted")  # every bar, none more, none less
    group_name = "Gent (5 projecten samen)" if lang == "nl" else "Ghent (5 projects together)"
    [(group_trace, group_pairs)] = [(n, p) for n, p in pairs.items() if group_name in dict(p)]
    assert group_pairs == [(group_name, 400_000)]
    # The text alternative says the same pairs: the group only under the group amount.
    summary = charts.text_summary(fig, lang)
    granted_part = summary.split(("Toegekend" if lang == "nl" else "Granted") + ": ")[1]
    assert group_name not in granted_part
    first = list(granted.items())[0]
    assert granted_part.startswith(f"{first[0]} {'100.000' if lang == 'nl' else '100,000'}")


def test_two_rows_with_the_same_visible_label_stay_two_rows():
    from tests.chart_pairs import bar_pairs, rows

    # Two distinct periods of one programme with the same number of projects: same label "1 project".
    f = frame([
        {"id": "p1", "programme": "proeftuin", "start_date": "2019-07-01", "end_date": "2022-06-30"},
        {"id": "p2", "programme": "proeftuin", "start_date": "2020-01-01", "end_date": "2024-06-30"},
    ])
    fig = charts.timeline_chart(budget.timeline(f, None, ("proeftuin",)), "nl", date(2023, 5, 1), source=SOURCE)
    assert len(rows(fig)) == 2
    assert [label for label, _ in bar_pairs(fig)["Projectperiode (per project gepubliceerd)"]] == ["1 project"] * 2
    # Two organisations whose names agree in the first 46 characters: two rows, each with its own amount.
    long = "Vereniging voor samenlevingsopbouw en buurtwerking"
    f = frame([{"id": "a", "organisation": long + " Noord", "municipality": "Aa", "budget_eur": 10_000,
                "budget_basis": "granted"},
               {"id": "b", "organisation": long + " Zuid", "municipality": "Aa", "budget_eur": 20_000,
                "budget_basis": "granted"}])
    holders = budget.with_amount(budget.budget_by_holder(f, pd.DataFrame({"id": [], "short_name": []})))
    fig = charts.budget_by_holder_chart(holders, "nl", source=SOURCE, n_holders_without=0, n_projects_without=0)
    assert len(rows(fig)) == 2
    assert sorted(v for _, v in bar_pairs(fig)["Toegekend"]) == [10_000, 20_000]
    assert "10.000" in charts.text_summary(fig, "nl") and "20.000" in charts.text_summary(fig, "nl")


def test_a_category_list_and_a_mask_of_other_rows_are_refused():
    with pytest.raises(ValueError):
        charts.rows_where(["group", "a", "b"], [True, False])
    assert charts.categories(["a", "b", "a", "a"]) == ["a", "b", "a\u200b", "a\u200b\u200b"]


def test_fit_to_frame_puts_the_legend_right_above_the_plot_and_keeps_the_figure(programmes_df):
    """Presenter mode draws the programme chart in a frame lower than the figure's own height: the
    legend must then sit on the plot area (paper), not at a fraction of the figure's height."""
    facts = programmes_df
    totals = budget.programme_totals(facts)
    fig = charts.programme_totals_chart(totals, "nl", source="Bron: test")
    assert fig.layout.legend.yref == "container"  # what the normal page keeps
    fitted = charts.fit_to_frame(fig)
    legend = fitted.layout.legend
    assert (legend.yref, legend.y, legend.yanchor, legend.xref, legend.x) == ("paper", 1, "bottom", "paper", 0)
    assert fig.layout.legend.yref == "container"  # the original is not changed
    assert fitted.layout.title.text == fig.layout.title.text and fitted.layout.height == fig.layout.height
    assert [list(tr.x) for tr in fitted.data] == [list(tr.x) for tr in fig.data]  # the same bars and values
    assert [list(tr.text) for tr in fitted.data] == [list(tr.text) for tr in fig.data]
