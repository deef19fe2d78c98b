"""Reference geography loaded from the real files in $ATLAS_GEO_DIR (default ../shared/geo)."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from geo.config import geo_dir
from geo import reference
from geo.typology import TYPOLOGIES

GEO = geo_dir()
if not (GEO / reference.F_MUN_2025).is_file():
    pytest.skip(f"reference geography not available in {GEO}", allow_module_level=True)


@pytest.fixture(scope="module")
def mun():
    return reference.municipalities()


@pytest.fixture(scope="module")
def mun_full():
    return reference.municipalities_full()


@pytest.fixture(scope="module")
def statbel_pop() -> dict[str, int]:
    pop = pd.read_csv(
        GEO / reference.F_POPULATION, encoding="utf-8-sig", dtype={"NIS code": str}
    )
    return dict(zip(pop["NIS code"], pop["Totaal"].astype(int)))


@pytest.fixture(scope="module")
def places():
    return reference.places()


def test_304_municipalities_load_285_flemish_and_19_brussels(mun, mun_full):
    assert len(mun) == 304 and len(mun_full) == 304
    assert mun["region"].value_counts().to_dict() == {"flanders": 285, "brussels": 19}
    assert mun["nis"].is_unique
    assert mun["nis"].str.fullmatch(r"\d{5}").all()
    assert list(mun["nis"]) == list(mun_full["nis"])
    assert mun.crs.to_epsg() == 4326 and mun_full.crs.to_epsg() == 4326
    assert list(mun.columns) == reference.MUNICIPALITY_COLUMNS
    assert mun["population"].dtype.kind == "i" and mun["degurba"].dtype.kind == "i"


def test_simplified_municipalities_are_valid_and_share_borders_without_gaps_or_overlaps(
    mun, mun_full
):
    assert mun.is_valid.all() and not mun.is_empty.any()
    lambert = mun.to_crs(reference.LAMBERT72)
    assert shapely.coverage_is_valid(lambert.geometry.values)
    total = lambert.area.sum()
    union = lambert.union_all().area
    assert abs(total - union) / total < 1e-7
    # and the simplification kept the overall area (< 0.1 %) with far fewer vertices
    full_area = mun_full.to_crs(reference.LAMBERT72).area.sum()
    assert abs(total - full_area) / full_area < 1e-3
    simplified = shapely.get_num_coordinates(mun.geometry.values).sum()
    original = shapely.get_num_coordinates(mun_full.geometry.values).sum()
    assert simplified < original / 4


def test_area_comes_from_the_unsimplified_polygons_and_adds_up_to_the_regions(mun):
    by_region = mun.groupby("region")["area_km2"].sum()
    assert by_region["flanders"] == pytest.approx(13626, abs=1)
    assert by_region["brussels"] == pytest.approx(162.4, abs=0.1)


def test_every_municipality_has_a_degurba_class_and_brussels_is_all_city(mun):
    assert set(mun["degurba"]) <= {1, 2, 3}
    assert mun["degurba"].notna().all()
    assert (mun.loc[mun["region"] == "brussels", "degurba"] == 1).all()
    assert {str(c) for c in mun["degurba"]} <= set(TYPOLOGIES["degurba"]["classes"])


def test_merged_municipalities_take_the_degurba_class_of_their_most_populous_part(mun):
    dg = pd.read_csv(GEO / reference.F_DEGURBA, dtype=str)
    c18 = pd.read_csv(GEO / reference.F_CW_2018_2019, dtype=str)
    c24 = pd.read_csv(GEO / reference.F_CW_2024_2025, dtype=str)
    to19 = dict(zip(c18["gemeente2018"], c18["gemeente2019"]))
    to25 = dict(zip(c24["gemeente2024"], c24["gemeente"]))
    dg["nis2025"] = dg["lau_code"].map(lambda c: to25.get(to19.get(c, c)))
    dg = dg.dropna(subset=["nis2025"])
    dg["population"] = dg["population"].astype(int)
    largest = dg.sort_values("population").groupby("nis2025").tail(1)
    expected = dict(zip(largest["nis2025"], largest["degurba"].astype(int)))
    got = dict(zip(mun["nis"], mun["degurba"]))
    assert got == expected
    # the cases spelled out in the module docstring
    assert got["23106"] == 3  # Pajottegem: Gooik 3 (largest), Galmaarden 3, Herne 2
    assert got["45068"] == 3  # Kruisem: Kruishoutem 3 > Zingem 2
    assert got["46029"] == 2  # Lokeren 2 > Moerbeke 3
    assert got["11002"] == 1  # Antwerpen 1 > Borsbeek 2


def test_population_total_equals_statbel_2020_flemish_plus_brussels_region(mun, statbel_pop):
    expected = statbel_pop["02000"] + statbel_pop["04000"]
    assert mun["population"].sum() == expected == 7_847_398
    by_region = mun.groupby("region")["population"].sum()
    assert by_region["flanders"] == statbel_pop["02000"]
    assert by_region["brussels"] == statbel_pop["04000"]


def test_merged_municipality_population_is_the_sum_of_its_2024_parts(mun, statbel_pop):
    pop = dict(zip(mun["nis"], mun["population"]))
    assert pop["44086"] == statbel_pop["44048"] + statbel_pop["44012"]  # Nazareth-De Pinte
    assert pop["71072"] == statbel_pop["71022"] + statbel_pop["73040"]  # Hasselt + Kortessem
    assert pop["46030"] == sum(statbel_pop[c] for c in ("46003", "46013", "11056"))
    assert pop["11002"] == statbel_pop["11002"] + statbel_pop["11007"]  # Antwerpen + Borsbeek


def test_provinces_follow_the_nis_rule_with_beveren_kruibeke_zwijndrecht_in_oost_vlaanderen(mun):
    row = mun.set_index("nis").loc["46030"]
    assert row["province_nis"] == "40000" and row["province_name"] == "Oost-Vlaanderen"
    assert mun["province_nis"].value_counts().to_dict() == {
        "10000": 67,
        "20001": 63,
        "30000": 62,
        "40000": 55,
        "70000": 38,
        "4000": 19,
    }
    brussels = mun[mun["region"] == "brussels"]
    assert (brussels["province_nis"] == "4000").all()
    assert (brussels["province_name"] == "Brussels Hoofdstedelijk Gewest").all()
    assert set(mun["province_name"]) == set(reference.PROVINCE_NAMES.values())


def test_uitrustingsgraad_is_set_for_every_flemish_municipality_and_empty_for_brussels(mun):
    flemish = mun[mun["region"] == "flanders"]
    assert set(flemish["uitrusting"]) == set(TYPOLOGIES["uitrusting"]["classes"])
    assert (mun.loc[mun["region"] == "brussels", "uitrusting"] == "").all()
    assert flemish["uitrusting"].value_counts()["a0"] == 13


def test_provinces_and_regions_are_unions_of_the_simplified_municipalities(mun):
    prov = reference.provinces()
    assert list(prov["province_nis"]) == ["10000", "20001", "30000", "40000", "70000", "4000"]
    assert prov.loc[prov["province_nis"] == "40000", "name"].item() == "Oost-Vlaanderen"
    assert prov.crs.to_epsg() == 4326 and prov.is_valid.all()
    source = reference.gpd.read_file(
        GEO / "provinces_2025_flanders_brussels_pinc_lambert72.shp"
    ).set_index("provincie")
    lambert = prov.to_crs(reference.LAMBERT72).set_index("province_nis")
    for code, geom in lambert.geometry.items():
        original = source.geometry[code]
        # mean displacement along the outline (area of difference / perimeter) < 50 m
        assert geom.symmetric_difference(original).area / original.length < 50, code

    reg = reference.regions()
    assert list(reg["region"]) == ["flanders", "brussels"]
    assert list(reg["region_nis"]) == ["2000", "4000"]
    area = reg.to_crs(reference.LAMBERT72).set_index("region").area / 1e6
    assert area["brussels"] == pytest.approx(162.4, rel=0.01)


def test_municipalities_2024_are_the_319_codes_of_2019_to_2024():
    m24 = reference.municipalities_2024()
    assert len(m24) == 319 and m24["nis"].is_unique
    assert m24["nis"].str.fullmatch(r"\d{5}").all()
    assert m24.crs.to_epsg() == 4326
    assert m24.set_index("nis").loc["11007", "name"] == "Borsbeek"


def test_crosswalk_and_known_codes_cover_2024_and_2025_layouts(mun):
    cw = reference.nis_2024_to_2025()
    assert len(cw) == 319 and not any(c.startswith("999") for c in cw)
    assert cw["11007"] == "11002" and cw["73040"] == "71072" and cw["11056"] == "46030"
    assert set(cw.values()) == set(mun["nis"])
    known = reference.known_nis()
    assert set(reference.municipalities_2024()["nis"]) | set(mun["nis"]) == known
    assert {"11007", "71072", "44086", "21004"} <= known


def test_deelgemeenten_carry_their_2025_municipality_code(mun):
    dg = reference.deelgemeenten()
    assert len(dg) == 1119 and dg["code"].is_unique
    assert set(dg["nis"]) <= set(mun["nis"])
    beverlo = dg.set_index("code").loc["71004D"]
    assert beverlo["name"] == "Beverlo" and beverlo["nis"] == "71004"
    # geoitem prefixes are not always 2025 codes: 44011 (Deinze, pre-2019), 11007 (2024)
    assert dg.set_index("code").loc["11007A", "nis"] == "11002"
    assert dg.loc[dg["code"].str.startswith("44011"), "nis"].eq("44083").all()
    assert dg.is_valid.all()


def test_places_find_beverlo_in_beringen_and_zeebrugge_in_brugge(places):
    def only(name, kind):
        hits = places[(places["name"] == name) & (places["kind"] == kind)]
        assert len(hits) == 1, hits
        return hits.iloc[0]

    assert only("Beverlo", "deelgemeente")["nis"] == "71004"
    assert only("Zeebrugge", "deelgemeente")["nis"] == "31005"
    assert only("Beringen", "gemeente")["nis"] == "71004"
    zeebrugge = only("Zeebrugge", "deelgemeente")
    minx, miny, maxx, maxy = zeebrugge["bounds"]
    assert minx < zeebrugge["lon"] < maxx and miny < zeebrugge["lat"] < maxy


def test_places_map_vanished_2024_municipalities_to_their_2025_successor(places):
    gone = places[places["kind"] == "gemeente_2024"].set_index("name")["nis"]
    assert gone["Borsbeek"] == "11002"
    assert gone["Kortessem"] == "71072"
    assert gone["Zwijndrecht"] == "46030"
    assert "Hasselt" not in gone.index  # the name still exists in 2025
    assert set(places["kind"]) == {"gemeente", "gemeente_2024", "deelgemeente"}
    assert (places["kind"] == "gemeente").sum() == 304


def test_every_place_point_lies_in_its_own_2025_municipality(places):
    from geo.place import locate

    located = locate(places.assign(municipality_nis=places["nis"]))
    assert located["in_stated_municipality"].all()
    assert places["lat"].between(50.6, 51.6).all() and places["lon"].between(2.5, 6.0).all()


def test_returned_layers_are_copies_so_callers_cannot_corrupt_the_cache():
    first = reference.municipalities()
    first.loc[:, "name"] = "x"
    assert (reference.municipalities()["name"] != "x").all()
