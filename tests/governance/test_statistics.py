"""Region-level statistics for operating models, each checked against a hand-worked figure."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from cxdash.metrics import nps_from_counts
from cxdash.metrics.governance import (
    clustered_difference,
    clustered_mean,
    excess_spread,
    linear_trend,
    percentile_interval,
    placebo_p,
    resampled_sums,
    sampling_variance,
)


def test_one_row_per_region_gives_the_cluster_robust_two_group_difference() -> None:
    # a = 10, 20 and b = 30, 50: delta 25; residuals ±5 and ±10, Σe²/n² = 12.5 + 50 = 62.5.
    # CR1 factor G/(G−1)·(N−1)/(N−K) = 4/3·3/2 = 2, so var = 125; t with G − 1 = 3 degrees of freedom.
    d = clustered_difference([10.0, 20.0, 30.0, 50.0], [False, False, True, True], ["A1", "A2", "B1", "B2"])
    se = math.sqrt(125.0)
    assert d.value == pytest.approx(25.0) and d.regions == 4
    assert d.ci_low == pytest.approx(25.0 - 3.182446 * se, abs=1e-4)
    assert d.ci_high == pytest.approx(25.0 + 3.182446 * se, abs=1e-4)
    assert d.p_value == pytest.approx(2 * stats.t.sf(25.0 / se, 3))


def test_a_region_that_switched_is_one_cluster_not_two_regions() -> None:
    # a: A1 = 10, S = 30; b: B1 = 40, S = 60. Cluster scores on the slope (row [−0.5, 1] of (X'X)⁻¹ times
    # [Σe, Σ b·e]): A1 +5, S 0, B1 −5, so Σ = 50; CR1 factor 3/2·3/2 = 2.25, var = 112.5, t with 2 df.
    d = clustered_difference([10.0, 30.0, 40.0, 60.0], [False, False, True, True], ["A1", "S", "B1", "S"])
    assert d.regions == 3
    assert d.value == pytest.approx(30.0)
    assert d.p_value == pytest.approx(2 * stats.t.sf(30.0 / math.sqrt(112.5), 2))


def test_one_region_on_a_side_gives_a_difference_but_no_interval() -> None:
    d = clustered_difference([10.0, 20.0, 40.0, 44.0], [False, False, True, True], ["A1", "A2", "B1", "B1"])
    assert d.value == pytest.approx(42.0 - 15.0) and d.ci_low is None and d.p_value is None and d.regions == 3


def test_a_side_without_rows_gives_no_difference() -> None:
    d = clustered_difference([10.0, 20.0], [False, False], ["A1", "A2"])
    assert d.value is None and d.regions == 2


def test_clustered_mean_uses_regions_minus_one_degrees_of_freedom() -> None:
    # Regions A (10, 20) and B (40, 50): mean 30; cluster sums of residuals −30 and +30, Σ/N² = 1800/16,
    # CR1 factor G/(G−1) = 2: var = 225, se = 15, t with 1 degree of freedom.
    m = clustered_mean([10.0, 20.0, 40.0, 50.0], ["A", "A", "B", "B"], bound=1000.0)
    assert m.value == pytest.approx(30.0) and m.regions == 2
    assert m.ci_high == pytest.approx(30.0 + stats.t.ppf(0.975, 1) * 15.0)
    assert clustered_mean([10.0, 20.0], ["A", "A"]).ci_low is None
    with pytest.raises(ValueError, match="one region per value"):
        clustered_mean([1.0], [])


def test_an_nps_level_interval_stops_at_the_ends_of_the_scale() -> None:
    # The same two regions on the NPS scale: Student's t with 1 df reaches 30 ± 190.6, past ±100.
    m = clustered_mean([10.0, 20.0, 40.0, 50.0], ["A", "A", "B", "B"])
    assert m.value == pytest.approx(30.0)
    assert (m.ci_low, m.ci_high) == (-100.0, 100.0)
    inside = clustered_mean([10.0, 12.0, 14.0, 16.0], ["A", "A", "B", "B"])
    assert inside.ci_low is not None and -100.0 < inside.ci_low < inside.ci_high < 100.0  # type: ignore[operator]


def test_a_difference_interval_stops_at_plus_or_minus_200() -> None:
    values, second, regions = [-90.0, 90.0, 100.0, -60.0], [False, False, True, True], ["A", "B", "C", "D"]
    raw = clustered_difference(values, second, regions, bound=1e6)
    assert raw.ci_low is not None and raw.ci_high is not None and raw.ci_low < -200.0 and raw.ci_high > 200.0
    cut = clustered_difference(values, second, regions)
    assert (cut.value, cut.ci_low, cut.ci_high, cut.p_value) == (raw.value, -200.0, 200.0, raw.p_value)


def test_placebo_p_counts_the_real_effect_and_ties() -> None:
    assert placebo_p(10.0, [1.0, -2.0, 3.0, 0.5, -4.0, 2.0]) == pytest.approx(1 / 7)
    assert placebo_p(3.0, [1.0, -3.0, 5.0]) == pytest.approx(3 / 4)
    with pytest.raises(ValueError, match="untreated region"):
        placebo_p(1.0, [])


def test_the_placebo_floor_is_one_over_k_plus_one() -> None:
    for k in (1, 6, 19):
        assert placebo_p(1e9, [0.0] * k) == pytest.approx(1 / (k + 1))


def test_linear_trend_is_the_ols_slope_with_its_t_test() -> None:
    # x = 0..3, y = 0, 2, 1, 3: slope Sxy/Sxx = 4/5; SSE 1.8, s² 0.9, se √(0.9/5); t with 2 df.
    trend = linear_trend([0.0, 2.0, 1.0, 3.0])
    assert trend is not None and trend.points == 4
    assert trend.slope == pytest.approx(0.8)
    assert trend.p_value == pytest.approx(2 * stats.t.sf(0.8 / math.sqrt(0.18), 2))


def test_two_points_are_too_few_for_a_trend() -> None:
    assert linear_trend([1.0, 5.0]) is None


def test_sampling_variance_is_in_points_squared() -> None:
    # 50 promoters, 30 passives, 20 detractors: p .5, d .2, var = 10⁴ × (.7 − .09) / 100 = 61.
    assert sampling_variance(nps_from_counts(50, 30, 20)) == pytest.approx(61.0)


def test_excess_spread_removes_sampling_noise() -> None:
    assert excess_spread([10.0, 20.0, 30.0], [0.0, 0.0, 0.0]) == pytest.approx(10.0)
    assert excess_spread([10.0, 20.0, 30.0], [100.0, 100.0, 100.0]) == pytest.approx(0.0)
    assert excess_spread([10.0, 20.0, 30.0], [36.0, 36.0, 36.0]) == pytest.approx(8.0)
    assert excess_spread([10.0], [1.0]) is None


def test_resampled_sums_are_reproducible_with_a_seed() -> None:
    counts = np.array([[1, 0], [0, 1], [2, 2]])
    first = resampled_sums(np.random.default_rng(7), counts, 50)
    again = resampled_sums(np.random.default_rng(7), counts, 50)
    assert first.shape == (50, 2) and (first == again).all()


def test_percentile_interval_ignores_undefined_draws() -> None:
    estimates = np.array([np.nan, *range(101)], dtype=float)
    assert percentile_interval(estimates) == pytest.approx((2.5, 97.5))
    assert percentile_interval(np.array([np.nan])) is None
