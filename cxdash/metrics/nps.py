"""Net Promoter Score: the score, its 95% confidence interval and the change test."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from cxdash.metrics import checks

Z_95 = 1.96
LOW_SAMPLE = 30
SUPPRESS_BELOW = 5

SampleClass = Literal["suppressed", "low", "ok"]


@dataclass(frozen=True)
class NpsResult:
    """NPS of one group of responses; score and CI are None when there are no responses."""

    score: float | None
    n: int
    promoters: int
    passives: int
    detractors: int
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class NpsChange:
    """Difference in NPS points between two groups, with its Wald test."""

    delta: float | None
    z: float | None
    p_value: float | None
    significant: bool

    @property
    def undefined(self) -> bool:
        """A change the Wald test cannot judge: each month all promoters, all passives or all detractors."""
        return self.delta is not None and self.p_value is None


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def nps_from_counts(promoters: int, passives: int, detractors: int) -> NpsResult:
    """NPS = 100 × (promoters − detractors) / n, with an adjusted-Wald 95% CI."""
    promoters = checks.count("promoters", promoters)
    passives = checks.count("passives", passives)
    detractors = checks.count("detractors", detractors)
    n = promoters + passives + detractors
    if n == 0:
        return NpsResult(None, 0, 0, 0, 0, None, None)

    score = 100.0 * (promoters - detractors) / n
    # Adjusted Wald (add 3 pseudo-responses, 0.75 to each of promoters and
    # detractors) keeps the interval sensible at 0% or 100% promoters.
    n_adj = n + 3
    p_adj = (promoters + 0.75) / n_adj
    d_adj = (detractors + 0.75) / n_adj
    diff = p_adj - d_adj
    var = p_adj + d_adj - diff**2
    se = math.sqrt(var / n_adj)
    ci_low = _clip(100.0 * (diff - Z_95 * se), -100.0, 100.0)
    ci_high = _clip(100.0 * (diff + Z_95 * se), -100.0, 100.0)
    return NpsResult(score, n, promoters, passives, detractors, ci_low, ci_high)


def _wald_variance(result: NpsResult) -> float:
    p = result.promoters / result.n
    d = result.detractors / result.n
    # Mathematically >= 0; the max guards against rounding just below zero.
    return max(0.0, p + d - (p - d) ** 2)


def nps_change(before: NpsResult, after: NpsResult, alpha: float = 0.05) -> NpsChange:
    """Change = NPS(after) − NPS(before) in points; significant when Wald p < alpha.

    With no responses on either side nothing is known: every field is None and the
    change is not significant. When the combined standard error is zero (each side
    all promoters, all passives or all detractors) the Wald test is undefined, so
    z and p_value are None and the change is not called significant, even when the
    delta is not zero. Small-sample rules (see ``classify_sample``) are the caller's
    to apply: this function tests whatever it is given.
    """
    if not 0.0 < checks.finite("alpha", alpha) < 1.0:
        raise ValueError(f"alpha must be between 0 and 1 (exclusive); got {alpha}")
    if before.n == 0 or after.n == 0 or before.score is None or after.score is None:
        return NpsChange(None, None, None, False)

    delta = after.score - before.score
    se = math.sqrt(_wald_variance(before) / before.n + _wald_variance(after) / after.n)
    if se == 0.0:
        return NpsChange(delta, None, None, False)
    z = (delta / 100.0) / se
    p_value = math.erfc(abs(z) / math.sqrt(2.0))
    return NpsChange(delta, z, p_value, p_value < alpha)


def classify_sample(n: int, low: int = LOW_SAMPLE, suppress: int = SUPPRESS_BELOW) -> SampleClass:
    """Sample class: "suppressed" below `suppress` responses, "low" below `low`, else "ok"."""
    n = checks.count("n (the sample size)", n)
    if n < suppress:
        return "suppressed"
    if n < low:
        return "low"
    return "ok"
