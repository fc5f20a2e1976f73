"""CSAT (share of 4–5 answers) and CES (mean effort on 1–7) from rollup counts, each with its 95% interval."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from cxdash.metrics import checks

CES_LOW, CES_HIGH = 1, 7


@dataclass(frozen=True)
class Estimate:
    """A share or a mean from ``n`` answers with its 95% interval; all None without answers."""

    value: float | None
    n: int
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class CesCounts:
    """What rollups keep of CES answers: how many, their sum and the sum of their squares."""

    n: int
    total: int
    sum_of_squares: int

    def __post_init__(self) -> None:
        checks.count("ces_n", self.n)
        checks.count("ces_sum", self.total)
        checks.count("ces_sumsq", self.sum_of_squares)
        if not CES_LOW * self.n <= self.total <= CES_HIGH * self.n:
            raise ValueError(f"ces_sum must lie between {CES_LOW} and {CES_HIGH} times ces_n; got {self.total}")

    @property
    def mean(self) -> float | None:
        return None if self.n == 0 else self.total / self.n

    @property
    def variance(self) -> float | None:
        """Sample variance (n − 1); None below two answers or when the squares are unknown (older rollups)."""
        if self.n < 2 or self.sum_of_squares * self.n < self.total**2:
            return None
        return (self.sum_of_squares - self.total**2 / self.n) / (self.n - 1)


def csat_share(top2: int, n: int) -> Estimate:
    """CSAT = share of answers 4 or 5 on the 1–5 scale, with a Wilson 95% interval."""
    top2, n = checks.count("csat_top2", top2), checks.count("csat_n", n)
    if top2 > n:
        raise ValueError(f"csat_top2 cannot exceed csat_n; got {top2} of {n}")
    if n == 0:
        return Estimate(None, 0, None, None)
    low, high = proportion_confint(top2, n, alpha=0.05, method="wilson")
    return Estimate(top2 / n, n, float(low), float(high))


def ces_mean(counts: CesCounts) -> Estimate:
    """CES = mean effort on the 1–7 scale, with a Student t 95% interval (None below two answers)."""
    mean, variance = counts.mean, counts.variance
    if mean is None:
        return Estimate(None, 0, None, None)
    if variance is None:
        return Estimate(mean, counts.n, None, None)
    half = float(stats.t.ppf(0.975, counts.n - 1)) * math.sqrt(variance / counts.n)
    return Estimate(mean, counts.n, max(CES_LOW, mean - half), min(CES_HIGH, mean + half))
