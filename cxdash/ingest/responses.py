"""The bulk path for survey responses and the rollups that must move with them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from cxdash.ingest.rules import Lookups
from cxdash.models import ResponseRollup, SurveyResponse

_table = SurveyResponse.__table__  # type: ignore[attr-defined]
_VALUE_COLUMNS = (
    "customer_key",
    "region_id",
    "touchpoint_id",
    "channel",
    "responded_on",
    "month",
    "nps",
    "csat",
    "ces",
    "comment",
)


def response_record(row: dict[str, Any], lk: Lookups) -> dict[str, Any]:
    """A validated CSV row as the values of one ``survey_response`` row."""
    day: date = row["responded_on"]
    return {
        "response_key": row["response_key"],
        "customer_key": row["customer_key"],
        "region_id": lk.regions[row["region"]],
        "touchpoint_id": lk.touchpoints[row["touchpoint"]],
        "channel": row["channel"],
        "responded_on": day,
        "month": day.replace(day=1),
        "nps": row["nps"],
        "csat": row["csat"],
        "ces": row["ces"],
        "comment": row["comment"],
    }


def count_responses(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(SurveyResponse)).one()[0])  # type: ignore[call-overload]


def existing_cells(session: Session, keys: list[str]) -> set[tuple[date, int]]:
    """(month, region) of stored responses with these keys: an update may move them."""
    cells: set[tuple[date, int]] = set()
    for start in range(0, len(keys), 5000):
        part = keys[start : start + 5000]
        stmt = (
            select(col(SurveyResponse.month), col(SurveyResponse.region_id))
            .where(col(SurveyResponse.response_key).in_(part))
            .distinct()
        )
        cells.update((m, r) for m, r in session.exec(stmt).all())  # type: ignore[call-overload]
    return cells


def insert_responses(session: Session, records: list[dict[str, Any]], *, update: bool) -> None:
    """Insert a chunk in one executemany; existing keys are skipped or overwritten."""
    if not records:
        return
    dialect = session.get_bind().dialect.name
    maker = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = maker(_table)
    if update:
        stmt = stmt.on_conflict_do_update(
            index_elements=["response_key"],
            set_={c: stmt.excluded[c] for c in _VALUE_COLUMNS},
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=["response_key"])
    session.connection().execute(stmt, records)


def refresh_rollups(session: Session, cells: Iterable[tuple[date, int]]) -> None:
    """Recompute the rollup rows of these (month, region) cells from the responses."""
    by_region: dict[int, set[date]] = defaultdict(set)
    for month, region_id in cells:
        by_region[region_id].add(month)
    r = SurveyResponse
    aggregate: list[Any] = [
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
    ]
    targets = ["month", "region_id", "touchpoint_id", "n", "promoters", "passives", "detractors",
               "csat_n", "csat_top2", "ces_n", "ces_sum"]  # fmt: skip
    conn = session.connection()
    for region_id, months in by_region.items():
        month_list = sorted(months)
        conn.execute(
            delete(ResponseRollup).where(
                col(ResponseRollup.region_id) == region_id, col(ResponseRollup.month).in_(month_list)
            )
        )
        source = (
            select(*aggregate)
            .where(col(r.region_id) == region_id, col(r.month).in_(month_list))
            .group_by(col(r.month), col(r.region_id), col(r.touchpoint_id))
        )
        conn.execute(insert(ResponseRollup).from_select(targets, source))
