"""Detractor follow-up through app.py: a regional manager sees their own region's cases only; the CCO updates one."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select
from streamlit.testing.v1 import AppTest

from cxdash import auth, db
from cxdash.models import FollowUpCase, Region
from cxdash.permissions import Actor
from tests import apptest
from tests.roles import OWN_REGION, USERS


def _actions_as(username: str) -> AppTest:
    """The Actions page as ``username``, its follow-up tab open (only the open tab is drawn)."""
    at = apptest.as_account(username, "actions")
    assert "actions_followup_region" not in {s.key for s in at.selectbox}
    at.session_state["actions_tab"] = "Detractor follow-up"
    return at.run()


def test_a_regional_manager_sees_only_their_regions_cases_and_customers(roles_app: str) -> None:
    at = _actions_as(USERS["regional_manager"].username)
    assert not at.exception and not at.error
    queue = apptest.table(at, "Case")
    assert set(queue["Region"]) == {OWN_REGION} and len(queue) > 10
    assert queue["Customer"].str.startswith("C").all()
    assert at.selectbox(key="actions_followup_region").options == ["Every region you manage", OWN_REGION]
    engine = db.make_engine(roles_app)
    with db.session(engine) as session:
        others = session.exec(
            select(FollowUpCase.response_key).join(Region, col(Region.id) == FollowUpCase.region_id)
            .where(Region.code != OWN_REGION)
        ).all()  # fmt: skip
    engine.dispose()
    shown = " ".join(str(v) for d in at.dataframe for v in d.value.to_numpy().ravel())
    assert others and not any(key in shown for key in others)
    assert at.button(key="actions_followup_open").label == f"Open cases for October 2026 in {OWN_REGION}"


@pytest.mark.parametrize("role", ["executive", "viewer"])
def test_executives_and_viewers_see_counts_without_cases(roles_app: str, role: str) -> None:
    at = _actions_as(USERS[role].username)
    assert not at.exception and not at.error
    kpis = apptest.table(at, "Region")
    assert kpis["Cases"].sum() == 307 and "DACH" in set(kpis["Region"])
    assert not any(d.value.columns[0] == "Case" for d in at.dataframe)
    assert "actions_followup_open" not in {b.key for b in at.button}


def test_the_cco_marks_a_case_contacted_and_assigns_it(writable: Engine) -> None:
    with db.session(writable) as session:
        for name, role, region in (("kim", "cco", None), ("dora", "regional_manager", "DACH")):
            auth.add_user(session, actor=Actor("setup", "admin"), username=name, display_name=name.title(),
                          role=role, region=region, email=f"{name}@x.example")  # fmt: skip
    at = _actions_as("kim")
    at.selectbox(key="actions_followup_region").select("DACH").run()
    oldest = apptest.table(at, "Case").iloc[0]
    case_id = int(oldest["Case"])
    assert at.selectbox(key="actions_followup_pick").value == case_id
    at.selectbox(key=f"actions_fu_status_{case_id}").select("contacted")
    at.selectbox(key=f"actions_fu_who_{case_id}").select("dora")
    at.button(key="FormSubmitter:actions_followup_case-Save the case").click().run()
    assert not at.exception and not at.error
    assert f"Case #{case_id} is now contacted." in apptest.said(at.success)
    with db.session(writable) as session:
        case = session.get(FollowUpCase, case_id)
    assert case is not None and (case.status, case.version) == ("contacted", 2)
    assert case.first_contact_at is not None


def test_the_queue_pages_oldest_first_and_a_new_filter_starts_on_page_one(roles_app: str) -> None:
    at = _actions_as(USERS["cco"].username)
    at.selectbox(key="actions_followup_region").select("DACH").run()
    first = apptest.table(at, "Case")
    pager = at.number_input(key="actions_followup_page")
    assert len(first) == 50 and (pager.value, pager.max) == (1, 2)  # DACH's 61 open cases (26 new, 35 contacted)
    pager.set_value(2).run()
    second = apptest.table(at, "Case")
    assert not at.exception and len(second) == 11 and set(second["Region"]) == {"DACH"}
    assert second["Opened (UTC)"].min() >= first["Opened (UTC)"].max()
    assert "cases 51–61 of 61" in apptest.said(at.caption)
    at.selectbox(key="actions_followup_status").select("all").run()
    assert at.number_input(key="actions_followup_page").value == 1 and len(apptest.table(at, "Case")) == 50


def test_a_link_opens_the_queue_on_a_region_a_status_and_a_page(roles_app: str) -> None:
    at = apptest.app()
    at.session_state["auth_username"] = USERS["cco"].username
    at.run().switch_page("app_pages/actions.py")
    for key, value in {"fu_region": "DACH", "fu_status": "all", "fu_page": "20"}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception and not at.error
    assert (at.selectbox(key="actions_followup_region").value, at.selectbox(key="actions_followup_status").value) == (
        "DACH", "all"
    )  # fmt: skip
    assert at.number_input(key="actions_followup_page").value == 3  # page 20 of 3: the last
    assert len(apptest.table(at, "Case")) == 3 and "cases 101–103 of 103" in apptest.said(at.caption)
