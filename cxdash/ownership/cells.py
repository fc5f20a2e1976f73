"""A RACI cell: the roles one leader holds on one touchpoint, written as one value ("A", "A+R", or none).

A leader who answers for a touchpoint and also does the work is Accountable and Responsible at once:
the cell reads "A+R" and is stored as two roles. No other pair is offered by the app; a file may still
load one (say "R+C"), and it reads the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from cxdash.models import RACI_ROLES

BOTH = "A+R"
CELL_ROLES: tuple[str, ...] = (*RACI_ROLES, BOTH)


def split_roles(cell: str | None) -> tuple[str, ...]:
    """The single roles of a cell value, in R, A, C, I order without repeats: "A+R" → ("R", "A")."""
    parts = set((cell or "").replace(" ", "").split("+")) - {""}
    return tuple(r for r in RACI_ROLES if r in parts)


def join_roles(roles: Iterable[str]) -> str | None:
    """The cell value for a set of roles: Accountable first ("A+R"), then R, C, I; None for no role."""
    held = set(roles)
    ordered = [r for r in ("A", "R", "C", "I") if r in held]
    return "+".join(ordered) or None
