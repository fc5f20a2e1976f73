"""Writing follow-up cases: bulk opening (idempotent), status and assignee with stale-save refusal, the first contact
recorded once, refusals in words, and the audit trail; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from cxdash import auth, db, ingest
from cxdash.edits.followup import FollowUpError, open_cases, parse_month, update_case
from cxdash.models import AuditEvent, FollowUpCase
from cxdash.permissions import Actor, PermissionDenied
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base

CCO = Actor("kim", "cco")
OCTOBER = date(2026, 10, 1)
# R2 (SOUTH, 6) is the base's detractor of October; these add two in NORTH, a passive and a promoter.
MORE = RESPONSE_HEADER + (
    "N1,C11,NORTH,WEB,web,2026-10-02,0,,,Never again\n"
    "N2,C12,NORTH,PHONE,phone,2026-10-03,5,,,\n"
    "N3,C13,NORTH,WEB,web,2026-10-04,7,,,\n"
    "N4,C14,NORTH,WEB,web,2026-10-05,9,,,\n"
)


@pytest.fixture
def base(engine: Engine) -> Engine:
    """The small data set plus October detractors in NORTH, and a user in each region."""
    load_base(engine)
    assert ingest.import_file(engine, "responses", MORE.encode(), today=TODAY).ok
    with db.session(engine) as session:
        for name, region in (("nora", "NORTH"), ("sam", "SOUTH")):
            auth.add_user(session, actor=Actor("setup", "admin"), username=name, display_name=name.title(),
                          role="regional_manager", region=region, email=f"{name}@x.example")  # fmt: skip
    return engine


def _cases(engine: Engine) -> list[FollowUpCase]:
    with db.session(engine) as session:
        return list(session.exec(select(FollowUpCase).order_by(col(FollowUpCase.response_key))).all())


def _open(engine: Engine, actor: Actor = CCO, region: str | None = None) -> int:
    with db.session(engine) as session:
        return open_cases(session, actor=actor, month=OCTOBER, region=region)


def test_opening_makes_one_new_case_per_detractor_of_the_month(base: Engine) -> None:
    assert _open(base) == 3
    rows = _cases(base)
    assert [(c.response_key, c.nps, c.status, c.version) for c in rows] == [
        ("N1", 0, "new", 1), ("N2", 5, "new", 1), ("R2", 6, "new", 1),
    ]  # fmt: skip
    assert all(c.month == OCTOBER and c.first_contact_at is None and c.opened_at is not None for c in rows)


def test_opening_again_opens_nothing_twice(base: Engine) -> None:
    assert _open(base, region="NORTH") == 2
    assert _open(base) == 1
    assert _open(base) == 0
    assert len(_cases(base)) == 3
    with db.session(base) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.entity == "followup_case")).all()
    assert sorted(e.key for e in events) == ["2026-10 NORTH", "2026-10 every region"]


def test_a_month_without_responses_is_refused_by_name(base: Engine) -> None:
    with db.session(base) as session, pytest.raises(FollowUpError, match=r"no responses in 2027-01.*latest is 2026-10"):
        open_cases(session, actor=CCO, month=date(2027, 1, 1))


@pytest.mark.parametrize("text", ["2026-13", "October", "2026-1", ""])
def test_a_badly_written_month_says_how_to_write_it(text: str) -> None:
    with pytest.raises(FollowUpError, match="YYYY-MM"):
        parse_month(text)


def test_an_unknown_region_is_refused(base: Engine) -> None:
    with db.session(base) as session, pytest.raises(FollowUpError, match="no region 'EAST'"):
        open_cases(session, actor=CCO, month=OCTOBER, region="EAST")


def test_a_regional_manager_opens_only_their_own_region(base: Engine) -> None:
    north = Actor("nora", "regional_manager", region="NORTH")
    with pytest.raises(PermissionDenied):
        _open(base, north)  # every region
    with pytest.raises(PermissionDenied):
        _open(base, north, region="SOUTH")
    assert _open(base, north, region="NORTH") == 2


def _update(engine: Engine, case: FollowUpCase, status: str, assignee: str | None = None, version: int | None = None,
            actor: Actor = CCO) -> str:  # fmt: skip
    assert case.id is not None
    with db.session(engine) as session:
        return update_case(session, actor=actor, case_id=case.id, version=version or case.version, status=status,
                           assignee=assignee)  # fmt: skip


def test_leaving_new_records_the_first_contact_once(base: Engine) -> None:
    _open(base)
    case = _cases(base)[0]
    assert _update(base, case, "contacted", "nora") == "Saved."
    contacted = _cases(base)[0]
    assert (contacted.status, contacted.version, contacted.closed_at) == ("contacted", 2, None)
    assert contacted.first_contact_at is not None and contacted.first_contact_at >= contacted.opened_at
    _update(base, contacted, "resolved", "nora")
    resolved = _cases(base)[0]
    assert resolved.first_contact_at == contacted.first_contact_at and resolved.closed_at is not None
    _update(base, resolved, "contacted")
    reopened = _cases(base)[0]
    assert (reopened.closed_at, reopened.assignee_id, reopened.first_contact_at) == (
        None, None, contacted.first_contact_at,
    )  # fmt: skip


def test_a_stale_save_is_refused_and_changes_nothing(base: Engine) -> None:
    _open(base)
    case = _cases(base)[0]
    _update(base, case, "contacted")
    with pytest.raises(FollowUpError, match="someone changed this case"):
        _update(base, case, "no_response", version=1)
    stored = _cases(base)[0]
    assert (stored.status, stored.version) == ("contacted", 2)


def test_an_assignee_from_another_region_is_refused(base: Engine) -> None:
    _open(base)
    north_case = _cases(base)[0]
    with pytest.raises(FollowUpError, match="'sam' is not an active user of region NORTH"):
        _update(base, north_case, "contacted", "sam")
    with pytest.raises(FollowUpError, match="'nobody-here' is not an active user"):
        _update(base, north_case, "contacted", "nobody-here")
    assert _cases(base)[0].version == 1


def test_an_unknown_status_is_refused(base: Engine) -> None:
    _open(base)
    with pytest.raises(FollowUpError, match="'called' is not a status"):
        _update(base, _cases(base)[0], "called")


def test_a_regional_manager_updates_only_their_own_regions_cases(base: Engine) -> None:
    _open(base)
    north, south = _cases(base)[0], _cases(base)[2]
    nora = Actor("nora", "regional_manager", region="NORTH")
    assert _update(base, north, "contacted", "nora", actor=nora) == "Saved."
    with pytest.raises(PermissionDenied):
        _update(base, south, "contacted", actor=nora)
    assert _cases(base)[2].status == "new"


def test_every_update_is_in_the_audit_log_without_customer_keys(base: Engine) -> None:
    _open(base)
    case = _cases(base)[0]
    _update(base, case, "contacted", "nora")
    with db.session(base) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "update")).one()
    assert (event.entity, event.key, event.detail) == ("followup_case", str(case.id), "status=contacted, assignee=nora")
    assert "C11" not in event.detail and "N1" not in event.detail
