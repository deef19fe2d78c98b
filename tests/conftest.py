"""Shared fixtures and helpers. The reference geography ships with the repo (geo/layers).

The shipped data and reference layers are read once per session (`pdata`, `projects`,
`programmes_df`, `institutes_df`, `munis`, `provinces`, `layers`, `territory`) and shared by every
test: they are read-only. Each (but the territory, which geo.coverage caches for the app as well)
is checked at the end of the session against a copy taken when it was built, so a test that
changes one fails there instead of misleading the tests after it; a test that needs to change one
works on its own `.copy()`."""

from __future__ import annotations

import csv
import io
import os

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


__all__ = ["row", "csv_bytes", "schema", "examples"]

# Hypothesis properties draw few examples in the everyday run (`make test`) and ten times as many
# with ZB_HYPOTHESIS=deep (before a release, or after changing a builder a property covers).
HYPOTHESIS_DEEP = os.environ.get("ZB_HYPOTHESIS", "") == "deep"


def examples(n: int) -> int:
    """The number of Hypothesis examples of a property: `n` in the everyday run, 10 n when deep."""
    return 10 * n if HYPOTHESIS_DEEP else n


def pytest_report_header(config):
    return ("hypothesis: deep (ZB_HYPOTHESIS=deep, 10x the examples)" if HYPOTHESIS_DEEP
            else "hypothesis: everyday examples (ZB_HYPOTHESIS=deep for 10x)")


def _frozen(value, copy):
    """Yield `value` (a session fixture's object) and check at the end that no test changed it."""
    kept = copy(value)
    yield value
    _assert_same(value, kept)


def _assert_same(value, kept):
    import dataclasses

    import pandas as pd

    if isinstance(value, pd.DataFrame):
        pd.testing.assert_frame_equal(value, kept, obj="a shared session fixture (a test changed it)")
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            _assert_same(getattr(value, f.name), getattr(kept, f.name))
    else:
        assert value == kept, "a shared session fixture changed (a test changed it)"


@pytest.fixture(scope="session")
def pdata():
    """The shipped data/projects.csv as the app loads it (atlas.model.data.load_projects)."""
    import copy

    from atlas.model.data import load_projects

    yield from _frozen(load_projects(), copy.deepcopy)


@pytest.fixture(scope="session")
def projects(pdata):
    """The shipped valid projects, placed (pdata.projects)."""
    return pdata.projects


@pytest.fixture(scope="session")
def programmes_df():
    """data/programmes.csv by programme code (atlas.model.data.programmes)."""
    from atlas.model.data import programmes

    yield from _frozen(programmes(), lambda f: f.copy(deep=True))


@pytest.fixture(scope="session")
def institutes_df():
    """The valid rows of data/institutes.csv (atlas.model.data.institutes)."""
    from atlas.model.data import institutes

    yield from _frozen(institutes(), lambda f: f.copy(deep=True))


@pytest.fixture(scope="session")
def munis():
    """The 304 municipalities of 2025, map outlines and attributes (geo.reference.municipalities)."""
    from geo import reference

    yield from _frozen(reference.municipalities(), lambda f: f.copy(deep=True))


@pytest.fixture(scope="session")
def provinces():
    """The province outlines (geo.reference.provinces)."""
    from geo import reference

    yield from _frozen(reference.provinces(), lambda f: f.copy(deep=True))


@pytest.fixture(scope="session")
def layers(munis, provinces):
    """The map's compact boundary layers (geo.mapbuilder.prepare_layers) of `munis` and `provinces`."""
    import copy

    from geo.mapbuilder import prepare_layers

    yield from _frozen(prepare_layers(munis, provinces), copy.deepcopy)


@pytest.fixture(scope="session")
def territory():
    """The coverage territory of the 304 municipalities (geo.coverage.default_territory)."""
    from geo import coverage

    return coverage.default_territory()


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
