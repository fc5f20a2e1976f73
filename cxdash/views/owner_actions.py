"""Each leader's open and overdue actions, set beside the NPS of the touchpoints they are accountable for."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash.queries import actions as reads

LIVE = ("open", "in_progress")
OPEN, OVERDUE = "Open actions", "Overdue actions"


def action_counts(session: Session, today: date) -> pd.DataFrame:
    """Per owner (leader key and name): live actions (open or in progress) and those of them due before today."""
    frame = reads.actions(session)
    live = frame[frame["status"].isin(LIVE)].assign(overdue=lambda f: f["due_on"] < today)
    counts = live.groupby(["owner", "owner_name"], as_index=False).agg(open=("id", "size"), overdue=("overdue", "sum"))
    return counts.astype({"open": int, "overdue": int})


def with_actions(table: pd.DataFrame, leaders: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The per-leader NPS table with each leader's open and overdue actions after the touchpoints they own.

    ``leaders`` holds the leader keys in the table's row order; a leader with no live action shows 0."""
    by_key = counts.set_index("owner")
    keys = list(leaders["leader"])
    opened = [int(by_key["open"].get(k, 0)) for k in keys]
    late = [int(by_key["overdue"].get(k, 0)) for k in keys]
    at = list(table.columns).index("Touchpoints owned") + 1 if "Touchpoints owned" in table else len(table.columns)
    out = table.copy()
    out.insert(at, OVERDUE, late)
    out.insert(at, OPEN, opened)
    return out


def unlisted_note(leaders: pd.DataFrame, counts: pd.DataFrame) -> str:
    """Owners of live actions who are accountable for no touchpoint shown (so not in the table), in one sentence."""
    shown = set(leaders["leader"]) if "leader" in leaders else set()
    rest = counts[~counts["owner"].isin(shown)]
    if rest.empty:
        return ""
    parts = [f"{r.owner_name} ({r.open} open, {r.overdue} overdue)" for r in rest.itertuples()]
    return "Actions owned by leaders not in this table: " + "; ".join(parts) + "."
