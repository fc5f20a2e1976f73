"""The digest lists each owner's overdue actions, escaped in HTML, and says so when none is overdue."""

from __future__ import annotations

from datetime import date

from cxdash.digest.overdue import overdue_html, overdue_text
from cxdash.views.action_report import OverdueAction

LATE = {
    "Chief <b>Executive</b>": (
        OverdueAction("Chief <b>Executive</b>", "Name an owner & agree", date(2026, 10, 31), 26),
    ),
    "VP Support": (
        OverdueAction("VP Support", "Clear the backlog", date(2026, 11, 1), 25),
        OverdueAction("VP Support", "Hire two agents", date(2026, 11, 15), 11),
    ),
}


def test_each_owner_is_listed_with_their_overdue_actions() -> None:
    assert overdue_text(LATE) == [
        "Overdue actions",
        "Chief <b>Executive</b>:",
        "- Name an owner & agree (due 31 Oct 2026, 26 days late)",
        "VP Support:",
        "- Clear the backlog (due 01 Nov 2026, 25 days late)",
        "- Hire two agents (due 15 Nov 2026, 11 days late)",
        "",
    ]


def test_html_escapes_what_users_typed() -> None:
    body = overdue_html(LATE)
    assert "<strong>Chief &lt;b&gt;Executive&lt;/b&gt;</strong>" in body
    assert "<li>Name an owner &amp; agree (due 31 Oct 2026, 26 days late)</li>" in body


def test_none_overdue_says_so() -> None:
    assert "No action is overdue." in overdue_html({})
    assert overdue_text({})[1] == "No action is overdue."
