"""The ownership history: what changed, when and by whom, and how the findings count moved with it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import pandas as pd

from cxdash.ownership.cells import join_roles, split_roles
from cxdash.ownership.health import ownership_health

NONE = "none"
IMPORT = "import"
HISTORY_COLUMNS = ["When (UTC)", "Who", "Touchpoint", "Leader", "Change"]


def change_detail(before: str | None, after: str | None) -> str:
    """How a change is written in the audit log: "R -> A", "none -> C", "A -> none"."""
    return f"{before or NONE} -> {after or NONE}"


def parse_detail(detail: str) -> tuple[str | None, str | None]:
    """The (before, after) roles of an audit detail; None means no role."""
    before, _, after = detail.partition(" -> ")
    return (None if before in ("", NONE) else before), (None if after in ("", NONE) else after)


def describe(detail: str) -> str:
    """A change in words: "R → A", "added as C", "removed (was A)"."""
    before, after = parse_detail(detail)
    if before is None:
        return f"added as {after}"
    if after is None:
        return f"removed (was {before})"
    return f"{before} → {after}"


def history_table(
    events: pd.DataFrame, touchpoint_names: Mapping[str, str], leader_names: Mapping[str, str]
) -> pd.DataFrame:
    """Audited ownership changes as a readable table, newest first; unknown codes are shown as stored."""
    rows = []
    for event in events.to_dict("records"):
        at = event["at"]
        when = at.strftime("%Y-%m-%d %H:%M") if isinstance(at, datetime) else str(at)
        if event["action"] == IMPORT:
            rows.append([when, event["username"], "(all, from a file)", "", f"imported {event['detail']}"])
            continue
        touchpoint, _, leader = str(event["key"]).partition("/")
        rows.append(
            [
                when,
                event["username"],
                touchpoint_names.get(touchpoint, touchpoint),
                leader_names.get(leader, leader),
                describe(str(event["detail"])),
            ]
        )
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def _health_counts(touchpoints: list[str], state: Mapping[tuple[str, str], str]) -> dict[str, int]:
    rows: list[tuple[str, str | None]] = [
        (code, role) for (code, _), cell in state.items() if code in touchpoints for role in split_roles(cell)
    ]
    rows += [(code, None) for code in touchpoints]
    health = ownership_health(pd.DataFrame(rows, columns=["touchpoint", "role"]))
    return {"gaps": len(health.gaps), "overlaps": len(health.overlaps), "no_responsible": len(health.no_responsible)}


def findings_over_time(assignments: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Gaps, overlaps and missing Responsibles after each change, replayed back from today's map.

    The replay undoes app edits one by one, newest first. An import is logged per file, not per
    cell, so it cannot be undone: the replay starts right after the newest ownership import.
    """
    columns = ["at", "gaps", "overlaps", "no_responsible", "findings"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    touchpoints = [str(t) for t in dict.fromkeys(assignments["touchpoint"])]
    assigned = assignments[assignments["role"].notna()]
    held: dict[tuple[str, str], list[str]] = {}
    for t, k, r in zip(assigned["touchpoint"], assigned["leader"], assigned["role"], strict=True):
        held.setdefault((str(t), str(k)), []).append(str(r))
    state = {cell: join_roles(roles) or "" for cell, roles in held.items()}
    rows = []
    newest_first = events.sort_values("at", ascending=False, kind="stable")
    for event in newest_first.to_dict("records"):
        rows.append({"at": event["at"], **_health_counts(touchpoints, state)})
        if event["action"] == IMPORT:
            break
        touchpoint, _, leader = str(event["key"]).partition("/")
        before, _ = parse_detail(str(event["detail"]))
        if before is None:
            state.pop((touchpoint, leader), None)
        else:
            state[(touchpoint, leader)] = before
    else:
        first = newest_first.iloc[-1]["at"]
        rows.append({"at": first - pd.Timedelta(seconds=1), **_health_counts(touchpoints, state)})
    frame = pd.DataFrame(rows[::-1])
    frame["findings"] = frame["gaps"] + frame["overlaps"] + frame["no_responsible"]
    return frame[columns].reset_index(drop=True)
