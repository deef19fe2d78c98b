"""locate(): point-in-polygon on the placement-precision 2025 municipalities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo import reference
from geo.place import LOCATE_COLUMNS, locate, representative_points

LEOPOLDSBURG = (51.1167, 5.2583)
LANAKEN = (50.8933, 5.6469)
BORSBEEK = (51.1925, 4.4881)


def frame(rows, index=None):
    return pd.DataFrame(rows, columns=["lat", "lon", "municipality_nis"], index=index)


def test_a_point_in_leopoldsburg_is_placed_in_71034():
    out = locate(frame([(*LEOPOLDSBURG, "71034")]))
    row = out.iloc[0]
    assert row["nis2025"] == "71034"
    assert row["municipality2025"] == "Leopoldsburg"
    assert row["province_nis"] == "70000" and row["province_name"] == "Limburg"
    assert row["region"] == "flanders"
    assert bool(row["in_stated_municipality"]) is True


def test_a_point_in_lanaken_stated_as_riemst_is_flagged_as_not_in_its_municipality():
    row = locate(frame([(*LANAKEN, "73066")])).iloc[0]
    assert row["nis2025"] == "73042"
    assert bool(row["in_stated_municipality"]) is False


def test_a_2024_code_is_compared_after_mapping_it_to_2025():
    out = locate(frame([(*BORSBEEK, "11007"), (*BORSBEEK, "11002")]))
    assert list(out["nis2025"]) == ["11002", "11002"]
    assert out["in_stated_municipality"].tolist() == [True, True]


def test_points_outside_flanders_or_without_coordinates_get_empty_strings():
    out = locate(
        frame(
            [
                (52.37, 4.89, "11002"),  # Amsterdam
                (50.41, 4.44, "11002"),  # Charleroi (Wallonia)
                (np.nan, 4.4, "11002"),
                (None, None, None),
            ]
        )
    )
    for col in LOCATE_COLUMNS[:5]:
        assert (out[col] == "").all(), col
    assert not out["in_stated_municipality"].any()
    assert out["in_stated_municipality"].dtype == bool


def test_locate_returns_a_copy_with_the_input_index_and_columns_kept():
    df = frame([(*LEOPOLDSBURG, 71034), (*LANAKEN, "73066")], index=["b", "a"])
    df["extra"] = [1, 2]
    out = locate(df)
    assert list(out.index) == ["b", "a"]
    assert list(out.columns) == list(df.columns) + LOCATE_COLUMNS
    assert "nis2025" not in df.columns
    assert list(out["nis2025"]) == ["71034", "73042"]  # int code 71034 is read as '71034'
    assert out["in_stated_municipality"].tolist() == [True, False]


def test_locate_handles_an_empty_frame_and_rejects_missing_columns():
    out = locate(frame([]))
    assert len(out) == 0 and set(LOCATE_COLUMNS) <= set(out.columns)
    with pytest.raises(KeyError, match="municipality_nis"):
        locate(pd.DataFrame({"lat": [51.0], "lon": [4.0]}))


def test_locate_uses_the_placement_polygons_not_the_map_outline():
    # A point just inside the border of Leopoldsburg where the 300 m map outline differs
    # from the placement-precision polygon: locate() follows the latter.
    full = reference.municipalities_full()
    simplified = reference.municipalities()
    lb_full = full.set_index("nis").geometry["71034"]
    lb_simple = simplified.set_index("nis").geometry["71034"]
    sliver = lb_full.difference(lb_simple)
    assert not sliver.is_empty
    p = sliver.representative_point()
    row = locate(frame([(p.y, p.x, "71034")])).iloc[0]
    assert row["nis2025"] == "71034" and bool(row["in_stated_municipality"])


def test_representative_points_lie_inside_their_polygons():
    mun = reference.municipalities_full()
    pts = representative_points(mun)
    assert pts.geom_type.eq("Point").all()
    assert pts.geometry.within(mun.geometry).all()
    assert {"lat", "lon"} <= set(pts.columns)
