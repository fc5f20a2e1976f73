"""The RACI matrix as cells to draw: touchpoints in journey order × leaders in org-chart order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from cxdash.ownership.cells import BOTH, join_roles
from cxdash.ownership.health import OwnershipHealth

ROLE_LABELS = {
    "A": "A · Accountable: answers for the result",
    "R": "R · Responsible: does the work",
    "C": "C · Consulted: asked before decisions",
    "I": "I · Informed: kept up to date",
    BOTH: "A+R · Accountable and Responsible",
}


@dataclass(frozen=True)
class RaciMatrix:
    """Cells (one per assignment), row and column labels in display order, each row's health, the leaders' keys."""

    cells: pd.DataFrame
    rows: list[str]
    columns: list[str]
    status: pd.DataFrame
    keys: list[str] = field(default_factory=list)


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
    """The matrix for the chosen stages and leaders (none chosen: all); health is judged on the whole map.

    Chosen leaders narrow the rows too, to the touchpoints where one of them holds a role.
    """
    touchpoints = shown_touchpoints(assignments, stages, only_leaders).drop_duplicates("touchpoint")
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
    # One cell per leader and touchpoint: a leader both Accountable and Responsible reads "A+R".
    together = cells.groupby(["touchpoint", "leader"], sort=False)["role"].agg(lambda roles: join_roles(roles) or "")
    cells = cells.drop_duplicates(["touchpoint", "leader"]).drop(columns="role")
    cells = cells.merge(together.reset_index(), on=["touchpoint", "leader"])
    cells = cells.assign(
        row=cells["touchpoint"].map(row_of),
        column=cells["leader"].map(column_of),
        role_label=[ROLE_LABELS.get(r, r) for r in cells["role"]],
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
        keys=keys,
    )


def shown_touchpoints(
    assignments: pd.DataFrame, stages: Sequence[str] = (), only_leaders: Sequence[str] = ()
) -> pd.DataFrame:
    """The assignment rows of the touchpoints the filters show: in the chosen stages, held by a chosen leader."""
    shown = assignments
    if stages:
        shown = shown[shown["stage"].isin(list(stages))]
    if only_leaders:
        held = set(shown.loc[shown["leader"].isin(list(only_leaders)), "touchpoint"])
        shown = shown[shown["touchpoint"].isin(held)]
    return shown


def accountable_by_touchpoint(assignments: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Leader keys Accountable for each touchpoint (touchpoints without one are left out)."""
    rows = assignments[assignments["role"] == "A"]
    out: dict[str, tuple[str, ...]] = {}
    for code, leader in zip(rows["touchpoint"], rows["leader"], strict=True):
        out[str(code)] = (*out.get(str(code), ()), str(leader))
    return out
