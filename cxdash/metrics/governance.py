"""Statistics for comparing CX operating models across regions: clustered levels, placebo p, trends, spread."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import statsmodels.api as sm

from cxdash.metrics.nps import NpsResult

NPS_BOUND = 100.0  # an NPS lies in [−100, 100]; a difference of two in [−200, 200]
BOOTSTRAP_SEED = 20240501
BOOTSTRAP_DRAWS = 2000


@dataclass(frozen=True)
class Estimate:
    """A region-level mean or difference with its 95% interval and p-value; ``regions`` = clusters behind it."""

    value: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    regions: int


@dataclass(frozen=True)
class Trend:
    """A straight-line trend per step (OLS slope) with its two-sided p-value, over ``points`` values."""

    slope: float
    p_value: float | None
    points: int


def _finite(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def _clustered(
    values: Sequence[float], design: np.ndarray, clusters: Sequence[str], column: int, bound: float
) -> Estimate:
    """OLS with CR1 errors clustered by region and Student's t with (regions − 1) degrees of freedom.

    The interval is cut at ±``bound``, the values the estimate can take at all (with few regions Student's t
    reaches far past the scale, and an NPS interval of −195 to +228 tells a reader nothing the scale does not).
    """
    groups = np.unique(np.asarray(clusters), return_inverse=True)[1]
    # Identical values leave a zero (or, by rounding, a slightly negative) variance: no interval then, no warning.
    with np.errstate(invalid="ignore", divide="ignore"):
        fit = sm.OLS(np.asarray(values, dtype="float64"), design).fit(
            cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
        )
        value, se = float(fit.params[column]), float(fit.bse[column])
        regions = len(set(clusters))
        if not math.isfinite(se) or se <= 1e-12 * max(1.0, abs(value)):
            return Estimate(value, None, None, None, regions)
        low, high = (float(x) for x in fit.conf_int()[column])
        low, high = max(low, -bound), min(high, bound)
        return Estimate(value, _finite(low), _finite(high), _finite(float(fit.pvalues[column])), regions)


def clustered_mean(values: Sequence[float], clusters: Sequence[str], *, bound: float = NPS_BOUND) -> Estimate:
    """Mean of region-month values with a 95% interval clustered by region; no interval with fewer than 2 regions.

    Values lie in [−bound, bound] (NPS: ±100), and so does the interval.
    """
    if len(values) != len(clusters):
        raise ValueError(f"need one region per value; got {len(values)} values and {len(clusters)} regions")
    if not values:
        return Estimate(None, None, None, None, 0)
    if len(set(clusters)) < 2:
        return Estimate(statistics.fmean(values), None, None, None, len(set(clusters)))
    return _clustered(values, np.ones((len(values), 1)), clusters, 0, bound)


def clustered_difference(
    values: Sequence[float], second: Sequence[bool], clusters: Sequence[str], *, bound: float = NPS_BOUND
) -> Estimate:
    """Mean of the ``second`` rows − mean of the others, by OLS with errors clustered by region.

    Rows are region-months; a region with rows on both sides (it switched model) is one cluster, so it is
    never counted as two independent regions. No interval unless each side has rows from at least 2 regions.
    """
    if not len(values) == len(second) == len(clusters):
        raise ValueError("need one side and one region per value")
    sides = [{c for c, s in zip(clusters, second, strict=True) if s == side} for side in (False, True)]
    regions = len(set(clusters))
    if not sides[0] or not sides[1]:
        return Estimate(None, None, None, None, regions)
    if min(len(s) for s in sides) < 2:
        mine = [[v for v, s in zip(values, second, strict=True) if s == side] for side in (False, True)]
        return Estimate(statistics.fmean(mine[1]) - statistics.fmean(mine[0]), None, None, None, regions)
    design = np.column_stack([np.ones(len(values)), np.asarray(second, dtype="float64")])
    return _clustered(values, design, clusters, 1, 2 * bound)


def placebo_p(effect: float, placebos: Sequence[float]) -> float:
    """Placebo (permutation) p: (1 + placebos at least as far from zero as the effect) / (k + 1); floor 1/(k + 1)."""
    if not placebos:
        raise ValueError("a placebo p needs at least one untreated region")
    return (1 + sum(abs(p) >= abs(effect) for p in placebos)) / (len(placebos) + 1)


def linear_trend(values: Sequence[float]) -> Trend | None:
    """OLS slope of equally spaced values per step, with its t-test p-value; None with fewer than 3 values."""
    if len(values) < 3:
        return None
    steps = sm.add_constant(np.arange(len(values), dtype="float64"))
    fit = sm.OLS(np.asarray(values, dtype="float64"), steps).fit()
    return Trend(float(fit.params[1]), _finite(float(fit.pvalues[1])), len(values))


def sampling_variance(result: NpsResult) -> float:
    """Wald sampling variance of an NPS in points²: 100² × (p + d − (p − d)²) / n."""
    if result.n == 0:
        raise ValueError("an NPS without responses has no sampling variance")
    p, d = result.promoters / result.n, result.detractors / result.n
    return 10_000.0 * max(0.0, p + d - (p - d) ** 2) / result.n


def excess_spread(scores: Sequence[float], noise_variances: Sequence[float]) -> float | None:
    """Spread beyond sampling noise: √max(0, s² − mean noise variance); None with fewer than two scores."""
    if len(scores) != len(noise_variances):
        raise ValueError(f"need one noise variance per score; got {len(scores)} scores, {len(noise_variances)}")
    if len(scores) < 2:
        return None
    return math.sqrt(max(0.0, statistics.variance(scores) - statistics.fmean(noise_variances)))


def resampled_sums(rng: np.random.Generator, counts: np.ndarray, draws: int) -> np.ndarray:
    """Column sums of ``draws`` bootstrap resamples of the rows of ``counts`` (rows drawn with replacement)."""
    if counts.ndim != 2 or counts.shape[0] == 0:
        raise ValueError("the bootstrap needs a two-dimensional array with at least one row")
    picks = rng.integers(0, counts.shape[0], size=(draws, counts.shape[0]))
    sums: np.ndarray = counts[picks].sum(axis=1)
    return sums


def percentile_interval(estimates: np.ndarray) -> tuple[float, float] | None:
    """The 2.5% and 97.5% percentiles of bootstrap estimates, ignoring undefined (NaN) draws."""
    finite = estimates[np.isfinite(estimates)]
    if finite.size == 0:
        return None
    low, high = np.percentile(finite, [2.5, 97.5])
    return float(low), float(high)
