"""Retention from customer records, worked by hand for seven customers over January to March 2026.

A  2025-06-10 –           a customer throughout
B  2025-11-01 – 2026-02-15  there at the start, leaves in February
C  2026-01-05 – 2026-01-20  joins and leaves within January
D  2026-01-10 –           won in January, stays
E  2026-02-01 – 2026-03-10  won in February, leaves in March (joins and leaves within the window)
F  2025-12-31 – 2026-01-01  a customer on 31 December only, so at the start of January, gone at its end
G  2026-03-31 –           won on the last day of March
"""

from __future__ import annotations

from datetime import date

from cxdash.metrics import retention_rate
from cxdash.sources.tenure import MonthCounts, monthly_counts, months_between, window_retention

CUSTOMERS = [
    (date(2025, 6, 10), None),
    (date(2025, 11, 1), date(2026, 2, 15)),
    (date(2026, 1, 5), date(2026, 1, 20)),
    (date(2026, 1, 10), None),
    (date(2026, 2, 1), date(2026, 3, 10)),
    (date(2025, 12, 31), date(2026, 1, 1)),
    (date(2026, 3, 31), None),
]
JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


def test_monthly_counts() -> None:
    # January: start {A, B, F}; end {A, B, D}; new {D} (C joined and left, so it is in no count).
    # February: start {A, B, D}; end {A, D, E}; new {E}.  March: start {A, D, E}; end {A, D, G}; new {G}.
    assert monthly_counts(CUSTOMERS, [JAN, FEB, MAR]) == [
        MonthCounts(JAN, 3, 3, 1),
        MonthCounts(FEB, 3, 3, 1),
        MonthCounts(MAR, 3, 3, 1),
    ]


def test_each_month_from_its_counts_is_the_exact_share_kept() -> None:
    for month, counts in zip([JAN, FEB, MAR], monthly_counts(CUSTOMERS, [JAN, FEB, MAR]), strict=True):
        exact = window_retention(CUSTOMERS, month, month)
        assert exact.rate == retention_rate(counts.customers_start, counts.customers_end, counts.new_customers)
    assert window_retention(CUSTOMERS, JAN, JAN).rate == 2 / 3  # A and B of {A, B, F}


def test_window_retention_follows_the_customers_at_its_start() -> None:
    # Of {A, B, F} at the start of January only A is a customer on 31 March: 1/3, where the span
    # formula over the monthly counts, (3 - 3) / 3, would say 0 and chaining the months 8/27.
    window = window_retention(CUSTOMERS, JAN, MAR)
    assert (window.customers_start, window.retained, window.rate) == (3, 1, 1 / 3)


def test_no_customers_at_the_start_has_no_rate() -> None:
    assert window_retention(CUSTOMERS, date(2025, 1, 1), date(2025, 3, 1)).rate is None


def test_months_between_spans_years() -> None:
    assert months_between(date(2025, 11, 20), date(2026, 2, 3)) == [
        date(2025, 11, 1), date(2025, 12, 1), JAN, FEB]  # fmt: skip
