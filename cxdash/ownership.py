"""Ownership health: where the RACI map leaves a touchpoint unowned or split."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class OwnershipHealth:
    """Touchpoint codes with no Accountable, more than one, or no Responsible."""

    gaps: tuple[str, ...]
    overlaps: tuple[str, ...]
    no_responsible: tuple[str, ...]

    @property
    def findings(self) -> int:
        return len(self.gaps) + len(self.overlaps) + len(self.no_responsible)


def ownership_health(assignments: pd.DataFrame) -> OwnershipHealth:
    """Gap: no Accountable leader; overlap: two or more; plus touchpoints nobody is Responsible for."""
    touchpoints = list(dict.fromkeys(assignments["touchpoint"]))
    accountable = assignments[assignments["role"] == "A"].groupby("touchpoint").size()
    responsible = set(assignments.loc[assignments["role"] == "R", "touchpoint"])
    return OwnershipHealth(
        gaps=tuple(t for t in touchpoints if accountable.get(t, 0) == 0),
        overlaps=tuple(t for t in touchpoints if accountable.get(t, 0) > 1),
        no_responsible=tuple(t for t in touchpoints if t not in responsible),
    )
