"""Shared fixtures and helpers. The reference geography ships with the repo (geo/layers)."""

from __future__ import annotations

import csv
import io

import pytest

from atlas.model import schema

# A real, valid row: the STEK in Leopoldsburg (coordinates inside Leopoldsburg, NIS 71034).
BASE_ROW = {
    "id": "T-01",
    "programme": "stek",
    "name": "Test STEK Leopoldsburg",
    "municipality_nis": "71034",
    "municipality": "Leopoldsburg",
    "neighbourhood": "",
    "organisation": "SAAMO Limburg",
    "lat": "51.117",
    "lon": "5.257",
    "start_date": "2020-01-01",
    "end_date": "2022-12-31",
    "budget_eur": "",
    "source_url": "https://www.saamo.be/limburg/",
}


def csv_bytes(rows: list[dict], columns: list[str] | None = None) -> bytes:
    columns = columns or list(rows[0].keys())
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def row(**changes) -> dict:
    out = dict(BASE_ROW)
    out.update(changes)
    return out


@pytest.fixture
def make_csv(tmp_path):
    def _make(rows, columns=None, name="projects.csv"):
        path = tmp_path / name
        path.write_bytes(csv_bytes(rows, columns))
        return path

    return _make


__all__ = ["row", "csv_bytes", "schema"]


@pytest.fixture(autouse=True, scope="session")
def _meldingen_db_outside_home(tmp_path_factory):
    """The meldingen database the app creates on first use (atlas.meldingen.store) goes to a
    temporary folder during the tests, never to the user's ~/.local/share."""
    import os

    if not os.environ.get("ATLAS_DB_URL"):
        os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))
    yield


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch):
    """A new migrated meldingen database (SQLite in tmp_path), also the app's via ATLAS_DB_URL."""
    from atlas.meldingen import store

    url = f"sqlite:///{tmp_path / 'meldingen.sqlite'}"
    monkeypatch.setenv("ATLAS_DB_URL", url)
    store.migrate(url)
    yield url
    store.engine(url).dispose()
