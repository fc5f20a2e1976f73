"""Retention over a span of months, chained from its monthly rates."""

from __future__ import annotations

import math
from collections.abc import Sequence


def chained_retention(monthly: Sequence[float | None]) -> float | None:
    """Retention over a span = the product of its monthly retention rates (E − N)/S.

    The share of the customers at the start still customers at the end, when customers who
    joined during the span leave at the same monthly rate as the others. The span formula
    (E − ΣN)/S counts every loss among new customers against the starting ones, so it is a
    lower bound of this share. None when a month has no rate (no counts, or nobody at its start).
    """
    if not monthly or any(rate is None for rate in monthly):
        return None
    rates = [float(rate) for rate in monthly if rate is not None]
    for rate in rates:
        if not (math.isfinite(rate) and 0.0 <= rate <= 1.0):
            raise ValueError(f"monthly retention rates must be between 0 and 1; got {rate!r}")
    return math.prod(rates)
