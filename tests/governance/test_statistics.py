"""Pure statistics behind the model comparison: differences, Welch intervals, spread, bootstrap."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cxdash.metrics import nps_from_counts
from cxdash.metrics.governance import (
    excess_spread,
    mean_difference,
    nps_difference,
    percentile_interval,
    resampled_sums,
    sampling_variance,
    t_quantile_975,
)


def test_nps_difference_is_the_wald_change_test_with_its_interval() -> None:
    a, b = nps_from_counts(50, 30, 20), nps_from_counts(70, 20, 10)  # NPS 30 and 60
    diff = nps_difference(a, b)
    se = math.sqrt(0.61 / 100 + 0.44 / 100)
    assert diff.delta == pytest.approx(30.0)
    assert diff.ci_low == pytest.approx(30.0 - 196 * se)
    assert diff.ci_high == pytest.approx(30.0 + 196 * se)
    assert diff.p_value == pytest.approx(math.erfc((0.30 / se) / math.sqrt(2)))
    assert diff.significant


def test_nps_difference_without_responses_is_unknown() -> None:
    diff = nps_difference(nps_from_counts(0, 0, 0), nps_from_counts(5, 0, 0))
    assert diff.delta is None and diff.ci_low is None and not diff.significant


def test_sampling_variance_is_in_points_squared() -> None:
    assert sampling_variance(nps_from_counts(50, 30, 20)) == pytest.approx(10_000 * 0.61 / 100)


def test_welch_interval_with_two_regions_a_side_is_wide() -> None:
    diff = mean_difference([10.0, 20.0], [30.0, 40.0])
    # s² = 50 each side, se = √50, Welch df = 2 → t = 4.303
    assert diff.delta == pytest.approx(20.0)
    assert diff.ci_low == pytest.approx(20.0 - 4.303 * math.sqrt(50))
    assert diff.ci_high == pytest.approx(20.0 + 4.303 * math.sqrt(50))
    assert not diff.significant


def test_one_region_on_a_side_gives_no_interval() -> None:
    diff = mean_difference([10.0], [30.0, 40.0])
    assert diff.delta == pytest.approx(25.0)
    assert diff.ci_low is None and diff.ci_high is None and not diff.significant


def test_clearly_separated_regions_are_significant() -> None:
    diff = mean_difference([50.0, 52.0], [10.0, 12.0])
    assert diff.delta == pytest.approx(-40.0) and diff.significant and diff.ci_high is not None and diff.ci_high < 0


def test_t_quantiles_round_degrees_of_freedom_down() -> None:
    assert t_quantile_975(2.9) == pytest.approx(4.303)
    assert t_quantile_975(30) == pytest.approx(2.042)
    assert t_quantile_975(500) == pytest.approx(1.96)
    with pytest.raises(ValueError, match="degree of freedom"):
        t_quantile_975(0.5)


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
    single = resampled_sums(np.random.default_rng(7), np.array([[3, 4]]), 5)
    assert (single == np.array([[3, 4]] * 5)).all()


def test_percentile_interval_ignores_undefined_draws() -> None:
    estimates = np.array([np.nan, *range(101)], dtype=float)
    assert percentile_interval(estimates) == pytest.approx((2.5, 97.5))
    assert percentile_interval(np.array([np.nan])) is None
