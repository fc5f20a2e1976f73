"""The Alignment section: the latest leadership survey round held by the month's end, as the Alignment page shows it."""

from __future__ import annotations

import calendar
from datetime import date

from sqlmodel import Session

from cxdash import permissions
from cxdash.alignment import INDUSTRY_CONFUSED, RAG_RULE
from cxdash.boardpack.slide import Figure, Slide
from cxdash.charts import alignment as charts
from cxdash.models import ALIGNMENT_DIMENSIONS
from cxdash.present import month_label
from cxdash.queries import alignment as q
from cxdash.views import alignment as views

# The board sees the team's ratings, never who gave which: an actor without view_individual_ratings.
BOARD = permissions.Actor(username="board-pack", role="viewer")


def _round_by(session: Session, month: date) -> str | None:
    end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    rounds = q.rounds(session)
    held = rounds[rounds["held_on"] <= end]
    return None if held.empty else str(held.iloc[-1]["round"])


def _statuses(view: views.AlignmentView) -> str:
    card = views.scorecard_table(view.scorecard)
    parts = [
        f"{status}: {', '.join(card[card['Status'] == status]['Dimension'])}"
        for status in ("Red", "Amber", "Green")
        if (card["Status"] == status).any()
    ]
    return "Status by dimension: " + "; ".join(parts) + "." if parts else ""


def _clarity(view: views.AlignmentView) -> str:
    clarity = view.clarity
    if clarity.share is None or clarity.confused is None:
        return f"The designated CX owner is {view.owner_name}; nobody has answered who owns CX in this round yet."
    return (
        f"{clarity.share:.0%} of the {clarity.answered} leaders who answered name the designated CX owner "
        f"({view.owner_name}); {clarity.confused:.0%} name someone else or do not know, against an industry "
        f"figure of {INDUSTRY_CONFUSED:.0%} of senior leaders confused about who owns CX."
    )


def alignment(session: Session, month: date) -> Slide:
    """Alignment index, agreement and ownership clarity of the round, with every (anonymous) rating per dimension."""
    label = _round_by(session, month)
    if label is None:
        return Slide(
            "alignment",
            "Leadership alignment",
            marks=(f"No alignment round was held by the end of {month_label(month)}.",),
        )
    view = views.alignment(session, label, BOARD)
    figures = tuple(Figure(t.label, t.value, " · ".join(p for p in (t.delta, t.note) if p)) for t in views.tiles(view))
    chart = charts.rating_spread(view.points, view.scorecard, list(ALIGNMENT_DIMENSIONS.values())).to_dict()
    held = f"held on {view.held_on:%d %B %Y}" if view.held_on else ""
    marks = tuple(
        m
        for m in (
            _clarity(view),
            _statuses(view),
            RAG_RULE,
            *views.small_group_notes(view),
            f"Round {label} {held}; leaders are anonymous, numbered from the most favourable rater down.",
        )
        if m
    )
    return Slide("alignment", f"Leadership alignment, round {label}", figures, chart, marks=marks)
