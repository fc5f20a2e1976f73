"""Response rollups: recomputed from the stored responses for the (month, region) cells a write touched, or, when
an import only added responses, the new responses' sums added to the stored ones."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from cxdash.models import ResponseRollup, SurveyResponse

TARGETS = ("month", "region_id", "touchpoint_id", "n", "promoters", "passives", "detractors",
           "csat_n", "csat_top2", "ces_n", "ces_sum", "ces_sumsq")  # fmt: skip
CELL = ("month", "region_id", "touchpoint_id")


def _aggregate() -> list[Any]:
    """The rollup's columns (TARGETS) computed over a set of responses grouped by month, region and touchpoint."""
    r = SurveyResponse
    return [
        col(r.month),
        col(r.region_id),
        col(r.touchpoint_id),
        func.count(),
        func.sum(case((col(r.nps) >= 9, 1), else_=0)),
        func.sum(case((col(r.nps).between(7, 8), 1), else_=0)),
        func.sum(case((col(r.nps) <= 6, 1), else_=0)),
        func.count(col(r.csat)),
        func.sum(case((col(r.csat) >= 4, 1), else_=0)),
        func.count(col(r.ces)),
        func.coalesce(func.sum(col(r.ces)), 0),
        func.coalesce(func.sum(col(r.ces) * col(r.ces)), 0),
    ]


def refresh_rollups(session: Session, cells: Iterable[tuple[date, int]]) -> None:
    """Recompute the rollup rows of these (month, region) cells from the responses."""
    by_region: dict[int, set[date]] = defaultdict(set)
    for month, region_id in cells:
        by_region[region_id].add(month)
    r = SurveyResponse
    conn = session.connection()
    for region_id, months in by_region.items():
        month_list = sorted(months)
        conn.execute(
            delete(ResponseRollup).where(
                col(ResponseRollup.region_id) == region_id, col(ResponseRollup.month).in_(month_list)
            )
        )
        source = (
            select(*_aggregate())
            .where(col(r.region_id) == region_id, col(r.month).in_(month_list))
            .group_by(col(r.month), col(r.region_id), col(r.touchpoint_id))
        )
        conn.execute(insert(ResponseRollup).from_select(TARGETS, source))


Counts = dict[tuple[date, int, int], list[int]]  # (month, region, touchpoint) -> the rollup's sums, TARGETS order


def new_response_counts(session: Session, after_id: int) -> Counts:
    """The rollup sums of the responses with ids above ``after_id`` (an import's), read once in id order."""
    r = SurveyResponse
    source = (
        select(*_aggregate()).where(col(r.id) > after_id).group_by(col(r.month), col(r.region_id), col(r.touchpoint_id))
    )
    return {(month, region, touchpoint): list(sums) for month, region, touchpoint, *sums in session.execute(source)}


def add_counts(session: Session, counts: Counts) -> None:
    """Add the sums of newly stored responses, none of which was stored before, to their rollup rows.

    The same rows as ``refresh_rollups`` gives those cells, at the cost of the new responses alone (not of every
    response stored in every cell they touch).
    """
    if not counts:
        return
    conn = session.connection()
    stmt = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(ResponseRollup)
    table = ResponseRollup.__table__.c  # type: ignore[attr-defined]
    added = {name: table[name] + stmt.excluded[name] for name in TARGETS if name not in CELL}
    rows = [dict(zip(TARGETS, (*cell, *sums), strict=True)) for cell, sums in counts.items()]
    conn.execute(stmt.on_conflict_do_update(index_elements=list(CELL), set_=added), rows)


# One key for every write of responses: PostgreSQL lets two imports run side by side, and without it both would
# insert the same rollup cells (a duplicate-key error blamed on a good file) and their new ids would interleave.
RESPONSE_WRITES_LOCK = 0x63786473  # "cxds"


def lock_response_writes(session: Session) -> None:
    """Hold the responses' write lock until this transaction ends (PostgreSQL; SQLite has one writer anyway)."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection().execute(select(func.pg_advisory_xact_lock(RESPONSE_WRITES_LOCK)))


def last_response_id(session: Session) -> int:
    """The highest response id stored (0 with none): an import's new responses get the ids above it."""
    return int(session.connection().execute(select(func.max(col(SurveyResponse.id)))).scalar_one() or 0)
