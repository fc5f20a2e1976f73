"""Customer comments beside a region's figures: response-level detail, so only for those allowed to read it.

Aggregates of every region are open to all staff (comparison is the point); the words customers wrote
are not: a regional manager reads their own region's only. The check is made here and again in the query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import permissions
from cxdash.queries.comments import PAGE_SIZE
from cxdash.queries.comments import comments as read_comments

COLUMNS = {"responded_on": "Date", "touchpoint": "Touchpoint", "channel": "Channel", "nps": "NPS", "comment": "Comment"}


@dataclass(frozen=True)
class CommentsView:
    """One page of comments (plain text, newest first), or the sentence that says why there are none to show."""

    table: pd.DataFrame
    total: int
    page: int
    pages: int
    refusal: str | None

    @property
    def caption(self) -> str:
        if self.total == 0:
            return "No customer left a comment in this period."
        first = self.page * PAGE_SIZE + 1
        return f"Comments {first:,}–{first + len(self.table) - 1:,} of {self.total:,}, newest first."


def refusal(actor: permissions.Actor, region: str) -> str | None:
    """Why ``actor`` may not read ``region``'s comments (None when they may)."""
    if permissions.can(actor, "view_comments", region=region):
        return None
    if actor.role == "regional_manager":
        return (
            f"Customer comments are response-level detail: you can read those of your own region "
            f"({actor.region}) only. The figures above compare {region} with everyone."
        )
    return "Your role does not include customer comments."


def comments(
    session: Session, actor: permissions.Actor, region: str, start: date, end: date, page: int
) -> CommentsView:
    """A region's comments from ``start`` to ``end`` (months), one page at a time, if ``actor`` may read them."""
    why = refusal(actor, region)
    if why is not None:
        return CommentsView(pd.DataFrame(columns=list(COLUMNS.values())), 0, 0, 0, why)

    def read(at: int) -> tuple[pd.DataFrame, int]:
        return read_comments(session, actor=actor, region=region, month_from=start, month_to=end, page=at)

    page = max(page, 0)
    frame, total = read(page)
    pages = max(1, -(-total // PAGE_SIZE))
    if page >= pages:  # a page number kept from a longer list (another region or period)
        page = pages - 1
        frame, total = read(page)
    return CommentsView(frame.rename(columns=COLUMNS), total, page, pages, None)
