"""A month range with the period it is compared against (previous month or same month last year)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

COMPARISONS: dict[str, str] = {
    "previous_month": "previous month",
    "same_month_last_year": "same month last year",
}
DEFAULT_SPAN = 12


def shift_month(month: date, months: int) -> date:
    """The first day of the month ``months`` after ``month`` (before it when negative)."""
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_span(start: date, end: date) -> tuple[date, ...]:
    """Every calendar month from ``start`` to ``end``, both included, oldest first."""
    count = (end.year - start.year) * 12 + end.month - start.month + 1
    return tuple(shift_month(start, i) for i in range(max(count, 0)))


@dataclass(frozen=True)
class Period:
    """Months ``start``..``end`` shown as trends; ``end`` is the focus month compared with ``compare``."""

    start: date
    end: date
    compare: str = "previous_month"

    def __post_init__(self) -> None:
        for month in (self.start, self.end):
            if month.day != 1:
                raise ValueError(f"a period runs over whole months; {month} is not the first day of one")
        if self.start > self.end:
            raise ValueError(f"a period cannot start ({self.start:%Y-%m}) after it ends ({self.end:%Y-%m})")
        if self.compare not in COMPARISONS:
            raise ValueError(f"compare with one of {', '.join(COMPARISONS)}; got {self.compare!r}")

    @property
    def months(self) -> tuple[date, ...]:
        return month_span(self.start, self.end)

    @property
    def comparison_month(self) -> date:
        """The month the focus month is compared with."""
        return shift_month(self.end, -1 if self.compare == "previous_month" else -12)

    @property
    def comparison_label(self) -> str:
        return COMPARISONS[self.compare]

    def retention_months(self, trailing: int = DEFAULT_SPAN) -> tuple[date, ...]:
        """Months whose customer counts trailing retention over the whole range (and its comparison) needs."""
        first = min(self.start, self.comparison_month)
        return month_span(shift_month(first, -(trailing - 1)), self.end)


def default_period(available: Sequence[date], span: int = DEFAULT_SPAN) -> Period | None:
    """The last ``span`` months ending at the latest month with data; None when there is no data."""
    if not available:
        return None
    end = max(available)
    start = max(min(available), shift_month(end, -(span - 1)))
    return Period(start, end)
