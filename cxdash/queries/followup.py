"""Reading detractor follow-up cases: counts, times for the KPIs, the queue, and the response detail behind a case.

The queue never joins the responses: customer keys, scores' comments and response keys are read separately, and
only for the regions the caller names as allowed (the view decides from the actor's role).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from cxdash.models import FollowUpCase, Region, SurveyResponse, Touchpoint, User

QUEUE_COLUMNS = [
    "id", "region", "month", "nps", "status", "assignee", "assignee_name", "opened_at", "first_contact_at",
    "closed_at", "version",
]  # fmt: skip
DETAIL_COLUMNS = ["id", "response_key", "customer_key", "touchpoint", "responded_on", "comment"]


def _frame(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


def status_counts(session: Session, *, month: date | None = None) -> pd.DataFrame:
    """Cases per region and status (of one month, or all), for everyone: counts carry no customer."""
    stmt = (
        select(col(Region.code), col(FollowUpCase.status), func.count())
        .join(Region, col(Region.id) == FollowUpCase.region_id)
        .group_by(col(Region.code), col(FollowUpCase.status))
    )
    if month is not None:
        stmt = stmt.where(FollowUpCase.month == month)
    return _frame(session.exec(stmt).all(), ["region", "status", "cases"])


def case_times(session: Session, *, month: date, region: str | None = None) -> pd.DataFrame:
    """Opening and first-contact times of a month's cases (one region or all), for the follow-up KPIs."""
    stmt = (
        select(col(Region.code), col(FollowUpCase.opened_at), col(FollowUpCase.first_contact_at))
        .join(Region, col(Region.id) == FollowUpCase.region_id)
        .where(FollowUpCase.month == month)
    )
    if region is not None:
        stmt = stmt.where(Region.code == region)
    return _frame(session.exec(stmt).all(), ["region", "opened_at", "first_contact_at"])


def queue(
    session: Session, *, regions: Collection[str], statuses: Collection[str], limit: int
) -> tuple[pd.DataFrame, int]:
    """The oldest ``limit`` cases of ``regions`` in ``statuses`` (oldest first), and how many there are in all."""
    where = (col(Region.code).in_(list(regions)), col(FollowUpCase.status).in_(list(statuses)))
    total = session.exec(
        select(func.count()).select_from(FollowUpCase).join(Region, col(Region.id) == FollowUpCase.region_id)
        .where(*where)
    ).one()  # fmt: skip
    fields: list[Any] = [
        col(FollowUpCase.id), col(Region.code), col(FollowUpCase.month), col(FollowUpCase.nps),
        col(FollowUpCase.status), col(User.username), col(User.display_name), col(FollowUpCase.opened_at),
        col(FollowUpCase.first_contact_at), col(FollowUpCase.closed_at), col(FollowUpCase.version),
    ]  # fmt: skip
    stmt = (
        select(*fields)
        .join(Region, col(Region.id) == FollowUpCase.region_id)
        .join(User, col(User.id) == FollowUpCase.assignee_id, isouter=True)
        .where(*where)
        .order_by(col(FollowUpCase.opened_at), col(FollowUpCase.id))
        .limit(limit)
    )
    return _frame(session.exec(stmt).all(), QUEUE_COLUMNS), int(total)


def response_detail(session: Session, *, case_ids: Collection[int], allowed_regions: Collection[str]) -> pd.DataFrame:
    """Response key, customer key, touchpoint, day and comment behind the given cases, for allowed regions only."""
    if not case_ids or not allowed_regions:
        return _frame([], DETAIL_COLUMNS)
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
    return _frame(session.exec(stmt).all(), DETAIL_COLUMNS)


def assignable(session: Session, *, region: str) -> dict[str, str]:
    """Active users of ``region`` by username, with their display names: who a case there may be assigned to."""
    stmt = (
        select(col(User.username), col(User.display_name))
        .join(Region, col(Region.id) == User.region_id)
        .where(Region.code == region, col(User.active))
        .order_by(col(User.display_name))
    )
    return {str(u): str(n) for u, n in session.exec(stmt).all()}
