"""Reads behind comment themes: every comment with its month, region, touchpoint and score; the CCO's names."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlmodel import Session, col, select

from cxdash.models import Region, SurveyResponse, ThemeName, Touchpoint

COLUMNS = ["month", "region", "touchpoint", "nps", "comment"]


def commented_responses(session: Session, *, month_from: date, month_to: date, limit: int = 50_000) -> pd.DataFrame:
    """The newest ``limit`` responses with a comment in the months (through the partial index on commented rows).

    Comment text is response-level detail: callers must show it only to roles allowed to read that region.
    """
    stmt = (
        select(  # type: ignore[call-overload]
            col(SurveyResponse.month), col(Region.code), col(Touchpoint.code), col(SurveyResponse.nps),
            col(SurveyResponse.comment),
        )
        .join(Region, col(Region.id) == SurveyResponse.region_id)
        .join(Touchpoint, col(Touchpoint.id) == SurveyResponse.touchpoint_id)
        .where(col(SurveyResponse.comment).is_not(None), col(SurveyResponse.month).between(month_from, month_to))
        .order_by(col(SurveyResponse.month).desc(), col(SurveyResponse.id).desc())
        .limit(limit)
    )  # fmt: skip
    return pd.DataFrame([tuple(r) for r in session.exec(stmt).all()], columns=COLUMNS)


def theme_names(session: Session) -> dict[str, str]:
    """The names the CCO gave themes, by theme key."""
    return {row.key: row.name for row in session.exec(select(ThemeName)).all()}
