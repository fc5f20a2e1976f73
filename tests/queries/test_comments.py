"""Comments are response-level detail: paged, and readable only by roles and regions allowed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlmodel import Session

from cxdash import db
from cxdash.permissions import Actor, PermissionDenied
from cxdash.queries.comments import comments

SPAN = {"month_from": date(2024, 11, 1), "month_to": date(2026, 10, 1)}


@pytest.fixture
def session(sample_url: str) -> Iterator[Session]:
    engine = db.make_engine(sample_url)
    with Session(engine) as s:
        yield s
    engine.dispose()


def test_pages_are_newest_first_and_add_up_to_the_total(session: Session) -> None:
    admin = Actor("a", "admin")
    first, total = comments(session, actor=admin, region="DACH", page_size=10, **SPAN)
    second, _ = comments(session, actor=admin, region="DACH", page=1, page_size=10, **SPAN)
    assert total > 10 and len(first) == 10
    assert first["responded_on"].is_monotonic_decreasing
    assert first["responded_on"].iloc[-1] >= second["responded_on"].iloc[0]
    assert first["comment"].notna().all()


def test_a_regional_manager_reads_their_own_region_only(session: Session) -> None:
    manager = Actor("m", "regional_manager", region="DACH")
    _, total = comments(session, actor=manager, region="DACH", **SPAN)
    assert total > 0
    with pytest.raises(PermissionDenied):
        comments(session, actor=manager, region="NAE", **SPAN)


def test_viewers_read_no_comments(session: Session) -> None:
    with pytest.raises(PermissionDenied):
        comments(session, actor=Actor("b", "viewer"), region="DACH", **SPAN)
