"""Reads for the Ownership map: leaders and reporting lines, RACI cells with versions, the CX owner, history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from cxdash.models import AuditEvent, Leader, Ownership, Setting, Touchpoint
from cxdash.ownership.cells import join_roles

CX_OWNER_SETTING = "cx_owner"
ENTITY = "ownership"
IMPORT = "import"


@dataclass(frozen=True)
class StoredRole:
    """One stored role of a cell, with the row's id and version."""

    id: int
    role: str
    version: int


@dataclass(frozen=True)
class LoadedCell:
    """One RACI cell as a user opened it: its stored roles (none when the cell was empty).

    ``seen_event`` is the newest audit event id at that moment: later events explain a refusal.
    """

    touchpoint: str
    leader: str
    stored: tuple[StoredRole, ...] = ()
    seen_event: int = 0

    @property
    def role(self) -> str | None:
        """The cell as one value: "A", "A+R", or None when empty."""
        return join_roles(r.role for r in self.stored)

    @property
    def id(self) -> int | None:
        """The id of the cell's first stored role (None when empty)."""
        return self.stored[0].id if self.stored else None

    @property
    def version(self) -> int | None:
        """The newest version among the cell's roles (None when empty)."""
        return max((r.version for r in self.stored), default=None)

    @property
    def audit_key(self) -> str:
        return audit_key(self.touchpoint, self.leader)


def audit_key(touchpoint: str, leader: str) -> str:
    """How an ownership change is keyed in the audit log: TOUCHPOINT/LEADER."""
    return f"{touchpoint}/{leader}"


def _frame(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


def leaders(session: Session) -> pd.DataFrame:
    """Every leader with their manager's key (None for whoever reports to nobody), in load order."""
    boss = aliased(Leader)
    stmt = (
        select(  # type: ignore[call-overload]
            col(Leader.key),
            col(Leader.name),
            col(Leader.title),
            col(Leader.function),
            col(boss.key),
        )
        .join(boss, col(boss.id) == Leader.reports_to_id, isouter=True)
        .order_by(Leader.id)
    )
    return _frame(session.exec(stmt).all(), ["key", "name", "title", "function", "reports_to"])


def touchpoints(session: Session) -> pd.DataFrame:
    """Touchpoints in journey order: code, name, stage, position."""
    stmt = select(col(Touchpoint.code), col(Touchpoint.name), col(Touchpoint.stage), col(Touchpoint.position))
    rows = session.exec(stmt.order_by(col(Touchpoint.position), col(Touchpoint.code))).all()
    return _frame(rows, ["touchpoint", "touchpoint_name", "stage", "position"])


def cell(session: Session, *, touchpoint: str, leader: str) -> LoadedCell:
    """The current roles and versions of one cell, as the editor opens it."""
    stmt = (
        select(col(Ownership.id), col(Ownership.role), col(Ownership.version))
        .join(Touchpoint, col(Touchpoint.id) == Ownership.touchpoint_id)
        .join(Leader, col(Leader.id) == Ownership.leader_id)
        .where(Touchpoint.code == touchpoint, Leader.key == leader)
        .order_by(col(Ownership.id))
    )
    stored = tuple(StoredRole(int(i or 0), str(r), int(v)) for i, r, v in session.exec(stmt).all())
    seen = int(session.exec(select(func.max(AuditEvent.id))).one() or 0)
    return LoadedCell(touchpoint, leader, stored, seen)


def cells(session: Session) -> dict[tuple[str, str], LoadedCell]:
    """Every non-empty cell keyed (touchpoint, leader), as the matrix editor opens them (one read)."""
    stmt = (
        select(  # type: ignore[call-overload]
            col(Touchpoint.code), col(Leader.key), col(Ownership.id), col(Ownership.role), col(Ownership.version)
        )
        .join(Touchpoint, col(Touchpoint.id) == Ownership.touchpoint_id)
        .join(Leader, col(Leader.id) == Ownership.leader_id)
        .order_by(col(Ownership.id))
    )
    seen = int(session.exec(select(func.max(AuditEvent.id))).one() or 0)
    held: dict[tuple[str, str], list[StoredRole]] = {}
    for code, key, row_id, role, version in session.exec(stmt).all():
        held.setdefault((str(code), str(key)), []).append(StoredRole(int(row_id), str(role), int(version)))
    return {k: LoadedCell(k[0], k[1], tuple(v), seen) for k, v in held.items()}


def accountable_counts(session: Session) -> dict[str, int]:
    """How many touchpoints each leader is Accountable for (leaders with none are left out)."""
    stmt = (
        select(col(Leader.key), func.count())
        .join(Ownership, col(Ownership.leader_id) == Leader.id)
        .where(Ownership.role == "A")
        .group_by(col(Leader.key))
    )
    return {str(key): int(n) for key, n in session.exec(stmt).all()}


def designated_cx_owner(session: Session) -> str | None:
    """The CX leader: the ``cx_owner`` setting when it names a leader, else whoever is Accountable most often."""
    stored = session.get(Setting, CX_OWNER_SETTING)
    if stored is not None:
        known = session.exec(select(Leader.id).where(Leader.key == stored.value)).first()
        if known is not None:
            return stored.value
    counts = accountable_counts(session)
    if not counts:
        return None
    return min(counts, key=lambda key: (-counts[key], key))


def events(session: Session, *, limit: int = 500) -> pd.DataFrame:
    """Audited ownership changes and imports, newest first: at, username, action, key, detail.

    App edits are keyed TOUCHPOINT/LEADER with detail "R -> A"; imports are keyed by file name.
    """
    stmt = (
        select(  # type: ignore[call-overload]
            col(AuditEvent.at),
            col(AuditEvent.username),
            col(AuditEvent.action),
            col(AuditEvent.key),
            col(AuditEvent.detail),
        )
        .where(AuditEvent.entity == ENTITY)
        .order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
        .limit(limit)
    )
    return _frame(session.exec(stmt).all(), ["at", "username", "action", "key", "detail"])


def last_change(session: Session, key: str, *, after: int = 0) -> AuditEvent | None:
    """The newest audit event after event id ``after`` that changed this cell: an edit of it or an ownership import."""
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.entity == ENTITY, col(AuditEvent.id) > after)
        .where((col(AuditEvent.key) == key) | (col(AuditEvent.action) == IMPORT))
        .order_by(col(AuditEvent.id).desc())
    )
    return session.exec(stmt).first()
