"""Did a done action work? NPS of what it addressed before it was raised vs after it was done, net of the
company's drift over the same months (a simple difference-in-differences, Wald, independent groups)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from scipy.stats import norm

from cxdash.metrics import LOW_SAMPLE, SUPPRESS_BELOW, NpsResult, nps_change, nps_from_counts

WINDOW = 3
Z_95 = float(norm.ppf(0.975))


def shift_month(month: date, by: int) -> date:
    """The first day of the month ``by`` months after (negative: before) ``month``."""
    index = month.year * 12 + month.month - 1 + by
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Windows:
    """The months compared: ``WINDOW`` months before the month raised, ``WINDOW`` months after the month done."""

    before: tuple[date, ...]
    after: tuple[date, ...]


def windows(raised_month: date, done_on: date) -> Windows:
    """Before = the 3 months before the month the action was raised; after = the 3 months after the month done."""
    raised = raised_month.replace(day=1)
    done = done_on.replace(day=1)
    before = tuple(shift_month(raised, -k) for k in range(WINDOW, 0, -1))
    after = tuple(shift_month(done, k) for k in range(1, WINDOW + 1))
    return Windows(before, after)


@dataclass(frozen=True)
class Counts:
    """Promoters, passives and detractors summed over a window."""

    promoters: int = 0
    passives: int = 0
    detractors: int = 0

    def minus(self, other: Counts) -> Counts:
        """These counts without ``other`` (the rest of the company = company − addressed)."""
        p, a, d = self.promoters - other.promoters, self.passives - other.passives, self.detractors - other.detractors
        return Counts(p, a, d)


@dataclass(frozen=True)
class Change:
    """NPS before and after, the change in points and its 95% Wald interval (None where not shown)."""

    before: float | None
    after: float | None
    n_before: int
    n_after: int
    delta: float | None
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class Outcome:
    """The addressed group's change, the rest of the company's, their difference with its interval, in words."""

    addressed: Change
    rest: Change | None
    did: float | None
    did_low: float | None
    did_high: float | None
    p_value: float | None
    verdict: str


def _variance(result: NpsResult) -> float:
    """Wald variance of one NPS as a proportion difference: p + d − (p − d)²."""
    p, d = result.promoters / result.n, result.detractors / result.n
    return max(0.0, p + d - (p - d) ** 2) / result.n


def _change(before: Counts, after: Counts) -> tuple[Change, float | None]:
    """The change and its standard error in points; values from fewer than 5 responses are hidden."""
    b = nps_from_counts(before.promoters, before.passives, before.detractors)
    a = nps_from_counts(after.promoters, after.passives, after.detractors)
    if min(b.n, a.n) < SUPPRESS_BELOW:
        return Change(None, None, b.n, a.n, None, None, None), None
    delta = nps_change(b, a).delta
    assert delta is not None  # both sides have responses
    se = 100.0 * math.sqrt(_variance(b) + _variance(a))
    return Change(b.score, a.score, b.n, a.n, delta, delta - Z_95 * se, delta + Z_95 * se), se


def _month(month: date) -> str:
    return f"{month:%B %Y}"


def outcome(
    *,
    addressed_before: Counts,
    addressed_after: Counts,
    company_before: Counts,
    company_after: Counts,
    months: Windows,
    months_with_data: Sequence[date],
) -> Outcome:
    """Outcome of a done action: difference-in-differences = change of the addressed − change of the rest."""
    addressed, se_a = _change(addressed_before, addressed_after)
    missing = [m for m in months.after if m not in set(months_with_data)]
    if missing:
        verdict = f"Too few months after: a verdict is possible from {_month(shift_month(months.after[-1], 1))}."
        return Outcome(addressed, None, None, None, None, None, verdict)
    rest_counts = (company_before.minus(addressed_before), company_after.minus(addressed_after))
    rest, se_r = _change(*rest_counts)
    if se_a is None or addressed.n_before < LOW_SAMPLE or addressed.n_after < LOW_SAMPLE:
        n = min(addressed.n_before, addressed.n_after)
        return Outcome(addressed, rest, None, None, None, None, f"Too few responses ({n}) to tell.")
    if se_r is None or rest.delta is None or rest.n_before < LOW_SAMPLE or rest.n_after < LOW_SAMPLE:
        verdict = "No rest of the company to compare with: the change cannot be credited to the action."
        return Outcome(addressed, rest, None, None, None, None, verdict)
    assert addressed.delta is not None
    did = addressed.delta - rest.delta
    se = math.hypot(se_a, se_r)
    p_value = float(2.0 * norm.sf(abs(did) / se)) if se > 0 else None
    low, high = did - Z_95 * se, did + Z_95 * se
    return Outcome(addressed, rest, did, low, high, p_value, _verdict(low, high))


def _verdict(low: float, high: float) -> str:
    """In words: the interval of the difference-in-differences clear of zero, or not."""
    if low > 0:
        return "Improved, beyond the company's drift."
    if high < 0:
        return "Worsened, beyond the company's drift."
    return "Cannot be told from noise."
