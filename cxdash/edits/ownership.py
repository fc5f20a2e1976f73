"""Changing the RACI map: one cell at a time, checked, never silently overwriting someone else's change.

Every save compares the version the user opened with the stored one (``WHERE id = ? AND
version = ?``); a new cell relies on the unique (touchpoint, leader) constraint. Either way
a concurrent change makes the later save fail with a message, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from cxdash import audit, permissions
from cxdash.models import RACI_ROLES, Leader, Ownership, Touchpoint
from cxdash.ownership.history import change_detail
from cxdash.queries.ownership import ENTITY, IMPORT, LoadedCell, last_change

Status = Literal["saved", "unchanged", "confirm_overlap", "refused"]


@dataclass(frozen=True)
class EditOutcome:
    """What happened to a save: saved, unchanged, needs the overlap confirmed, or refused (with why)."""

    status: Status
    message: str

    @property
    def reload(self) -> bool:
        """After a save or a refusal the form must show the cell as it is now stored."""
        return self.status in ("saved", "refused")


def _ids(session: Session, touchpoint: str, leader: str) -> tuple[Touchpoint | None, Leader | None]:
    found_tp = session.exec(select(Touchpoint).where(Touchpoint.code == touchpoint)).first()
    found_leader = session.exec(select(Leader).where(Leader.key == leader)).first()
    return found_tp, found_leader


def _other_accountable(session: Session, touchpoint_id: int, leader_id: int) -> list[str]:
    stmt = (
        select(col(Leader.name))
        .join(Ownership, col(Ownership.leader_id) == Leader.id)
        .where(Ownership.touchpoint_id == touchpoint_id, Ownership.role == "A", Ownership.leader_id != leader_id)
        .order_by(col(Leader.name))
    )
    return list(session.exec(stmt).all())


def _left_without(session: Session, touchpoint_id: int, name: str, before: str | None) -> str:
    """A warning when the change took away the touchpoint's last Accountable or Responsible leader."""
    if before not in ("A", "R"):
        return ""
    stmt = select(Ownership.id).where(Ownership.touchpoint_id == touchpoint_id, Ownership.role == before)
    if session.exec(stmt).first() is not None:
        return ""
    return f" {name} now has nobody {'accountable' if before == 'A' else 'responsible'}."


def _refused(session: Session, loaded: LoadedCell, leader_name: str, touchpoint_name: str) -> EditOutcome:
    session.rollback()
    last = last_change(session, loaded.audit_key, after=loaded.seen_event)
    if last is None:
        who = "another session changed it"
    elif last.action == IMPORT:
        who = f"{last.username} imported {last.key} at {last.at:%Y-%m-%d %H:%M} UTC"
    else:
        who = f"{last.username} changed it ({last.detail}) at {last.at:%Y-%m-%d %H:%M} UTC"
    return EditOutcome(
        "refused",
        f"Not saved: {leader_name}'s role on {touchpoint_name} changed after you opened it — {who}. "
        "The form now shows the current assignment; check it and save again if your change still applies.",
    )


def change_role(
    session: Session,
    *,
    actor: permissions.Actor,
    loaded: LoadedCell,
    role: str | None,
    confirm_overlap: bool = False,
) -> EditOutcome:
    """Set one cell to R, A, C or I (None removes it) if nobody changed it since ``loaded``; commits."""
    permissions.require(actor, "edit_ownership")
    if role is not None and role not in RACI_ROLES:
        return EditOutcome("refused", f"Not saved: {role!r} is not a RACI role. Choose R, A, C, I or no role.")
    touchpoint, leader = _ids(session, loaded.touchpoint, loaded.leader)
    if touchpoint is None or leader is None or touchpoint.id is None or leader.id is None:
        return EditOutcome("refused", "Not saved: that touchpoint or leader no longer exists. Reload the page.")
    # Plain values: a failed flush expires the ORM objects, and the refusal still needs the names.
    leader_name, touchpoint_name = leader.name, touchpoint.name
    touchpoint_id, leader_id = touchpoint.id, leader.id
    if role == loaded.role:
        return EditOutcome("unchanged", f"{leader_name} already has this role on {touchpoint_name}; nothing to save.")
    others = _other_accountable(session, touchpoint_id, leader_id) if role == "A" else []
    if others and not confirm_overlap:
        return EditOutcome(
            "confirm_overlap",
            f"{', '.join(others)} is already accountable for {touchpoint_name}. Two accountable leaders is an "
            "overlap; tick the confirmation and save again if that is really what you want.",
        )
    if loaded.id is None and role is not None:
        session.add(Ownership(touchpoint_id=touchpoint_id, leader_id=leader_id, role=role, version=1))
        changed = 1
    else:
        match = (col(Ownership.id) == loaded.id, col(Ownership.version) == loaded.version)
        stmt = (
            delete(Ownership).where(*match)
            if role is None
            else update(Ownership).where(*match).values(role=role, version=(loaded.version or 0) + 1)
        )
        changed = session.exec(stmt).rowcount
    if changed == 0:
        return _refused(session, loaded, leader_name, touchpoint_name)
    audit.record(
        session,
        username=actor.username,
        action="remove" if role is None else ("assign" if loaded.id is None else "change"),
        entity=ENTITY,
        key=loaded.audit_key,
        detail=change_detail(loaded.role, role),
    )
    try:
        session.commit()
    except IntegrityError:
        return _refused(session, loaded, leader_name, touchpoint_name)
    note = _left_without(session, touchpoint_id, touchpoint_name, loaded.role)
    return EditOutcome("saved", f"Saved: {leader_name} is now {_role_words(role)} {touchpoint_name}.{note}")


def _role_words(role: str | None) -> str:
    return {
        "A": "accountable for",
        "R": "responsible for",
        "C": "consulted on",
        "I": "informed about",
        None: "not assigned to",
    }[role]
