"""Writing actions: validation, lost-update protection, status rules and the audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from cxdash import db
from cxdash.edits.actions import ActionDraft, ActionError, create_action, set_status, update_action
from cxdash.models import Action, AuditEvent
from cxdash.permissions import Actor, PermissionDenied
from tests.ingest.helpers import load_base

CCO = Actor("kim", "cco")
DRAFT = ActionDraft(
    title="Call back every detractor", raised_month=date(2026, 10, 1), owner="CCO", due_on=date(2026, 12, 15),
    region="NORTH", touchpoint="WEB",
)  # fmt: skip


@pytest.fixture
def base(engine: Engine) -> Engine:
    """The small data set (regions NORTH and SOUTH, leaders CEO and CCO) with one action owned by the CCO."""
    load_base(engine)
    with db.session(engine) as session:
        create_action(session, actor=CCO, draft=DRAFT)
    return engine


def _stored(engine: Engine) -> Action:
    with db.session(engine) as session:
        return session.exec(select(Action).where(Action.created_by == "kim")).one()


def test_a_new_action_is_open_version_one_and_audited(base: Engine) -> None:
    row = _stored(base)
    assert (row.status, row.version, row.created_by) == ("open", 1, "kim")
    with db.session(base) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.entity == "action")).one()
    assert (event.action, event.key, event.detail) == ("create", str(row.id), "Call back every detractor")


def test_a_stale_save_is_refused_and_changes_nothing(base: Engine) -> None:
    row = _stored(base)
    assert row.id is not None
    with db.session(base) as session:
        set_status(session, actor=CCO, action_id=row.id, version=1, status="in_progress")
    with db.session(base) as session, pytest.raises(ActionError, match="someone changed this action"):
        update_action(session, actor=CCO, action_id=row.id, version=1, draft=DRAFT)
    assert (_stored(base).status, _stored(base).version) == ("in_progress", 2)


def test_dropping_needs_a_reason(base: Engine) -> None:
    row = _stored(base)
    assert row.id is not None
    with db.session(base) as session, pytest.raises(ActionError, match="why the action is dropped"):
        set_status(session, actor=CCO, action_id=row.id, version=1, status="dropped", reason="  ")


def test_done_records_the_day(base: Engine) -> None:
    row = _stored(base)
    assert row.id is not None
    with db.session(base) as session:
        set_status(session, actor=CCO, action_id=row.id, version=1, status="done", done_on=date(2026, 11, 20))
    assert (_stored(base).status, _stored(base).done_on) == ("done", date(2026, 11, 20))


def test_an_executive_cannot_change_an_action_owned_by_someone_else(base: Engine) -> None:
    row = _stored(base)
    assert row.id is not None
    ceo = Actor("ceo", "executive", leader_key="CEO")
    with db.session(base) as session, pytest.raises(PermissionDenied, match="only the actions they own"):
        set_status(session, actor=ceo, action_id=row.id, version=1, status="done")


def test_an_unknown_owner_is_named(base: Engine) -> None:
    with db.session(base) as session, pytest.raises(ActionError, match="no leader 'CFO'"):
        create_action(session, actor=CCO, draft=ActionDraft(**{**DRAFT.__dict__, "owner": "CFO"}))
