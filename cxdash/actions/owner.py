"""Who owns an action by default: the touchpoint's Accountable leader (the RACI map), else the region's manager."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cxdash.actions.subject import Subject


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


def region_owner(managers: pd.DataFrame, region: str) -> OwnerDefault:
    """The region's manager: the leader linked to the region's (one, active) regional-manager account."""
    rows = managers[managers["region"] == region].drop_duplicates("leader")
    names = sorted(rows["leader_name"].astype(str))
    if len(names) == 1:
        return OwnerDefault(str(rows["leader"].iloc[0]), f"{names[0]} manages {region}.")
    if not names:
        return OwnerDefault(None, f"No regional manager of {region} is linked to a leader: pick an owner.")
    return OwnerDefault(None, f"{' and '.join(names)} both manage {region}: pick the one who owns this action.")


def owner_for(raci: pd.DataFrame, managers: pd.DataFrame, subject: Subject) -> OwnerDefault:
    """The owner to preselect: the touchpoint's Accountable leader, else the region's manager, else nobody."""
    if subject.touchpoint is not None:
        return default_owner(raci, subject.touchpoint)
    if subject.region is not None:
        return region_owner(managers, subject.region)
    return OwnerDefault(None, "Pick the leader who owns this action.")
