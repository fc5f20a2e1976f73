"""Reads for the Data page: import history and the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd
from sqlmodel import Session, col, select

from cxdash.models import AuditEvent, ImportBatch, ImportedResponses

HISTORY_COLUMNS = ("at", "id", "kind", "file_name", "username", "rows_read", "rows_inserted", "rows_updated",
                   "rows_skipped", "sha256")  # fmt: skip
AUDIT_COLUMNS = ("at", "username", "action", "entity", "key", "detail")
HISTORY_LIMIT = 1_000
AUDIT_LIMIT = 10_000


def _frame(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


def _within(stmt: Any, at: Any, since: date | None, until: date | None) -> Any:
    """Limit ``stmt`` to rows whose ``at`` falls on or between the two UTC days given."""
    if since is not None:
        stmt = stmt.where(col(at) >= datetime.combine(since, time.min, tzinfo=UTC))
    if until is not None:
        stmt = stmt.where(col(at) < datetime.combine(until + timedelta(days=1), time.min, tzinfo=UTC))
    return stmt


def import_history(
    session: Session,
    *,
    kind: str | None = None,
    username: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = HISTORY_LIMIT,
) -> pd.DataFrame:
    """Import batches matching every filter given (dates inclusive, UTC), newest first: who loaded which file
    when, its checksum and counts."""
    stmt = select(*[col(getattr(ImportBatch, c)) for c in HISTORY_COLUMNS])
    for field, wanted in ((ImportBatch.kind, kind), (ImportBatch.username, username)):
        if wanted is not None:
            stmt = stmt.where(col(field) == wanted)
    stmt = _within(stmt, ImportBatch.at, since, until)
    stmt = stmt.order_by(col(ImportBatch.at).desc(), col(ImportBatch.id).desc()).limit(limit)
    return _frame(session.exec(stmt).all(), HISTORY_COLUMNS)


def history_choices(session: Session) -> dict[str, list[str]]:
    """The kinds and users that occur in the import history, for its filters."""
    return {
        name: list(session.exec(select(col(field)).distinct().order_by(col(field))).all())
        for name, field in (("kind", ImportBatch.kind), ("username", ImportBatch.username))
    }


def audit_choices(session: Session) -> dict[str, list[str]]:
    """The entities, actions and users that occur in the audit log, for its filters."""
    return {
        name: list(session.exec(select(col(field)).distinct().order_by(col(field))).all())
        for name, field in (
            ("entity", AuditEvent.entity),
            ("action", AuditEvent.action),
            ("username", AuditEvent.username),
        )
    }


def audit_events(
    session: Session,
    *,
    entity: str | None = None,
    action: str | None = None,
    username: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = AUDIT_LIMIT,
) -> pd.DataFrame:
    """Audit events matching every filter given (dates inclusive, UTC), newest first."""
    stmt = select(*[col(getattr(AuditEvent, c)) for c in AUDIT_COLUMNS])
    for field, wanted in ((AuditEvent.entity, entity), (AuditEvent.action, action), (AuditEvent.username, username)):
        if wanted is not None:
            stmt = stmt.where(col(field) == wanted)
    stmt = _within(stmt, AuditEvent.at, since, until)
    stmt = stmt.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(limit)
    return _frame(session.exec(stmt).all(), AUDIT_COLUMNS)


def deletable_imports(session: Session, *, limit: int = HISTORY_LIMIT) -> pd.DataFrame:
    """Response imports whose added responses are still stored, newest first: id, when, file, who, how many."""
    columns = ("id", "at", "file_name", "username", "rows_inserted")
    stmt = (
        select(*[col(getattr(ImportBatch, c)) for c in columns])
        .join(ImportedResponses, col(ImportedResponses.batch_id) == ImportBatch.id)
        .order_by(col(ImportBatch.id).desc())
        .limit(limit)
    )
    return _frame(session.exec(stmt).all(), columns)
