"""Statistics for comparing CX operating models: NPS differences, region-level intervals, spread, bootstrap."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cxdash.metrics.nps import Z_95, NpsResult, nps_change

BOOTSTRAP_SEED = 20240501
BOOTSTRAP_DRAWS = 2000

# Two-sided 95% quantiles of Student's t by degrees of freedom; beyond 30 the normal value is close enough.
_T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


@dataclass(frozen=True)
class Difference:
    """Difference b − a with its 95% interval; ``significant`` when the interval leaves out zero."""

    delta: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    significant: bool


NO_DIFFERENCE = Difference(None, None, None, None, False)


def t_quantile_975(df: float) -> float:
    """The 97.5% quantile of Student's t; fractional degrees of freedom round down (the wider interval)."""
    if df < 1:
        raise ValueError(f"Student's t needs at least 1 degree of freedom; got {df}")
    whole = math.floor(df)
    return _T_975[whole - 1] if whole <= len(_T_975) else Z_95


def sampling_variance(result: NpsResult) -> float:
    """Wald sampling variance of an NPS in points²: 100² × (p + d − (p − d)²) / n."""
    if result.n == 0:
        raise ValueError("an NPS without responses has no sampling variance")
    p, d = result.promoters / result.n, result.detractors / result.n
    return 10_000.0 * max(0.0, p + d - (p - d) ** 2) / result.n


def nps_difference(a: NpsResult, b: NpsResult) -> Difference:
    """NPS(b) − NPS(a) in points with the Wald change test and the matching 95% interval."""
    change = nps_change(a, b)
    if change.delta is None:
        return NO_DIFFERENCE
    half = Z_95 * math.sqrt(sampling_variance(a) + sampling_variance(b))
    return Difference(change.delta, change.delta - half, change.delta + half, change.p_value, change.significant)


def mean_difference(a: Sequence[float], b: Sequence[float]) -> Difference:
    """mean(b) − mean(a) with a Welch t 95% interval; the interval needs two values on each side."""
    if not a or not b:
        return NO_DIFFERENCE
    delta = statistics.fmean(b) - statistics.fmean(a)
    if len(a) < 2 or len(b) < 2:
        return Difference(delta, None, None, None, False)
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    se = math.sqrt(va + vb)
    if se == 0.0:
        return Difference(delta, delta, delta, None, False)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = t_quantile_975(df) * se
    low, high = delta - half, delta + half
    return Difference(delta, low, high, None, low > 0 or high < 0)


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
