"""Reading detractor follow-up cases: the KPIs' counts and medians (aggregated in the database), one page of the
queue, and the response detail behind a case.

The queue never joins the responses: customer keys, scores' comments and response keys are read separately, and
only for the regions the caller names as allowed (the view decides from the actor's role).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import and_, case, extract, func, literal
from sqlmodel import Session, col, select

from cxdash.models import FOLLOWUP_STATUSES, FollowUpCase, Region, SurveyResponse, Touchpoint, User
from cxdash.queries.core import read_frame

QUEUE_COLUMNS = [
    "id", "region", "month", "nps", "status", "assignee", "assignee_name", "opened_at", "first_contact_at",
    "closed_at", "version",
]  # fmt: skip
DETAIL_COLUMNS = ["id", "response_key", "customer_key", "touchpoint", "responded_on", "comment"]


KPI_COUNTS = ["cases", *FOLLOWUP_STATUSES, "reached", "within", "overdue"]


def _seconds_to_first_contact(session: Session) -> Any:
    """Seconds from a case's opening to its first contact, in the database's own date arithmetic (NULL if none)."""
    opened, first = col(FollowUpCase.opened_at), col(FollowUpCase.first_contact_at)
    if session.get_bind().dialect.name == "sqlite":
        # Stored as text; julianday's days are floats, so round to the millisecond: exactly 48 hours stays exact.
        return func.round((func.julianday(first) - func.julianday(opened)) * 86400, 3)
    return extract("epoch", first - opened)


def _month_cases(stmt: Any, month: date, region: str | None) -> Any:
    """``stmt`` over one month's cases (of one region), without a join: the region's codes join the few rows out."""
    stmt = stmt.where(FollowUpCase.month == month)
    if region is None:
        return stmt
    return stmt.where(FollowUpCase.region_id == select(col(Region.id)).where(Region.code == region).scalar_subquery())


def kpi_counts(
    session: Session,
    *,
    month: date,
    as_of: datetime,
    window: timedelta,
    region: str | None = None,
    by_region: bool = True,
) -> pd.DataFrame:
    """Per region (``by_region``; else one row for every case together, region ""): a month's cases, cases per
    status, cases reached (contacted at least once), reached within ``window`` of opening, and never reached with
    ``window`` run out by ``as_of``. Counts only: no customer, so they are for everyone."""
    seconds = _seconds_to_first_contact(session)
    first = col(FollowUpCase.first_contact_at)
    deadline = as_of - window

    def count_if(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    sums = [
        func.count(), *(count_if(col(FollowUpCase.status) == s) for s in FOLLOWUP_STATUSES),
        count_if(first.is_not(None)), count_if(seconds <= window.total_seconds()),
        count_if(and_(first.is_(None), col(FollowUpCase.opened_at) <= deadline)),
    ]  # fmt: skip
    if not by_region:
        frame = read_frame(session, _month_cases(select(*sums).select_from(FollowUpCase), month, region), KPI_COUNTS)
        return frame.assign(region="")[["region", *KPI_COUNTS]]
    per_id = _month_cases(select(col(FollowUpCase.region_id).label("region_id"), *sums), month, region)
    grouped = per_id.group_by(col(FollowUpCase.region_id)).subquery()
    named = select(col(Region.code), *(c for c in grouped.c if c.name != "region_id")).join(
        Region, col(Region.id) == grouped.c.region_id
    )
    return read_frame(session, named, ["region", *KPI_COUNTS])


def median_hours(
    session: Session, *, month: date, region: str | None = None, by_region: bool = True
) -> dict[str, float]:
    """The median hours to first contact of a month's contacted cases, per region (``by_region``; else under "").

    The database ranks the waits and returns only the one or two middle ones of each region, never every case. The
    wait is computed once per case in an inner query and ranked by region id (the join to the region's code comes
    last, on the middle rows only): ranking over a joined, recomputed expression took SQLite three times as long.
    """
    waits = _month_cases(
        select(col(FollowUpCase.region_id).label("region_id"), _seconds_to_first_contact(session).label("seconds")),
        month, region,
    ).where(col(FollowUpCase.first_contact_at).is_not(None)).subquery()  # fmt: skip
    group = [waits.c.region_id] if by_region else None
    ranked = select(
        waits.c.region_id, waits.c.seconds,
        func.row_number().over(partition_by=group, order_by=waits.c.seconds).label("rank"),
        func.count().over(partition_by=group).label("n"),
    ).subquery()  # fmt: skip
    at_middle = (2 * ranked.c.rank >= ranked.c.n, 2 * ranked.c.rank <= ranked.c.n + 2)
    if by_region:
        middle = select(col(Region.code), ranked.c.seconds).join(Region, col(Region.id) == ranked.c.region_id)
    else:
        middle = select(literal(""), ranked.c.seconds)
    middle = middle.where(*at_middle)
    found: dict[str, list[float]] = {}
    for code, value in session.exec(middle).all():
        found.setdefault(str(code), []).append(float(value))
    return {code: sum(values) / len(values) / 3600 for code, values in found.items()}


def _queue_cases(stmt: Any, regions: Collection[str], statuses: Collection[str]) -> Any:
    return stmt.join(Region, col(Region.id) == FollowUpCase.region_id).where(
        col(Region.code).in_(list(regions)), col(FollowUpCase.status).in_(list(statuses))
    )


def queue(
    session: Session, *, regions: Collection[str], statuses: Collection[str], limit: int, offset: int = 0
) -> tuple[pd.DataFrame, int]:
    """One page of the cases of ``regions`` in ``statuses``, oldest first (``limit`` cases after the first
    ``offset``), and how many there are in all."""
    total = session.exec(_queue_cases(select(func.count()).select_from(FollowUpCase), regions, statuses)).one()
    fields: list[Any] = [
        col(FollowUpCase.id), col(Region.code), col(FollowUpCase.month), col(FollowUpCase.nps),
        col(FollowUpCase.status), col(User.username), col(User.display_name), col(FollowUpCase.opened_at),
        col(FollowUpCase.first_contact_at), col(FollowUpCase.closed_at), col(FollowUpCase.version),
    ]  # fmt: skip
    page = (
        _queue_cases(select(*fields), regions, statuses)
        .join(User, col(User.id) == FollowUpCase.assignee_id, isouter=True)
        .order_by(col(FollowUpCase.opened_at), col(FollowUpCase.id))
        .limit(limit)
        .offset(offset)
    )
    return read_frame(session, page, QUEUE_COLUMNS), int(total)


def response_detail(session: Session, *, case_ids: Collection[int], allowed_regions: Collection[str]) -> pd.DataFrame:
    """Response key, customer key, touchpoint, day and comment behind the given cases, for allowed regions only."""
    if not case_ids or not allowed_regions:
        return pd.DataFrame(columns=DETAIL_COLUMNS)
    fields: list[Any] = [
        col(FollowUpCase.id), col(SurveyResponse.response_key), col(SurveyResponse.customer_key),
        col(Touchpoint.name), col(SurveyResponse.responded_on), col(SurveyResponse.comment),
    ]  # fmt: skip
    stmt = (
        select(*fields)
        .join(SurveyResponse, col(SurveyResponse.response_key) == FollowUpCase.response_key)
        .join(Region, col(Region.id) == FollowUpCase.region_id)
        .join(Touchpoint, col(Touchpoint.id) == SurveyResponse.touchpoint_id)
        .where(col(FollowUpCase.id).in_(list(case_ids)), col(Region.code).in_(list(allowed_regions)))
    )  # fmt: skip
    return read_frame(session, stmt, DETAIL_COLUMNS)


def assignable(session: Session, *, region: str) -> dict[str, str]:
    """Active users of ``region`` by username, with their display names: who a case there may be assigned to."""
    stmt = (
        select(col(User.username), col(User.display_name))
        .join(Region, col(Region.id) == User.region_id)
        .where(Region.code == region, col(User.active))
        .order_by(col(User.display_name))
    )
    return {str(u): str(n) for u, n in session.exec(stmt).all()}
