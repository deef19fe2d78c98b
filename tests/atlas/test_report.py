"""The coverage view and its exports (atlas.views.report): upload, area, figures, HTML report, CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from atlas.model import completeness
from atlas.model.data import institutes
from atlas.model.filters import FilterState
from atlas.model.validate import validate_bytes
from atlas.views import report
from geo.mapbuilder import decode_columns
from tests.conftest import csv_bytes, row

XSS = "<script>alert('x')</script>"


def upload_with_one_bad_row() -> bytes:
    """Two valid own locations (Kinrooi, Hasselt) and one in Wallonia (row 2)."""
    return csv_bytes([
        row(id="OWN-1", name="Buurtpunt Kinrooi", municipality_nis="72018", municipality="Kinrooi",
            lat="51.1450", lon="5.7420"),
        row(id="OWN-2", name="Namen", municipality_nis="72018", municipality="Kinrooi", lat="50.4669", lon="4.8675"),
        row(id="OWN-3", name=XSS, municipality_nis="71072", municipality="Hasselt", lat="50.9307", lon="5.3378"),
    ])


def view_for(state, munis, projects, territory, own=None, include_own=False, within_km=None):
    area = report.resolve_area(state, munis, institutes(), state.lang)
    cov = report.compute_coverage(territory, projects, state.programmes, own, include_own)
    return report.build_view(area, cov, typology=state.typology, within_km=within_km, lang=state.lang,
                             own=own, include_own=include_own)


# --- upload ----------------------------------------------------------------------------
def test_upload_with_one_bad_row_reports_it_with_the_validators_message_and_keeps_the_rest(institutes_df):
    raw = upload_with_one_bad_row()
    own = report.read_own_locations(raw, "mijn.csv")
    expected = [str(p) for p in validate_bytes(raw, "mijn.csv", use_geo=True,
                                               institutes=set(institutes_df["id"])).problems]
    assert own.problems == expected and len(expected) == 1
    assert own.problems[0].startswith("mijn.csv row 2 (line 3): lat")
    assert "outside Flanders and Brussels" in own.problems[0]
    assert own.refused is None and own.n_rows == 3 and own.n_valid == 2
    assert list(own.projects["id"]) == ["eigen:OWN-1", "eigen:OWN-3"]
    assert list(own.projects["nis2025"]) == ["72018", "71072"]


def test_valid_uploaded_rows_count_in_the_figures_only_when_included(munis, projects, territory):
    own = report.read_own_locations(upload_with_one_bad_row(), "mijn.csv").projects
    state = FilterState(institute="saamo-limburg")
    without = view_for(state, munis, projects, territory, own, include_own=False)
    with_ = view_for(state, munis, projects, territory, own, include_own=True)
    assert report.OWN_GROUP not in without.summary.index
    assert with_.summary.loc[report.OWN_GROUP, "projects"] == 2
    assert with_.summary.loc["all", "projects"] == without.summary.loc["all", "projects"] + 2
    # Kinrooi and Hasselt were white spots; with the own locations they are not
    for view, white in ((without, True), (with_, False)):
        table = view.table.set_index("name")
        assert bool(table.loc["Kinrooi", "white_spot"]) == white
        assert bool(table.loc["Hasselt", "white_spot"]) == white
    assert with_.summary.loc["all", "share_within_5km"] > without.summary.loc["all", "share_within_5km"]
    # on the map either way, marked as own locations (ring + name)
    for view in (without, with_):
        mine = view.map_projects[view.map_projects["id"].str.startswith(report.OWN_ID_PREFIX)]
        assert len(mine) == 2 and mine["name"].str.startswith("Eigen locatie: ").all()
        assert set(mine["id"]) <= view.highlight_ids


def test_an_upload_over_1_mb_is_refused_without_being_read():
    raw = b"id,programme\n" + b"x" * report.MAX_UPLOAD_BYTES
    own = report.read_own_locations(raw, "groot.csv")
    assert own.refused and "1 MB" in own.refused and "groter dan" in own.refused
    assert own.n_valid == 0 and own.problems == []
    at_limit = report.read_own_locations(csv_bytes([row()]), "klein.csv")
    assert at_limit.refused is None and at_limit.n_valid == 1


@pytest.mark.parametrize("lang, text", [
    ("nl", "Bestand geweigerd: 1.000.001 bytes is groter dan het maximum van 1 MB (1.000.000 bytes)."),
    ("en", "File refused: 1,000,001 bytes is larger than the maximum of 1 MB (1,000,000 bytes)."),
])
def test_the_stated_upload_limit_is_the_real_one(lang, text):
    """1 MB is 1,000,000 bytes, as the browser's uploader counts outside Windows: a file of exactly
    that size is read, one byte more is refused by the app with its message (issue 23.7). The
    uploader and the server let up to 2 MB through, so the app always sees the file."""
    one = csv_bytes([row()])
    exact = one + b"\n" * (report.MAX_UPLOAD_BYTES - len(one))  # empty lines are skipped
    assert len(exact) == 1_000_000
    own = report.read_own_locations(exact, "precies.csv", lang)
    assert own.refused is None and own.n_valid == 1
    over = report.read_own_locations(exact + b"\n", "te-groot.csv", lang)
    assert over.refused.startswith(text) and over.n_valid == 0
    assert report.UPLOADER_MB * 1_000_000 > report.MAX_UPLOAD_BYTES
    config = (Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert f"\nmaxUploadSize = {report.UPLOADER_MB}\n" in config


# --- area ------------------------------------------------------------------------------
def test_area_precedence_custom_then_institute_then_province_then_all(munis, institutes_df):
    inst = institutes_df
    custom = report.resolve_area(FilterState(institute="saamo-limburg", municipalities=("71004", "71034")), munis, inst)
    assert custom.kind == "custom" and custom.nis == {"71004", "71034"}
    assert custom.url_param == "municipalities=71004,71034"
    limburg = report.resolve_area(FilterState(institute="saamo-limburg"), munis, inst)
    assert limburg.kind == "institute" and len(limburg.nis) == 38 and "38 gemeenten" in limburg.definition and "Provincie Limburg" in limburg.note
    province = report.resolve_area(FilterState(provinces=("70000",)), munis, inst)
    assert province.kind == "province" and province.nis == limburg.nis and province.url_param == "province=70000"
    everything = report.resolve_area(FilterState(), munis, inst)
    assert everything.kind == "all" and len(everything.nis) == 304


def test_sidebar_filters_narrow_an_institute_area_and_say_so(munis, institutes_df):
    area = report.resolve_area(FilterState(institute="saamo-limburg", area=("3",)), munis, institutes_df)
    rural = set(munis.loc[(munis["province_nis"] == "70000") & (munis["degurba"] == 3), "nis"])
    assert area.nis == rural and 0 < len(rural) < 38
    assert area.restrictions and "Platteland" in area.restrictions[0]


# --- figures and exports ----------------------------------------------------------------
def test_own_stek_locations_of_the_institute_are_highlighted(munis, projects, territory):
    view = view_for(FilterState(institute="saamo-limburg"), munis, projects, territory)
    assert view.highlight_ids == {"STEK-N01", "STEK-N02"}
    assert "SAAMO Limburg" in report.highlight_label(view)
    assert set(view.map_projects["nis2025"]) >= {"71004", "71034"}


def test_csv_has_one_row_per_municipality_white_spots_first(munis, projects, territory):
    view = view_for(FilterState(institute="saamo-limburg"), munis, projects, territory)
    text = report.table_csv(view, ["filter: http://x/?institute=saamo-limburg"]).decode("utf-8-sig")
    assert text.startswith("# filter: http://x/?institute=saamo-limburg")
    rows = list(csv.DictReader(io.StringIO(text.split("\r\n", 1)[1]), delimiter=";"))
    assert len(rows) == 38
    assert sum(int(r["Inwoners (2020)"]) for r in rows) == view.summary.loc["all", "population"]
    assert {r["Geen gekend project"] for r in rows} <= {"Ja", "Nee"}
    flags = [r["Geen gekend project"] == "Ja" for r in rows]
    assert flags == sorted(flags, reverse=True)
    beringen = next(r for r in rows if r["Gemeente"] == "Beringen")
    assert beringen["Projecten"] == "2" and re.fullmatch(r"\d+,\d", beringen["Afstand dichtstbijzijnd project (km)"])


def test_coverage_table_xlsx_has_the_same_rows_typed(munis, projects, territory):
    import openpyxl

    view = view_for(FilterState(institute="saamo-limburg"), munis, projects, territory)
    wb = openpyxl.load_workbook(io.BytesIO(report.table_xlsx(view)))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][1] == "Gemeente" and len(rows) == 39
    assert all(isinstance(r[3], int) for r in rows[1:])


def test_display_tables_use_belgian_number_formats(munis, projects, territory):
    view = view_for(FilterState(), munis, projects, territory)
    summary = report.summary_display(view)
    assert summary.iloc[0, 0] == "Alle programma's samen"
    assert summary.iloc[0]["Gemeenten met ≥ 1 project"].endswith("van 304")
    assert all(v.endswith(" %") for v in summary["Inwoners ≤ 5 km"])
    balance = report.balance_display(view)
    assert "." in balance.iloc[0]["Inwoners"]  # 2.478.986, not 2,478,986
    en = view_for(FilterState(lang="en"), munis, projects, territory)
    assert report.summary_display(en).iloc[0, 0] == "All programmes together"


def test_report_is_self_contained_escaped_and_complete(munis, projects, territory, layers):
    own = report.read_own_locations(upload_with_one_bad_row(), "mijn.csv").projects
    state = FilterState(institute="saamo-limburg")
    view = view_for(state, munis, projects, territory, own, include_own=True)
    doc = report.build_report(view, layers, state, munis)
    # no external resource of any kind: scripts, styles, fonts, images, imports
    assert not re.search(r"<script[^>]*\ssrc=", doc, re.I)
    assert not re.search(r"<link[^>]*\shref=", doc, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", doc, re.I)
    assert "@import" not in doc and "fonts.googleapis" not in doc
    # data-derived text is escaped, here and inside the embedded map
    assert XSS not in doc and "<script>alert" not in doc
    assert "&lt;script&gt;alert" in doc
    # the parts a reader needs
    for text in ("Dekkingsrapport: SAAMO Limburg", "Beringen", "Leopoldsburg",
                 "schatting: bevolking gelijk gespreid over de gemeente", "Statbel", "Eigen locaties",
                 "Gemaakt op"):
        assert text in doc, text
    assert doc.count("<iframe") == 1 and 'srcdoc="' in doc and "leaflet" in doc.lower()


def test_report_without_geography_layers_still_renders_with_a_note(munis, projects, territory):
    state = FilterState(provinces=("70000",))
    view = view_for(state, munis, projects, territory)
    doc = report.build_report(view, None, state, munis)
    assert "<iframe" not in doc and "Geen kaart" in doc


def test_hostile_text_is_escaped_exactly_once_in_the_report_and_is_plain_text_on_its_map(munis, projects, territory,
                                                                                        layers):
    from dataclasses import replace
    from html.parser import HTMLParser

    from markupsafe import escape

    hostile = '<img src=x onerror=alert(1)> & "quotes"'
    raw = csv_bytes([row(id="OWN-9", name=hostile, municipality_nis="71072", municipality="Hasselt",
                         lat="50.9307", lon="5.3378")])
    own = report.read_own_locations(raw, "mijn.csv").projects
    state = FilterState(institute="saamo-limburg")
    view = view_for(state, munis, projects, territory, own, include_own=True)
    view = replace(view, area=replace(view.area, note=hostile))
    doc = report.build_report(view, layers, state, munis)
    assert "<img" not in doc and "&amp;lt;" not in doc and "&amp;amp;" not in doc  # no raw tag, no double escape
    # escaped once wherever it is shown: the area note, the projects table ("Eigen locatie: <name>") and
    # each municipality whose nearest project it is
    nearest = int((view.table["nearest_name"] == hostile).sum())
    assert nearest >= 1 and doc.count(str(escape(hostile))) == 2 + nearest
    assert f"<dd>{escape(hostile)}</dd>" in doc and f"<td>Eigen locatie: {escape(hostile)}</td>" in doc

    class Srcdoc(HTMLParser):  # the map document as the browser gets it from the attribute
        value = ""

        def handle_starttag(self, tag, attrs):
            if tag == "iframe":
                Srcdoc.value = dict(attrs)["srcdoc"]

    Srcdoc().feed(doc)
    inner = Srcdoc.value
    assert "<img" not in inner and inner.count("zbMap.markers(") >= 2
    names = [r[3] for m in re.finditer(r"zbMap\.markers\(\w+, ", inner)
             for r in decode_columns(json.JSONDecoder().raw_decode(inner, m.end())[0])]
    assert "Eigen locatie: " + hostile in names  # shown as text by map.js, escaped by nobody


def test_report_template_is_a_file_and_the_module_builds_no_markup():
    source = open(report.__file__, encoding="utf-8").read()
    assert not re.search(r"<(table|tr|td|th|h1|h2|dl|dt|dd|iframe|html|style)\b", source)
    assert (Path(report.__file__).parent / "templates" / "report.html.j2").is_file()


def test_fills_mark_white_spots_and_partial_coverage(munis, projects, territory):
    view = view_for(FilterState(institute="saamo-limburg"), munis, projects, territory, within_km=5)
    fills, legend, title = report.map_fills(view)
    assert set(fills) == set(view.area.nis) and "5 km" in title
    white = set(view.table.loc[view.table["white_spot"], "nis"])
    assert white and all(fills[n] == report.WHITE_SPOT_COLOUR for n in white)
    assert any(fills[n] != report.WHITE_SPOT_COLOUR for n in view.area.nis)
    assert pd.Series([c for c, _ in legend]).is_unique


# --- need gaps (issue 15) ---------------------------------------------------------------
@pytest.fixture
def need_view(projects, munis, institutes_df, programmes_df, territory):
    """The coverage view of an institute's area with its need gaps (threshold: kansarmoede-index %)."""
    def view(institute: str, threshold: float = 15, lang: str = "nl"):
        cov = report.compute_coverage(territory, projects, ("stek", "stek_bestaand", "proeftuin", "zorgzame_buurt"))
        state = FilterState(institute=institute, lang=lang)
        area = report.resolve_area(state, munis, institutes_df, lang)
        units = completeness.official_units(completeness.official_area_counts(), programmes_df, munis, institutes_df)
        known = completeness.area_lines(projects, programmes_df, units, state.programmes, area, lang)
        return report.build_view(area, cov, lang=lang, need_threshold=threshold, known=known, state=state)

    return view


def test_need_gaps_of_west_flanders_are_high_index_without_project_ranked_by_weight(need_view, projects):
    view = need_view("saamo-west-vlaanderen")
    gaps = view.need_gaps
    assert len(gaps) and (gaps["kansarmoede_index_pct"] >= 15).all() and (gaps["projects"] == 0).all()
    assert list(gaps["weight"]) == sorted(gaps["weight"], reverse=True)
    assert "Oostende" not in set(gaps["name"])  # 31.91 % but it has known projects
    line = report.need_line(view)
    c = view.need_counts
    assert line.startswith(f"{c.with_project} van de {c.at_or_above} gemeenten met een kansarmoede-index ≥ 15 %")
    assert c.at_or_above - c.with_project == len(gaps)
    # the parentheses say what is known for this area (issue 19.4): its own official counts, never Flanders'
    in_area = projects[projects["nis2025"].isin(view.area.nis)]
    n_zb = int((in_area["programme"] == "zorgzame_buurt").sum())
    n_pt = int((in_area["programme"] == "proeftuin").sum())
    assert f"{n_zb} van 32 zorgzame buurten in SAAMO West-Vlaanderen gekend" in line  # data/official_counts.csv
    assert f"{n_pt} van {n_pt} proeftuinen in SAAMO West-Vlaanderen (alle 6 zijn gekend)" in line
    assert "114" not in line and "Vlaanderen:" not in line and "van 16" not in line
    known_flanders = int((projects["programme"] == "zorgzame_buurt").sum())
    assert f"{known_flanders} van" not in line


def test_need_threshold_moves_the_gaps_and_the_line(need_view):
    low, high = need_view("saamo-west-vlaanderen", 10), need_view("saamo-west-vlaanderen", 25)
    assert len(low.need_gaps) > len(high.need_gaps)
    assert "≥ 25 %" in report.need_line(high)


def test_brussels_has_no_need_values_and_says_so(need_view):
    view = need_view("saamo-brussel", lang="en")
    assert view.need_gaps.empty
    assert report.need_line(view).startswith("No kansarmoede-index is known")


def test_need_gaps_reach_the_map_the_report_and_the_csv(need_view):
    import csv
    import io

    view = need_view("saamo-west-vlaanderen")
    fills, legend, _title = report.map_fills(view)
    first = view.need_gaps.iloc[0]
    assert fills[first["nis"]] == report.NEED_GAP_COLOUR
    assert legend[0] == (report.NEED_GAP_COLOUR, "geen gekend project, kansarmoede-index ≥ 15 %")
    html = report.report_html(view, None)
    assert "Noden zonder gekend project (kansarmoede-index ≥ 15 %)" in html
    assert report.need_line(view) in html and str(first["name"]) in html
    assert "Bron: Gemeente-Stadsmonitor" in html
    lines = [line for line in report.table_csv(view).decode("utf-8-sig").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))  # Belgian Excel: ';', decimal comma
    by_name = {r["Gemeente"]: r for r in rows}
    assert by_name["Oostende"]["Kansarmoede-index (%)"] == "31,91"
    assert by_name[first["name"]]["Geen gekend project en kansarmoede-index ≥ 15 %"] == "Ja"


def test_report_says_known_against_official_and_shows_no_paths_or_codes(munis, projects, territory, institutes_df,
                                                                        programmes_df):
    from geo.areas import institute_municipalities

    state = FilterState(institute="saamo-west-vlaanderen", programmes=("stek", "zorgzame_buurt"))
    view = view_for(state, munis, projects, territory)
    area_nis = institute_municipalities(state.institute, munis, institutes_df)
    units = completeness.official_units(completeness.official_area_counts(), programmes_df, munis, institutes_df)
    known = completeness.lines(projects, programmes_df, units, state.programmes, area_nis, "SAAMO West-Vlaanderen",
                               "nl")
    doc = report.build_report(view, None, state, munis, known=known)
    n_stek = int(((projects["programme"] == "stek") & projects["nis2025"].isin(area_nis)).sum())
    n_zb = int(((projects["programme"] == "zorgzame_buurt") & projects["nis2025"].isin(area_nis)).sum())
    assert f"{n_stek} van 2 nieuwe STEK-werkingen in SAAMO West-Vlaanderen gekend" in doc
    # the working area is the province: the province's official 32 (issue 19.2), not the Flemish 114
    assert f"{n_zb} van 32 zorgzame buurten in SAAMO West-Vlaanderen gekend" in doc
    assert "114" not in doc.split("<h2>", 1)[1].split("Bronnen", 1)[0]
    assert "Geen gekend project" in doc and "itte vlek" not in doc
    text = re.sub(r"<[^>]+>|https?://\S+", " ", doc.split("<h2>", 1)[1])
    for bad in ("data/", ".csv", "province:", "formerly"):
        assert bad not in text, bad


def test_report_and_table_say_the_filters_and_the_area_counts_in_english(munis, projects, territory, institutes_df,
                                                                         programmes_df):
    """Issue 19.3: the figures follow the status filter at the reference date; the report and the
    CSV/XLSX comments say so, with the area's own counts (19.2)."""
    from datetime import date

    from atlas.model.data import status_at

    state = FilterState(institute="saamo-limburg", statuses=("running",), date=date(2021, 6, 1), lang="en")
    area = report.resolve_area(state, munis, institutes_df, "en")
    units = completeness.official_units(completeness.official_area_counts(), programmes_df, munis, institutes_df)
    known = completeness.area_lines(projects, programmes_df, units, state.programmes, area, "en")
    cov = report.compute_coverage(territory, state.coverage_projects(projects), state.programmes)
    view = report.build_view(area, cov, lang="en", known=known, state=state)
    running = projects[(status_at(projects, state.ref_date) == "running") & projects["nis2025"].isin(area.nis)]
    assert int(view.summary.loc["all", "projects"]) == len(running)
    assert int(view.summary.loc["all", "municipalities_with"]) == running["nis2025"].nunique()
    line = "Filters applied to the coverage: status on the reference date: running; reference date 1 June 2021."
    assert report.filters_line(view) == line
    n_zb = int(((projects["programme"] == "zorgzame_buurt") & projects["nis2025"].isin(area.nis)).sum())
    zb = next(k for k in known if "caring neighbourhoods" in k)
    assert zb.startswith(f"{n_zb} of 17 caring neighbourhoods in SAAMO Limburg known")
    doc = report.report_html(view, None)
    assert line in doc and zb in doc
    raw = report.table_csv(view, report.table_comments(view, "http://127.0.0.1/dekking", ["Source X"]))
    comments = [c for c in raw.decode("utf-8-sig").splitlines() if c.startswith("#")]
    assert f"# {line}" in comments and f"# {zb}" in comments and comments[-1] == "# Source X"
