"""The closed loop through the pages, as the CCO: assign an action from a Needs-attention item, find it on the
Actions and Ownership pages, mark it done and read its outcome; roles that may not create see no button."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from cxdash import db
from cxdash.models import Action
from cxdash.views.ownership import SECTION
from tests import apptest, roles
from tests.roles import USERS

TITLE = "Stop the DACH slide: weekly call-backs"
# The sample's October 2026 attention list starts with DACH's significant NPS drop.
DROP = "overview_attention_0"


@pytest.fixture
def loop_app(writable: Engine) -> Engine:
    """The sample database of this test, with one account per role (tests/roles.py), that the app writes to."""
    roles.add_users(writable.url.render_as_string(hide_password=False))
    return writable


def _page(name: str, role: str, at: AppTest | None = None, **params: str) -> AppTest:
    """``app_pages/<name>.py`` through app.py for a session signed in as ``role``'s account."""
    if at is None:
        at = apptest.app()
        at.session_state["auth_username"] = USERS[role].username
        at.run()
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(f"app_pages/{name}.py").run()


def test_assign_from_attention_then_find_it_mark_it_done_and_read_its_outcome(loop_app: Engine) -> None:
    at = _page("overview", "cco")
    assert not at.exception and not at.error
    at.button(key=f"{DROP}_assign").click().run()
    assert "No regional manager of DACH is linked to a leader: pick an owner." in apptest.said(at.warning)
    at.text_input(key=f"{DROP}_title").input(TITLE)
    at.selectbox(key=f"{DROP}_owner").select("VP_EMEA")
    at.date_input(key=f"{DROP}_due").set_value(date(2026, 12, 15))
    at.button(key=f"FormSubmitter:{DROP}_form-Assign the action").click().run()
    assert not at.exception and not at.error
    assert f"Assigned to Vice President EMEA: {TITLE}" in apptest.said(at.success)
    with db.session(loop_app) as session:
        stored = session.exec(select(Action).where(Action.title == TITLE)).one()
    assert (stored.raised_month, stored.status, stored.created_by) == (date(2026, 10, 1), "open", USERS["cco"].username)
    # The item now shows the open action instead of offering a second one.
    assert f"{DROP}_assign" not in [b.key for b in at.button]

    actions = _page("actions", "cco", at, region="DACH")
    assert TITLE in list(apptest.table(actions, "State")["Action"])

    ownership = _page("ownership", "cco", **{SECTION: "Performance by owner"})
    by_leader = apptest.table(ownership, "Accountable leader").set_index("Accountable leader")
    assert {"Open actions", "Overdue actions"} <= set(by_leader.columns)
    assert "Vice President EMEA (1 open, 0 overdue)" in apptest.said(ownership.caption)

    actions.session_state["actions_update_open"] = True  # the form is folded away until opened
    actions.run().selectbox(key="actions_pick").select(stored.id).run()
    actions.selectbox(key=f"actions_status_{stored.id}").select("done")
    actions.date_input(key=f"actions_done_{stored.id}").set_value(date(2026, 11, 20))
    actions.button(key="FormSubmitter:actions_update-Save the status").click().run()
    assert not actions.exception and not actions.error
    actions.session_state["actions_tab"] = "Outcomes"
    outcome = apptest.table(actions.run(), "Number").set_index("Action")
    assert outcome.loc[TITLE, "Verdict"] == "Too few months after: a verdict is possible from March 2027."
    assert outcome.loc[TITLE, "Retention verdict"].startswith("Too few months of retention after")


def test_an_item_with_an_open_action_shows_it_with_a_link(loop_app: Engine) -> None:
    at = _page("overview", "cco")
    links = [link.proto.label.replace("\\", "") for link in at.get("page_link")]  # shown as typed: Markdown escaped
    assert (
        "Open action: Name an Accountable leader for billing — Chief Customer Officer, due 31 Jan 2027, open" in links
    )


def test_an_executive_sees_open_actions_but_no_assign_button(loop_app: Engine) -> None:
    at = _page("overview", "executive")
    assert not at.exception
    assert not [b for b in at.button if b.key.endswith("_assign")]
    assert any(link.proto.label.replace("\\", "").startswith("Open action:") for link in at.get("page_link"))


def test_a_regional_manager_may_assign_only_on_their_own_region(loop_app: Engine) -> None:
    at = _page("overview", "regional_manager")
    keys = [b.key for b in at.button if b.key.endswith("_assign")]
    # DACH's drop and DACH below target: nothing company-wide, on touchpoints or on other regions.
    assert keys == ["overview_attention_0_assign", "overview_attention_3_assign"]


def test_a_region_or_one_of_its_touchpoints_gets_an_action_from_the_regions_page(loop_app: Engine) -> None:
    at = _page("regions", "cco", view="compare", region="LATAM")
    at.selectbox(key="regions_assign_tp").select("SU_PHONE")
    at.button(key="regions_assign_assign").click().run()
    assert not at.exception and not at.error
    assert at.selectbox(key="regions_assign_owner").value == "VP_SUPPORT"
    assert "Vice President Customer Support is Accountable for this touchpoint." in apptest.said(at.caption)
