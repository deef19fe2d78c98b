"""Coverage maths (geo.coverage) on the real reference geography and the real projects."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

from atlas.model.data import institutes
from geo import coverage as cov_mod
from geo import reference
from geo.areas import institute_area


@pytest.fixture(scope="module")
def cov(territory, projects):
    return cov_mod.compute(territory, projects)


def area_of(institute_id: str) -> set[str]:
    row = institutes().set_index("id").loc[institute_id]
    return institute_area(row["area"], reference.municipalities())


# --- distances ---------------------------------------------------------------------
# Hand computation. Municipality centre = centroid of the placement-precision 2025 polygon
# (geo/layers/municipalities_2025.geojson) in Lambert 72 (EPSG:31370), stated here to 0.1 m; project = lat/lon of data/projects.csv,
# whose Lambert 72 coordinates are stated too (pyproj, EPSG:4326 -> EPSG:31370, always_xy).
# Distance = sqrt(dx² + dy²) on those stated numbers, in km.
PAIRS = [
    # nis, name, centre (x, y), project id, project (lat, lon), project (x, y)
    ("71034", "Leopoldsburg", (211736.6, 201182.3), "STEK-N02", (51.117, 5.257), (212194.1, 201141.8)),
    ("72018", "Kinrooi", (247346.8, 205687.8), "ZB-LIM-10", (51.253, 5.547), (232258.0, 216553.0)),
    ("33029", "Wervik", (57518.5, 167452.7), "ZB-WVL-08", (50.81538, 2.97692), (51919.5, 168133.9)),
]


@pytest.mark.parametrize("nis, name, centre, pid, latlon, pxy", PAIRS, ids=[p[1] for p in PAIRS])
def test_nearest_project_distance_matches_a_hand_computation(territory, cov, projects, nis, name, centre, pid, latlon,
                                                              pxy):
    """Leopoldsburg: its own STEK 0.46 km from the centre; Kinrooi: a white spot 18.6 km from
    Hamont's zorgzame buurt; Wervik: 5.6 km from the Zandvoorde project (Zonnebeke)."""
    hand_km = math.hypot(centre[0] - pxy[0], centre[1] - pxy[1]) / 1000.0
    # the stated numbers are what they claim to be
    i = territory.positions([nis])[0]
    assert territory.table.loc[i, "name"] == name
    c = territory.centres[i]
    assert abs(c.x - centre[0]) < 0.1 and abs(c.y - centre[1]) < 0.1
    row = projects.set_index("id").loc[pid]
    assert (row["lat"], row["lon"]) == latlon
    x, y = pyproj.Transformer.from_crs(4326, 31370, always_xy=True).transform(latlon[1], latlon[0])
    assert abs(x - pxy[0]) < 0.1 and abs(y - pxy[1]) < 0.1
    # the code finds that project and that distance
    got = cov.nearest.loc[nis]
    assert got["nearest_id"] == pid
    assert got["nearest_km"] == pytest.approx(hand_km, abs=0.001)
    # and a geodesic check on the ellipsoid agrees (Lambert 72 scale error < 0.1 %)
    to_wgs = pyproj.Transformer.from_crs(31370, 4326, always_xy=True)
    clon, clat = to_wgs.transform(*centre)
    _, _, metres = pyproj.Geod(ellps="WGS84").inv(clon, clat, latlon[1], latlon[0])
    assert got["nearest_km"] == pytest.approx(metres / 1000.0, rel=1e-3)


# --- population --------------------------------------------------------------------
def statbel_2020() -> dict[str, int]:
    """Population on 1 Jan 2020 as printed in Statbel's file (population_2020_statbel_via_bmesuere.csv,
    the raw input of geo/layers): province rows and the municipalities these tests need."""
    return {"70000": 877_370, "10000": 1_869_730, "11002": 529_247, "11007": 10_949, "11056": 19_154}


def test_population_of_saamo_limburg_equals_statbel_province_total_and_sum_over_its_municipalities(cov):
    """Limburg: the 2025 municipalities of the area (38) add up to Statbel's province row 70000."""
    area = area_of("saamo-limburg")
    summary = cov_mod.summary(cov, area)
    assert len(area) == 38
    assert summary.loc["all", "population"] == statbel_2020()["70000"]
    assert summary.loc["all", "population"] == cov_mod.municipality_table(cov, area)["population"].sum()


def test_population_of_saamo_provincie_antwerpen_follows_the_2025_mergers(cov):
    """Province Antwerpen minus the city: Statbel's province row minus Antwerpen (11002), former
    Borsbeek (11007, merged into Antwerpen) and former Zwijndrecht (11056, now in 46030, Oost-Vl.)."""
    pop = statbel_2020()
    expected = pop["10000"] - pop["11002"] - pop["11007"] - pop["11056"]
    area = area_of("saamo-provincie-antwerpen")
    assert cov_mod.summary(cov, area).loc["all", "population"] == expected
    assert cov_mod.area_population(cov, area) == expected


# --- empty areas and empty data ------------------------------------------------------
def test_no_projects_at_all_gives_zero_coverage_and_every_municipality_a_white_spot(territory):
    empty = pd.DataFrame({"id": [], "name": [], "programme": [], "lat": [], "lon": []})
    cov = cov_mod.compute(territory, empty, groups=["stek"])
    summary = cov_mod.summary(cov, area_of("saamo-limburg"))
    assert list(summary.index) == ["all", "stek"]
    assert (summary[["projects", "municipalities_with", "population_with"]] == 0).all().all()
    assert (summary[[f"share_within_{d}km" for d in cov_mod.DISTANCES_KM]] == 0).all().all()
    table = cov_mod.municipality_table(cov, None)
    assert table["white_spot"].all() and table["nearest_km"].isna().all()
    assert (table["nearest_name"] == "").all()
    assert cov_mod.balance(cov, None)["projects"].sum() == 0


def test_an_area_without_any_project_nearby_reports_zero_coverage(territory, projects):
    """Kinrooi has no project, and no proeftuin lies within 10 km of it."""
    proeftuinen = projects[projects["programme"] == "proeftuin"]
    cov = cov_mod.compute(territory, proeftuinen)
    s = cov_mod.summary(cov, {"72018"})
    assert s.loc["all", "projects"] == 0 and s.loc["all", "municipalities_with"] == 0
    assert s.loc["all", "population"] > 0
    for d in cov_mod.DISTANCES_KM:
        assert s.loc["all", f"share_within_{d}km"] == 0.0
    assert cov_mod.white_spots(cov, {"72018"}, within_km=10).all()
    assert cov_mod.summary(cov, set()).loc["all", "population"] == 0  # an empty area: zeros, no error


# --- working areas ---------------------------------------------------------------------
def test_institute_areas_cover_every_2025_municipality_exactly_once(munis, institutes_df):
    """The eight working areas partition the 304 municipalities of 2025 (285 Flemish + 19 Brussels).

    Exceptions on the 2025 layout: none. Two municipalities changed institute with the 2025
    mergers and are noted in data/institutes.csv (area_note): former Borsbeek (11007) is now part of
    Antwerpen (11002, SAAMO Antwerpen stad) and former Zwijndrecht (11056) part of
    Beveren-Kruibeke-Zwijndrecht (46030, SAAMO Oost-Vlaanderen); before 2025 both belonged to SAAMO
    provincie Antwerpen. Antwerpen and Gent are carved out of their provinces by a `-municipality` token.
    """
    counts: Counter[str] = Counter()
    sizes = {}
    for row in institutes_df.itertuples():
        area = institute_area(row.area, munis)
        counts.update(area)
        sizes[row.id] = len(area)
    assert set(counts) == set(munis["nis"])
    assert [nis for nis, n in counts.items() if n != 1] == []
    assert sizes == {
        "saamo-antwerpen-stad": 1, "saamo-provincie-antwerpen": 66, "saamo-brussel": 19, "saamo-gent": 1,
        "saamo-oost-vlaanderen": 54, "saamo-vlaams-brabant": 63, "saamo-west-vlaanderen": 62, "saamo-limburg": 38,
    }
    assert "46030" in area_of("saamo-oost-vlaanderen") and "11002" in area_of("saamo-antwerpen-stad")


# --- areal weighting -------------------------------------------------------------------
def test_a_disc_well_inside_a_municipality_covers_exactly_pi_r_squared(territory):
    """Areal weighting by hand: a 2 km disc around Hasselt's centre lies inside Hasselt, so the covered
    area is π·2² km² and the population share is that area over Hasselt's area."""
    i = territory.positions(["71072"])[0]
    centre = territory.centres[i]
    assert shapely.distance(centre, territory.geoms[i].boundary) > 2100  # the disc fits
    lon, lat = pyproj.Transformer.from_crs(31370, 4326, always_xy=True).transform(centre.x, centre.y)
    one = pd.DataFrame({"id": ["X"], "name": ["x"], "programme": ["stek"], "lat": [lat], "lon": [lon]})
    cov = cov_mod.compute(territory, one)
    share = cov.area_share[2].loc["71072", "all"]
    assert share * territory.area_m2[i] == pytest.approx(math.pi * 2000**2, rel=1e-6)
    assert cov.area_share[2]["all"].drop("71072").eq(0).all()  # nothing spills over
    pop = territory.table.loc[i, "population"]
    assert cov_mod.summary(cov, {"71072"}).loc["all", "population_within_2km"] == pytest.approx(pop * share)


def test_union_and_voronoi_methods_give_the_same_areas(territory, projects):
    x, y = cov_mod.to_lambert(projects["lon"], projects["lat"])
    rng = np.random.default_rng(7)
    dense = np.column_stack([rng.uniform(150_000, 200_000, 600), rng.uniform(170_000, 210_000, 600)])
    for xy in (np.column_stack([x, y]), dense):
        a = cov_mod.covered_area(territory, xy, [2000, 5000, 10000], method="union")
        b = cov_mod.covered_area(territory, xy, [2000, 5000, 10000], method="voronoi")
        for d in a:
            assert np.abs(a[d] - b[d]).max() < 5_000  # m² per municipality (of 10-200 km²)
            assert (a[d] <= territory.area_m2 + 1e-6).all() and (a[d] >= 0).all()


def test_shares_grow_with_the_distance_and_stay_between_0_and_1(cov):
    s2, s5, s10 = (cov.area_share[d]["all"] for d in (2, 5, 10))
    assert ((s2 <= s5 + 1e-9) & (s5 <= s10 + 1e-9)).all()
    assert ((s10 >= 0) & (s10 <= 1)).all()
    with_project = cov.counts["all"] > 0
    assert (s10[with_project] > 0).all()


def test_single_point_and_collinear_points_are_handled(territory):
    xy = np.array([[150_000.0, 170_000.0]])
    one = cov_mod.covered_area(territory, xy, [2000], method="voronoi")[2000].sum()
    assert one == pytest.approx(math.pi * 2000**2, rel=1e-6)
    line = np.array([[150_000.0 + 3000 * k, 170_000.0] for k in range(4)])
    a = cov_mod.covered_area(territory, line, [2000], method="voronoi")[2000]
    b = cov_mod.covered_area(territory, line, [2000], method="union")[2000]
    assert np.abs(a - b).max() < 1_000


# --- counts ----------------------------------------------------------------------------
def test_project_counts_per_municipality_match_the_placement_of_the_projects(cov, projects):
    assert cov.counts["all"].sum() == len(projects)
    expected = projects["nis2025"].value_counts()
    assert (cov.counts.loc[expected.index, "all"] == expected).all()
    per_programme = projects["programme"].value_counts()
    for prog, n in per_programme.items():
        assert cov.counts[prog].sum() == n


def test_white_spots_come_first_in_the_municipality_table(cov):
    table = cov_mod.municipality_table(cov, area_of("saamo-limburg"))
    white = table["white_spot"].to_numpy()
    assert white[0] and not white[-1]
    assert (np.diff(white.astype(int)) <= 0).all()  # no white spot after a covered one
    assert set(table["name"]) >= {"Beringen", "Leopoldsburg", "Kinrooi"}
    assert table.loc[table["name"] == "Beringen", "projects"].item() == 2  # STEK-N01 and the Beverlo proeftuin


def test_projects_near_an_area_include_the_ones_inside_and_those_within_10_km(cov):
    area = area_of("saamo-limburg")
    near = cov_mod.projects_near(cov, area, 10)
    inside = cov.projects["cov_nis"].isin(area).to_numpy()
    assert (near[inside]).all()
    assert near.sum() >= inside.sum()


def test_benchmark_is_registered_and_its_synthetic_projects_lie_inside_flanders_and_brussels(territory):
    from bench import discover
    from bench.coverage import synthetic_projects

    assert "coverage" in discover()
    fake = synthetic_projects(territory, n=500, seed=1)
    again = synthetic_projects(territory, n=500, seed=1)
    assert fake.equals(again)  # fixed seed: the same points every run
    x, y = cov_mod.to_lambert(fake["lon"], fake["lat"])
    assert (cov_mod.locate_points(territory, x, y) >= 0).all()
