"""The primary-care zone filter (`?elz=`) on every page, read as a user sees it (issue 21 C).

The expected numbers come from the data, not from the app's code: the zone's municipalities from
the layer file read with the csv module, the projects from the placed data/projects.csv."""

from __future__ import annotations

import csv
import json
import re

import pytest

from atlas.model.data import load_projects
from geo.areas import widen
from geo.config import MUNICIPALITIES_CSV, geo_dir
from tests.app.conftest import map_args, marker_counts, run_app, show_tab, widget

ZONE = "elz2"  # Antwerpen, Schoten, Stabroek, Wommelgem: not an area with an official count
NO_OFFICIAL = "geen officieel aantal voor dit gebied"


def layer() -> dict[str, dict[str, str]]:
    with open(geo_dir() / MUNICIPALITIES_CSV, newline="", encoding="utf-8") as fh:
        return {r["nis"]: r for r in csv.DictReader(fh)}


def zone_municipalities(zone: str = ZONE) -> set[str]:
    return {nis for nis, r in layer().items() if r["elz"] == zone}


@pytest.fixture(scope="module")
def in_zone():
    projects = load_projects().projects
    return projects[projects["nis2025"].isin(zone_municipalities())]


def page_text(at) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\u200b", "").replace("\\", "")


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def zone_line(in_zone, programme: str, noun: str) -> str:
    n = int((in_zone["programme"] == programme).sum())
    return f"{n} {noun} gekend in Eerstelijnszone {ZONE} ({NO_OFFICIAL})"


def test_the_zone_is_a_real_zone_with_projects(in_zone):
    assert zone_municipalities() == {"11002", "11040", "11044", "11052"}
    assert len(in_zone) >= 5 and set(in_zone["programme"]) >= {"zorgzame_buurt"}


def test_the_map_shows_only_the_zones_projects_and_zooms_to_it(in_zone):
    at = run_app({"elz": ZONE})
    assert not at.exception
    assert metric(at, "Projecten getoond") == str(len(in_zone))
    assert marker_counts(map_args(at)["script"]) == in_zone["programme"].value_counts().to_dict()
    assert widget(at, "selectbox", "elz").value == ZONE
    assert zone_line(in_zone, "zorgzame_buurt", "zorgzame buurten") in page_text(at)
    # the zoom: the zone's box (from the layer's polygons), widened as every area's is
    from geo import reference
    from geo.areas import bounds_of
    from atlas.ui.session import SURROUNDINGS_KM

    expected = widen(bounds_of(reference.municipalities(), zone_municipalities()), SURROUNDINGS_KM)
    found = [json.loads(b) for b in re.findall(r'"bounds":\s*(\[\[[^\]]*\],\s*\[[^\]]*\]\])', map_args(at)["script"])]
    assert any(b[0] + b[1] == pytest.approx(expected[0] + expected[1]) for b in found), found


@pytest.mark.parametrize("programme, noun", [("zorgzame_buurt", "zorgzame buurten"),
                                             ("stek_bestaand", "bestaande STEK-werkingen")])
def test_a_programme_page_counts_only_the_zone(in_zone, programme, noun):
    page = "pages/programme_stek.py" if programme.startswith("stek") else f"pages/programme_{programme}.py"
    at = run_app({"elz": ZONE}, page=page)
    assert not at.exception
    assert zone_line(in_zone, programme, noun) in page_text(at)


def test_the_budget_page_counts_only_the_zone(in_zone):
    at = run_app({"elz": ZONE}, page="pages/budget_status.py")
    assert not at.exception
    n_all = len(load_projects().projects)
    assert any(c.value == f"Filters actief: {len(in_zone)} van {n_all} projecten getoond." for c in at.caption)
    assert zone_line(in_zone, "zorgzame_buurt", "zorgzame buurten") in page_text(at)
    show_tab(at, 4)  # projects against need: the reference municipalities are the zone's
    assert not at.exception


def test_the_coverage_page_analyses_the_zone_as_its_area(in_zone):
    at = run_app({"elz": ZONE}, page="pages/coverage.py")
    assert not at.exception and not at.error
    assert at.subheader[0].value == f"Eerstelijnszone {ZONE}"
    names = sorted(layer()[n]["name"] for n in zone_municipalities())
    assert any(c.value == "Afbakening: " + ", ".join(names) for c in at.caption)
    with_projects = in_zone["nis2025"].nunique()
    assert metric(at, "Gemeenten met ≥ 1 project") == f"{with_projects} van {len(zone_municipalities())}"
    population = sum(int(layer()[n]["population"]) for n in zone_municipalities())
    assert metric(at, "Inwoners in het gebied") == f"{population:,}".replace(",", ".")
    assert zone_line(in_zone, "zorgzame_buurt", "zorgzame buurten") in page_text(at)


def test_a_zone_picked_in_the_sidebar_goes_into_the_link_and_back(in_zone):
    at = run_app({"province": "10000"})
    widget(at, "selectbox", "elz").set_value(ZONE).run()
    assert at.query_params["elz"] == ZONE and "province" not in at.query_params  # a zone replaces a province
    assert metric(at, "Projecten getoond") == str(len(in_zone))
    again = run_app(dict(at.query_params))
    assert widget(again, "selectbox", "elz").value == ZONE
    assert metric(again, "Projecten getoond") == str(len(in_zone))


def test_an_unknown_zone_is_ignored_with_the_usual_notice():
    at = run_app({"elz": "elz999"})
    assert not at.exception
    warning = " ".join(w.value for w in at.sidebar.warning)
    assert "Genegeerd in de link" in warning and "elz=elz999" in warning
    assert metric(at, "Projecten getoond") == str(len(load_projects().projects))
