"""Editing the governance history: validation sentences, permissions, one audit event per change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash import db
from cxdash.edits import governance as edit
from cxdash.edits.governance import GovernanceInputError, add_change, delete_change, update_change
from cxdash.models import AuditEvent, GovernanceChange, Region
from cxdash.permissions import Actor, PermissionDenied
from cxdash.queries.governance import governance_changes

CCO = Actor(username="cco", role="cco")
START, SWITCH = date(2024, 11, 1), date(2025, 11, 1)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """Regions LATAM and NAE, LATAM decentralized from November 2024."""
    with db.session(engine) as s:
        latam, nae = Region(code="LATAM", name="Latin America"), Region(code="NAE", name="North America East")
        s.add_all([latam, nae])
        s.commit()
        s.add(GovernanceChange(region_id=latam.id, model="decentralized", effective_from=START))
        s.commit()
        yield s


def _history(session: Session) -> list[tuple[str, str, date]]:
    frame = governance_changes(session)
    return list(zip(frame["region"], frame["model"], frame["effective_from"], strict=True))


def _events(session: Session) -> list[AuditEvent]:
    return list(session.exec(select(AuditEvent)).all())


def test_adding_a_change_records_it_with_one_audit_event(session: Session) -> None:
    add_change(session, actor=CCO, region="LATAM", model="centralized", effective_from=SWITCH)
    assert _history(session) == [("LATAM", "decentralized", START), ("LATAM", "centralized", SWITCH)]
    (event,) = _events(session)
    assert (event.username, event.action, event.entity, event.key) == (
        "cco",
        "create",
        "governance",
        "LATAM/2025-11-01",
    )
    assert "centralized" in event.detail


@pytest.mark.parametrize(
    ("region", "model", "when", "message"),
    [
        ("LATAM", "federated", SWITCH, "'federated' is not a governance model; choose one of centralized"),
        ("MARS", "hybrid", SWITCH, "There is no region 'MARS'; choose one from the list."),
        ("LATAM", "hybrid", START, "LATAM already has a change on 2024-11-01 (to decentralized)"),
        ("LATAM", "decentralized", SWITCH, "LATAM already runs under decentralized on 2025-11-01"),
        ("LATAM", "hybrid", date(1900, 1, 1), "Choose an effective date between"),
    ],
)
def test_invalid_changes_are_refused_with_a_sentence_and_change_nothing(
    session: Session, region: str, model: str, when: date, message: str
) -> None:
    with pytest.raises(GovernanceInputError) as refused:
        add_change(session, actor=CCO, region=region, model=model, effective_from=when)
    assert message in str(refused.value) and str(refused.value).endswith(".")
    assert _history(session) == [("LATAM", "decentralized", START)] and _events(session) == []


@pytest.mark.parametrize("role", ["executive", "regional_manager", "viewer"])
def test_roles_without_the_right_cannot_edit(session: Session, role: str) -> None:
    actor = Actor(username="someone", role=role, region="LATAM")
    with pytest.raises(PermissionDenied, match="does not allow edit governance"):
        add_change(session, actor=actor, region="LATAM", model="centralized", effective_from=SWITCH)
    change_id = int(governance_changes(session)["change_id"].iloc[0])
    with pytest.raises(PermissionDenied):
        update_change(session, actor=actor, change_id=change_id, model="hybrid", effective_from=START)
    with pytest.raises(PermissionDenied):
        delete_change(session, actor=actor, change_id=change_id)
    assert len(_history(session)) == 1 and _events(session) == []


def test_correcting_a_change_moves_it_and_says_what_changed(session: Session) -> None:
    added = add_change(session, actor=CCO, region="LATAM", model="centralized", effective_from=SWITCH)
    assert added.id is not None
    update_change(session, actor=CCO, change_id=added.id, model="hybrid", effective_from=date(2025, 12, 1))
    assert _history(session)[-1] == ("LATAM", "hybrid", date(2025, 12, 1))
    event = _events(session)[-1]
    assert (event.action, event.key) == ("update", "LATAM/2025-12-01")
    assert event.detail == "centralized from 2025-11-01 -> hybrid from 2025-12-01"


def test_a_correction_onto_another_changes_date_is_refused(session: Session) -> None:
    added = add_change(session, actor=CCO, region="LATAM", model="centralized", effective_from=SWITCH)
    assert added.id is not None
    with pytest.raises(GovernanceInputError, match="already has a change on 2024-11-01"):
        update_change(session, actor=CCO, change_id=added.id, model="hybrid", effective_from=START)
    with pytest.raises(GovernanceInputError, match="Nothing to save"):
        update_change(session, actor=CCO, change_id=added.id, model="centralized", effective_from=SWITCH)
    assert _history(session)[-1] == ("LATAM", "centralized", SWITCH) and len(_events(session)) == 1


def test_removing_a_change_is_audited(session: Session) -> None:
    added = add_change(session, actor=CCO, region="NAE", model="centralized", effective_from=START)
    assert added.id is not None
    delete_change(session, actor=CCO, change_id=added.id)
    assert _history(session) == [("LATAM", "decentralized", START)]
    assert [(e.action, e.key) for e in _events(session)] == [("create", "NAE/2024-11-01"), ("delete", "NAE/2024-11-01")]


def test_a_change_removed_meanwhile_gets_a_sentence(session: Session) -> None:
    with pytest.raises(GovernanceInputError, match="no longer exists"):
        delete_change(session, actor=CCO, change_id=999)
    with pytest.raises(GovernanceInputError, match="reload the page"):
        update_change(session, actor=CCO, change_id=999, model="hybrid", effective_from=SWITCH)


def test_a_change_saved_meanwhile_on_the_same_date_is_refused_by_the_database(
    session: Session, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two people adding a change for one region and date at once: both pass the checks, the database refuses one."""
    with db.session(engine) as other:
        add_change(other, actor=CCO, region="NAE", model="hybrid", effective_from=SWITCH)
    monkeypatch.setattr(edit, "_validate", lambda *args, **kwargs: None)
    with pytest.raises(GovernanceInputError, match="NAE already has a change on 2025-11-01; reload the page"):
        add_change(session, actor=CCO, region="NAE", model="centralized", effective_from=SWITCH)
    assert [r for r in _history(session) if r[0] == "NAE"] == [("NAE", "hybrid", SWITCH)]
    assert [e.key for e in _events(session)] == ["NAE/2025-11-01"]
