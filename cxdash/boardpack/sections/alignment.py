"""The Alignment section: the latest leadership survey round held by the month's end, as the Alignment page shows it."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

import pandas as pd
from sqlmodel import Session

from cxdash import permissions
from cxdash.alignment import INDUSTRY_CONFUSED, RAG_RULE
from cxdash.boardpack.slide import Cell, Slide, Table
from cxdash.ownership.health import plain_list
from cxdash.present import month_label
from cxdash.queries import alignment as q
from cxdash.regions.period import Period
from cxdash.views import alignment as views

# The board sees the team's ratings, never who gave which: an actor without view_individual_ratings.
BOARD = permissions.Actor(username="board-pack", role="viewer")


def _round_by(session: Session, month: date) -> str | None:
    end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    rounds = q.rounds(session)
    held = rounds[rounds["held_on"] <= end]
    return None if held.empty else str(held.iloc[-1]["round"])


# LeBreton & Senter (2008): the words for a level of agreement.
AGREEMENT = "Agreement (0–1)"
BANDS = ((0.90, "very strong"), (0.70, "strong"), (0.50, "moderate"), (0.30, "weak"), (-1.0, "lacking"))
RAG_FILL = {"Green": "C9E7D3", "Amber": "FBE3B3", "Red": "F3CDB8"}


def band(rwg: float) -> str:
    """Agreement in words for an r_wg."""
    return next(words for low, words in BANDS if rwg > low)


def _number(value: Any, fmt: str) -> str:
    return "—" if value is None or pd.isna(value) else format(value, fmt)


def rag_table(view: views.AlignmentView) -> Table:
    """The scorecard by dimension: RAG status (tinted, in words), mean, agreement and the CEO's gap to the rest."""
    card = views.scorecard_table(view.scorecard)
    rows = tuple(
        (
            Cell(str(r["Dimension"]), bold=True),
            Cell(str(r["Status"]), fill=RAG_FILL.get(str(r["Status"])), bold=True),
            Cell(_number(r["Mean (1–5)"], ".2f")),
            Cell(_number(r[AGREEMENT], ".2f") + (f" {band(float(r[AGREEMENT]))}" if not pd.isna(r[AGREEMENT]) else "")),
            Cell(_number(r["CEO − others"], "+.2f")),
        )
        for r in card.to_dict("records")
    )
    return Table(("Dimension", "RAG", "Mean (1–5)", AGREEMENT, "CEO − others"), rows, (3.4, 1.1, 1.5, 2.6, 1.7))


def headline(view: views.AlignmentView) -> str:
    """The slide's finding: where the leadership team is red and where it is green."""
    card = views.scorecard_table(view.scorecard)
    named = {s: [str(d) for d in card[card["Status"] == s]["Dimension"]] for s in ("Red", "Amber", "Green")}
    parts = []
    if named["Red"]:
        parts.append(f"Leaders are red on {plain_list(named['Red'])}")
    if named["Green"]:
        parts.append(f"green on {plain_list(named['Green'])}")
    if named["Amber"] and len(parts) < 2:
        parts.append(f"amber on {plain_list(named['Amber'])}")
    text = "; ".join(parts) or "No dimension has enough ratings for a status"
    return text[0].upper() + text[1:]


def _clarity(view: views.AlignmentView) -> str:
    clarity = view.clarity
    if clarity.share is None or clarity.confused is None:
        return f"The designated CX owner is {view.owner_name}; nobody has answered who owns CX in this round yet."
    return (
        f"{clarity.share:.0%} of the {clarity.answered} leaders who answered name the designated CX owner "
        f"({view.owner_name}); {clarity.confused:.0%} name someone else or do not know, against an industry "
        f"figure of {INDUSTRY_CONFUSED:.0%} of senior leaders confused about who owns CX."
    )


def alignment(session: Session, month: date, window: Period) -> Slide:
    """Alignment index, agreement and ownership clarity of the round, with every (anonymous) rating per dimension."""
    label = _round_by(session, month)
    if label is None:
        title = f"No alignment round was held by the end of {month_label(month)}"
        return Slide("alignment", title, kicker="Leadership alignment")
    view = views.alignment(session, label, BOARD)
    held = f" held on {view.held_on:%d %B %Y}" if view.held_on else ""
    method = " ".join(
        [
            RAG_RULE,
            "Agreement is r_wg against a uniform null on the 5-point scale, in LeBreton & Senter's words.",
            *views.small_group_notes(view),
            f"Round {label}{held}; the board sees the team's ratings, never who gave which.",
        ]
    )
    return Slide(
        "alignment", headline(view), table=rag_table(view), marks=(_clarity(view),),
        kicker=f"Leadership alignment · round {label}", method=method,
    )  # fmt: skip
