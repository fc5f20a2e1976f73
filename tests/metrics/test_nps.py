"""NPS, its adjusted-Wald CI, the change test and the small-sample rules, by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxdash.metrics import (
    NpsChange,
    NpsResult,
    classify_sample,
    nps_change,
    nps_from_counts,
)


def test_score_and_n_of_a_typical_month() -> None:
    # 100 × (150 − 50) / 300 = 33.33…
    result = nps_from_counts(150, 100, 50)
    assert result.n == 300
    assert result.score == pytest.approx(33.3333, abs=1e-4)
    assert (result.promoters, result.passives, result.detractors) == (150, 100, 50)


def test_ci_of_a_typical_month_matches_the_hand_computation() -> None:
    # n' = 303, p' = 150.75/303 = 0.497525, d' = 50.75/303 = 0.167492
    # p' − d' = 100/303 = 0.330033, p' + d' = 201.5/303 = 0.665017
    # var = 0.665017 − 0.330033² = 0.665017 − 0.108922 = 0.556095
    # se = √(0.556095 / 303) = √0.00183530 = 0.0428404; 1.96·se = 0.0839671
    # CI = 100 × (0.330033 ∓ 0.0839671) = [24.6066, 41.4000]
    result = nps_from_counts(150, 100, 50)
    assert result.ci_low == pytest.approx(24.6066, abs=1e-3)
    assert result.ci_high == pytest.approx(41.4000, abs=1e-3)


def test_no_responses_has_no_score_and_no_ci() -> None:
    assert nps_from_counts(0, 0, 0) == NpsResult(None, 0, 0, 0, 0, None, None)


def test_all_promoters_scores_100_and_the_ci_is_clipped() -> None:
    # n' = 13, p' = 10.75/13, d' = 0.75/13, unclipped CI ≈ [47.50, 106.34]
    result = nps_from_counts(10, 0, 0)
    assert result.score == 100.0
    assert result.ci_high == 100.0
    assert result.ci_low == pytest.approx(47.503, abs=1e-3)


def test_all_detractors_scores_minus_100_and_the_ci_is_clipped() -> None:
    # The mirror image of ten promoters: unclipped CI ≈ [−106.34, −47.50]
    result = nps_from_counts(0, 0, 10)
    assert result.score == -100.0
    assert result.ci_low == -100.0
    assert result.ci_high == pytest.approx(-47.503, abs=1e-3)


def test_all_passives_scores_zero_with_a_symmetric_ci() -> None:
    result = nps_from_counts(0, 20, 0)
    assert result.score == 0.0
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low == pytest.approx(-result.ci_high)


@pytest.mark.parametrize("counts", [(-1, 0, 0), (0, -1, 0), (5, 5, -2)])
def test_negative_counts_are_refused(counts: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        nps_from_counts(*counts)


@given(
    st.integers(min_value=0, max_value=5_000),
    st.integers(min_value=0, max_value=5_000),
    st.integers(min_value=0, max_value=5_000),
)
def test_score_and_ci_stay_within_the_nps_range(promoters: int, passives: int, detractors: int) -> None:
    # Adjusted Wald does not promise ci_low ≤ score ≤ ci_high at the extremes,
    # so only the bounds and the order of the ends are properties.
    result = nps_from_counts(promoters, passives, detractors)
    if result.n == 0:
        assert result.score is None and result.ci_low is None
        return
    assert result.score is not None
    assert result.ci_low is not None and result.ci_high is not None
    assert -100.0 <= result.score <= 100.0
    assert -100.0 <= result.ci_low <= result.ci_high <= 100.0


def test_a_large_drop_is_significant() -> None:
    # before 150/100/50: p = 0.5, d = 1/6, var = 2/3 − (1/3)² = 0.555556
    # after 100/100/100: p = d = 1/3, var = 2/3 − 0 = 0.666667
    # se = √(0.555556/300 + 0.666667/300) = √0.00407407 = 0.0638285
    # delta = 0 − 33.3333 = −33.3333; z = −0.333333 / 0.0638285 = −5.2223
    # p = erfc(5.2223/√2) ≈ 1.77e-7
    change = nps_change(nps_from_counts(150, 100, 50), nps_from_counts(100, 100, 100))
    assert change.delta == pytest.approx(-33.3333, abs=1e-4)
    assert change.z == pytest.approx(-5.2223, abs=1e-4)
    assert change.p_value == pytest.approx(1.767e-7, rel=1e-3)
    assert change.significant is True


def test_a_small_drop_is_not_significant() -> None:
    # before 50/30/20: p = 0.50, d = 0.20, var = 0.70 − 0.30² = 0.61
    # after 45/35/20: p = 0.45, d = 0.20, var = 0.65 − 0.25² = 0.5875
    # se = √(0.61/100 + 0.5875/100) = √0.011975 = 0.109430
    # delta = 25 − 30 = −5; z = −0.05 / 0.109430 = −0.45691
    # p = erfc(0.45691/√2) ≈ 0.6477
    change = nps_change(nps_from_counts(50, 30, 20), nps_from_counts(45, 35, 20))
    assert change.delta == pytest.approx(-5.0)
    assert change.z == pytest.approx(-0.45691, abs=1e-4)
    assert change.p_value == pytest.approx(0.6477, abs=1e-4)
    assert change.significant is False


def test_alpha_decides_significance() -> None:
    # before 50/30/20 (var 0.61), after 35/35/30: p = 0.35, d = 0.30,
    # var = 0.65 − 0.05² = 0.6475; se = √(0.0061 + 0.006475) = 0.112138
    # z = −0.25 / 0.112138 = −2.2294; p ≈ 0.0258
    before, after = nps_from_counts(50, 30, 20), nps_from_counts(35, 35, 30)
    assert nps_change(before, after).p_value == pytest.approx(0.0258, abs=1e-4)
    assert nps_change(before, after).significant is True
    assert nps_change(before, after, alpha=0.01).significant is False


def test_a_rise_has_a_positive_delta_and_z() -> None:
    change = nps_change(nps_from_counts(100, 100, 100), nps_from_counts(150, 100, 50))
    assert change.delta == pytest.approx(33.3333, abs=1e-4)
    assert change.z == pytest.approx(5.2223, abs=1e-4)


@pytest.mark.parametrize(
    ("before", "after"),
    [((0, 0, 0), (10, 5, 5)), ((10, 5, 5), (0, 0, 0)), ((0, 0, 0), (0, 0, 0))],
)
def test_an_empty_side_gives_no_change(before: tuple[int, int, int], after: tuple[int, int, int]) -> None:
    change = nps_change(nps_from_counts(*before), nps_from_counts(*after))
    assert change == NpsChange(None, None, None, False)


def test_zero_standard_error_without_a_change_has_no_test() -> None:
    # All promoters on both sides: var = 1 + 0 − 1² = 0 on each side.
    change = nps_change(nps_from_counts(40, 0, 0), nps_from_counts(60, 0, 0))
    assert change == NpsChange(0.0, None, None, False)


def test_zero_standard_error_with_a_change_is_not_called_significant() -> None:
    # All promoters, then all detractors: delta −200 but se = 0, so no Wald test.
    change = nps_change(nps_from_counts(40, 0, 0), nps_from_counts(0, 0, 60))
    assert change == NpsChange(-200.0, None, None, False)


@pytest.mark.parametrize("alpha", [0.0, 1.0, -0.05])
def test_alpha_outside_zero_one_is_refused(alpha: float) -> None:
    result = nps_from_counts(10, 10, 10)
    with pytest.raises(ValueError, match="alpha"):
        nps_change(result, result, alpha=alpha)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "suppressed"), (4, "suppressed"), (5, "low"), (29, "low"), (30, "ok"), (500, "ok")],
)
def test_sample_classes_at_the_default_thresholds(n: int, expected: str) -> None:
    assert classify_sample(n) == expected


def test_sample_thresholds_are_settings() -> None:
    assert classify_sample(9, low=50, suppress=10) == "suppressed"
    assert classify_sample(10, low=50, suppress=10) == "low"
    assert classify_sample(50, low=50, suppress=10) == "ok"


def test_a_negative_sample_size_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        classify_sample(-1)


@pytest.mark.parametrize(
    ("counts", "name"),
    [
        ((float("nan"), 0, 0), "promoters"),
        ((0, float("inf"), 0), "passives"),
        ((0, 0, -float("inf")), "detractors"),
        ((2.5, 1, 1), "promoters"),
        ((3.0, 1, 1), "promoters"),
        ((True, 1, 1), "promoters"),
        ((1, 1, "3"), "detractors"),
    ],
)
def test_counts_that_are_not_whole_numbers_are_refused_by_name(counts: tuple[object, ...], name: str) -> None:
    with pytest.raises(ValueError, match=f"^{name} must be a whole number"):
        nps_from_counts(*counts)  # type: ignore[arg-type]


def test_numpy_integer_counts_are_accepted() -> None:
    assert nps_from_counts(np.int64(3), np.int32(1), np.int64(1)).score == pytest.approx(40.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("n", [float("nan"), 2.5, True])
def test_a_sample_size_that_is_not_a_count_is_refused(n: object) -> None:
    with pytest.raises(ValueError, match="sample size"):
        classify_sample(n)  # type: ignore[arg-type]


@pytest.mark.parametrize("alpha", [float("nan"), float("inf")])
def test_an_alpha_that_is_not_finite_is_refused(alpha: float) -> None:
    result = nps_from_counts(10, 10, 10)
    with pytest.raises(ValueError, match="alpha must be a finite number"):
        nps_change(result, result, alpha=alpha)
