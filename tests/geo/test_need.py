"""geo.need: fixed classes, need gaps and the "X of Y" counts, on the shipped layers' known values."""

import math

import pandas as pd
import pytest

from geo import need
from geo.coverage import compute, municipality_table


def test_layers_carry_known_values_and_three_missing_indices(munis):
    by_name = munis.set_index("name")
    assert by_name.loc["Oostende", "kansarmoede_index_pct"] == pytest.approx(31.91)
    assert by_name.loc["Antwerpen", "kansarmoede_index_pct"] == pytest.approx(24.82)
    flemish = munis[munis["region"] == "flanders"]
    assert sorted(flemish.loc[flemish["kansarmoede_index_pct"].isna(), "name"]) == ["Bever", "Herstappe", "Horebeke"]
    assert munis.loc[munis["region"] == "brussels", "kansarmoede_index_pct"].isna().all()


@pytest.mark.parametrize("value,cls", [(0.77, 0), (4.99, 0), (5.0, 1), (14.99, 2), (15.0, 3), (24.82, 4),
                                        (25.0, 5), (31.91, 5)])
def test_kansarmoede_classes_have_fixed_breaks(value, cls):
    assert need.need_class(value, need.INDICATORS["kansarmoede"].breaks) == cls


@pytest.mark.parametrize("value", [None, float("nan"), "", "x"])
def test_missing_value_has_no_class_never_zero(value):
    assert need.need_class(value, need.INDICATORS["kansarmoede"].breaks) is None


def test_oki_classes_cover_its_range():
    b = need.INDICATORS["oki"].breaks
    assert need.need_class(0.17, b) == 0
    assert need.need_class(1.49, b) == 5
    assert need.need_class(0.5, b) == 2
    assert need.class_bounds(b)[0] == (0.0, 0.25) and need.class_bounds(b)[-1] == (1.25, None)


def _table():
    return pd.DataFrame({
        "nis": ["1", "2", "3", "4", "5"],
        "name": ["Groot", "Klein", "Met project", "Laag", "Onbekend"],
        "population": [100_000, 10_000, 50_000, 80_000, 5_000],
        "projects": [0, 0, 2, 0, 0],
        "kansarmoede_index_pct": [15.0, 30.0, 20.0, 14.99, float("nan")],
    })


def test_need_gaps_are_high_index_without_project_ranked_by_weight():
    gaps = need.need_gaps(_table(), 15)
    assert list(gaps["name"]) == ["Groot", "Klein"]  # 15 000 before 3 000; 'Laag' below, 'Onbekend' unknown
    assert list(gaps["weight"]) == [15_000.0, 3_000.0]


def test_need_counts_x_of_y_and_missing():
    c = need.need_counts(_table(), 15)
    assert (c.with_project, c.at_or_above, c.without_value, c.municipalities) == (1, 3, 1, 5)
    assert need.need_counts(_table(), 25).at_or_above == 1


def test_weighted_index_skips_missing():
    t = _table()
    value = need.weighted_index(t["kansarmoede_index_pct"], t["population"])
    expected = (15 * 100_000 + 30 * 10_000 + 20 * 50_000 + 14.99 * 80_000) / 240_000
    assert value == pytest.approx(expected)
    assert math.isnan(need.weighted_index(pd.Series([float("nan")]), pd.Series([10])))


def test_coverage_table_carries_the_indicators_and_oostende_is_a_gap_without_projects(territory):
    cov = compute(territory, pd.DataFrame(columns=["lat", "lon", "programme", "id", "name"]))
    table = municipality_table(cov, None)
    row = table.set_index("name").loc["Oostende"]
    assert row["kansarmoede_index_pct"] == pytest.approx(31.91) and row["oki"] == pytest.approx(1.49)
    gaps = need.need_gaps(table, 15)
    assert gaps.iloc[0]["name"] == "Antwerpen"  # 24.82 % x 540 196 inhabitants
    assert gaps.iloc[0]["weight"] == pytest.approx(0.2482 * 540_196)
    assert "Oostende" in set(gaps["name"])
    assert need.need_counts(table, 15).at_or_above == 35
