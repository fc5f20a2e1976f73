"""The Actions slide: overdue actions by owner and the outcomes of actions closed in the quarter to the month."""

from __future__ import annotations

from datetime import UTC, date, datetime

from cxdash import db
from cxdash.boardpack.deck import default_window
from cxdash.boardpack.sections.actions import actions
from cxdash.boardpack.slide import Slide
from cxdash.views import followup

TODAY = date(2026, 11, 26)


def _slide(sample_url: str, month: date, today: date) -> Slide:
    engine = db.make_engine(sample_url)
    try:
        with db.session(engine) as session:
            return actions(session, month, default_window(month), today=today)
    finally:
        engine.dispose()


def test_october_shows_two_owners_overdue_and_one_closed_action_awaiting_its_verdict(sample_url: str) -> None:
    slide = _slide(sample_url, date(2026, 10, 1), TODAY)
    assert slide.title == (
        "2 actions overdue with 2 owners; 1 action closed in Aug–Oct 2026, none yet with a measured improvement"
    )
    assert slide.native is not None
    assert slide.native.categories == ("Chief Executive Officer", "Vice President Customer Support")
    assert slide.native.series == (("Overdue actions", (1.0, 1.0)),)
    assert slide.table is not None
    [row] = slide.table.rows
    assert [c.text for c in row[:3]] == ["Renewal reminders 60 days ahead in UKI", "Vice President Sales", "—"]
    assert row[3].text == "Too few months after: a verdict is possible from January 2027."


def test_speaker_notes_name_each_overdue_action_with_its_owner(sample_url: str) -> None:
    notes = _slide(sample_url, date(2026, 10, 1), TODAY).speaker_notes
    assert (
        "Chief Executive Officer: Agree one named CX owner at the leadership offsite (due 31 Oct 2026, 26 days late)"
        in notes
    )
    assert (
        "Vice President Customer Support: Clear the DACH phone support backlog (due 15 Nov 2026, 11 days late)" in notes
    )
    assert "difference-in-differences" in notes


def test_a_closed_action_that_worked_reads_as_improved_with_its_retention(sample_url: str) -> None:
    # LATAM's move to the central hub, done 15 Feb 2026: in the quarter to February; nothing overdue on 1 March.
    slide = _slide(sample_url, date(2026, 2, 1), date(2026, 3, 1))
    assert slide.native is None
    assert slide.title == "No action is overdue; 1 action closed in Dec–Feb 2026, 1 with a measured improvement"
    assert slide.table is not None
    [row] = slide.table.rows
    assert row[0].text == "Move LATAM customer care to the central CX hub"
    assert row[2].text == "+19.7 (+9.6 to +29.8)"
    assert row[3].text == ("Improved, beyond the company's drift. Retention improved, beyond the company's drift.")
    assert row[3].fill is not None


def test_a_quiet_quarter_says_so(sample_url: str) -> None:
    slide = _slide(sample_url, date(2025, 1, 1), date(2025, 1, 15))
    assert slide.title == "No action is overdue; none closed in Nov–Jan 2025"
    assert slide.bullets == ("No action is overdue and none was closed.",)


def test_the_slide_states_the_month_s_detractor_follow_up_as_the_app_does(sample_url: str) -> None:
    october = date(2026, 10, 1)
    slide = _slide(sample_url, october, TODAY)
    engine = db.make_engine(sample_url)
    with db.session(engine) as session:
        app_line = followup.deck_line(session, october, datetime(2026, 11, 26, tzinfo=UTC))
    engine.dispose()
    assert slide.marks == (app_line,)
    assert app_line.startswith("Detractor follow-up, October 2026: 44% of detractors heard back within 48 hours")
    assert "Median time to first contact: 44 hours (234 contacted)" in app_line
    assert "Detractor follow-up: Time to first contact runs from the case's opening" in slide.speaker_notes
