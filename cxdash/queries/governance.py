"""Reads for the Governance page: the model history and rollup counts per region, touchpoint and month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
from sqlmodel import Session, col, select

from cxdash.models import GovernanceChange, Region
from cxdash.queries.core import rollup_sums

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
    return rollup_sums(session, months=months, keys=["month", "region", "touchpoint"])
