"""Figures computed in the tests straight from the rollup rows, to hold the deck's text against."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from cxdash.models import Leader, Ownership, Region, ResponseRollup, Touchpoint


def nps_text(session: Session, month: date, region: str | None = None) -> tuple[str, int]:
    """NPS = 100 × (promoters − detractors) / n for the month, written to one decimal, with n."""
    r = ResponseRollup
    query = select(func.sum(r.promoters), func.sum(r.detractors), func.sum(r.n)).where(r.month == month)
    if region is not None:
        query = query.join(Region, col(Region.id) == r.region_id).where(Region.code == region)
    promoters, detractors, n = session.exec(query).one()
    return f"{100 * (int(promoters) - int(detractors)) / int(n):.1f}", int(n)


def _nps(promoters: object, detractors: object, n: object) -> str:
    return f"{100 * (int(promoters) - int(detractors)) / int(n):.1f}"  # type: ignore[call-overload]


def pooled_nps_text(session: Session, months: list[date], regions: list[str]) -> str:
    """NPS of the responses of ``regions`` over ``months``, pooled, written to one decimal."""
    r = ResponseRollup
    query = (
        select(func.sum(r.promoters), func.sum(r.detractors), func.sum(r.n))
        .join(Region, col(Region.id) == r.region_id)
        .where(col(r.month).in_(months), col(Region.code).in_(regions))
    )
    return _nps(*session.exec(query).one())


def owned_nps_text(session: Session, month: date, leader: str) -> str:
    """NPS for the month of every touchpoint the leader is Accountable for, pooled, written to one decimal."""
    owned = (
        select(Ownership.touchpoint_id)
        .join(Leader, col(Leader.id) == Ownership.leader_id)
        .where(Leader.key == leader, Ownership.role == "A")
    )
    r = ResponseRollup
    query = select(func.sum(r.promoters), func.sum(r.detractors), func.sum(r.n)).where(
        r.month == month, col(r.touchpoint_id).in_(owned)
    )
    return _nps(*session.exec(query).one())


def ownership_counts(session: Session) -> tuple[int, int, int]:
    """Touchpoints with no Accountable leader, with more than one, and with no Responsible one."""
    touchpoints = session.exec(select(Touchpoint.id)).all()
    roles = session.exec(select(Ownership.touchpoint_id, Ownership.role)).all()
    accountable = [sum(1 for t, role in roles if t == tp and role == "A") for tp in touchpoints]
    responsible = {t for t, role in roles if role == "R"}
    return (
        accountable.count(0),
        sum(1 for a in accountable if a > 1),
        sum(1 for t in touchpoints if t not in responsible),
    )
