"""build-reference: the committed geo/layers are exactly what the official raw files give,
and their precision is enough for placement and coverage.

These tests need the raw files (../shared/geo next to the repository). Without them the
whole module is skipped with that reason; every other test reads the committed layers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo import build, config, reference
from geo import coverage as cov_mod
from geo.place import locate

RAW = config.REPO_ROOT.parent / "shared" / "geo"
pytestmark = pytest.mark.skipif(
    not (RAW / build.F_MUN_2025).is_file(),
    reason=f"raw official files not found in {RAW}: the rebuild and precision tests compare "
    "geo/layers with them (python -m geo build-reference --from <raw folder>)",
)

MAX_SHARE_CHANGE = 0.005
"""0.5 percentage point: the most any coverage share may move against the official polygons."""


@pytest.fixture(scope="module")
def committed():
    reference.clear_memory_cache()
    return reference.municipalities_full()


@pytest.fixture(scope="module")
def official(committed):
    """The committed attributes with the unsimplified official PinC polygons."""
    raw = build._municipalities_raw(RAW).set_index("nis")
    return committed.set_geometry(raw.geometry.loc[committed["nis"]].values, crs=reference.WGS84)


@pytest.fixture(scope="module")
def projects():
    frame = pd.read_csv(config.REPO_ROOT / "data" / "projects.csv", dtype=str, keep_default_na=False)
    return frame[(frame["lat"] != "") & (frame["lon"] != "")].reset_index(drop=True)


def test_rebuilding_from_the_raw_files_gives_the_committed_bytes(tmp_path):
    build.build_reference(RAW, tmp_path)
    assert sorted(p.name for p in config.LAYERS_DIR.iterdir()) == sorted(config.LAYER_FILES)
    inputs = (tmp_path / config.INPUTS_CSV).read_bytes()
    assert inputs == (config.LAYERS_DIR / config.INPUTS_CSV).read_bytes(), (
        f"the raw files in {RAW} differ from those geo/layers was built from (inputs.csv): "
        "rebuild with python -m geo build-reference"
    )
    differ = [n for n in config.LAYER_FILES
              if (tmp_path / n).read_bytes() != (config.LAYERS_DIR / n).read_bytes()]
    assert differ == [], "rebuilt files differ from the committed ones"


def test_at_placement_precision_no_project_changes_municipality(official, projects):
    terr = cov_mod.territory(official)
    x, y = cov_mod.to_lambert(projects["lon"].astype(float), projects["lat"].astype(float))
    pos = cov_mod.locate_points(terr, x, y)
    assert (pos >= 0).all()
    on_official = terr.nis[pos]
    on_committed = locate(projects)["nis2025"].to_numpy()
    assert len(projects) > 80
    assert list(on_committed) == list(on_official)


def _share_changes(committed, official, points, group_col):
    mine = cov_mod.compute(cov_mod.territory(committed), points, group_col=group_col)
    ref = cov_mod.compute(cov_mod.territory(official), points, group_col=group_col)
    per_municipality = max(
        float((mine.area_share[d] - ref.area_share[d]).abs().max().max()) for d in cov_mod.DISTANCES_KM
    )
    areas = [None] + [committed.loc[committed["province_nis"] == p, "nis"] for p in reference.PROVINCE_ORDER]
    per_area = max(
        float((cov_mod.summary(mine, a)[f"share_within_{d}km"] - cov_mod.summary(ref, a)[f"share_within_{d}km"])
              .abs().max())
        for a in areas for d in cov_mod.DISTANCES_KM
    )
    return per_municipality, per_area


def test_coverage_shares_move_less_than_half_a_point_against_the_official_polygons(
    committed, official, projects
):
    per_municipality, per_area = _share_changes(committed, official, projects, "programme")
    assert per_municipality < MAX_SHARE_CHANGE
    assert per_area < MAX_SHARE_CHANGE


def test_coverage_shares_stay_within_half_a_point_for_a_dense_set_of_points(committed, official):
    # every deelgemeente point as a location: 1,119 points all over Flanders and Brussels
    points = reference.deelgemeenten()[["lat", "lon"]].assign(programme="deelgemeente")
    per_municipality, per_area = _share_changes(committed, official, points, "programme")
    assert per_municipality < MAX_SHARE_CHANGE
    assert per_area < MAX_SHARE_CHANGE


def test_the_map_layer_alone_would_not_be_precise_enough(committed, official, projects):
    """Why two precisions: the 300 m map outline moves some shares by more than 0.5 point."""
    on_map = reference.municipalities()
    per_municipality, _ = _share_changes(on_map, official, projects, "programme")
    assert per_municipality > MAX_SHARE_CHANGE


def test_merged_municipalities_take_the_degurba_class_of_their_most_populous_part(committed):
    dg = pd.read_csv(RAW / build.F_DEGURBA, dtype=str)
    c18 = pd.read_csv(RAW / build.F_CW_2018_2019, dtype=str)
    c24 = pd.read_csv(RAW / build.F_CW_2024_2025, dtype=str)
    to19 = dict(zip(c18["gemeente2018"], c18["gemeente2019"]))
    to25 = dict(zip(c24["gemeente2024"], c24["gemeente"]))
    dg["nis2025"] = dg["lau_code"].map(lambda c: to25.get(to19.get(c, c)))
    dg = dg.dropna(subset=["nis2025"])
    dg["population"] = dg["population"].astype(int)
    largest = dg.sort_values("population").groupby("nis2025").tail(1)
    expected = dict(zip(largest["nis2025"], largest["degurba"].astype(int)))
    assert dict(zip(committed["nis"], committed["degurba"])) == expected


def test_population_is_the_statbel_2020_figure_summed_over_the_2024_parts(committed):
    pop = pd.read_csv(RAW / build.F_POPULATION, encoding="utf-8-sig", dtype={"NIS code": str})
    statbel = dict(zip(pop["NIS code"].str.zfill(5), pop["Totaal"].astype(int)))
    c24 = pd.read_csv(RAW / build.F_CW_2024_2025, dtype=str)
    c24 = c24[~c24["gemeente"].str.startswith("999")]
    expected = c24.assign(pop=c24["gemeente2024"].map(statbel)).groupby("gemeente")["pop"].sum()
    assert dict(zip(committed["nis"], committed["population"])) == expected.to_dict()
    assert committed["population"].sum() == statbel["02000"] + statbel["04000"]


def test_need_indicators_equal_the_stadsmonitor_file_and_empty_stays_missing(committed):
    need = pd.read_csv(RAW / build.F_NEED, dtype={"nis2025": str})
    mine = committed.set_index("nis")
    for col in ("kansarmoede_index_pct", "oki"):
        src = need.set_index("nis2025")[col]
        got = mine.loc[src.index, col]
        assert np.array_equal(got.isna().to_numpy(), src.isna().to_numpy()), col
        assert np.allclose(got.dropna(), src.dropna()), col


def test_province_outlines_stay_close_to_the_pinc_province_file():
    import geopandas as gpd

    source = gpd.read_file(RAW / "provinces_2025_flanders_brussels_pinc_lambert72.shp").set_index("provincie")
    lambert = reference.provinces().to_crs(reference.LAMBERT72).set_index("province_nis")
    for code, geom in lambert.geometry.items():
        original = source.geometry[code]
        # mean displacement along the outline (area of difference / perimeter) < 50 m
        assert geom.symmetric_difference(original).area / original.length < 50, code


def test_deelgemeente_points_are_those_of_the_official_polygons():
    import geopandas as gpd
    import shapely

    raw = gpd.read_file(RAW / build.F_DEELGEMEENTEN).sort_values("geoitem").reset_index(drop=True)
    dg = reference.deelgemeenten()
    assert list(dg["code"]) == list(raw["geoitem"].str.strip())
    inside = shapely.contains_xy(raw.geometry.values, dg["lon"].to_numpy(), dg["lat"].to_numpy())
    assert inside.all()
