"""The audit trail: every change made through the app or the command line."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from cxdash.models import AuditEvent


def now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def record(session: Session, *, username: str, action: str, entity: str, key: str, detail: str = "") -> AuditEvent:
    """Add an audit event to the session's transaction (it commits with the change)."""
    event = AuditEvent(at=now(), username=username, action=action, entity=entity, key=key[:200], detail=detail)
    session.add(event)
    return event
