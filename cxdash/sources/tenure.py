"""Retention from customer records: monthly counts and exact retention over any window.

A record is a customer from ``started_on`` (inclusive) until ``ended_on`` (the first day it is
no longer one; None while it still is). "Customers at the start of a month" are those on the last
day of the month before; "at the end" are those on its last day.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
from sqlmodel import Session, col, select

from cxdash.models import CustomerRecord

Tenure = tuple[date, date | None]  # (started_on, ended_on)


@dataclass(frozen=True)
class MonthCounts:
    """One month's counts as RetentionMonth stores them.

    ``new_customers`` are those won during the month who are still customers at its end: a customer
    who joined and left within the month is in no count, so (end − new) / start is exact for the month.
    """

    month: date
    customers_start: int
    customers_end: int
    new_customers: int


def _on(day: date, tenure: Tenure) -> bool:
    start, end = tenure
    return start <= day and (end is None or day < end)


def month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def months_between(first: date, last: date) -> list[date]:
    """First days of every month from ``first``'s month to ``last``'s month."""
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = month_end(month) + timedelta(days=1)
    return months


def monthly_counts(tenures: Iterable[Tenure], months: list[date]) -> list[MonthCounts]:
    """Start, end and new customers per month, from one (start, end) per customer."""
    # Eight bytes per date, never a Python object per customer: a region may hold millions of them.
    opened, closed = array("q"), array("q")
    never = date.max.toordinal()
    for start, end in tenures:
        opened.append(start.toordinal())
        closed.append(end.toordinal() if end else never)
    starts, ends = np.frombuffer(opened, dtype=np.int64), np.frombuffer(closed, dtype=np.int64)

    def on(day: date) -> npt.NDArray[np.bool_]:
        return (starts <= day.toordinal()) & (day.toordinal() < ends)

    counts = []
    for month in months:
        last = month_end(month)
        at_end = on(last)
        won = at_end & (starts >= month.toordinal())
        counts.append(MonthCounts(month, int(on(month - timedelta(days=1)).sum()), int(at_end.sum()), int(won.sum())))
    return counts


@dataclass(frozen=True)
class WindowRetention:
    """Exact retention over a window: the share of the customers at its start still customers at its end."""

    customers_start: int
    retained: int

    @property
    def rate(self) -> float | None:
        return self.retained / self.customers_start if self.customers_start else None


def window_retention(tenures: Iterable[Tenure], first_month: date, last_month: date) -> WindowRetention:
    """Customers at the start of ``first_month`` and how many of them are customers at the end of ``last_month``."""
    before, last = first_month.replace(day=1) - timedelta(days=1), month_end(last_month)
    at_start = [t for t in tenures if _on(before, t)]
    return WindowRetention(len(at_start), sum(1 for t in at_start if _on(last, t)))


def retention_from_records(
    session: Session, first_month: date, last_month: date, region_ids: Iterable[int] | None = None
) -> WindowRetention | None:
    """Exact retention over the months from the stored customer records (of some regions); None without records."""
    query = select(col(CustomerRecord.started_on), col(CustomerRecord.ended_on))
    if region_ids is not None:
        query = query.where(col(CustomerRecord.region_id).in_(list(region_ids)))
    tenures = [(start, end) for start, end in session.exec(query)]
    return window_retention(tenures, first_month, last_month) if tenures else None
