"""Reads for the Regions page (named so it cannot shadow `queries.regions`): touchpoints and touchpoint counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
from sqlmodel import Session, col, select

from cxdash.models import Touchpoint
from cxdash.queries.core import rollup_sums

NPS_COUNTS = ("n", "promoters", "passives", "detractors")


def touchpoints(session: Session) -> pd.DataFrame:
    """Touchpoints in journey order: code, name, stage, position."""
    stmt = select(col(Touchpoint.code), col(Touchpoint.name), col(Touchpoint.stage), col(Touchpoint.position))
    rows = session.exec(stmt.order_by(col(Touchpoint.position), col(Touchpoint.code))).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["touchpoint", "touchpoint_name", "stage", "position"])


def touchpoint_counts(session: Session, *, months: Sequence[date]) -> pd.DataFrame:
    """NPS counts per region and touchpoint, summed over ``months`` (from rollups, never raw responses)."""
    return rollup_sums(session, months=months, keys=["region", "touchpoint"], counts=NPS_COUNTS)
