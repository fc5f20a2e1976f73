"""Reading actions, with the codes and names of what they address and who owns them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from cxdash.actions.outcome import Counts
from cxdash.models import Action, Leader, Region, Touchpoint, User
from cxdash.queries.core import read_frame, rollup_sums

COLUMNS = [
    "id", "title", "region", "touchpoint", "touchpoint_name", "dimension", "raised_month", "owner", "owner_name",
    "created_by", "due_on", "status", "drop_reason", "done_on", "expected_effect", "notes", "version",
]  # fmt: skip


def actions(session: Session) -> pd.DataFrame:
    """Every action, newest due date last, with region and touchpoint codes and the owner's key and name."""
    owner = aliased(Leader)
    fields: list[Any] = [
        col(Action.id), col(Action.title), col(Region.code), col(Touchpoint.code), col(Touchpoint.name),
        col(Action.dimension), col(Action.raised_month), col(owner.key), col(owner.name), col(Action.created_by),
        col(Action.due_on), col(Action.status), col(Action.drop_reason), col(Action.done_on),
        col(Action.expected_effect), col(Action.notes), col(Action.version),
    ]  # fmt: skip
    stmt = (
        select(*fields)
        .join(owner, col(owner.id) == Action.owner_id)
        .join(Region, col(Region.id) == Action.region_id, isouter=True)
        .join(Touchpoint, col(Touchpoint.id) == Action.touchpoint_id, isouter=True)
        .order_by(col(Action.due_on), col(Action.id))
    )
    return read_frame(session, stmt, COLUMNS)


def nps_counts(session: Session, *, months: Sequence[date], region: str | None, touchpoint: str | None) -> Counts:
    """Promoters, passives and detractors over ``months`` for a region and/or touchpoint (None: every one)."""
    keys = [k for k, v in (("region", region), ("touchpoint", touchpoint)) if v is not None] or ["month"]
    sums = rollup_sums(session, months=months, keys=keys, counts=("promoters", "passives", "detractors"))
    if region is not None:
        sums = sums[sums["region"] == region]
    if touchpoint is not None:
        sums = sums[sums["touchpoint"] == touchpoint]
    return Counts(int(sums["promoters"].sum()), int(sums["passives"].sum()), int(sums["detractors"].sum()))


def region_managers(session: Session) -> pd.DataFrame:
    """Region code, leader key and name for every active regional-manager account linked to a leader."""
    stmt = (
        select(col(Region.code), col(Leader.key), col(Leader.name))
        .join(User, col(User.region_id) == Region.id)
        .join(Leader, col(Leader.id) == User.leader_id)
        .where(col(User.role) == "regional_manager", col(User.active).is_(True))
        .order_by(col(Region.code), col(Leader.key))
    )
    return read_frame(session, stmt, ["region", "leader", "leader_name"])
