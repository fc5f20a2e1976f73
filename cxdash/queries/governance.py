"""Reads for the Governance page: the model history and rollup counts per region, touchpoint and month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from cxdash.models import GovernanceChange, Region, ResponseRollup, Touchpoint
from cxdash.queries.core import ROLLUP_COUNTS

CHANGE_COLUMNS = ["change_id", "region", "model", "effective_from"]


def governance_changes(session: Session) -> pd.DataFrame:
    """Every recorded model change: change_id, region code, model, effective_from; by region and date."""
    stmt = (
        select(
            col(GovernanceChange.id),
            col(Region.code),
            col(GovernanceChange.model),
            col(GovernanceChange.effective_from),
        )
        .join(Region, col(Region.id) == GovernanceChange.region_id)
        .order_by(col(Region.code), col(GovernanceChange.effective_from))
    )
    rows = session.exec(stmt).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=CHANGE_COLUMNS)


def rollup_cells(session: Session, *, months: Sequence[date]) -> pd.DataFrame:
    """Rollup counts per month, region and touchpoint for these months (size independent of response volume)."""
    r = ResponseRollup
    keys = [col(r.month), col(Region.code), col(Touchpoint.code)]
    sums = [func.sum(getattr(r, c)).label(c) for c in ROLLUP_COUNTS]
    stmt = (
        select(*keys, *sums)
        .join(Region, col(Region.id) == r.region_id)
        .join(Touchpoint, col(Touchpoint.id) == r.touchpoint_id)
        .where(col(r.month).in_(list(months)))
        .group_by(*keys)
    )
    rows: Sequence[Any] = session.exec(stmt).all()
    frame = pd.DataFrame([tuple(row) for row in rows], columns=["month", "region", "touchpoint", *ROLLUP_COUNTS])
    for c in ROLLUP_COUNTS:
        frame[c] = frame[c].astype("int64")
    return frame
