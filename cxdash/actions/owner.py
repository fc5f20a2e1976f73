"""Who should own an action by default: the Accountable leader of the touchpoint it addresses (the RACI map)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class OwnerDefault:
    """The leader to preselect (None: the form must ask) and a sentence saying why."""

    leader: str | None
    message: str


def default_owner(raci: pd.DataFrame, touchpoint: str | None) -> OwnerDefault:
    """The one Accountable leader of ``touchpoint``; with none or several, nobody is preselected and the form asks."""
    if touchpoint is None:
        return OwnerDefault(None, "Pick the leader who owns this action.")
    rows = raci[(raci["touchpoint"] == touchpoint) & (raci["role"] == "A")]
    names = sorted(rows["leader_name"].astype(str))
    if len(names) == 1:
        return OwnerDefault(str(rows["leader"].iloc[0]), f"{names[0]} is Accountable for this touchpoint.")
    if not names:
        return OwnerDefault(None, "Nobody is Accountable for this touchpoint in the ownership map: pick an owner.")
    return OwnerDefault(
        None, f"{' and '.join(names)} are both Accountable for this touchpoint: pick the one who owns this action."
    )
