"""Leadership agreement: r_wg for one item and r_wg(j) for a scale of items."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from cxdash.metrics import checks

STRONG_AGREEMENT = 0.70


def _null_variance(scale_points: int) -> float:
    """Expected variance under a uniform (no agreement) null: σ²_EU = (A² − 1)/12."""
    if isinstance(scale_points, bool) or not isinstance(scale_points, int):
        raise ValueError(f"scale_points must be a whole number of scale points; got {scale_points!r}")
    if scale_points < 2:
        raise ValueError(f"a rating scale needs at least 2 points; got {scale_points}")
    return (scale_points**2 - 1) / 12


def rwg(ratings: Sequence[float], scale_points: int = 5) -> float:
    """Agreement r_wg = 1 − s²/σ²_EU for one item, clipped to [0, 1]."""
    null = _null_variance(scale_points)
    scores = checks.ratings("ratings", ratings, scale_points)
    if len(scores) < 2:
        raise ValueError(f"r_wg needs ratings from at least 2 raters; got {len(scores)}")
    ratio = statistics.variance(scores) / null
    return max(0.0, min(1.0, 1.0 - ratio))


def rwg_j(item_ratings: Sequence[Sequence[float]], scale_points: int = 5) -> float:
    """Agreement r_wg(j) = J(1 − s̄²/σ²_EU) / (J(1 − s̄²/σ²_EU) + s̄²/σ²_EU), in [0, 1]."""
    null = _null_variance(scale_points)
    items = [checks.ratings("item_ratings", item, scale_points) for item in item_ratings]
    variances = [statistics.variance(item) for item in items if len(item) >= 2]
    if not variances:
        raise ValueError("r_wg(j) needs at least one item rated by 2 or more raters; got none")
    j = len(variances)
    ratio = statistics.fmean(variances) / null
    # At or beyond the null variance there is no agreement; the formula itself
    # would turn negative or divide by zero there.
    if ratio >= 1.0:
        return 0.0
    agreement = j * (1.0 - ratio)
    return max(0.0, min(1.0, agreement / (agreement + ratio)))
