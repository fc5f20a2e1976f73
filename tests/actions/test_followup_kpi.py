"""The follow-up KPIs, worked by hand: share contacted within 48 hours and median hours to first contact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cxdash.actions.followup import followup_kpi

T0 = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(days=30)


def _h(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def test_no_cases_gives_counts_of_zero_and_no_figures() -> None:
    kpi = followup_kpi([], [], as_of=LATER)
    assert (kpi.cases, kpi.due, kpi.within_48h, kpi.contacted) == (0, 0, 0, 0)
    assert kpi.share_within_48h is None and kpi.median_hours is None
    assert kpi.words == "No follow-up case was opened."


def test_six_cases_worked_by_hand() -> None:
    # Waits 2, 10, 30, 48 (exactly: inside), 50 hours, and one never contacted: 4 of 6 within 48 hours.
    firsts = [_h(2), _h(10), _h(30), _h(48), _h(50), None]
    kpi = followup_kpi([T0] * 6, firsts, as_of=LATER)
    assert (kpi.cases, kpi.due, kpi.within_48h, kpi.contacted) == (6, 6, 4, 5)
    assert kpi.share_within_48h == pytest.approx(4 / 6)
    assert kpi.median_hours == pytest.approx(30.0)  # the middle of 2, 10, 30, 48, 50
    assert kpi.words.startswith("67% of detractors heard back within 48 hours (4 of 6 cases past their 48 hours")


def test_exactly_48_hours_counts_as_within_and_one_second_more_does_not() -> None:
    on_time = followup_kpi([T0] * 5, [_h(48)] * 5, as_of=LATER)
    late = followup_kpi([T0] * 5, [_h(48) + timedelta(seconds=1)] * 5, as_of=LATER)
    assert on_time.share_within_48h == 1.0 and late.share_within_48h == 0.0


def test_cases_never_contacted_count_as_misses_and_have_no_median() -> None:
    kpi = followup_kpi([T0] * 7, [None] * 7, as_of=LATER)
    assert (kpi.due, kpi.within_48h, kpi.contacted) == (7, 0, 0)
    assert kpi.share_within_48h == 0.0 and kpi.median_hours is None
    assert "not shown: fewer than 5 contacted (0)" in kpi.words


def test_a_case_still_inside_its_48_hours_is_not_yet_a_miss() -> None:
    # Five cases opened 48 hours before as_of (due), one opened an hour before (not yet due, not contacted).
    opened = [T0] * 5 + [_h(47)]
    kpi = followup_kpi(opened, [_h(1), _h(3), _h(60), None, None, None], as_of=_h(48))
    assert (kpi.cases, kpi.due, kpi.within_48h) == (6, 5, 2)
    assert kpi.share_within_48h == pytest.approx(2 / 5)


def test_fewer_than_five_cases_show_the_count_only() -> None:
    kpi = followup_kpi([T0] * 4, [_h(1)] * 4, as_of=LATER)
    assert kpi.cases == 4 and kpi.share_within_48h is None and kpi.median_hours is None
    assert "%" not in kpi.words and "4 case(s)" in kpi.words and "too few to show a share" in kpi.words


def test_the_median_needs_five_contacted_cases() -> None:
    kpi = followup_kpi([T0] * 6, [_h(1), _h(2), _h(3), _h(4), None, None], as_of=LATER)
    assert kpi.share_within_48h == pytest.approx(4 / 6) and kpi.median_hours is None


def test_times_and_cases_must_pair_up() -> None:
    with pytest.raises(ValueError, match="every case"):
        followup_kpi([T0, T0], [None], as_of=LATER)


@pytest.mark.parametrize(
    ("within", "verdict"),
    [
        (8, "Most heard back within 48 hours"),  # 80%
        (6, "More than half heard back within 48 hours"),
        (5, "Most waited longer than 48 hours"),  # exactly half is not more than half
    ],
)
def test_the_verdict_bands_the_share(within: int, verdict: str) -> None:
    firsts = [_h(1)] * within + [_h(72)] * (10 - within)
    assert followup_kpi([T0] * 10, firsts, as_of=LATER).verdict == verdict


def test_the_verdict_says_when_there_are_too_few_cases() -> None:
    assert followup_kpi([T0] * 3, [None] * 3, as_of=LATER).verdict == "Too few cases for a share"
    assert followup_kpi([], [], as_of=LATER).verdict == "No case"
