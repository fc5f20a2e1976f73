"""The actions the board reads about: overdue actions by owner today, and the outcomes of actions closed in the
quarter to the report's month (the three months ending with it), with their verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import queries
from cxdash.actions.outcome import shift_month
from cxdash.queries import actions as reads
from cxdash.views.action_retention import region_retention
from cxdash.views.actions import LIVE, action_outcome


@dataclass(frozen=True)
class OverdueAction:
    """A live action past its due date: who owns it, what it is, when it was due and how many days ago."""

    owner: str
    title: str
    due_on: date
    days_late: int


@dataclass(frozen=True)
class ClosedOutcome:
    """A done action's outcome as the board reads it: the NPS change net of the company and the verdicts."""

    title: str
    owner: str
    done_on: date
    net: str
    verdict: str
    retention_verdict: str


@dataclass(frozen=True)
class ActionReport:
    """Overdue actions (owner, then due date) as of ``today`` and outcomes of actions done from ``start`` to ``end``."""

    today: date
    start: date
    end: date
    overdue: tuple[OverdueAction, ...]
    closed: tuple[ClosedOutcome, ...]

    def overdue_by_owner(self) -> dict[str, tuple[OverdueAction, ...]]:
        """Each owner's overdue actions, owners with the most first (then by name)."""
        owners: dict[str, list[OverdueAction]] = {}
        for action in self.overdue:
            owners.setdefault(action.owner, []).append(action)
        order = sorted(owners, key=lambda o: (-len(owners[o]), o))
        return {o: tuple(owners[o]) for o in order}


def _closed(session: Session, row: pd.Series, months_with_data: list[date]) -> ClosedOutcome:
    found = action_outcome(session, row, months_with_data)
    retention = region_retention(session, row)
    net = "—" if found.did is None else f"{found.did:+.1f} ({found.did_low:+.1f} to {found.did_high:+.1f})"
    return ClosedOutcome(
        str(row["title"]),
        str(row["owner_name"]),
        row["done_on"],
        net,
        found.verdict,
        retention.verdict if retention is not None else "",
    )


def action_report(session: Session, month: date, today: date) -> ActionReport:
    """Overdue actions as of ``today`` and the outcomes of actions done in the three months to ``month``."""
    frame = reads.actions(session)
    start, end = shift_month(month, -2), shift_month(month, 1)
    late = frame[frame["status"].isin(LIVE) & (frame["due_on"] < today)].sort_values(["owner_name", "due_on"])
    overdue = tuple(
        OverdueAction(str(r["owner_name"]), str(r["title"]), r["due_on"], (today - r["due_on"]).days)
        for _, r in late.iterrows()
    )
    done = frame[(frame["status"] == "done") & frame["done_on"].notna()]
    done = done[(done["done_on"] >= start) & (done["done_on"] < end)].sort_values("done_on")
    available = queries.months_with_data(session)
    closed = tuple(_closed(session, r, available) for _, r in done.iterrows())
    return ActionReport(today, start, shift_month(month, 0), overdue, closed)
