"""The map page through AppTest: every filter, deep links, URL updates, search selection."""

from __future__ import annotations

from datetime import date


from tests.app.conftest import map_args, marker_counts, markers_by_programme, open_section, run_app, widget


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def table(at):
    if not at.dataframe:  # the table is built when its section is opened
        open_section(at, "map_table")
    return at.dataframe[0].value


def test_deep_link_to_proeftuinen_shows_exactly_the_six():
    at = run_app({"programme": "proeftuin"})
    assert marker_counts(map_args(at)["script"]) == {"proeftuin": 6}
    assert metric(at, "Projecten getoond") == "6"
    assert len(table(at)) == 6
    assert widget(at, "multiselect", "programmes").value == ["proeftuin"]


def test_changing_the_programme_filter_updates_markers_and_url(projects):
    at = run_app()
    widget(at, "multiselect", "programmes").set_value(["stek", "stek_bestaand"]).run()
    expected = projects["programme"].isin(["stek", "stek_bestaand"]).sum()
    assert sum(marker_counts(map_args(at)["script"]).values()) == expected
    assert at.query_params["programme"] == "stek,stek_bestaand"


def test_province_filter_keeps_only_that_province(projects):
    at = run_app()
    widget(at, "multiselect", "provinces").set_value(["70000"]).run()
    assert at.query_params["province"] == "70000"
    assert sum(marker_counts(map_args(at)["script"]).values()) == (projects["province_nis"] == "70000").sum()
    assert set(table(at)["Provincie"]) == {"Limburg"}


def test_area_type_filter_under_degurba_keeps_rural_projects_only(projects):
    at = run_app()
    widget(at, "multiselect", "area").set_value(["3"]).run()
    assert at.query_params["area"] == "3"
    assert metric(at, "Aandeel landelijk (DEGURBA)") == "100 %"
    assert int(metric(at, "Projecten getoond")) == (projects["degurba"] == "3").sum()


def test_switching_typology_shows_its_definition_and_classes():
    at = run_app()
    widget(at, "radio", "typology").set_value("uitrusting").run()
    assert at.query_params["typology"] == "uitrusting"
    assert "zwak uitgeruste gemeenten, buiten invloedssfeer centrumstad" in widget(at, "multiselect", "area").options
    assert any("Van Hecke" in c.value for c in at.sidebar.caption)


def test_institute_filter_limits_the_map_to_its_working_area(projects):
    at = run_app({"institute": "saamo-limburg"})
    assert widget(at, "selectbox", "institute").value == "saamo-limburg"
    assert sum(marker_counts(map_args(at)["script"]).values()) == (projects["province_nis"] == "70000").sum()


def test_reference_date_from_the_url_drives_status_and_stays_in_the_url(projects):
    at = run_app({"date": "2023-05-01", "programme": "zorgzame_buurt"})
    assert widget(at, "date_input", "date").value == date(2023, 5, 1)
    summary = " ".join(m.value for m in at.markdown)
    assert "Status op 1 mei 2023:" in summary and "0 afgelopen" in summary
    widget(at, "date_input", "date").set_value(date(2024, 6, 1)).run()
    assert at.query_params["date"] == "2024-06-01"
    zb = projects[projects["programme"] == "zorgzame_buurt"]
    day = "2024-06-01"
    # Running on 1 June 2024: started, and no end date yet or not yet ended; a recorded extension
    # (Kortemark's extra year, column extended_until) replaces the end date.
    end = zb["extended_until"].where(zb["extended_until"].notna(), zb["end_date"])
    running = ((zb["start_date"] <= day) & (end.isna() | (end >= day))).sum()
    ended = (end < day).sum()
    assert running >= 1
    assert f"Status op 1 juni 2024: {running} lopend, {ended} afgelopen" in " ".join(m.value for m in at.markdown)


def test_municipality_link_selects_it_and_lists_its_projects(projects):
    at = run_app({"municipality": "71004"})
    assert any(h.value == "Geselecteerd: Beringen" for h in at.subheader)
    rows = table(at)
    assert len(rows) == (projects["nis2025"] == "71004").sum() and set(rows["Gemeente"]) == {"Beringen"}
    # the map still shows every project, and zooms to Beringen
    assert sum(marker_counts(map_args(at)["script"]).values()) == len(projects)


def test_place_search_for_a_sub_municipality_selects_its_municipality():
    at = run_app()
    box = widget(at, "selectbox", "place")
    beverlo = next(i for i, label in enumerate(box.options) if label.startswith("Beverlo (deelgemeente van Beringen"))
    box.set_value(beverlo).run()  # option values are the row positions of the place index
    assert at.query_params["municipality"] == "71004"
    assert any(h.value == "Geselecteerd: Beringen" for h in at.subheader)


def test_colour_choice_goes_into_the_url():
    at = run_app()
    at.radio[0].set_value("density").run()
    assert at.query_params["colour"] == "density"
    assert "Projecten per 10.000 inwoners" in map_args(at)["script"]


def test_kansarmoede_colour_shows_its_classes_and_the_source_line_under_the_map():
    at = run_app()
    assert not any("Gemeente-Stadsmonitor" in c.value for c in at.caption)
    at.radio[0].set_value("kansarmoede").run()
    assert not at.exception
    assert at.query_params["colour"] == "kansarmoede"
    script = map_args(at)["script"]
    assert "Kansarmoede-index (% kinderen geboren in een kansarm gezin)" in script and "geen gegevens" in script
    assert any(c.value.startswith("Bron: Gemeente-Stadsmonitor") for c in at.caption)


def test_oki_deep_link_in_english_draws_its_legend():
    at = run_app({"colour": "oki", "lang": "en"})
    assert not at.exception
    assert "School deprivation indicator (OKI: mean number of 4 characteristics per pupil, 0–4)" in map_args(at)["script"]
    assert any(c.value.startswith("Source: Gemeente-Stadsmonitor") for c in at.caption)


def test_malformed_link_is_ignored_with_a_notice_not_a_crash():
    at = run_app({"programme": "proeftuin,<script>", "date": "morgen", "province": "123"})
    assert not at.exception
    warning = " ".join(w.value for w in at.sidebar.warning)
    assert "Genegeerd in de link" in warning and "date=morgen" in warning and "province=123" in warning
    assert marker_counts(map_args(at)["script"]) == {"proeftuin": 6}


def test_english_switch_translates_the_page():
    at = run_app({"lang": "en"})
    assert at.title[0].value == "Caring neighbourhoods on the map"
    assert any(m.label == "Projects shown" for m in at.metric)
    assert "Legend" in map_args(at)["script"]


def test_csv_download_is_offered_for_the_table():
    at = run_app({"programme": "proeftuin"})
    buttons = [b for b in at.get("download_button")]
    assert buttons, "no download button"


def test_map_page_shows_the_known_count_of_zorgzame_buurten_from_the_data(projects):
    at = run_app()
    zb = projects[projects["programme"] == "zorgzame_buurt"]
    n_flanders = int((zb["region"] == "flanders").sum())
    n_brussels = int((zb["region"] == "brussels").sum())
    counts = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert f"{n_flanders} van 114 zorgzame buurten in Vlaanderen gekend (+ {n_brussels} in Brussel)" in counts


def test_map_page_for_west_vlaanderen_counts_known_against_the_official_32(projects):
    at = run_app({"province": "30000", "programme": "zorgzame_buurt"})
    zb = projects[(projects["programme"] == "zorgzame_buurt") & (projects["province_nis"] == "30000")]
    counts = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert f"{len(zb)} van 32 zorgzame buurten in West-Vlaanderen gekend" in counts
    assert any(c.value == "Gegevens bijgewerkt op 6 december 2026" for c in at.caption)


def test_gent_group_member_popup_names_the_group_amount_not_a_share(projects):
    at = run_app({"municipality": "44021", "programme": "zorgzame_buurt"})
    rows = [r for rows in markers_by_programme(map_args(at)["script"]).values() for r in rows]
    member = next(r for r in rows if r[2] == "ZB-OVL-41")
    assert "deel van groepsbedrag ruim € 400.000 voor 5 projecten" in member[8].replace("\xa0", " ")
    cells = [str(v) for v in table(at).loc[lambda t: t["id"] == "ZB-OVL-41"].iloc[0].tolist()]
    assert any("deel van groepsbedrag" in v for v in cells), cells


def test_summary_carries_the_sourced_extension_note_after_the_programme_end():
    at = run_app({"date": "2024-06-01", "programme": "zorgzame_buurt"})
    captions = " ".join(c.value for c in at.caption)
    assert "eind 2024 of februari 2025" in captions and "kortemark.be" in captions
    early = run_app({"date": "2023-05-01", "programme": "zorgzame_buurt"})
    assert "februari 2025" not in " ".join(c.value for c in early.caption)


def test_the_project_table_is_built_only_when_its_section_is_opened_and_stays_open():
    at = run_app({"programme": "proeftuin"})
    assert not at.dataframe  # the first view does not build (nor send) the grid
    assert [e.label for e in at.expander if "Toon de tabel" in e.label] == ["Toon de tabel (6 projecten)"]
    open_section(at, "map_table")
    assert len(at.dataframe[0].value) == 6
    # open across a filter change (the label's count changes with it) and the language switch
    widget(at, "multiselect", "programmes").set_value(["proeftuin", "stek"]).run()
    assert len(at.dataframe[0].value) > 6
    widget(at, "segmented_control", "lang").set_value("en").run()
    assert not at.exception and len(at.dataframe[0].value) > 6
    assert any(e.label.startswith("Show the table (") for e in at.expander)


def test_an_empty_selection_says_so_without_a_table_section():
    at = run_app({"programme": "proeftuin", "municipality": "23088"})  # Vilvoorde: none known
    assert "Geen projecten in deze weergave." in [i.value for i in at.info]
    assert not any("Toon de tabel" in e.label for e in at.expander)
