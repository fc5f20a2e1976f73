"""Figures computed in the tests straight from the rollup rows, to hold the deck's text against."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from cxdash.models import Region, ResponseRollup


def nps_text(session: Session, month: date, region: str | None = None) -> tuple[str, int]:
    """NPS = 100 × (promoters − detractors) / n for the month, written to one decimal, with n."""
    r = ResponseRollup
    query = select(func.sum(r.promoters), func.sum(r.detractors), func.sum(r.n)).where(r.month == month)
    if region is not None:
        query = query.join(Region, col(Region.id) == r.region_id).where(Region.code == region)
    promoters, detractors, n = session.exec(query).one()
    return f"{100 * (int(promoters) - int(detractors)) / int(n):.1f}", int(n)
