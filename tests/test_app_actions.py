"""The Actions page through app.py: assign from a link, see it grouped by owner, mark it done, see its outcome."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from cxdash import audit, db
from cxdash.models import Action
from cxdash.permissions import Actor
from cxdash.views import actions as views
from tests import apptest

LINK = {"region": "LATAM", "touchpoint": "SU_CHAT", "month": "2025-09"}
TITLE = "Route chats to the new LATAM hub"


def _opened(**params: str) -> AppTest:
    """The Actions page with its two forms unfolded (they are drawn only while open)."""
    at = apptest.app()
    at.session_state["actions_assign_open"] = at.session_state["actions_update_open"] = True
    return apptest.open_page("actions", at, **params)


def _outcomes(at: AppTest) -> AppTest:
    at.session_state["actions_tab"] = "Outcomes"
    return at.run()


def _assign(at: AppTest, title: str, owner: str, due: date) -> AppTest:
    at.text_input(key="actions_title").input(title)
    at.selectbox(key="actions_owner").select(owner)
    at.date_input(key="actions_due").set_value(due)
    return at.button(key="FormSubmitter:actions_assign-Assign the action").click().run()


def test_a_link_prefills_the_form_and_says_when_two_leaders_are_accountable(app_env: str) -> None:
    at = _opened(**LINK)
    assert not at.exception and not at.error
    assert at.selectbox(key="actions_form_region").value == "LATAM"
    assert at.selectbox(key="actions_form_tp").value == "SU_CHAT"
    assert at.date_input(key="actions_raised").value == date(2025, 9, 1)
    assert at.selectbox(key="actions_owner").value is None
    assert "are both Accountable for this touchpoint" in apptest.said(at.caption)


def test_the_one_accountable_leader_is_preselected(app_env: str) -> None:
    at = _opened(region="LATAM", touchpoint="SU_PHONE")
    assert at.selectbox(key="actions_owner").value == "VP_SUPPORT"


def test_assign_then_mark_done_shows_the_outcome(writable: Engine) -> None:
    at = _assign(_opened(**LINK), TITLE, "CCO", date(2026, 3, 31))
    assert not at.exception and not at.error
    assert "Assigned to" in apptest.said(at.success)
    listed = apptest.table(at, "State")
    assert list(listed["Action"]) == [TITLE] and list(listed["State"]) == ["Overdue"]  # due in March 2026
    with db.session(writable) as session:
        stored = session.exec(select(Action).where(Action.title == TITLE)).one()
    at.selectbox(key="actions_pick").select(stored.id)
    at.selectbox(key=f"actions_status_{stored.id}").select("done")
    at.date_input(key=f"actions_done_{stored.id}").set_value(date(2026, 2, 15))
    at.button(key="FormSubmitter:actions_update-Save the status").click().run()
    assert not at.exception and not at.error
    assert "Its outcome is on the Outcomes tab." in apptest.said(at.success)
    assert list(apptest.table(at, "State")["State"]) == ["Done"]
    outcome = apptest.table(_outcomes(at), "Number").set_index("Action")
    # LATAM chat from Jun–Aug 2025 (NPS 23.9, 67 responses) to Mar–May 2026 (35.1): the rest moved +5.2.
    assert outcome.loc[TITLE, "Change"] == "+11.2"
    assert outcome.loc[TITLE, "Verdict"] == "Cannot be told from noise."


def test_a_stale_status_save_is_refused_with_a_sentence(writable: Engine) -> None:
    at = _assign(_opened(**LINK), TITLE, "CCO", date(2026, 3, 31))
    with db.session(writable) as session:
        stored = session.exec(select(Action).where(Action.title == TITLE)).one()
        stored.version += 1
        session.add(stored)
        session.commit()
    at.selectbox(key=f"actions_status_{stored.id}").select("in_progress")
    at.button(key="FormSubmitter:actions_update-Save the status").click().run()
    assert "someone changed this action" in apptest.said(at.error)


def test_a_viewer_sees_counts_and_outcomes_but_no_list_or_form(app_env: str) -> None:
    at = AppTest.from_file(str(apptest.ROOT / "app_pages" / "actions.py"), default_timeout=120)
    at.session_state["auth_actor"] = Actor(username="board", role="viewer")
    at.run()
    assert not at.exception and not at.error
    assert [m.label for m in at.metric] == ["Overdue", "Due this month", "Open", "Done", "Dropped"]
    assert [e.label for e in at.expander] == [] and len(at.dataframe) == 0
    assert "outcomes of done actions on the Outcomes tab" in apptest.said(at.caption)
    assert len(_outcomes(at).dataframe) == 1


def test_the_overview_tile_counts_open_and_overdue_actions(app_env: str) -> None:
    at = apptest.open_page("overview")
    # The sample has three live actions, due 2026-10-31, 2026-11-15 and 2027-01-31: overdue depends on today.
    overdue = sum(due < audit.now().date() for due in (date(2026, 10, 31), date(2026, 11, 15), date(2027, 1, 31)))
    tiles = [link.proto.label for link in at.get("page_link") if link.proto.label.startswith("Actions:")]
    assert tiles == [f"Actions: 3 open, {overdue} overdue"]


def test_the_sample_outcomes_show_a_clear_improvement_noise_and_too_few_months(app_env: str) -> None:
    outcomes = apptest.table(_outcomes(apptest.open_page("actions")), "Number").set_index("Action")["Verdict"]
    assert outcomes.to_dict() == {
        "Refresh the NAE welcome emails": "Cannot be told from noise.",
        "Move LATAM customer care to the central CX hub": "Improved, beyond the company's drift.",
        "Renewal reminders 60 days ahead in UKI": "Too few months after: a verdict is possible from January 2027.",
    }


def test_arrival_draws_one_table_most_pressing_first_and_folds_the_forms(app_env: str) -> None:
    at = apptest.open_page("actions")
    assert not at.exception and not at.error
    assert len(at.dataframe) == 1 and len(at.text_input) == 0 and len(at.selectbox) == 3  # the sidebar's filters
    assert [e.label for e in at.expander] == ["Assign an action", "Update an action"]
    states = list(apptest.table(at, "State")["State"])
    order = list(views.SECTIONS.values())
    assert states == sorted(states, key=order.index) and {"Done", "Dropped"} <= set(states)
    assert "in_progress" not in set(apptest.table(at, "State")["Status"])
    at.session_state["actions_update_open"] = True
    assert at.run().selectbox(key="actions_pick").value is not None
