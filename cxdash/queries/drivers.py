"""Responses that carry CSAT and CES beside the 0–10 score, for the driver view (newest first, bounded)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlmodel import Session, col, select

from cxdash.models import Region, SurveyResponse, Touchpoint

AT_MOST = 20_000


def rated_responses(
    session: Session, *, region: str, month_from: date, month_to: date, limit: int = AT_MOST
) -> pd.DataFrame:
    """Up to ``limit`` of a region's newest responses with both ratings: touchpoint, nps, csat, ces.

    Scores only, no customer or comment: aggregate-level input for a regression, read through the
    (region, month) index so the cost does not grow with the table.
    """
    region_id = session.exec(select(Region.id).where(col(Region.code) == region)).first()
    columns = ["touchpoint", "nps", "csat", "ces"]
    if region_id is None:
        return pd.DataFrame(columns=columns)
    stmt = (
        select(col(Touchpoint.code), col(SurveyResponse.nps), col(SurveyResponse.csat), col(SurveyResponse.ces))
        .join(Touchpoint, col(Touchpoint.id) == SurveyResponse.touchpoint_id)
        .where(
            col(SurveyResponse.region_id) == region_id,
            col(SurveyResponse.month).between(month_from, month_to),
            col(SurveyResponse.csat).is_not(None),
            col(SurveyResponse.ces).is_not(None),
        )
        .order_by(col(SurveyResponse.month).desc())
        .limit(limit)
    )
    return pd.DataFrame([tuple(r) for r in session.exec(stmt).all()], columns=columns)
