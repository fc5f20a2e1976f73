"""Chained retention: the product of the monthly rates, by hand."""

from __future__ import annotations

import math

import pytest

from cxdash.metrics.chained import chained_retention


def test_the_span_rate_is_the_product_of_the_monthly_rates() -> None:
    # 0.90 × (100/110) × (95/105) = 0.740260
    assert chained_retention([0.90, 100 / 110, 95 / 105]) == pytest.approx(0.740260, abs=1e-6)


def test_twelve_months_at_99_percent_keep_88_6_percent() -> None:
    # 0.99¹² = 0.886385; the span formula (E − ΣN)/S on the same counts gives 0.88, its lower bound.
    assert chained_retention([0.99] * 12) == pytest.approx(0.886385, abs=1e-6)


@pytest.mark.parametrize("monthly", [[], [0.9, None, 0.95]])
def test_a_missing_month_gives_no_rate(monthly: list[float | None]) -> None:
    assert chained_retention(monthly) is None


@pytest.mark.parametrize("bad", [1.2, -0.1, math.nan, math.inf])
def test_a_rate_outside_0_to_1_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        chained_retention([0.9, bad])
