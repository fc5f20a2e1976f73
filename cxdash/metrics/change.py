"""Month-on-month change tests for CSAT (two-proportion z) and CES (Welch's t on the ratings)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

from cxdash.metrics import checks
from cxdash.metrics.nps import NpsChange
from cxdash.metrics.rates import CesCounts

NPS_TEST = "Wald test"
CSAT_TEST = "two-proportion z test"
CES_TEST = "Welch's t test"


@dataclass(frozen=True)
class Change:
    """after − before with its two-sided test; p_value is None when a side is empty or the test is undefined."""

    delta: float | None
    statistic: float | None
    p_value: float | None
    test: str

    @property
    def undefined(self) -> bool:
        """There is a change to test, but the test has no spread to work with (e.g. every answer the same)."""
        return self.delta is not None and self.p_value is None


def from_nps(change: NpsChange) -> Change:
    """The NPS change test (see ``nps_change``) in the form shared by every KPI."""
    return Change(change.delta, change.z, change.p_value, NPS_TEST)


def csat_change(before: tuple[int, int], after: tuple[int, int]) -> Change:
    """Change in CSAT share between two months, each given as (answers 4–5, answers); pooled two-proportion z."""
    (top_a, n_a), (top_b, n_b) = before, after
    test = CSAT_TEST
    for name, (top, n) in (("before", before), ("after", after)):
        if checks.count(f"{name} csat_top2", top) > checks.count(f"{name} csat_n", n):
            raise ValueError(f"{name} csat_top2 cannot exceed csat_n; got {top} of {n}")
    if n_a == 0 or n_b == 0:
        return Change(None, None, None, test)
    delta = top_b / n_b - top_a / n_a
    pooled = (top_a + top_b) / (n_a + n_b)
    if pooled in (0.0, 1.0):
        return Change(delta, None, None, test)
    z, p = proportions_ztest([top_b, top_a], [n_b, n_a])
    return Change(delta, float(z), float(p), test)


def ces_change(before: CesCounts, after: CesCounts) -> Change:
    """Change in mean CES between two months with Welch's t (unequal variances) on the ratings."""
    test = CES_TEST
    if before.mean is None or after.mean is None:
        return Change(None, None, None, test)
    delta = after.mean - before.mean
    va, vb = before.variance, after.variance
    if va is None or vb is None or va + vb == 0.0:
        return Change(delta, None, None, test)
    result = stats.ttest_ind_from_stats(
        after.mean, math.sqrt(vb), after.n, before.mean, math.sqrt(va), before.n, equal_var=False
    )
    return Change(delta, float(result.statistic), float(result.pvalue), test)
