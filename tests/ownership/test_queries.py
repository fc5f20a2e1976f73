"""Ownership reads: leaders with their managers, cells with versions, the designated CX owner, the history."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Engine
from sqlmodel import select

from cxdash import db
from cxdash.edits.ownership import change_role
from cxdash.models import Ownership, Setting
from cxdash.permissions import Actor
from cxdash.queries import ownership as q

CCO = Actor(username="alice", role="cco")


def test_leaders_carry_their_managers_key(org: Engine) -> None:
    with db.session(org) as session:
        leaders = q.leaders(session).set_index("key")
    assert leaders.loc["CCO", "reports_to"] == "CEO"
    assert leaders.loc["HEAD_CX_INSIGHT", "reports_to"] == "CCO"
    assert pd.isna(leaders.loc["CEO", "reports_to"])
    assert leaders.loc["CCO", "name"] == "Chief Customer Officer"


def test_touchpoints_come_in_journey_order(org: Engine) -> None:
    with db.session(org) as session:
        touchpoints = q.touchpoints(session)
    assert list(touchpoints["position"]) == sorted(touchpoints["position"])
    assert touchpoints.iloc[0]["touchpoint"] == "AW_WEB"


def test_a_cell_reads_role_and_version_or_nothing(org: Engine) -> None:
    with db.session(org) as session:
        held = q.cell(session, touchpoint="SU_CHAT", leader="CCO")
        empty = q.cell(session, touchpoint="SU_CHAT", leader="CFO")
        row = session.exec(select(Ownership).where(Ownership.id == held.id)).one()
    assert (held.role, held.version) == ("A", row.version)
    assert (empty.id, empty.version, empty.role) == (None, None, None)
    assert held.audit_key == "SU_CHAT/CCO"
    assert held.seen_event > 0


def test_the_cx_owner_defaults_to_the_leader_accountable_most_often(org: Engine) -> None:
    with db.session(org) as session:
        assert q.accountable_counts(session)["CCO"] == 7
        assert q.designated_cx_owner(session) == "CCO"


def test_the_cx_owner_setting_wins_when_it_names_a_leader(org: Engine) -> None:
    with db.session(org) as session:
        session.add(Setting(key="cx_owner", value="COO"))
        session.commit()
        assert q.designated_cx_owner(session) == "COO"


def test_a_setting_naming_nobody_falls_back_to_the_default(org: Engine) -> None:
    with db.session(org) as session:
        session.add(Setting(key="cx_owner", value="GONE"))
        session.commit()
        assert q.designated_cx_owner(session) == "CCO"


def test_no_accountable_anywhere_means_no_cx_owner(engine: Engine) -> None:
    with db.session(engine) as session:
        assert q.designated_cx_owner(session) is None


def test_events_list_ownership_changes_and_imports_newest_first(org: Engine) -> None:
    with db.session(org) as session:
        loaded = q.cell(session, touchpoint="AW_EVENT", leader="CMO")
        change_role(session, actor=CCO, loaded=loaded, role="A")
    with db.session(org) as session:
        events = q.events(session)
    assert list(events["action"]) == ["change", "import"]
    assert events.iloc[0][["username", "key", "detail"]].tolist() == ["alice", "AW_EVENT/CMO", "R -> A"]
    assert events.iloc[1]["key"] == "ownership.csv"
