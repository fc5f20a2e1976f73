"""The Ownership slide: the RACI matrix as a heat grid by journey stage, its gaps and overlaps, the CX line."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash.boardpack.slide import Cell, Slide, Table
from cxdash.ownership.health import plain_list
from cxdash.regions.period import Period
from cxdash.views import ownership as views

KICKER = "Ownership map"
# Darker for the roles that carry more weight; the letter in the cell says the role.
ROLE_FILL = {"A": "56B4E9", "R": "B3DDF3", "C": "E4E4E4"}
PROBLEM_FILL = "F9D59B"
METHOD = (
    "RACI as it stands at export: A accountable (answers for the result), R responsible (does the work), "
    "C consulted, I informed. A gap is a touchpoint with no A, an overlap one with more than one A. "
    "Leaders without any role are left out of the grid."
)
_TITLE_WORDS = re.compile(r"^(Head of|VP|Vice President of|Director of)\s+", re.IGNORECASE)


def short_title(label: str) -> str:
    """A leader's column heading: the title without its rank ("VP Support" → "Support")."""
    return _TITLE_WORDS.sub("", label)


def _problem(status: str) -> str:
    return {"no Accountable": "No A", "2+ Accountable": "2+ A", "no Responsible": "No R"}.get(status, status)


def _count(n: int, what: str) -> str:
    return f"{n} touchpoint{'s' if n != 1 else ''} {what}"


def headline(view: views.OwnershipView) -> str:
    """The slide's finding: how many touchpoints have no one or two accountable, and the CX leader's line."""
    health = view.health
    parts = []
    if health.gaps:
        parts.append(
            _count(len(health.gaps), "have no one accountable" if len(health.gaps) > 1 else "has no one accountable")
        )
    if health.overlaps:
        parts.append(f"{len(health.overlaps)} {'have' if len(health.overlaps) > 1 else 'has'} two or more")
    distance = view.cx_distance
    if view.cx_owner is not None and distance is not None and distance.steps is not None:
        name = view.leader_names.get(view.cx_owner, view.cx_owner)
        steps = (
            "is the CEO"
            if distance.steps == 0
            else f"is {distance.steps} step{'s' if distance.steps > 1 else ''} from the CEO"
        )
        parts.append(f"the CX leader ({name}) {steps}")
    text = "; ".join(parts) or "Every touchpoint has exactly one accountable leader"
    return text[0].upper() + text[1:]


def grid(view: views.OwnershipView) -> Table:
    """Stage, touchpoint, one column per leader holding a role (the role letters, tinted), and what is wrong."""
    wide = views.matrix_table(view)
    leaders = [c for c in view.matrix.columns if (wide[c] != "").any()]
    rows = []
    previous_stage = None
    for record in wide.to_dict("records"):
        stage = str(record["Stage"])
        problem = (
            "" if record["Health"] == "ok" else " · ".join(_problem(p) for p in str(record["Health"]).split(" · "))
        )
        rows.append(
            (
                Cell(stage if stage != previous_stage else "", bold=True),
                Cell(str(record["Touchpoint"]), fill=PROBLEM_FILL if problem else None),
                *(Cell(str(record[c]), fill=ROLE_FILL.get(str(record[c])[:1]), bold="A" in str(record[c]))
                  for c in leaders),
                Cell(problem, fill=PROBLEM_FILL if problem else None, bold=bool(problem)),
            )
        )  # fmt: skip
        previous_stage = stage
    header = ("Stage", "Touchpoint", *(short_title(c) for c in leaders), "Check")
    return Table(header, tuple(rows), (1.35, 2.3, *([0.42] * len(leaders)), 1.1), vertical=True)


def ownership(session: Session, month: date, window: Period) -> Slide:
    """The RACI heat grid with its gaps and overlaps marked, and the CX leader's reporting line to the CEO."""
    view = views.ownership(session, month, (), ())
    if pd.DataFrame(view.matrix.cells).empty:
        return Slide("ownership", "No ownership has been recorded yet", kicker=KICKER, method=METHOD)
    health = view.health
    names = view.touchpoint_names
    notes = [views.cx_line(view)]
    if health.no_responsible:
        notes.append(f"No one responsible: {plain_list([names.get(c, c) for c in health.no_responsible])}.")
    return Slide("ownership", headline(view), table=grid(view), kicker=KICKER, method=" ".join([METHOD, *notes]))
