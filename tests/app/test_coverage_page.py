"""The coverage page through AppTest: deep links, the area choice, uploads, downloads."""

from __future__ import annotations

import re

import pytest

from atlas.views import report
from tests.app.conftest import map_args, open_section, run_app, text_tables, widget
from tests.conftest import csv_bytes, row

PAGE = "pages/coverage.py"


def municipality_table(at):
    if not at.dataframe:  # the table is built when its section is opened
        open_section(at, "coverage_table")
    return next(d.value for d in at.dataframe if "Geen gekend project" in d.value.columns)


def figures(at):
    return next(tb for tb in text_tables(at) if "Programma" in tb.columns)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_institute_link_lists_beringen_and_leopoldsburg():
    at = run_app({"institute": "saamo-limburg"}, page=PAGE)
    assert not at.exception and not at.error
    table = municipality_table(at)
    assert {"Beringen", "Leopoldsburg"} <= set(table["Gemeente"])
    assert len(table) == 38 and set(table["Provincie"]) == {"Limburg"}
    assert table["Geen gekend project"].iloc[0] == "●"  # white spots first
    assert at.subheader[0].value.startswith("SAAMO Limburg")
    assert metric(at, "Inwoners in het gebied") == "877.370"
    assert any("schatting: bevolking gelijk gespreid over de gemeente" in c.value for c in at.caption)
    # the map shows only this area, with the institute's own STEK locations ringed
    script = map_args(at)["script"]
    assert "eigen STEK-locaties van SAAMO Limburg" in script
    assert re.search(r'"nis":\s*"71034"', script) and not re.search(r'"nis":\s*"44021"', script)
    assert dict(at.query_params).get("institute") in ("saamo-limburg", ["saamo-limburg"])


def test_province_link_uses_the_province_filter_as_the_area():
    at = run_app({"province": "70000"}, page=PAGE)
    assert not at.exception
    assert widget(at, "radio", "cov_mode").value == "province"
    assert len(municipality_table(at)) == 38


def test_custom_municipalities_link_makes_my_working_area():
    at = run_app({"municipalities": "72018,71034"}, page=PAGE)
    assert not at.exception
    assert widget(at, "radio", "cov_mode").value == "custom"
    assert set(municipality_table(at)["Gemeente"]) == {"Kinrooi", "Leopoldsburg"}
    assert set(widget(at, "multiselect", "cov_custom").value) == {"72018", "71034"}


def test_picking_an_institute_on_the_page_writes_the_url_and_the_sidebar():
    at = run_app(page=PAGE)
    assert len(municipality_table(at)) == 304
    widget(at, "radio", "cov_mode").set_value("institute").run()
    widget(at, "selectbox", "cov_institute").set_value("saamo-gent").run()
    assert not at.exception
    assert set(municipality_table(at)["Gemeente"]) == {"Gent"}
    assert dict(at.query_params).get("institute") in ("saamo-gent", ["saamo-gent"])
    sidebar_institute = next(s for s in at.sidebar.selectbox if s.label == "Werkgebied regionaal instituut")
    assert sidebar_institute.value == "saamo-gent"


def test_a_zone_is_an_area_of_its_own_by_link_and_by_pick(munis):
    """A primary-care zone (eerstelijnszone, the reference layer's `elz`) is a mode of the page: a
    link names it, and picking one on the page writes the URL and the sidebar's zone filter."""
    members = lambda z: set(munis.loc[munis["elz"] == z, "name"])  # noqa: E731 - the layer, read directly
    at = run_app({"elz": "elz2"}, page=PAGE)
    assert not at.exception and not at.error
    assert widget(at, "radio", "cov_mode").value == "elz"
    assert widget(at, "selectbox", "cov_elz").value == "elz2"
    assert set(municipality_table(at)["Gemeente"]) == members("elz2") == {"Antwerpen", "Schoten", "Stabroek", "Wommelgem"}

    at = run_app({"institute": "saamo-limburg"}, page=PAGE)
    widget(at, "radio", "cov_mode").set_value("elz").run()
    zone = widget(at, "selectbox", "cov_elz")
    assert zone.value is None and len(zone.options) == munis["elz"].dropna().nunique()  # every zone, none picked yet
    assert "elz2 (Antwerpen, Schoten, Stabroek, Wommelgem)" in zone.options  # named as the sidebar names it
    zone.set_value("elz13").run()
    assert not at.exception
    assert set(municipality_table(at)["Gemeente"]) == members("elz13")
    params = dict(at.query_params)
    assert params.get("elz") in ("elz13", ["elz13"]) and "institute" not in params  # one way to name the area
    sidebar_zone = next(s for s in at.sidebar.selectbox if s.label == "Eerstelijnszone")
    assert sidebar_zone.value == "elz13"


def test_a_zone_pick_and_a_sidebar_change_in_one_rerun_both_hold():
    """Two widgets changed before one rerun (a quick user, a slow server): their callbacks run one
    after the other, and the zone pick starts a new generation of widget keys. Each callback reads
    its own widget (session._on_change); before, the sidebar's read the new generation's empty key
    (a browser run failed with 'NoneType is not iterable' in FilterState)."""
    at = run_app({"institute": "saamo-limburg"}, page=PAGE)
    widget(at, "radio", "cov_mode").set_value("elz").run()
    widget(at, "selectbox", "cov_elz").set_value("elz13")
    widget(at, "multiselect", "statuses").set_value(["running"])
    at.run()
    assert not at.exception and not at.error
    params = dict(at.query_params)
    assert params.get("elz") in ("elz13", ["elz13"]) and "institute" not in params
    assert params.get("status") in ("running", ["running"])
    assert widget(at, "selectbox", "cov_elz").value == "elz13"
    assert list(widget(at, "multiselect", "statuses").value) == ["running"]


def test_upload_with_one_bad_row_shows_the_validator_message_and_counts_the_valid_rows():
    raw = csv_bytes([
        row(id="OWN-1", name="Buurtpunt Kinrooi", municipality_nis="72018", municipality="Kinrooi",
            lat="51.1450", lon="5.7420"),
        row(id="OWN-2", name="Fout", municipality_nis="72018", municipality="Kinrooi", lat="abc", lon="5.74"),
    ])
    at = run_app({"institute": "saamo-limburg"}, page=PAGE)
    before = figures(at).iloc[0]["Projecten"]
    at.file_uploader(key="cov_upload").set_value(("mijn.csv", raw, "text/csv")).run()
    assert not at.exception
    assert any("1 probleem" in e.value for e in at.error)
    assert any("mijn.csv row 2 (line 3): lat 'abc' is not a number" in c.value for c in at.code)
    assert any("1 van 2 rijen zijn geldig" in s.value for s in at.success)
    at.checkbox(key="cov_include_own").check().run()
    fig = figures(at)
    assert fig.iloc[0]["Projecten"] == str(int(before) + 1)
    assert fig.iloc[-1]["Programma"] == "Eigen locaties" and fig.iloc[-1]["Projecten"] == "1"
    kinrooi = municipality_table(at).set_index("Gemeente").loc["Kinrooi"]
    assert kinrooi["Geen gekend project"] == "" and kinrooi["Projecten"] == 1


def test_an_upload_over_1_mb_is_refused_with_a_clear_message():
    at = run_app({"institute": "saamo-limburg"}, page=PAGE)
    big = b"x" * (report.MAX_UPLOAD_BYTES + 1)
    at.file_uploader(key="cov_upload").set_value(("groot.csv", big, "text/csv")).run()
    assert not at.exception
    assert any("Bestand geweigerd" in e.value and "1 MB" in e.value for e in at.error)
    assert not any(c.key == "cov_include_own" for c in at.checkbox)


def test_white_spot_rule_by_distance_changes_the_legend():
    at = run_app({"institute": "saamo-limburg"}, page=PAGE)
    at.segmented_control(key="cov_within").set_value("5").run()
    assert not at.exception
    assert "Inwoners binnen 5 km (schatting)" in map_args(at)["script"]


def test_report_and_csv_downloads_are_offered():
    at = run_app({"institute": "saamo-limburg"}, page=PAGE)
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("Rapport" in label for label in labels) and any("CSV" in label for label in labels)


@pytest.mark.parametrize("query", [{"institute": "bestaat-niet"}, {"municipalities": "99999"}])
def test_unknown_codes_in_the_link_give_no_traceback(query):
    at = run_app(query, page=PAGE)
    assert not at.exception


def test_switching_to_my_working_area_starts_from_the_current_area():
    at = run_app({"institute": "saamo-gent"}, page=PAGE)
    widget(at, "radio", "cov_mode").set_value("custom").run()
    assert not at.exception
    assert dict(at.query_params).get("municipalities") in ("44021", ["44021"])
    assert "institute" not in dict(at.query_params)
    assert widget(at, "multiselect", "cov_custom").value == ["44021"]
    widget(at, "multiselect", "cov_custom").select("71034").run()
    assert set(municipality_table(at)["Gemeente"]) == {"Gent", "Leopoldsburg"}


def test_without_reference_geography_the_page_says_which_layer_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_GEO_DIR", str(tmp_path / "missing-geo"))
    at = run_app({"institute": "saamo-limburg"}, page=PAGE)
    assert not at.exception
    messages = [e.value.replace("\\", "") for e in at.error] + [w.value for w in at.warning]  # escapes removed
    assert len(messages) == 1 and "ATLAS_GEO_DIR" in messages[0] and "missing-geo" in messages[0]


def test_an_institute_picked_in_the_sidebar_replaces_my_working_area():
    at = run_app({"municipalities": "72018,71034"}, page=PAGE)
    next(s for s in at.sidebar.selectbox if s.label == "Werkgebied regionaal instituut").set_value("saamo-gent").run()
    assert not at.exception
    assert set(municipality_table(at)["Gemeente"]) == {"Gent"}
    assert widget(at, "radio", "cov_mode").value == "institute"
    assert "municipalities" not in dict(at.query_params)


def test_an_institute_picked_in_the_sidebar_replaces_a_province_chosen_as_the_area():
    at = run_app({"province": "10000"}, page=PAGE)
    next(s for s in at.sidebar.selectbox if s.label == "Werkgebied regionaal instituut").set_value("saamo-gent").run()
    assert not at.exception
    assert set(municipality_table(at)["Gemeente"]) == {"Gent"}
    assert "province" not in dict(at.query_params)


# --- need gaps (issue 15) ---------------------------------------------------------------------
def need_table(at):
    return next(tb for tb in text_tables(at) if "Index × inwoners" in tb.columns)


def number(text: str) -> float:
    return float(text.replace(" %", "").replace(".", "").replace(",", "."))


def test_need_gaps_of_an_institute_are_listed_lined_up_and_drawn():
    at = run_app({"institute": "saamo-west-vlaanderen"}, page=PAGE)
    assert not at.exception and not at.error
    assert "Noden zonder gekend project (kansarmoede-index ≥ 15 %)" in [s.value for s in at.subheader]
    assert any(re.search(r"\d+ van de \d+ gemeenten met een kansarmoede\\-index ≥ 15 % hebben een gekend project",
                         m.value) for m in at.markdown)
    table = need_table(at)
    index = [number(v) for v in table["Kansarmoede-index"]]
    weight = [number(v) for v in table["Index × inwoners"]]
    assert len(table) and min(index) >= 15 and weight == sorted(weight, reverse=True)
    assert "Oostende" not in set(table["Gemeente"])  # high index, but known projects
    assert report.NEED_GAP_COLOUR in map_args(at)["script"]
    assert any(c.value.startswith("Bron: Gemeente-Stadsmonitor") for c in at.caption)


def test_raising_the_need_threshold_shortens_the_list():
    at = run_app({"institute": "saamo-west-vlaanderen"}, page=PAGE)
    before = len(need_table(at))
    at.number_input(key="cov_need_threshold").set_value(25.0).run()
    assert not at.exception
    assert "Noden zonder gekend project (kansarmoede-index ≥ 25 %)" in [s.value for s in at.subheader]
    after = [tb for tb in text_tables(at) if "Index × inwoners" in tb.columns]
    assert not after or len(after[0]) < before


# --- the coverage page follows the sidebar filters and counts per area (issue 19.2-4) ------------
@pytest.fixture
def expected(munis, projects, institutes_df):
    """What the data says for a deep link: the area, the projects that count (programme and status
    at the reference date, read from the data, not from the page's code) and the known counts."""
    from datetime import date

    from atlas.model import completeness
    from atlas.text import fmt
    from atlas.model.data import status_at
    from geo.areas import institute_municipalities

    def of(query: dict) -> dict:
        if "institute" in query:
            area = institute_municipalities(query["institute"], munis, institutes_df)
        else:
            area = set(query["municipalities"].split(","))
        ref = date.fromisoformat(query["date"]) if "date" in query else date.today()
        status = status_at(projects, ref)
        counted = projects[status.isin(query.get("status", "running,ended,planned,unknown").split(","))]
        in_area = counted[counted["nis2025"].isin(area)]
        official = completeness.official_area_counts()
        return {"area": area, "ref": ref, "projects": len(in_area), "municipalities": in_area["nis2025"].nunique(),
                "day": fmt.day(ref, "nl"), "all_projects": projects, "official": official}

    return of


def markdown_text(at) -> str:
    return "\n".join(m.value.replace("\u200b", "").replace("\\", "") for m in at.markdown)


@pytest.mark.parametrize("query", [
    {"institute": "saamo-limburg", "status": "running"},  # nothing runs today: 0, not 12 of 38
    {"institute": "saamo-west-vlaanderen", "status": "running", "date": "2021-06-01"},
    {"institute": "saamo-limburg", "status": "running", "date": "2021-06-01"},
    {"municipalities": "31005,35013,71004,72018", "status": "running", "date": "2021-06-01"},
])
def test_coverage_follows_the_status_filter_and_the_reference_date(query, expected):
    exp = expected(query)
    at = run_app(query, page=PAGE)
    assert not at.exception and not at.error
    assert metric(at, "Gemeenten met ≥ 1 project") == f"{exp['municipalities']} van {len(exp['area'])}"
    assert figures(at).iloc[0]["Projecten"] == str(exp["projects"])
    table = municipality_table(at)
    assert int(table["Projecten"].sum()) == exp["projects"]
    assert (table["Projecten"] > 0).sum() == exp["municipalities"]
    notes = [i.value.replace("\u200b", "") for i in at.info]  # (atlas.text.escape.md breaks autolinks)
    assert f"Filters toegepast op de dekking: status op de peildatum: lopend; peildatum {exp['day']}." in notes


def test_an_unfiltered_area_counts_every_project(expected):
    query = {"institute": "saamo-limburg"}
    exp = expected(query)
    at = run_app(query, page=PAGE)
    assert metric(at, "Gemeenten met ≥ 1 project") == f"{exp['municipalities']} van {len(exp['area'])}"
    assert not any(i.value.startswith("Filters toegepast") for i in at.info)


def test_a_filter_that_does_not_apply_on_the_coverage_page_is_named():
    at = run_app({"institute": "saamo-limburg", "municipality": "71004"}, page=PAGE)
    assert not at.exception
    assert "Niet toegepast op deze pagina: gemeente: Beringen." in [w.value.replace("\u200b", "") for w in at.warning]


@pytest.mark.parametrize("institute, province_code, name", [
    ("saamo-west-vlaanderen", "30000", "SAAMO West-Vlaanderen"), ("saamo-limburg", "70000", "SAAMO Limburg")])
def test_an_institute_whose_area_is_a_province_shows_the_province_count(institute, province_code, name, expected):
    exp = expected({"institute": institute})
    at = run_app({"institute": institute, "status": "running"}, page=PAGE)
    projects, official = exp["all_projects"], exp["official"]
    n = int(((projects["programme"] == "zorgzame_buurt") & projects["nis2025"].isin(exp["area"])).sum())
    N = int(official.loc[(official["programme"] == "zorgzame_buurt")
                         & (official["area"] == f"province:{province_code}"), "official_count"].iloc[0])
    text = markdown_text(at)
    assert f"{n} van {N} zorgzame buurten in {name} gekend" in text  # every status: known against official
    n_pt = int(((projects["programme"] == "proeftuin") & projects["nis2025"].isin(exp["area"])).sum())
    assert f"{n_pt} van {n_pt} proeftuinen in {name} (alle 6 zijn gekend)" in text
    need = next(m.value for m in at.markdown if "kansarmoede" in m.value)
    assert "114" not in need and "Vlaanderen:" not in need and "van 16" not in need  # issue 19.4


def test_the_need_line_says_what_is_known_for_the_area_not_for_flanders(expected):
    """Issue 19.4: the parentheses of the need line held Flanders-wide counts ('Zorgzame buurt: 81 van 114')."""
    exp = expected({"institute": "saamo-west-vlaanderen"})
    at = run_app({"institute": "saamo-west-vlaanderen"}, page=PAGE)
    need = next(m.value for m in at.markdown if "met een kansarmoede" in m.value).replace("\u200b", "").replace("\\", "")
    projects, official = exp["all_projects"], exp["official"]
    N = int(official.loc[(official["programme"] == "zorgzame_buurt") & (official["area"] == "province:30000"),
                         "official_count"].iloc[0])
    in_area = projects[projects["nis2025"].isin(exp["area"])]
    n_zb, n_stek = (int((in_area["programme"] == p).sum()) for p in ("zorgzame_buurt", "stek"))
    assert f"{n_zb} van {N} zorgzame buurten in SAAMO West-Vlaanderen gekend" in need
    assert f"{n_stek} van 2 nieuwe STEK-werkingen in SAAMO West-Vlaanderen gekend" in need
    assert "114" not in need and "van 16" not in need and "Vlaanderen met" not in need
