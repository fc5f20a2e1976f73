"""Retention = (E − N)/S and churn = 1 − retention, by hand."""

from __future__ import annotations

import pytest

from cxdash.metrics import churn_rate, retention_or_none, retention_rate


def test_retention_of_a_typical_span() -> None:
    # S = 1000 at the start, N = 150 new, E = 1050 at the end:
    # (1050 − 150) / 1000 = 900 / 1000 = 0.90
    assert retention_rate(1000, 1050, 150) == pytest.approx(0.90)


def test_churn_is_one_minus_retention() -> None:
    # (1050 − 150) / 1000 = 0.90, so churn = 0.10
    assert churn_rate(1000, 1050, 150) == pytest.approx(0.10)


def test_keeping_everyone_is_full_retention() -> None:
    # (500 − 0) / 500 = 1.0
    assert retention_rate(500, 500, 0) == 1.0
    assert churn_rate(500, 500, 0) == 0.0


def test_losing_everyone_is_zero_retention() -> None:
    # Every customer at the end is new: (80 − 80) / 200 = 0
    assert retention_rate(200, 80, 80) == 0.0


def test_inconsistent_counts_are_clipped_to_zero_and_one() -> None:
    # (50 − 80) / 100 = −0.3 → 0; (300 − 0) / 100 = 3.0 → 1
    assert retention_rate(100, 50, 80) == 0.0
    assert retention_rate(100, 300, 0) == 1.0


def test_no_customers_at_the_start_is_refused() -> None:
    with pytest.raises(ValueError, match="no customers at the start"):
        retention_rate(0, 40, 40)
    with pytest.raises(ValueError, match="no customers at the start"):
        churn_rate(0, 40, 40)


def test_retention_or_none_gives_none_without_customers_at_the_start() -> None:
    assert retention_or_none(0, 40, 40) is None


def test_retention_or_none_agrees_with_retention_rate() -> None:
    assert retention_or_none(1000, 1050, 150) == pytest.approx(0.90)


@pytest.mark.parametrize("counts", [(-1, 10, 0), (10, -1, 0), (10, 10, -1)])
def test_negative_counts_are_refused(counts: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        retention_rate(*counts)
    with pytest.raises(ValueError, match="cannot be negative"):
        retention_or_none(*counts)


@pytest.mark.parametrize(
    ("counts", "name"),
    [
        ((float("nan"), 10, 0), "customers_start"),
        ((10, float("inf"), 0), "customers_end"),
        ((10, 10, float("nan")), "new_customers"),
        ((10.5, 10, 0), "customers_start"),
        ((100.0, 98, 0), "customers_start"),
        ((10, True, 0), "customers_end"),
    ],
)
def test_counts_that_are_not_whole_numbers_are_refused_by_name(counts: tuple[object, ...], name: str) -> None:
    with pytest.raises(ValueError, match=f"^{name} must be a whole number"):
        retention_rate(*counts)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=f"^{name} must be a whole number"):
        retention_or_none(*counts)  # type: ignore[arg-type]
