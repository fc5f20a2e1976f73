"""Month ranges and what each is compared with."""

from __future__ import annotations

from datetime import date

import pytest

from cxdash.regions import Period, default_period, month_span, shift_month


def test_shifting_crosses_year_ends_both_ways() -> None:
    assert shift_month(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert shift_month(date(2025, 12, 1), 1) == date(2026, 1, 1)
    assert shift_month(date(2026, 10, 1), -12) == date(2025, 10, 1)
    assert shift_month(date(2026, 10, 1), -23) == date(2024, 11, 1)


def test_a_span_holds_every_calendar_month_both_ends_included() -> None:
    assert month_span(date(2025, 11, 1), date(2026, 2, 1)) == (
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    )
    assert month_span(date(2026, 3, 1), date(2026, 3, 1)) == (date(2026, 3, 1),)


def test_the_focus_month_is_compared_with_the_month_before_or_a_year_before() -> None:
    assert Period(date(2026, 1, 1), date(2026, 1, 1)).comparison_month == date(2025, 12, 1)
    last_year = Period(date(2026, 1, 1), date(2026, 10, 1), "same_month_last_year")
    assert last_year.comparison_month == date(2025, 10, 1)
    assert last_year.comparison_label == "same month last year"


def test_trailing_retention_needs_eleven_months_before_the_range_and_its_comparison() -> None:
    period = Period(date(2026, 9, 1), date(2026, 10, 1), "same_month_last_year")
    months = period.retention_months()
    # The comparison month is 2025-10; its 12-month window starts 2024-11.
    assert months[0] == date(2024, 11, 1) and months[-1] == date(2026, 10, 1)
    assert len(months) == 24


@pytest.mark.parametrize(
    ("start", "end", "compare", "message"),
    [
        (date(2026, 5, 1), date(2026, 4, 1), "previous_month", "cannot start"),
        (date(2026, 4, 2), date(2026, 5, 1), "previous_month", "first day"),
        (date(2026, 4, 1), date(2026, 5, 1), "last_quarter", "compare with one of"),
    ],
)
def test_a_period_that_makes_no_sense_is_refused_with_a_reason(
    start: date, end: date, compare: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Period(start, end, compare)


def test_the_default_is_the_last_twelve_months_with_data() -> None:
    available = list(month_span(date(2024, 11, 1), date(2026, 10, 1)))
    assert default_period(available) == Period(date(2025, 11, 1), date(2026, 10, 1), "previous_month")


def test_a_short_history_starts_the_default_at_its_first_month() -> None:
    assert default_period([date(2026, 9, 1), date(2026, 10, 1)]) == Period(date(2026, 9, 1), date(2026, 10, 1))


def test_no_data_has_no_default() -> None:
    assert default_period([]) is None
