"""r_wg and r_wg(j) agreement indices, by hand."""

from __future__ import annotations

import pytest

from cxdash.metrics import STRONG_AGREEMENT, rwg, rwg_j


def test_rwg_of_a_typical_item() -> None:
    # mean 4; squared deviations 0, 0, 1, 1, 0 → s² = 2 / 4 = 0.5
    # σ²_EU = (5² − 1) / 12 = 2.0; r_wg = 1 − 0.5 / 2.0 = 0.75
    assert rwg([4, 4, 5, 3, 4]) == pytest.approx(0.75)


def test_rwg_without_variance_is_full_agreement() -> None:
    assert rwg([3, 3, 3, 3]) == 1.0


def test_rwg_above_the_null_variance_is_clipped_to_zero() -> None:
    # mean 3; squared deviations 4 each → s² = 16 / 3 = 5.33 > σ²_EU = 2.0
    assert rwg([1, 5, 1, 5]) == 0.0


def test_rwg_on_a_seven_point_scale() -> None:
    # σ²_EU = (7² − 1) / 12 = 4.0; s² of [4, 4, 5, 3, 4] = 0.5; 1 − 0.5/4 = 0.875
    assert rwg([4, 4, 5, 3, 4], scale_points=7) == pytest.approx(0.875)


@pytest.mark.parametrize("ratings", [[], [4]])
def test_rwg_needs_two_raters(ratings: list[float]) -> None:
    with pytest.raises(ValueError, match="at least 2 raters"):
        rwg(ratings)


def test_a_scale_needs_two_points() -> None:
    with pytest.raises(ValueError, match="at least 2 points"):
        rwg([1, 1], scale_points=1)


def test_rwg_j_of_two_items() -> None:
    # item variances 0.5 and 0 → s̄² = 0.25; s̄²/σ²_EU = 0.25 / 2.0 = 0.125
    # r_wg(j) = 2 × 0.875 / (2 × 0.875 + 0.125) = 1.75 / 1.875 = 0.93333
    assert rwg_j([[4, 4, 5, 3, 4], [3, 3, 3, 3, 3]]) == pytest.approx(0.933333, abs=1e-6)


def test_rwg_j_ignores_items_with_fewer_than_two_ratings() -> None:
    items = [[4, 4, 5, 3, 4], [3, 3, 3, 3, 3], [5], []]
    assert rwg_j(items) == pytest.approx(0.933333, abs=1e-6)


def test_rwg_j_of_one_item_equals_rwg() -> None:
    # J = 1: (1 − r) / ((1 − r) + r) = 1 − r = 0.75
    assert rwg_j([[4, 4, 5, 3, 4]]) == pytest.approx(0.75)


def test_rwg_j_above_the_null_variance_is_zero() -> None:
    # s² = 16/3 and 0.5 → s̄² = 2.9167 > σ²_EU = 2.0
    assert rwg_j([[1, 5, 1, 5], [4, 4, 5, 3, 4]]) == 0.0


def test_rwg_j_at_the_null_variance_is_zero() -> None:
    # s² of [1, 3] = ((−1)² + 1²) / 1 = 2.0 = σ²_EU, so s̄²/σ²_EU = 1: no agreement
    assert rwg_j([[1, 3], [1, 3]]) == 0.0


def test_rwg_j_without_variance_is_full_agreement() -> None:
    assert rwg_j([[2, 2, 2], [5, 5, 5, 5]]) == 1.0


def test_rwg_j_needs_a_usable_item() -> None:
    with pytest.raises(ValueError, match="at least one item"):
        rwg_j([[4], []])
    with pytest.raises(ValueError, match="at least one item"):
        rwg_j([])


def test_strong_agreement_threshold() -> None:
    assert STRONG_AGREEMENT == 0.70


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf"), 0, 6, 5.5, True, "4"])
def test_rwg_refuses_a_rating_that_is_not_on_the_scale(bad: object) -> None:
    with pytest.raises(ValueError, match=r"^ratings must"):
        rwg([4, 4, bad])  # type: ignore[list-item]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), 0, 8])
def test_rwg_j_refuses_a_rating_that_is_not_on_the_scale(bad: float) -> None:
    with pytest.raises(ValueError, match=r"^item_ratings must"):
        rwg_j([[4, 4, 5], [3, bad]])


def test_a_seven_point_scale_accepts_a_seven() -> None:
    # s² of [7, 7, 6] = 1/3; σ²_EU = (49 − 1)/12 = 4; r_wg = 1 − (1/3)/4 = 0.9167
    assert rwg([7, 7, 6], scale_points=7) == pytest.approx(11 / 12)


@pytest.mark.parametrize("points", [5.0, True])
def test_scale_points_must_be_a_whole_number(points: object) -> None:
    with pytest.raises(ValueError, match="scale_points"):
        rwg([4, 4], scale_points=points)  # type: ignore[arg-type]
