"""Did a done region action keep more customers? The region's chained retention over the months before the action
was raised vs the months after it was done, net of the rest of the company's change over the same months (a simple
difference-in-differences; Wald interval, binomial variance on the customers at the start of each window)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from scipy.stats import norm

from cxdash.actions.outcome import Windows, shift_month
from cxdash.metrics.chained import chained_retention
from cxdash.metrics.retention import retention_or_none

Z_95 = float(norm.ppf(0.975))


@dataclass(frozen=True)
class Customers:
    """One month's customer counts: at its start, at its end, and new during it."""

    start: int
    end: int
    new: int


@dataclass(frozen=True)
class RetentionChange:
    """Chained retention over the window before and the window after (shares), the change in percentage points."""

    before: float | None
    after: float | None
    change: float | None


@dataclass(frozen=True)
class RetentionOutcome:
    """The region's change, the rest of the company's, the difference of the two with its 95% interval, in words."""

    region: RetentionChange
    rest: RetentionChange | None
    did: float | None
    did_low: float | None
    did_high: float | None
    verdict: str


def _window(counts: Mapping[date, Customers], months: tuple[date, ...]) -> tuple[float | None, float | None]:
    """Chained retention over ``months`` and its binomial variance R(1 − R)/S, S the customers at the start."""
    if any(m not in counts for m in months):
        return None, None
    rate = chained_retention([retention_or_none(counts[m].start, counts[m].end, counts[m].new) for m in months])
    start = counts[months[0]].start
    if rate is None or start <= 0:
        return None, None
    return rate, rate * (1.0 - rate) / start


def _change(counts: Mapping[date, Customers], span: Windows) -> tuple[RetentionChange, float | None]:
    before, var_b = _window(counts, span.before)
    after, var_a = _window(counts, span.after)
    if before is None or after is None or var_b is None or var_a is None:
        return RetentionChange(before, after, None), None
    return RetentionChange(before, after, 100.0 * (after - before)), var_b + var_a


def retention_outcome(
    *, region: Mapping[date, Customers], rest: Mapping[date, Customers], months: Windows
) -> RetentionOutcome:
    """Difference-in-differences of chained retention = the region's change − the rest of the company's (points)."""
    mine, var_mine = _change(region, months)
    if any(m not in region for m in months.after):
        when = f"{shift_month(months.after[-1], 1):%B %Y}"
        verdict = f"Too few months of retention after: a verdict is possible from {when}."
        return RetentionOutcome(mine, None, None, None, None, verdict)
    if var_mine is None or mine.change is None:
        verdict = "No retention recorded for the region in the months before the action was raised."
        return RetentionOutcome(mine, None, None, None, None, verdict)
    others, var_rest = _change(rest, months)
    if var_rest is None or others.change is None:
        verdict = "No rest of the company to compare with: the change cannot be credited to the action."
        return RetentionOutcome(mine, others, None, None, None, verdict)
    did = mine.change - others.change
    half = Z_95 * 100.0 * math.sqrt(var_mine + var_rest)
    low, high = did - half, did + half
    if low > 0:
        verdict = "Retention improved, beyond the company's drift."
    elif high < 0:
        verdict = "Retention worsened, beyond the company's drift."
    else:
        verdict = "Retention change cannot be told from noise."
    return RetentionOutcome(mine, others, did, low, high, verdict)
