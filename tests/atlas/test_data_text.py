"""Data text in the user's language: Dutch popups never carry the English research notes, and a
period with only known years reads as years (issue 11)."""

from __future__ import annotations

import re


from atlas.views import mapview

ENGLISH = re.compile(r"\b(formerly|with|not verified|not stated|No dates sourced|Programme period|Start and end)\b")


def test_dutch_popups_show_no_english_research_notes(projects):
    rows = mapview.marker_frame(projects, "nl")
    for col in ("period", "status_note", "organisation"):
        english = [text for text in rows[col] if ENGLISH.search(text)]
        assert not english, (col, english[:3])


def test_english_popups_keep_the_research_notes(projects):
    rows = mapview.marker_frame(projects, "en").set_index("id")
    assert "No dates in the sources" in rows.loc["STEK-N10", "period"]
    assert "formerly Riso Vlaams-Brabant" in rows.loc["STEK-N03", "organisation"]


def test_a_period_with_only_known_years_reads_as_years(projects):
    nl = mapview.marker_frame(projects, "nl").set_index("id")
    assert nl.loc["STEK-N06", "period"].startswith("2020 – 2022 (")
    assert nl.loc["STEK-N07", "period"].startswith("2021 – onbekend (")
    assert nl.loc["STEK-E01", "period"].startswith("onbekend – onbekend (")  # no year known: stays unknown


def test_every_english_note_has_its_dutch_text(projects, institutes_df, programmes_df):
    has_note = projects["period_note"].astype(str) != ""
    assert (projects.loc[has_note, "period_note_nl"].astype(str) != "").all()
    has_status = projects["status_note"].astype(str) != ""
    assert (projects.loc[has_status, "status_note_nl"].astype(str) != "").all()
    assert (institutes_df["area_note_nl"] != "").all() and (institutes_df["area_note_en"] != "").all()
    assert (programmes_df["official_count_note_nl"] != "").all()
    assert not institutes_df["name"].str.contains("formerly").any()


def test_a_file_without_dutch_columns_shows_the_text_it_has(projects):
    own = projects[projects["id"] == "STEK-N03"].drop(columns=["organisation_nl", "status_note_nl"])
    row = mapview.marker_frame(own, "nl").iloc[0]
    assert "formerly Riso" in row["organisation"] and row["status_note"].startswith("Local STEK partnership")
