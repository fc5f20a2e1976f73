"""The fixed sample calendar: 24 months, 2024-11 through 2026-10."""

from __future__ import annotations

import calendar
from datetime import date

FIRST_MONTH = date(2024, 11, 1)
MONTH_COUNT = 24


def _add_months(start: date, count: int) -> date:
    index = start.year * 12 + start.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


MONTHS: tuple[date, ...] = tuple(_add_months(FIRST_MONTH, i) for i in range(MONTH_COUNT))
LAST_MONTH = MONTHS[-1]


def month_label(month: date) -> str:
    return month.strftime("%Y-%m")


def days_in(month: date) -> int:
    return calendar.monthrange(month.year, month.month)[1]


def months_since(month: date, start: date) -> int:
    """Whole months from ``start`` to ``month``; negative when ``month`` is earlier."""
    return (month.year - start.year) * 12 + month.month - start.month
