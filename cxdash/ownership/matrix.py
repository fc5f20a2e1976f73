"""The RACI matrix as cells to draw: touchpoints in journey order × leaders in org-chart order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from cxdash.ownership.health import OwnershipHealth

ROLE_LABELS = {
    "A": "A · Accountable: answers for the result",
    "R": "R · Responsible: does the work",
    "C": "C · Consulted: asked before decisions",
    "I": "I · Informed: kept up to date",
}


@dataclass(frozen=True)
class RaciMatrix:
    """Cells (one per assignment), row and column labels in display order, and each row's health."""

    cells: pd.DataFrame
    rows: list[str]
    columns: list[str]
    status: pd.DataFrame


def unique_labels(labels: Sequence[str], codes: Sequence[str]) -> list[str]:
    """Display labels, with the code added wherever two labels would read the same."""
    seen = pd.Series(list(labels)).value_counts()
    return [label if seen[label] == 1 else f"{label} ({code})" for label, code in zip(labels, codes, strict=True)]


def row_status(code: str, health: OwnershipHealth) -> str:
    """Short health note for one touchpoint row: what is missing or doubled."""
    notes = []
    if code in health.gaps:
        notes.append("no Accountable")
    if code in health.overlaps:
        notes.append("2+ Accountable")
    if code in health.no_responsible:
        notes.append("no Responsible")
    return " · ".join(notes) or "ok"


def raci_matrix(
    assignments: pd.DataFrame,
    leaders: pd.DataFrame,
    order: Sequence[str],
    health: OwnershipHealth,
    *,
    stages: Sequence[str] = (),
    only_leaders: Sequence[str] = (),
) -> RaciMatrix:
    """The matrix for the chosen stages and leaders (none chosen: all); health is judged on the whole map."""
    touchpoints = assignments.drop_duplicates("touchpoint")
    if stages:
        touchpoints = touchpoints[touchpoints["stage"].isin(list(stages))]
    row_of = dict(
        zip(
            touchpoints["touchpoint"],
            unique_labels(list(touchpoints["touchpoint_name"]), list(touchpoints["touchpoint"])),
            strict=True,
        )
    )
    assigned = assignments[assignments["role"].notna()]
    wanted = set(only_leaders) if only_leaders else set(assigned["leader"])
    keys = [key for key in order if key in wanted]
    titles = leaders.set_index("key").reindex(keys)
    column_of = dict(zip(keys, unique_labels(list(titles["title"].fillna("")), keys), strict=True))
    cells = assigned[assigned["touchpoint"].isin(list(row_of)) & assigned["leader"].isin(keys)]
    cells = cells.assign(
        row=cells["touchpoint"].map(row_of),
        column=cells["leader"].map(column_of),
        role_label=cells["role"].map(ROLE_LABELS),
        status=[row_status(code, health) for code in cells["touchpoint"]],
    )
    status = pd.DataFrame(
        {
            "row": list(row_of.values()),
            "touchpoint": list(row_of),
            "stage": list(touchpoints["stage"]),
            "status": [row_status(code, health) for code in row_of],
        }
    )
    columns = ["touchpoint", "touchpoint_name", "stage", "row", "leader", "leader_name", "column", "role"]
    return RaciMatrix(
        cells=cells[[*columns, "role_label", "status"]].reset_index(drop=True),
        rows=list(row_of.values()),
        columns=[column_of[k] for k in keys],
        status=status,
    )


def accountable_by_touchpoint(assignments: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Leader keys Accountable for each touchpoint (touchpoints without one are left out)."""
    rows = assignments[assignments["role"] == "A"]
    out: dict[str, tuple[str, ...]] = {}
    for code, leader in zip(rows["touchpoint"], rows["leader"], strict=True):
        out[str(code)] = (*out.get(str(code), ()), str(leader))
    return out
