"""The RACI matrix as an editable grid: a row per touchpoint in journey order, a column per leader, a role per cell.

The grid shows the map as it was read when the user opened it (``LoadedCell`` per cell, with its
versions), so a cell someone else changed since is refused on save instead of overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from cxdash import db, permissions
from cxdash.edits.ownership import EditOutcome, change_role
from cxdash.ownership.cells import CELL_ROLES, split_roles
from cxdash.queries import ownership as q
from cxdash.queries.ownership import LoadedCell
from cxdash.views.ownership import OwnershipView, other_owners

STAGE, TOUCHPOINT = "Stage", "Touchpoint"
CHOICES: tuple[str, ...] = ("", *CELL_ROLES)
LEGEND = (
    "R = Responsible (does the work) · A = Accountable (answers for the result) · C = Consulted · "
    "I = Informed · A+R = Accountable and Responsible. Empty = no role."
)
LOCK_NOTE = (
    "A change saves as soon as you pick it. The grid shows the map as it was when you opened it: "
    "if someone changed a cell since, your save is refused instead of overwriting their change."
)


@dataclass(frozen=True)
class Grid:
    """The editable frame, and which touchpoint and leader each row and column stands for."""

    frame: pd.DataFrame
    touchpoints: list[str]
    leaders: dict[str, str]


@dataclass(frozen=True)
class CellChange:
    """One cell the user changed: the cell as it was opened, the role picked, who else is Accountable."""

    loaded: LoadedCell
    role: str | None
    touchpoint_name: str
    leader_name: str
    other_accountable: str

    @property
    def needs_confirmation(self) -> bool:
        """A change that makes this leader Accountable where someone else already is (an overlap)."""
        newly = "A" in split_roles(self.role) and "A" not in split_roles(self.loaded.role)
        return newly and bool(self.other_accountable)

    def question(self) -> str:
        """What the confirmation asks, naming the cell and the change (Markdown-free text)."""
        return (
            f"{self.other_accountable} is already accountable for {self.touchpoint_name}. Making "
            f"{self.leader_name} {self.role} too would leave two accountable leaders: an overlap."
        )


def open_cells(engine: Engine) -> dict[tuple[str, str], LoadedCell]:
    """Every stored cell with its versions, as the grid opens them."""
    with db.session(engine) as session:
        return q.cells(session)


def grid(view: OwnershipView, cells: dict[tuple[str, str], LoadedCell]) -> Grid:
    """The matrix's rows and leader columns (the filters' choice), each cell reading its role as opened."""
    status = view.matrix.status
    leaders = dict(zip(view.matrix.columns, view.matrix.keys, strict=True))
    frame = pd.DataFrame({STAGE: list(status["stage"]), TOUCHPOINT: list(status["row"])})
    for label, key in leaders.items():
        frame[label] = [(cells[(t, key)].role or "") if (t, key) in cells else "" for t in status["touchpoint"]]
    return Grid(frame, [str(t) for t in status["touchpoint"]], leaders)


def choices(frame: pd.DataFrame) -> list[str]:
    """The roles a cell may be set to, plus any other value the map already holds (from a file)."""
    held = {str(v) for column in frame.columns[2:] for v in frame[column]}
    return [*CHOICES, *sorted(held - set(CHOICES))]


def first_edit(table: Grid, edited: dict[Any, dict[str, Any]]) -> tuple[str, str, str | None] | None:
    """The first cell changed in the grid's edit state (``edited_rows``): (touchpoint, leader, role), or None."""
    for row, values in sorted(edited.items(), key=lambda item: int(item[0])):
        for label, value in values.items():
            if label in table.leaders:
                return table.touchpoints[int(row)], table.leaders[label], (str(value) if value else None)
    return None


def change_for(
    view: OwnershipView, cells: dict[tuple[str, str], LoadedCell], touchpoint: str, leader: str, role: str | None
) -> CellChange:
    """The change of one cell from what the user opened to ``role``, with who else is Accountable there."""
    loaded = cells.get((touchpoint, leader), LoadedCell(touchpoint, leader, (), _seen(cells)))
    return CellChange(
        loaded,
        role,
        view.touchpoint_names.get(touchpoint, touchpoint),
        view.leader_names.get(leader, leader),
        other_owners(view, touchpoint, leader),
    )


def _seen(cells: dict[tuple[str, str], LoadedCell]) -> int:
    return max((c.seen_event for c in cells.values()), default=0)


def save(engine: Engine, actor: permissions.Actor, change: CellChange, confirmed: bool) -> EditOutcome:
    """Save one changed cell in its own session; a refused permission is an outcome with a sentence, not an error."""
    try:
        with db.session(engine) as session:
            return change_role(session, actor=actor, loaded=change.loaded, role=change.role, confirm_overlap=confirmed)
    except permissions.PermissionDenied as denied:
        return EditOutcome("refused", str(denied))
