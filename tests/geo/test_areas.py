"""geo.areas.bounds_of: the box the map fits to for a set of municipalities."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import box

from geo.areas import bounds_of

MUNIS = gpd.GeoDataFrame({"nis": ["11002", "71034"]},
                         geometry=[box(4.2, 51.1, 4.5, 51.3), box(5.2, 51.0, 5.3, 51.2)], crs="EPSG:4326")


def test_bounds_are_south_west_then_north_east_around_all_given_municipalities():
    assert bounds_of(MUNIS, ["71034"]) == [[51.0, 5.2], [51.2, 5.3]]
    assert bounds_of(MUNIS, {"11002", "71034"}) == [[51.0, 4.2], [51.3, 5.3]]


def test_unknown_codes_give_no_bounds():
    assert bounds_of(MUNIS, ["99999"]) is None
    assert bounds_of(MUNIS, []) is None
