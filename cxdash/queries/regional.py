"""Reads for the Regions page (named so it cannot shadow `queries.regions`): touchpoints and touchpoint counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from cxdash.models import Region, ResponseRollup, Touchpoint

NPS_COUNTS = ("n", "promoters", "passives", "detractors")


def touchpoints(session: Session) -> pd.DataFrame:
    """Touchpoints in journey order: code, name, stage, position."""
    stmt = select(col(Touchpoint.code), col(Touchpoint.name), col(Touchpoint.stage), col(Touchpoint.position))
    rows = session.exec(stmt.order_by(col(Touchpoint.position), col(Touchpoint.code))).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["touchpoint", "touchpoint_name", "stage", "position"])


def touchpoint_counts(session: Session, *, months: Sequence[date]) -> pd.DataFrame:
    """NPS counts per region and touchpoint, summed over ``months`` (from rollups, never raw responses)."""
    r = ResponseRollup
    sums = [func.sum(getattr(r, c)).label(c) for c in NPS_COUNTS]
    keys = [col(Region.code), col(Touchpoint.code)]
    stmt = (
        select(*keys, *sums)
        .join(Region, col(Region.id) == r.region_id)
        .join(Touchpoint, col(Touchpoint.id) == r.touchpoint_id)
        .where(col(r.month).in_(list(months)))
        .group_by(*keys)
    )
    frame = pd.DataFrame(
        [tuple(row) for row in session.exec(stmt).all()], columns=["region", "touchpoint", *NPS_COUNTS]
    )
    return frame.astype({c: "int64" for c in NPS_COUNTS})
