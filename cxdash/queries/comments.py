"""Customer comments: response-level detail, paged, and only for people allowed to read them."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from cxdash.models import Region, SurveyResponse, Touchpoint
from cxdash.permissions import Actor, require

PAGE_SIZE = 50


def comments(
    session: Session,
    *,
    actor: Actor,
    region: str,
    month_from: date,
    month_to: date,
    page: int = 0,
    page_size: int = PAGE_SIZE,
) -> tuple[pd.DataFrame, int]:
    """One page of a region's comments, newest first, and how many there are in all.

    Regional managers may read only their own region; viewers none (checked here, not in the page).
    """
    require(actor, "view_comments", region=region)
    region_id = session.exec(select(Region.id).where(col(Region.code) == region)).first()
    if region_id is None:
        return pd.DataFrame(columns=["responded_on", "touchpoint", "channel", "nps", "comment"]), 0
    where = (
        col(SurveyResponse.region_id) == region_id,
        col(SurveyResponse.month).between(month_from, month_to),
        col(SurveyResponse.comment).is_not(None),
    )
    total = int(session.exec(select(func.count()).select_from(SurveyResponse).where(*where)).one())
    stmt = (
        select(  # type: ignore[call-overload]
            col(SurveyResponse.responded_on),
            col(Touchpoint.name),
            col(SurveyResponse.channel),
            col(SurveyResponse.nps),
            col(SurveyResponse.comment),
        )
        .join(Touchpoint, col(Touchpoint.id) == SurveyResponse.touchpoint_id)
        .where(*where)
        # month leads the order (it is responded_on's month, so the order is the same): the partial comments
        # index then yields rows newest first and the database stops after one page instead of sorting them all.
        .order_by(
            col(SurveyResponse.month).desc(), col(SurveyResponse.responded_on).desc(), col(SurveyResponse.id).desc()
        )
        .offset(max(page, 0) * page_size)
        .limit(page_size)
    )
    rows = [tuple(r) for r in session.exec(stmt).all()]
    return pd.DataFrame(rows, columns=["responded_on", "touchpoint", "channel", "nps", "comment"]), total
