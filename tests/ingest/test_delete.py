"""Deleting responses loaded by mistake: by import, by keys, by dates; rollups follow, audited, admin only."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import col

from cxdash import db, ingest
from cxdash.ingest.delete import DeleteError, Selection, count_matching, delete_responses
from cxdash.ingest.rollups import refresh_rollups
from cxdash.models import AuditEvent, ImportBatch, Region, ResponseRollup, SurveyResponse, Touchpoint
from cxdash.permissions import Actor, PermissionDenied
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, snapshot

ADMIN = Actor("ada", "admin")
EXTRA = RESPONSE_HEADER + "R3,C3,NORTH,WEB,web,2026-10-02,9,,,\nR4,C4,SOUTH,WEB,web,2026-10-03,3,,,\n"


def _import(engine: Engine, text: str) -> int:
    """Import a responses file; returns its batch id."""
    report = ingest.import_file(engine, "responses", text.encode(), today=TODAY)
    assert report.ok and report.inserted, report.problems
    with db.session(engine) as session:
        return int(session.exec(select(ImportBatch.id).order_by(col(ImportBatch.id).desc())).first()[0])  # type: ignore[call-overload, index]


def _delete(engine: Engine, chosen: Selection, actor: Actor = ADMIN) -> int:
    with db.session(engine) as session:
        return delete_responses(session, actor=actor, chosen=chosen)


def _keys(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.execute(select(SurveyResponse.response_key)).scalars())


def test_deleting_an_import_restores_the_tables_as_they_were_before_it(engine: Engine) -> None:
    load_base(engine)
    before = snapshot(engine)
    batch = _import(engine, EXTRA)
    assert _delete(engine, Selection(batch=batch)) == 2
    after = snapshot(engine)
    assert after["survey_response"] == before["survey_response"]
    # Recomputed rollup rows get new ids; their figures are what they were.
    assert sorted(r[1:] for r in after["response_rollup"]) == sorted(r[1:] for r in before["response_rollup"])
    with db.session(engine) as session:
        event = session.exec(select(AuditEvent).where(col(AuditEvent.action) == "delete")).one()[0]  # type: ignore[call-overload]
    assert (event.username, event.entity, event.key, event.detail) == (
        "ada",
        "responses",
        f"import {batch}",
        "2 response(s) deleted",
    )


def test_an_import_cannot_be_deleted_twice(engine: Engine) -> None:
    load_base(engine)
    batch = _import(engine, EXTRA)
    _delete(engine, Selection(batch=batch))
    with pytest.raises(DeleteError, match="no responses that can still be deleted"):
        _delete(engine, Selection(batch=batch))


def test_deleting_an_old_import_never_takes_a_later_imports_responses(engine: Engine) -> None:
    load_base(engine)
    first = _import(engine, RESPONSE_HEADER + "R5,C5,NORTH,WEB,web,2026-10-02,9,,,\n")
    _delete(engine, Selection(keys=("R5",)))
    _import(engine, RESPONSE_HEADER + "R6,C6,NORTH,WEB,web,2026-10-02,9,,,\n")  # SQLite may reuse R5's id
    with pytest.raises(DeleteError, match="nothing was deleted"):
        _delete(engine, Selection(batch=first))
    assert "R6" in _keys(engine)


def test_deleting_by_keys_recomputes_the_rollup_of_that_month(engine: Engine) -> None:
    load_base(engine)
    _import(engine, EXTRA)
    assert _delete(engine, Selection(keys=("R3", "R1", "missing"))) == 2
    assert _keys(engine) == ["R2", "R4"]
    with engine.connect() as conn:
        rollups = conn.execute(select(col(ResponseRollup.month)).distinct()).scalars().all()
    assert rollups == [date(2026, 10, 1)]


def test_deleting_by_days_includes_both_ends(engine: Engine) -> None:
    load_base(engine)
    _import(engine, EXTRA)
    with db.session(engine) as session:
        assert count_matching(session, Selection(start=date(2026, 10, 2), end=date(2026, 10, 10))) == 3
    assert _delete(engine, Selection(start=date(2026, 10, 3))) == 2
    assert _keys(engine) == ["R1", "R3"]


def test_a_response_stored_with_year_1_can_be_deleted_with_its_rollup(engine: Engine) -> None:
    load_base(engine)
    ancient = date(1, 1, 1)
    with db.session(engine) as session:
        region = session.exec(select(Region.id)).first()[0]  # type: ignore[call-overload, index]
        touchpoint = session.exec(select(Touchpoint.id)).first()[0]  # type: ignore[call-overload, index]
        session.add(SurveyResponse(response_key="OLD", customer_key="C", region_id=region, touchpoint_id=touchpoint,
                                   channel="web", responded_on=ancient, month=ancient, nps=9))  # fmt: skip
        session.flush()
        refresh_rollups(session, {(ancient, region)})
        session.commit()
    assert _delete(engine, Selection(end=date(1999, 12, 31))) == 1
    with engine.connect() as conn:
        months = conn.execute(select(col(ResponseRollup.month)).distinct()).scalars().all()
    assert months == [date(2026, 9, 1), date(2026, 10, 1)]


def test_only_an_admin_may_delete_and_a_refusal_changes_nothing(engine: Engine) -> None:
    load_base(engine)
    before = snapshot(engine)
    for role in ("cco", "executive", "regional_manager", "viewer"):
        with pytest.raises(PermissionDenied):
            _delete(engine, Selection(keys=("R1",)), actor=Actor("x", role))
    assert snapshot(engine) == before


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        (Selection(), "one way"),
        (Selection(batch=1, keys=("R1",)), "one way"),
        (Selection(start=date(2026, 10, 2), end=date(2026, 10, 1)), "swap them"),
        (Selection(keys=("nope",)), "No stored response matches"),
    ],
)
def test_an_unclear_selection_is_explained_and_changes_nothing(engine: Engine, chosen: Selection, message: str) -> None:
    load_base(engine)
    before = snapshot(engine)
    with pytest.raises(DeleteError, match=message):
        _delete(engine, chosen)
    assert snapshot(engine) == before


def test_an_import_of_another_kind_has_no_responses_to_delete(engine: Engine) -> None:
    load_base(engine)
    with db.session(engine) as session:
        regions = session.exec(select(ImportBatch.id).where(col(ImportBatch.kind) == "regions")).first()[0]  # type: ignore[call-overload, index]
    with pytest.raises(DeleteError, match="another kind"):
        _delete(engine, Selection(batch=int(regions)))
