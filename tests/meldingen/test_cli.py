"""`python -m atlas meldingen ...`: what the maintainer sees and what accepting writes (against a
copy of data/projects.csv, never the real file)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date

import pytest
import sqlalchemy as sa

from atlas.cli import main
from atlas.meldingen import domain, store
from atlas.model import schema

HOSTILE = "\x1b[2J\x1b]8;;http://e.vil\x07klik\x1b]8;;\x07\x9b31m \u202egnp.exe\u200b\U000e0041"
UNSAFE_CHARS = ("\x1b", "\x07", "\x9b", "\u202e", "\u200b", "\U000e0041", "\x00")


@pytest.fixture
def copy(tmp_path, monkeypatch, sqlite_url):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("projects.csv", "programmes.csv"):
        shutil.copy(schema.DATA_DIR / name, folder / name)
    monkeypatch.setenv("ATLAS_PROJECTS_CSV", str(folder / "projects.csv"))
    return folder / "projects.csv"


def add(**changes) -> int:
    raw = {"kind": "missing", "programme": "zorgzame_buurt", "name": "Zorgzame buurt Genk-Zuid",
           "municipality_nis": "71016", "source_url": "https://www.genk.be/zorgzame-buurt", "lang": "nl",
           "institute_id": "saamo-limburg", "email": "contact@example.org", "email_purpose": "vragen"}
    raw.update(changes)
    return store.add(domain.clean(raw)).id


def raw_insert(url: str, **values) -> int:
    """A row written past the form's cleaning (as another tool could): the CLI must still be safe."""
    row = {c.name: "" for c in store.submissions.columns if c.name not in ("id",)}
    row.update(token=store.new_token(), created_at=store.now(), status="open", is_penhouder=False, lang="nl",
               email=None, email_purpose=None, decided_at=None, decided_by=None, decision_reason=None,
               applied_project_id=None)
    row.update(values)
    with store.engine(url).begin() as conn:
        return conn.execute(sa.insert(store.submissions).values(**row)).inserted_primary_key[0]


def rows_of(path) -> dict[str, dict]:
    return {r["id"]: r for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))}


def test_list_json_has_the_fields_and_no_terminal_sequences(sqlite_url, capsys):
    mid = raw_insert(sqlite_url, kind="missing", programme="stek", name=HOSTILE, text=HOSTILE + "\nregel 2",
                     municipality_nis="71016")
    for argv in (["list"], ["list", "--json"], ["show", str(mid)], ["list", "--status", "open"]):
        assert main(["meldingen", *argv]) == 0
        out = capsys.readouterr().out
        assert not any(ch in out for ch in UNSAFE_CHARS), argv
        assert "\\u001b[2J" in out or "\\u001b" in out  # shown, visibly, not executed
    assert main(["meldingen", "list", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["id"] == mid and item["status"] == "open" and item["created_at"]
    assert item["name"] == HOSTILE and item["text"] == HOSTILE + "\nregel 2"  # the JSON decodes to what was stored


def test_accept_a_missing_project_writes_a_valid_sourced_row(copy, capsys):
    before = rows_of(copy)
    mid = add(neighbourhood="Zwartberg")
    assert main(["meldingen", "accept", str(mid), "--by", "an", "--confidence", "high"]) == 0
    out = capsys.readouterr().out
    after = rows_of(copy)
    new = after["ZB-M%03d" % mid]
    assert set(after) - set(before) == {new["id"]} and all(after[k] == before[k] for k in before)
    assert (new["programme"], new["name"], new["municipality_nis"], new["municipality"]) == \
           ("zorgzame_buurt", "Zorgzame buurt Genk-Zuid", "71016", "Genk")
    assert new["source_url"] == "https://www.genk.be/zorgzame-buurt" and new["confidence"] == "high"
    assert new["institute_id"] == "saamo-limburg" and new["coord_precision"] in ("deelgemeente", "municipality")
    assert f"1 added, 0 removed, 0 changed" in out and f"added:   {new['id']}" in out
    assert "all valid" in out
    row = store.get(mid)
    assert (row["status"], row["decided_by"], row["applied_project_id"]) == ("accepted", "an", new["id"])
    assert row["email"] is None and row["decided_at"] is not None
    programmes = {r["programme"]: r for r in csv.DictReader(io.StringIO(copy.with_name("programmes.csv").read_text()))}
    assert programmes["zorgzame_buurt"]["data_updated"] == date.today().isoformat()  # the data date
    assert main(["meldingen", "accept", str(mid)]) == 1  # decided once
    assert "already accepted" in capsys.readouterr().err


def test_accept_that_does_not_validate_changes_nothing(copy, sqlite_url, capsys):
    before = copy.read_bytes()
    programmes = copy.with_name("programmes.csv").read_bytes()
    no_source = add(source_url="", is_penhouder=True, penhouder_org="SAAMO Limburg")
    assert main(["meldingen", "accept", str(no_source)]) == 1
    assert "--source URL" in capsys.readouterr().err
    bad_date = raw_insert(sqlite_url, kind="missing", programme="stek", name="X", municipality_nis="71016",
                          source_url="https://example.org/", start_date="2022-13-01")
    assert main(["meldingen", "accept", str(bad_date)]) == 1
    assert "start_date '2022-13-01' is not a date" in capsys.readouterr().err
    assert copy.read_bytes() == before and copy.with_name("programmes.csv").read_bytes() == programmes
    assert store.get(no_source)["status"] == "open" and store.get(bad_date)["status"] == "open"
    assert store.get(no_source)["email"] == "contact@example.org"  # undecided: kept (until purge)
    # with a public source given by the maintainer it goes through
    assert main(["meldingen", "accept", str(no_source), "--source", "https://www.saamo.be/limburg/"]) == 0


def test_accept_a_correction_changes_only_the_given_cells(copy, capsys):
    before = rows_of(copy)
    mid = add(kind="correction", project_id="STEK-N01", name="", end_date="2023-06-30",
              source_url="https://www.beringen.be/stek")
    assert main(["meldingen", "accept", str(mid)]) == 0
    after = rows_of(copy)
    changed = {k for k in after["STEK-N01"] if after["STEK-N01"][k] != before["STEK-N01"][k]}
    assert changed == {"end_date", "source_url", "status_note", "status_note_nl"}
    assert after["STEK-N01"]["end_date"] == "2023-06-30"
    assert after["STEK-N01"]["source_url"].endswith(" | https://www.beringen.be/stek")
    assert {k: v for k, v in after.items() if k != "STEK-N01"} == {k: v for k, v in before.items() if k != "STEK-N01"}
    assert "0 added, 0 removed, 1 changed" in capsys.readouterr().out


def test_reject_keeps_reason_who_and_when(sqlite_url, capsys):
    mid = add()
    assert main(["meldingen", "reject", str(mid), "--reason", "al gekend als ZB-LIM-03", "--by", "an"]) == 0
    row = store.get(mid)
    assert (row["status"], row["decision_reason"], row["decided_by"]) == ("rejected", "al gekend als ZB-LIM-03", "an")
    assert row["email"] is None
    assert main(["meldingen", "show", "999"]) == 1
    assert main(["meldingen", "purge"]) == 0
    assert "erased" in capsys.readouterr().out


def test_database_unavailable_is_one_line_exit_3(monkeypatch, capsys):
    monkeypatch.setenv("ATLAS_DB_URL", "postgresql+psycopg://u:secret@127.0.0.1:1/none")
    assert main(["meldingen", "list"]) == 3
    err = capsys.readouterr().err
    assert "database unavailable" in err and "secret" not in err and "Traceback" not in err
