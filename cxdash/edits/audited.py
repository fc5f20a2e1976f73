"""The end of every write made through the app: its audit event and the change commit together, or neither does."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from cxdash import audit, permissions


def commit_audited(
    session: Session,
    *,
    actor: permissions.Actor,
    action: str,
    entity: str,
    key: str,
    detail: str,
    clash: Exception,
    changed: int = 1,
) -> None:
    """Record the change in the audit log and commit both; refuse with ``clash`` (nothing saved) when a conditional
    write matched no row (``changed`` is 0: someone changed it in between) or a unique key broke at commit."""
    if changed == 0:
        session.rollback()
        raise clash
    audit.record(session, username=actor.username, action=action, entity=entity, key=key, detail=detail)
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise clash from exc
