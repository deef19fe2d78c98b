"""Reference geography read from the layers committed in geo/layers (no ../shared needed)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import shapely

from geo import config, reference
from geo.typology import TYPOLOGIES


@pytest.fixture(scope="module")
def mun_full():
    return reference.municipalities_full()


@pytest.fixture(scope="module")
def places():
    return reference.places()


def test_the_default_reference_folder_is_the_committed_one_inside_the_repository(monkeypatch):
    monkeypatch.delenv(config.ENV_GEO_DIR, raising=False)
    assert config.geo_dir() == config.REPO_ROOT / "geo" / "layers"
    for name in config.LAYER_FILES:
        assert (config.REPO_ROOT / "geo" / "layers" / name).is_file(), name


def test_304_municipalities_load_285_flemish_and_19_brussels(munis, mun_full):
    assert len(munis) == 304 and len(mun_full) == 304
    assert munis["region"].value_counts().to_dict() == {"flanders": 285, "brussels": 19}
    assert munis["nis"].is_unique
    assert munis["nis"].str.fullmatch(r"\d{5}").all()
    assert list(munis["nis"]) == list(mun_full["nis"])
    assert munis.crs.to_epsg() == 4326 and mun_full.crs.to_epsg() == 4326
    assert list(munis.columns) == reference.MUNICIPALITY_COLUMNS
    assert list(mun_full.columns) == reference.MUNICIPALITY_COLUMNS
    assert munis["population"].dtype.kind == "i" and munis["degurba"].dtype.kind == "i"


def test_both_precisions_are_valid_coverages_without_gaps_or_overlaps(munis, mun_full):
    for layer in (munis, mun_full):
        assert layer.is_valid.all() and not layer.is_empty.any()
        lambert = layer.to_crs(reference.LAMBERT72)
        assert shapely.coverage_is_valid(lambert.geometry.values)
        total = lambert.area.sum()
        assert abs(total - lambert.union_all().area) / total < 1e-7


def test_the_map_layer_is_much_lighter_than_the_placement_layer_and_keeps_the_area(munis, mun_full):
    on_map = shapely.get_num_coordinates(munis.geometry.values).sum()
    placement = shapely.get_num_coordinates(mun_full.geometry.values).sum()
    assert on_map < placement / 4
    a_map = munis.to_crs(reference.LAMBERT72).area.sum()
    a_full = mun_full.to_crs(reference.LAMBERT72).area.sum()
    assert abs(a_map - a_full) / a_full < 1e-3


def test_area_comes_from_the_official_polygons_and_adds_up_to_the_regions(munis):
    by_region = munis.groupby("region")["area_km2"].sum()
    assert by_region["flanders"] == pytest.approx(13626, abs=1)
    assert by_region["brussels"] == pytest.approx(162.4, abs=0.1)


def test_every_municipality_has_a_degurba_class_and_brussels_is_all_city(munis):
    assert set(munis["degurba"]) <= {1, 2, 3}
    assert (munis.loc[munis["region"] == "brussels", "degurba"] == 1).all()
    assert {str(c) for c in munis["degurba"]} <= set(TYPOLOGIES["degurba"]["classes"])


def test_merged_municipalities_carry_the_degurba_class_of_their_most_populous_part(munis):
    got = dict(zip(munis["nis"], munis["degurba"]))
    assert got["23106"] == 3  # Pajottegem: Gooik 3 (largest), Galmaarden 3, Herne 2
    assert got["45068"] == 3  # Kruisem: Kruishoutem 3 > Zingem 2
    assert got["46029"] == 2  # Lokeren 2 > Moerbeke 3
    assert got["11002"] == 1  # Antwerpen 1 > Borsbeek 2
    assert got["72042"] == 3  # Oudsbergen: Meeuwen-Gruitrode 3 > Opglabbeek 2


def test_population_is_statbel_2020_summed_to_the_2025_municipalities(munis):
    by_region = munis.groupby("region")["population"].sum()
    # Statbel, 1 January 2020: Flemish Region 02000 and Brussels-Capital Region 04000
    assert by_region["flanders"] == 6_629_143
    assert by_region["brussels"] == 1_218_255
    pop = dict(zip(munis["nis"], munis["population"]))
    assert pop["44086"] == 11_702 + 10_881  # Nazareth-De Pinte = Nazareth 44048 + De Pinte 44012
    assert pop["71072"] == 78_714 + 8_437  # Hasselt 71022 + Kortessem 73040
    assert pop["11002"] == 529_247 + 10_949  # Antwerpen 11002 + Borsbeek 11007
    assert pop["46030"] == 49_047 + 16_846 + 19_154  # Beveren, Kruibeke, Zwijndrecht


def test_provinces_follow_the_nis_rule_with_beveren_kruibeke_zwijndrecht_in_oost_vlaanderen(munis):
    row = munis.set_index("nis").loc["46030"]
    assert row["province_nis"] == "40000" and row["province_name"] == "Oost-Vlaanderen"
    assert munis["province_nis"].value_counts().to_dict() == {
        "10000": 67, "20001": 63, "30000": 62, "40000": 55, "70000": 38, "4000": 19,
    }
    brussels = munis[munis["region"] == "brussels"]
    assert (brussels["province_name"] == "Brussels Hoofdstedelijk Gewest").all()
    assert set(munis["province_name"]) == set(reference.PROVINCE_NAMES.values())


def test_uitrustingsgraad_is_set_for_every_flemish_municipality_and_empty_for_brussels(munis):
    flemish = munis[munis["region"] == "flanders"]
    assert set(flemish["uitrusting"]) == set(TYPOLOGIES["uitrusting"]["classes"])
    assert (munis.loc[munis["region"] == "brussels", "uitrusting"] == "").all()
    assert flemish["uitrusting"].value_counts()["a0"] == 13


def test_need_indicators_are_joined_per_flemish_municipality_and_missing_stays_missing(munis):
    by_name = munis.set_index("name")
    assert by_name.loc["Oostende", "kansarmoede_index_pct"] == pytest.approx(31.91)
    assert by_name.loc["Antwerpen", "kansarmoede_index_pct"] == pytest.approx(24.82)
    assert by_name.loc["Oostende", "oki"] == pytest.approx(1.49)
    assert math.isnan(by_name.loc["Antwerpen", "oki"])  # no OKI for the merged Antwerpen
    assert math.isnan(by_name.loc["Bever", "kansarmoede_index_pct"])
    flemish = munis[munis["region"] == "flanders"]
    assert flemish["kansarmoede_index_pct"].isna().sum() == 3  # as documented in SOURCES.md
    assert flemish["oki"].isna().sum() == 13
    assert munis.loc[munis["region"] == "brussels", ["kansarmoede_index_pct", "oki"]].isna().all().all()
    assert not (munis[["kansarmoede_index_pct", "oki"]] == 0).any().any()  # missing is never 0


def test_every_municipality_has_its_eerstelijnszone(munis):
    assert munis["elz"].str.fullmatch(r"elz\d+").all()
    assert munis.loc[munis["region"] == "brussels", "elz"].eq("elz7").all()
    assert munis["elz"].nunique() > 50


def test_provinces_and_regions_are_unions_of_the_map_municipalities(munis, provinces):
    prov = provinces
    assert list(prov["province_nis"]) == ["10000", "20001", "30000", "40000", "70000", "4000"]
    assert prov.loc[prov["province_nis"] == "40000", "name"].item() == "Oost-Vlaanderen"
    assert prov.crs.to_epsg() == 4326 and prov.is_valid.all()
    lambert = munis.to_crs(reference.LAMBERT72)
    for code, geom in prov.to_crs(reference.LAMBERT72).set_index("province_nis").geometry.items():
        union = lambert.loc[lambert["province_nis"] == code].union_all()
        assert geom.symmetric_difference(union).area < 1e3, code  # m², rounding only

    reg = reference.regions()
    assert list(reg["region"]) == ["flanders", "brussels"]
    assert list(reg["region_nis"]) == ["2000", "4000"]
    area = reg.to_crs(reference.LAMBERT72).set_index("region").area / 1e6
    assert area["brussels"] == pytest.approx(162.4, rel=0.01)


def test_municipalities_2024_are_the_319_codes_of_2019_to_2024_with_their_successor():
    m24 = reference.municipalities_2024()
    assert len(m24) == 319 and m24["nis"].is_unique
    assert m24["nis"].str.fullmatch(r"\d{5}").all()
    row = m24.set_index("nis").loc["11007"]
    assert row["name"] == "Borsbeek" and row["nis2025"] == "11002"


def test_crosswalk_and_known_codes_cover_2024_and_2025_layouts(munis):
    cw = reference.nis_2024_to_2025()
    assert len(cw) == 319 and not any(c.startswith("999") for c in cw)
    assert cw["11007"] == "11002" and cw["73040"] == "71072" and cw["11056"] == "46030"
    assert sum(old != new for old, new in cw.items()) == 27
    assert set(cw.values()) == set(munis["nis"])
    known = reference.known_nis()
    assert set(reference.municipalities_2024()["nis"]) | set(munis["nis"]) == known
    assert {"11007", "71072", "44086", "21004"} <= known
    assert "99999" not in known


def test_the_2019_merger_crosswalk_lists_the_15_former_municipalities():
    cw = reference.nis_2018_to_2019()
    assert len(cw) == 15
    assert cw["44011"] == "44083" and cw["44049"] == "44083"  # Deinze + Nevele -> Deinze


def test_deelgemeenten_carry_their_2025_municipality_code_and_a_point_inside(munis):
    dg = reference.deelgemeenten()
    assert len(dg) == 1119 and dg["code"].is_unique
    assert set(dg["nis"]) <= set(munis["nis"])
    beverlo = dg.set_index("code").loc["71004D"]
    assert beverlo["name"] == "Beverlo" and beverlo["nis"] == "71004"
    assert beverlo["full_name"] == "Beverlo (Beringen)"
    # geoitem prefixes are not always 2025 codes: 44011 (Deinze, pre-2019), 11007 (2024)
    assert dg.set_index("code").loc["11007A", "nis"] == "11002"
    assert dg.loc[dg["code"].str.startswith("44011"), "nis"].eq("44083").all()
    for lat, lon, (minx, miny, maxx, maxy) in zip(dg["lat"], dg["lon"], dg["bounds"]):
        assert minx < lon < maxx and miny < lat < maxy


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
    assert zeebrugge["municipality"] == "Brugge"


def test_places_map_vanished_2024_municipalities_to_their_2025_successor(places):
    gone = places[places["kind"] == "gemeente_2024"].set_index("name")["nis"]
    assert gone["Borsbeek"] == "11002"
    assert gone["Kortessem"] == "71072"
    assert gone["Zwijndrecht"] == "46030"
    assert "Hasselt" not in gone.index  # the name still exists in 2025
    assert set(places["kind"]) == {"gemeente", "gemeente_2024", "deelgemeente"}
    assert (places["kind"] == "gemeente").sum() == 304
    assert len(places) == 1164


def test_every_place_point_lies_in_its_own_2025_municipality(places):
    from geo.place import locate

    located = locate(places.assign(municipality_nis=places["nis"]))
    assert located["in_stated_municipality"].all()
    assert places["lat"].between(50.6, 51.6).all() and places["lon"].between(2.5, 6.0).all()


def test_returned_layers_are_copies_so_callers_cannot_corrupt_the_cache():
    first = reference.municipalities()
    first.loc[:, "name"] = "x"
    assert (reference.municipalities()["name"] != "x").all()
    places = reference.places()
    places.loc[:, "nis"] = "00000"
    assert (reference.places()["nis"] != "00000").all()


def test_the_reference_layers_are_plain_geojson_and_csv_files():
    layers = config.geo_dir()
    munis = pd.read_csv(layers / config.MUNICIPALITIES_CSV, dtype=str, keep_default_na=False)
    assert list(munis.columns) == [c for c in reference.MUNICIPALITY_COLUMNS if c != "geometry"]
    import json

    doc = json.loads((layers / config.MUNICIPALITIES_GEOJSON).read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 304
    assert doc["features"][0]["properties"] == {"nis": "11001", "name": "Aartselaar"}
