"""Ownership health: where the RACI map leaves a touchpoint unowned or split, in words a board reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the command line reaches this module through the CSV formats
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


@dataclass(frozen=True)
class Finding:
    """One problem with one touchpoint: kind is gap, overlap or no_responsible."""

    kind: str
    touchpoint: str
    sentence: str


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


def plain_list(names: Sequence[str]) -> str:
    """Names joined as a sentence would: "A", "A and B", "A, B and C"."""
    items = [str(n) for n in names]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _holders(assignments: pd.DataFrame, touchpoint: str, role: str) -> list[str]:
    rows = assignments[(assignments["touchpoint"] == touchpoint) & (assignments["role"] == role)]
    return [str(name) for name in rows["leader_name"]]


def explain(assignments: pd.DataFrame, health: OwnershipHealth) -> list[Finding]:
    """Each finding as one plain sentence: what is wrong with the touchpoint and why it matters."""
    touchpoint_rows = assignments.drop_duplicates("touchpoint").set_index("touchpoint")

    def where(code: str) -> str:
        row = touchpoint_rows.loc[code]
        return f"{row['touchpoint_name']} ({row['stage']})"

    findings = [
        Finding(
            "gap",
            code,
            f"Nobody is accountable for {where(code)}, so when it goes wrong no single leader has to answer for it.",
        )
        for code in health.gaps
    ]
    for code in health.overlaps:
        owners = _holders(assignments, code, "A")
        both = "both" if len(owners) == 2 else "all"
        findings.append(
            Finding(
                "overlap",
                code,
                f"{plain_list(owners)} are {both} accountable for {where(code)}, so each can assume another will act.",
            )
        )
    for code in health.no_responsible:
        owners = _holders(assignments, code, "A")
        tail = f", although {plain_list(owners)} answers for the result." if owners else "."
        findings.append(
            Finding("no_responsible", code, f"Nobody is responsible for the day-to-day work on {where(code)}{tail}")
        )
    return findings
