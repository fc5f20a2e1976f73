"""Editing the RACI map: validation, overlap confirmation, permissions, audit, and lost-update protection."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from cxdash import db, ingest
from cxdash.edits.ownership import change_role
from cxdash.models import AuditEvent, Ownership
from cxdash.permissions import DEMO_ACTOR, Actor, PermissionDenied
from cxdash.queries import ownership as q

CCO = Actor(username="alice", role="cco")
ADMIN = Actor(username="bob", role="admin")


def _role(engine: Engine, touchpoint: str, leader: str) -> str | None:
    with db.session(engine) as session:
        return q.cell(session, touchpoint=touchpoint, leader=leader).role


def _audit(engine: Engine) -> list[tuple[str, str, str, str]]:
    with db.session(engine) as session:
        rows = session.exec(select(AuditEvent).where(AuditEvent.entity == "ownership", AuditEvent.action != "import"))
        return [(e.username, e.action, e.key, e.detail) for e in rows.all()]


def _save(engine: Engine, touchpoint: str, leader: str, role: str | None, actor: Actor = CCO, **kw: bool) -> str:
    with db.session(engine) as session:
        loaded = q.cell(session, touchpoint=touchpoint, leader=leader)
        return change_role(session, actor=actor, loaded=loaded, role=role, **kw).status


def test_changing_a_role_bumps_the_version_and_is_audited(org: Engine) -> None:
    with db.session(org) as session:
        loaded = q.cell(session, touchpoint="AW_EVENT", leader="CMO")
        outcome = change_role(session, actor=CCO, loaded=loaded, role="A")
    assert outcome.status == "saved"
    assert "Chief Marketing Officer is now accountable for Events & webinars" in outcome.message
    with db.session(org) as session:
        after = q.cell(session, touchpoint="AW_EVENT", leader="CMO")
    assert (after.role, after.version, after.id) == ("A", (loaded.version or 0) + 1, loaded.id)
    assert _audit(org) == [("alice", "change", "AW_EVENT/CMO", "R -> A")]


def test_assigning_an_empty_cell_creates_it(org: Engine) -> None:
    assert _save(org, "US_BILLING", "CFO", "C") == "saved"  # CFO was R: change
    assert _save(org, "US_BILLING", "COO", "A") == "saved"  # COO was I: change
    assert _save(org, "US_BILLING", "CTO", "I") == "saved"  # CTO had no role: new cell
    with db.session(org) as session:
        created = q.cell(session, touchpoint="US_BILLING", leader="CTO")
    assert (created.role, created.version) == ("I", 1)
    assert _audit(org)[-1] == ("alice", "assign", "US_BILLING/CTO", "none -> I")


def test_removing_an_assignment_is_an_edit_too(org: Engine) -> None:
    with db.session(org) as session:
        loaded = q.cell(session, touchpoint="AW_WEB", leader="CTO")
        outcome = change_role(session, actor=CCO, loaded=loaded, role=None)
    assert outcome.status == "saved"
    assert _role(org, "AW_WEB", "CTO") is None
    assert _audit(org) == [("alice", "remove", "AW_WEB/CTO", "I -> none")]


def test_taking_away_the_last_accountable_says_so(org: Engine) -> None:
    with db.session(org) as session:
        loaded = q.cell(session, touchpoint="AW_WEB", leader="CMO")
        outcome = change_role(session, actor=CCO, loaded=loaded, role="C")
    assert outcome.message.endswith("Website visit now has nobody accountable.")


def test_a_second_accountable_needs_confirmation(org: Engine) -> None:
    with db.session(org) as session:
        loaded = q.cell(session, touchpoint="AW_WEB", leader="CCO")
        outcome = change_role(session, actor=CCO, loaded=loaded, role="A")
    assert outcome.status == "confirm_overlap"
    assert "Chief Marketing Officer is already accountable for Website visit" in outcome.message
    assert _role(org, "AW_WEB", "CCO") == "C"
    assert _audit(org) == []
    with db.session(org) as session:
        outcome = change_role(session, actor=CCO, loaded=loaded, role="A", confirm_overlap=True)
    assert outcome.status == "saved"
    assert _role(org, "AW_WEB", "CCO") == "A"


def test_the_same_role_again_changes_nothing(org: Engine) -> None:
    assert _save(org, "AW_WEB", "CMO", "A") == "unchanged"
    assert _save(org, "AW_WEB", "CEO", None) == "unchanged"
    assert _audit(org) == []


@pytest.mark.parametrize("actor", [Actor("eve", "executive"), Actor("viv", "viewer"), Actor("rm", "regional_manager")])
def test_roles_without_edit_rights_are_refused_on_the_server(org: Engine, actor: Actor) -> None:
    with db.session(org) as session:
        loaded = q.cell(session, touchpoint="AW_EVENT", leader="CMO")
        with pytest.raises(PermissionDenied, match="does not allow edit ownership"):
            change_role(session, actor=actor, loaded=loaded, role="A")
    assert _role(org, "AW_EVENT", "CMO") == "R"
    assert _audit(org) == []


def test_admin_and_demo_may_edit(org: Engine) -> None:
    assert _save(org, "AW_EVENT", "CMO", "A", actor=ADMIN) == "saved"
    assert _save(org, "AW_EVENT", "VP_SALES", "I", actor=DEMO_ACTOR) == "saved"


def test_bad_input_is_refused_with_a_sentence_and_changes_nothing(org: Engine) -> None:
    assert _save(org, "AW_EVENT", "CMO", "X") == "refused"
    with db.session(org) as session:
        ghost = q.LoadedCell("NOPE", "CMO")
        outcome = change_role(session, actor=CCO, loaded=ghost, role="A")
    assert outcome.status == "refused" and "no longer exists" in outcome.message
    assert _audit(org) == []


def test_lost_update_the_second_save_is_refused_and_the_first_value_stands(
    two_engines: tuple[Engine, Engine],
) -> None:
    first, second = two_engines
    with db.session(first) as alice_session, db.session(second) as bob_session:
        alice_loaded = q.cell(alice_session, touchpoint="SU_CHAT", leader="VP_SUPPORT")
        bob_loaded = q.cell(bob_session, touchpoint="SU_CHAT", leader="VP_SUPPORT")
        assert alice_loaded == bob_loaded
        assert change_role(alice_session, actor=CCO, loaded=alice_loaded, role="R").status == "saved"
        outcome = change_role(bob_session, actor=ADMIN, loaded=bob_loaded, role="C")
    assert outcome.status == "refused"
    assert "changed after you opened it" in outcome.message
    assert "alice changed it (A -> R)" in outcome.message
    assert _role(first, "SU_CHAT", "VP_SUPPORT") == "R"
    assert _audit(second) == [("alice", "change", "SU_CHAT/VP_SUPPORT", "A -> R")]


def test_lost_update_on_removal(two_engines: tuple[Engine, Engine]) -> None:
    first, second = two_engines
    with db.session(first) as a, db.session(second) as b:
        loaded_a = q.cell(a, touchpoint="AW_WEB", leader="CTO")
        loaded_b = q.cell(b, touchpoint="AW_WEB", leader="CTO")
        assert change_role(a, actor=CCO, loaded=loaded_a, role="C").status == "saved"
        assert change_role(b, actor=ADMIN, loaded=loaded_b, role=None).status == "refused"
    assert _role(first, "AW_WEB", "CTO") == "C"


def test_a_cell_removed_and_recreated_meanwhile_is_not_overwritten(two_engines: tuple[Engine, Engine]) -> None:
    first, second = two_engines
    with db.session(second) as b:
        stale = q.cell(b, touchpoint="AW_WEB", leader="CTO")
    assert _save(first, "AW_WEB", "CTO", None) == "saved"
    assert _save(first, "AW_WEB", "CTO", "I") == "saved"  # same role, version 1 again, but a new row
    with db.session(second) as b:
        assert change_role(b, actor=ADMIN, loaded=stale, role="R").status == "refused"
    assert _role(first, "AW_WEB", "CTO") == "I"


def test_two_people_creating_the_same_cell_the_second_is_refused(two_engines: tuple[Engine, Engine]) -> None:
    first, second = two_engines
    with db.session(first) as a, db.session(second) as b:
        loaded_a = q.cell(a, touchpoint="US_BILLING", leader="CTO")
        loaded_b = q.cell(b, touchpoint="US_BILLING", leader="CTO")
        assert loaded_a.id is None and loaded_b.id is None
        assert change_role(a, actor=CCO, loaded=loaded_a, role="C").status == "saved"
        outcome = change_role(b, actor=ADMIN, loaded=loaded_b, role="I")
    assert outcome.status == "refused"
    assert "alice changed it (none -> C)" in outcome.message
    with db.session(second) as session:
        stored = q.cell(session, touchpoint="US_BILLING", leader="CTO")
        cells = session.exec(select(Ownership).where(col(Ownership.id) == stored.id)).all()
    assert (stored.role, stored.version, len(cells)) == ("C", 1, 1)
    assert len(_audit(second)) == 1


def test_a_refusal_after_an_import_names_the_import(org: Engine, tmp_path: Path) -> None:
    with db.session(org) as session:
        stale = q.cell(session, touchpoint="AW_WEB", leader="CTO")
    changed = tmp_path / "ownership.csv"
    changed.write_text("touchpoint,leader,role\nAW_WEB,CTO,C\n", encoding="utf-8")
    report = ingest.import_file(org, "ownership", changed, username="importer", mode="update")
    assert report.ok and report.updated == 1
    with db.session(org) as session:
        outcome = change_role(session, actor=CCO, loaded=stale, role="R")
    assert outcome.status == "refused"
    assert "importer imported ownership.csv" in outcome.message
    assert _role(org, "AW_WEB", "CTO") == "C"


def _stored_roles(engine: Engine, touchpoint: str, leader: str) -> list[str]:
    with db.session(engine) as session:
        return sorted(r.role for r in q.cell(session, touchpoint=touchpoint, leader=leader).stored)


def test_a_leader_can_be_accountable_and_responsible_at_once(org: Engine) -> None:
    with db.session(org) as session:
        loaded = q.cell(session, touchpoint="AW_EVENT", leader="CMO")
        outcome = change_role(session, actor=CCO, loaded=loaded, role="A+R")
    assert outcome.status == "saved"
    assert "Chief Marketing Officer is now accountable and responsible for Events & webinars" in outcome.message
    assert _role(org, "AW_EVENT", "CMO") == "A+R"
    assert _stored_roles(org, "AW_EVENT", "CMO") == ["A", "R"]
    assert _audit(org) == [("alice", "change", "AW_EVENT/CMO", "R -> A+R")]
    assert _save(org, "AW_EVENT", "CMO", "A+R") == "unchanged"
    assert _save(org, "AW_EVENT", "CMO", "A") == "saved"
    assert _stored_roles(org, "AW_EVENT", "CMO") == ["A"]


def test_making_a_second_accountable_through_a_plus_r_needs_confirmation(org: Engine) -> None:
    assert _save(org, "AW_WEB", "CTO", "A+R") == "confirm_overlap"
    assert _save(org, "AW_WEB", "CTO", "A+R", confirm_overlap=True) == "saved"
    assert _save(org, "AW_WEB", "CMO", "A+R") == "saved"  # CMO was already accountable: no new overlap


def test_a_stale_view_of_a_plus_r_cell_is_refused(two_engines: tuple[Engine, Engine]) -> None:
    first, second = two_engines
    with db.session(first) as a, db.session(second) as b:
        loaded_a = q.cell(a, touchpoint="AW_EVENT", leader="CMO")
        loaded_b = q.cell(b, touchpoint="AW_EVENT", leader="CMO")
        assert change_role(a, actor=CCO, loaded=loaded_a, role="A+R").status == "saved"
        outcome = change_role(b, actor=ADMIN, loaded=loaded_b, role="C")
    assert outcome.status == "refused" and "alice changed it (R -> A+R)" in outcome.message
    assert _stored_roles(first, "AW_EVENT", "CMO") == ["A", "R"]
