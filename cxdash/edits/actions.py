"""Writing actions: create, edit and move through open → in progress → done | dropped, by role, never losing
someone else's change (every save is ``WHERE id = ? AND version = ?``) and always in the audit log."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from cxdash import audit, permissions
from cxdash.models import ACTION_STATUSES, ALIGNMENT_DIMENSIONS, Action, Leader, Region, Touchpoint

ENTITY = "action"
MAX_TITLE = 200


class ActionError(ValueError):
    """An action that cannot be saved; the message says what to do."""


@dataclass(frozen=True)
class ActionDraft:
    """What a form or an import says about an action: the finding it addresses, its owner and due date."""

    title: str
    raised_month: date
    owner: str
    due_on: date
    region: str | None = None
    touchpoint: str | None = None
    dimension: str | None = None
    expected_effect: float | None = None
    notes: str = ""


def _id_of(session: Session, table: Any, column: Any, code: str | None, what: str) -> int | None:
    if code is None:
        return None
    found = session.exec(select(table).where(column == code)).first()
    if found is None:
        raise ActionError(f"There is no {what} {code!r}; pick one from the list.")
    return int(found.id)


def _checked(draft: ActionDraft) -> ActionDraft:
    title = " ".join(draft.title.split())
    if not title or len(title) > MAX_TITLE:
        raise ActionError(f"Give the action a title of 1 to {MAX_TITLE} characters.")
    if draft.region is None and draft.touchpoint is None and draft.dimension is None:
        raise ActionError("Say what the action addresses: a region, a touchpoint or an alignment dimension.")
    if draft.dimension is not None and draft.dimension not in ALIGNMENT_DIMENSIONS:
        raise ActionError(f"{draft.dimension!r} is not an alignment dimension.")
    if draft.due_on < draft.raised_month.replace(day=1):
        raise ActionError("The due date is before the month the finding was raised; pick a later date.")
    return replace(draft, title=title, raised_month=draft.raised_month.replace(day=1), notes=draft.notes.strip())


def _values(session: Session, draft: ActionDraft) -> dict[str, Any]:
    owner = _id_of(session, Leader, Leader.key, draft.owner, "leader")
    return {
        "title": draft.title,
        "region_id": _id_of(session, Region, Region.code, draft.region, "region"),
        "touchpoint_id": _id_of(session, Touchpoint, Touchpoint.code, draft.touchpoint, "touchpoint"),
        "dimension": draft.dimension,
        "raised_month": draft.raised_month,
        "owner_id": owner,
        "due_on": draft.due_on,
        "expected_effect": draft.expected_effect,
        "notes": draft.notes,
    }


def _require_edit(session: Session, actor: permissions.Actor, region_id: int | None, owner_id: int) -> None:
    """Admins and the CCO change any action; an executive the ones they own; a regional manager their region's."""
    if permissions.can(actor, "manage_actions"):
        return
    if actor.role == "executive" and permissions.can(actor, "edit_own_actions"):
        owner = session.get(Leader, owner_id)
        if owner is not None and actor.leader_key == owner.key:
            return
        raise permissions.PermissionDenied("An executive may change only the actions they own.")
    region = session.get(Region, region_id) if region_id is not None else None
    permissions.require(actor, "edit_region_actions", region=region.code if region else None)


def may_create(actor: permissions.Actor, region: str | None) -> bool:
    """Admins and the CCO create any action; a regional manager only one on their own region; nobody else."""
    return permissions.can(actor, "manage_actions") or permissions.can(actor, "edit_region_actions", region=region)


def create_action(session: Session, *, actor: permissions.Actor, draft: ActionDraft) -> int:
    """Store a new open action and return its id."""
    clean = _checked(draft)
    if not may_create(actor, clean.region):
        permissions.require(actor, "edit_region_actions", region=clean.region)
    now = audit.now()
    row = Action(**_values(session, clean), created_by=actor.username[:64], created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    assert row.id is not None
    audit.record(session, username=actor.username, action="create", entity=ENTITY, key=str(row.id), detail=clean.title)
    session.commit()
    return row.id


def _save(session: Session, actor: permissions.Actor, action_id: int, version: int, values: dict[str, Any]) -> str:
    """Write ``values`` if nobody saved the action since ``version`` was read; otherwise refuse and say so."""
    row = session.get(Action, action_id)
    if row is None:
        raise ActionError("That action no longer exists; reload the page.")
    _require_edit(session, actor, row.region_id, row.owner_id)
    if "owner_id" in values or "region_id" in values:
        _require_edit(session, actor, values.get("region_id", row.region_id), values.get("owner_id", row.owner_id))
    stmt = (
        update(Action)
        .where(col(Action.id) == action_id, col(Action.version) == version)
        .values(**values, version=version + 1, updated_at=audit.now())
    )
    if session.connection().execute(stmt).rowcount != 1:
        session.rollback()
        raise ActionError(
            "Not saved: someone changed this action after you opened it. "
            "The page now shows what is stored; check it and save again if your change still applies."
        )
    detail = ", ".join(f"{k}={v}" for k, v in values.items() if k != "notes")
    audit.record(session, username=actor.username, action="update", entity=ENTITY, key=str(action_id), detail=detail)
    session.commit()
    return "Saved."


def update_action(
    session: Session, *, actor: permissions.Actor, action_id: int, version: int, draft: ActionDraft
) -> str:
    """Change what an action says (title, finding, owner, due date, notes)."""
    return _save(session, actor, action_id, version, _values(session, _checked(draft)))


def set_status(
    session: Session,
    *,
    actor: permissions.Actor,
    action_id: int,
    version: int,
    status: str,
    reason: str = "",
    done_on: date | None = None,
) -> str:
    """Move an action to ``status``; dropping needs a reason, done records the day (today unless given)."""
    if status not in ACTION_STATUSES:
        raise ActionError(f"{status!r} is not a status; use one of {', '.join(ACTION_STATUSES)}.")
    reason = " ".join(reason.split())
    if status == "dropped" and not reason:
        raise ActionError("Say why the action is dropped.")
    finished = (done_on or audit.now().date()) if status == "done" else None
    values = {"status": status, "drop_reason": reason if status == "dropped" else "", "done_on": finished}
    return _save(session, actor, action_id, version, values)
