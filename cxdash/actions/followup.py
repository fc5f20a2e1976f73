"""Detractor follow-up KPIs: how fast unhappy customers hear back, per region and month.

Definitions (README, detractor follow-up):
- *time to first contact* = ``first_contact_at − opened_at``, the first contact being the first time the case left
  ``new`` (contacted, resolved or no response: someone tried to reach the customer);
- a case is *due* once it was contacted or its 48 hours have run out (``opened_at + 48 h ≤ as_of``); a case still
  inside its 48 hours and not yet contacted is neither a hit nor a miss yet;
- *share contacted within 48 hours* = cases first contacted within 48 hours (exactly 48 h counts) / due cases;
- *median time to first contact* = the median over contacted cases, in hours (never-contacted cases have no time).
A share from fewer than 5 due cases, or a median from fewer than 5 contacted cases, is not shown: the counts are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from cxdash.metrics import SUPPRESS_BELOW

WINDOW = timedelta(hours=48)
MOST = 0.8


@dataclass(frozen=True)
class FollowUpKpi:
    """The follow-up figures of one group of cases (a region-month), suppressed below 5 cases."""

    cases: int
    due: int
    within_48h: int
    contacted: int
    share_within_48h: float | None
    median_hours: float | None

    @classmethod
    def of(cls, *, cases: int, due: int, within_48h: int, contacted: int, median_hours: float | None) -> FollowUpKpi:
        """The KPIs from counts (as the database aggregates them), the share and median hidden below 5 cases."""
        share = within_48h / due if due >= SUPPRESS_BELOW else None
        shown = median_hours if contacted >= SUPPRESS_BELOW else None
        return cls(cases, due, within_48h, contacted, share, shown)

    @property
    def verdict(self) -> str:
        """The share in a few words: most within 48 hours (80% or more), more than half, or most waited longer."""
        if self.share_within_48h is None:
            return "Too few cases for a share" if self.cases else "No case"
        if self.share_within_48h >= MOST:
            return "Most heard back within 48 hours"
        if self.share_within_48h > 0.5:
            return "More than half heard back within 48 hours"
        return "Most waited longer than 48 hours"

    @property
    def words(self) -> str:
        """The figures in a sentence, counts always, shares and medians only when shown."""
        if self.cases == 0:
            return "No follow-up case was opened."
        if self.share_within_48h is None:
            share = (
                f"{self.cases} case(s), {self.due} past their 48 hours: too few to show a share "
                f"(it needs {SUPPRESS_BELOW})."
            )
        else:
            share = (
                f"{self.share_within_48h:.0%} of detractors heard back within 48 hours "
                f"({self.within_48h} of {self.due} cases past their 48 hours; {self.cases} opened)."
            )
        if self.median_hours is None:
            return (
                f"{share} Median time to first contact: not shown: fewer than {SUPPRESS_BELOW} contacted "
                f"({self.contacted})."
            )
        return f"{share} Median time to first contact: {_hours(self.median_hours)} ({self.contacted} contacted)."


def _hours(value: float) -> str:
    return f"{value:.0f} hours" if value >= 10 else f"{value:.1f} hours"


def followup_kpi(
    opened: Sequence[datetime], first_contact: Sequence[datetime | None], *, as_of: datetime
) -> FollowUpKpi:
    """Share contacted within 48 hours and median hours to first contact for cases opened at ``opened``."""
    if len(opened) != len(first_contact):
        raise ValueError("every case needs an opening time and a first contact (or None)")
    waits = [(c - o) for o, c in zip(opened, first_contact, strict=True) if c is not None]
    within = sum(w <= WINDOW for w in waits)
    late_or_missed = sum(c is None and o + WINDOW <= as_of for o, c in zip(opened, first_contact, strict=True))
    hours = median(w.total_seconds() / 3600 for w in waits) if waits else None
    return FollowUpKpi.of(cases=len(opened), due=len(waits) + late_or_missed, within_48h=within, contacted=len(waits),
                          median_hours=hours)  # fmt: skip
