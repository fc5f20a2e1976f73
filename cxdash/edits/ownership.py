"""Changing the RACI map: one cell at a time, checked, never silently overwriting someone else's change.

A cell is the roles one leader holds on one touchpoint (one row each; "A+R" is two). Every save
compares the roles and versions the user opened with the stored ones, under a lock on the cell, and
changes rows only ``WHERE id = ? AND version = ?``; a new role relies on the unique (touchpoint,
leader, role) constraint. Either way a concurrent change makes the later save fail with a message,
and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from cxdash import audit, db, permissions
from cxdash.models import Leader, Ownership, Touchpoint
from cxdash.ownership.cells import BOTH, CELL_ROLES, split_roles
from cxdash.ownership.history import change_detail
from cxdash.queries import ownership as q
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


def _left_without(session: Session, touchpoint_id: int, name: str, removed: set[str]) -> str:
    """A warning when the change took away the touchpoint's last Accountable or Responsible leader."""
    notes = []
    for role, word in (("A", "accountable"), ("R", "responsible")):
        stmt = select(Ownership.id).where(Ownership.touchpoint_id == touchpoint_id, Ownership.role == role)
        if role in removed and session.exec(stmt).first() is None:
            notes.append(f" {name} now has nobody {word}.")
    return "".join(notes)


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


def _write(session: Session, loaded: LoadedCell, wanted: tuple[str, ...], ids: tuple[int, int]) -> bool:
    """Turn the stored roles of the cell into ``wanted``; False when a row changed since it was opened.

    A role that goes and a role that comes share a row (its version goes up), so "R → A" keeps its id.
    """
    going = [r for r in loaded.stored if r.role not in wanted]
    coming = [r for r in wanted if r not in {s.role for s in loaded.stored}]
    for row in going:
        match = (col(Ownership.id) == row.id, col(Ownership.version) == row.version)
        stmt = (
            update(Ownership).where(*match).values(role=coming.pop(0), version=row.version + 1)
            if coming
            else delete(Ownership).where(*match)
        )
        if session.exec(stmt).rowcount == 0:
            return False
    touchpoint_id, leader_id = ids
    for role in coming:
        session.add(Ownership(touchpoint_id=touchpoint_id, leader_id=leader_id, role=role, version=1))
    session.flush()
    return True


def change_role(
    session: Session,
    *,
    actor: permissions.Actor,
    loaded: LoadedCell,
    role: str | None,
    confirm_overlap: bool = False,
) -> EditOutcome:
    """Set one cell to R, A, C, I or A+R (None empties it) if nobody changed it since ``loaded``; commits.

    Writers of one cell take turns (a lock on the cell), and each compares the cell with what its user
    opened, so of two saves from the same view exactly one lands.
    """
    permissions.require(actor, "edit_ownership")
    if role is not None and role not in CELL_ROLES:
        return EditOutcome("refused", f"Not saved: {role!r} is not a RACI role. Choose R, A, C, I, A+R or no role.")
    db.lock_for_write(session, key=loaded.audit_key)
    touchpoint, leader = _ids(session, loaded.touchpoint, loaded.leader)
    if touchpoint is None or leader is None or touchpoint.id is None or leader.id is None:
        return EditOutcome("refused", "Not saved: that touchpoint or leader no longer exists. Reload the page.")
    # Plain values: a failed flush expires the ORM objects, and the refusal still needs the names.
    leader_name, touchpoint_name = leader.name, touchpoint.name
    touchpoint_id, leader_id = touchpoint.id, leader.id
    if role == loaded.role:
        return EditOutcome("unchanged", f"{leader_name} already has this role on {touchpoint_name}; nothing to save.")
    wanted, before = split_roles(role), set(split_roles(loaded.role))
    others = _other_accountable(session, touchpoint_id, leader_id) if "A" in set(wanted) - before else []
    if others and not confirm_overlap:
        return EditOutcome(
            "confirm_overlap",
            f"{', '.join(others)} is already accountable for {touchpoint_name}. Two accountable leaders is an "
            "overlap; confirm it if that is really what you want.",
        )
    current = q.cell(session, touchpoint=loaded.touchpoint, leader=loaded.leader)
    if current.stored != loaded.stored or not _write(session, loaded, wanted, (touchpoint_id, leader_id)):
        return _refused(session, loaded, leader_name, touchpoint_name)
    audit.record(
        session,
        username=actor.username,
        action="remove" if role is None else ("assign" if loaded.role is None else "change"),
        entity=ENTITY,
        key=loaded.audit_key,
        detail=change_detail(loaded.role, role),
    )
    try:
        session.commit()
    except IntegrityError:
        return _refused(session, loaded, leader_name, touchpoint_name)
    note = _left_without(session, touchpoint_id, touchpoint_name, before - set(wanted))
    return EditOutcome("saved", f"Saved: {leader_name} is now {_role_words(role)} {touchpoint_name}.{note}")


def _role_words(role: str | None) -> str:
    return {
        "A": "accountable for",
        "R": "responsible for",
        "C": "consulted on",
        "I": "informed about",
        BOTH: "accountable and responsible for",
        None: "not assigned to",
    }[role]
