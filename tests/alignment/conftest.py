"""A small leadership team in an empty database, for the alignment write and read tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash.models import ALIGNMENT_DIMENSIONS, AlignmentRound, AuditEvent, Leader, Ownership, Touchpoint
from cxdash.permissions import Actor

CCO = Actor("carla", "cco")
CFO_EXEC = Actor("frank", "executive", leader_key="CFO")
ALL_FOURS = dict.fromkeys(ALIGNMENT_DIMENSIONS, 4)


@pytest.fixture
def team(engine: Engine) -> Iterator[Session]:
    """CEO, CCO and CFO (CCO and CFO report to the CEO), one round 2026-Q3, and a RACI map where the CCO
    is Accountable for two touchpoints and the CEO for one."""
    with Session(engine, expire_on_commit=False) as session:
        ceo = Leader(key="CEO", name="Ann Chief", title="CEO", function="Executive")
        session.add(ceo)
        session.flush()
        session.add_all(
            [
                Leader(key="CCO", name="Carla Cx", title="CCO", function="CX", reports_to_id=ceo.id),
                Leader(key="CFO", name="Frank Fin", title="CFO", function="Finance", reports_to_id=ceo.id),
                AlignmentRound(label="2026-Q3", held_on=date(2026, 9, 15)),
            ]
            + [Touchpoint(code=f"T{i}", name=f"Touchpoint {i}", stage="Usage", position=i) for i in range(3)]
        )
        session.commit()
        ids = {leader.key: leader.id for leader in session.exec(select(Leader)).all()}
        tps = [t.id for t in session.exec(select(Touchpoint).order_by(Touchpoint.position)).all()]
        for tp, who in zip(tps, ["CCO", "CCO", "CEO"], strict=True):
            assert tp is not None and ids[who] is not None
            session.add(Ownership(touchpoint_id=tp, leader_id=ids[who], role="A"))
        session.commit()
        yield session


def audit_events(session: Session) -> list[AuditEvent]:
    return list(session.exec(select(AuditEvent).order_by(AuditEvent.id)).all())
