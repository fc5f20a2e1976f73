"""Action outcome: hand-worked before/after changes and difference-in-differences."""

from __future__ import annotations

from datetime import date

import pytest

from cxdash.actions.outcome import Counts, Outcome, Windows, outcome, shift_month, windows

MONTHS = windows(date(2026, 3, 1), date(2026, 5, 20))
ALL_MONTHS = [date(2026, m, 1) for m in range(1, 11)]
REST = Counts(400, 300, 300)  # NPS 10 from 1000 responses


def _company(addressed: Counts, rest: Counts) -> Counts:
    return Counts(
        addressed.promoters + rest.promoters,
        addressed.passives + rest.passives,
        addressed.detractors + rest.detractors,
    )


def _outcome(before: Counts, after: Counts, rest_after: Counts = REST, data: list[date] = ALL_MONTHS) -> Outcome:
    return outcome(
        addressed_before=before,
        addressed_after=after,
        company_before=_company(before, REST),
        company_after=_company(after, rest_after),
        months=MONTHS,
        months_with_data=data,
    )


def test_windows_are_three_months_before_raised_and_three_after_done() -> None:
    expected = Windows(
        before=(date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)),
        after=(date(2026, 6, 1), date(2026, 7, 1), date(2026, 8, 1)),
    )
    assert windows(date(2026, 3, 1), date(2026, 5, 20)) == expected


def test_shift_month_crosses_years() -> None:
    assert shift_month(date(2026, 11, 1), 3) == date(2027, 2, 1)


def test_a_clear_improvement_beyond_the_drift() -> None:
    # Addressed: NPS 10 (n 100) → 50 (n 100); Wald se = 100·√(.69/100 + .45/100) = 10.677, change 40 ± 20.93.
    # Rest: NPS 10 → 10 (n 1000 each), se 3.715; DiD 40, se √(10.677² + 3.715²) = 11.305, interval 40 ± 22.16.
    result = _outcome(Counts(40, 30, 30), Counts(60, 30, 10))
    assert result.addressed.delta == pytest.approx(40.0)
    assert result.addressed.ci_low == pytest.approx(19.07, abs=0.01)
    assert result.rest.delta == pytest.approx(0.0)
    assert (result.did_low, result.did_high) == pytest.approx((17.84, 62.16), abs=0.01)
    assert result.verdict == "Improved, beyond the company's drift."


def test_a_small_change_cannot_be_told_from_noise() -> None:
    # Addressed: NPS 10 → 20; se √(.0069 + .0066) = 11.62 points; DiD 10 ± 1.96·12.20 = [−13.9, 33.9].
    result = _outcome(Counts(40, 30, 30), Counts(45, 30, 25))
    assert result.did_low == pytest.approx(-13.91, abs=0.01)
    assert result.verdict == "Cannot be told from noise."


def test_a_company_wide_rise_is_not_credited_to_the_action() -> None:
    # Addressed and rest both move from 10 to 50: the difference in differences is 0.
    result = _outcome(Counts(40, 30, 30), Counts(60, 30, 10), rest_after=Counts(600, 300, 100))
    assert result.addressed.ci_low > 0
    assert result.did == pytest.approx(0.0)
    assert result.verdict == "Cannot be told from noise."


def test_too_few_months_after_says_when_a_verdict_is_possible() -> None:
    result = _outcome(Counts(40, 30, 30), Counts(60, 30, 10), data=ALL_MONTHS[:7])
    assert result.did is None
    assert result.verdict == "Too few months after: a verdict is possible from September 2026."


def test_too_few_responses_make_no_claim() -> None:
    result = _outcome(Counts(8, 6, 6), Counts(15, 3, 2))
    assert result.did is None
    assert result.verdict == "Too few responses (20) to tell."


def test_values_from_fewer_than_five_responses_are_hidden() -> None:
    result = _outcome(Counts(2, 1, 1), Counts(15, 3, 2))
    assert (result.addressed.before, result.addressed.delta) == (None, None)
