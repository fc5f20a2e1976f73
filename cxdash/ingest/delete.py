"""Removing responses loaded by mistake: those one import added, a list of keys, or a span of days.

The rollups of every (month, region) cell touched are recomputed in the same transaction, and the deletion is
audited with it: a deletion is all or nothing, like an import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from cxdash import audit, permissions
from cxdash.ingest import rollups
from cxdash.models import ImportBatch, ImportedResponses, SurveyResponse

KEY_CHUNK = 900  # keys per statement, under every driver's parameter limit


class DeleteError(ValueError):
    """A deletion that cannot be carried out; the message says why and what to do."""


@dataclass(frozen=True)
class Selection:
    """Which responses to delete: those import ``batch`` added, those with one of ``keys``, or those answered
    from ``start`` to ``end`` (days inclusive, either end open). Exactly one way is given."""

    batch: int | None = None
    keys: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None

    def describe(self) -> str:
        """The selection in words, for the audit trail and confirmations."""
        if self.batch is not None:
            return f"import {self.batch}"
        if self.keys:
            return f"{len(self.keys)} response key(s)"
        return f"answered from {self.start or 'the first day'} to {self.end or 'the last day'}"


def remember_batch(session: Session, batch: ImportBatch, new_ids: tuple[int, int]) -> None:
    """Keep which responses ``batch`` added. SQLite may hand out the ids of deleted responses again, so an older
    import never keeps ids at or above the new import's."""
    after, last = new_ids
    session.flush()
    table = ImportedResponses
    session.connection().execute(update(table).where(col(table.last_id) > after).values(last_id=after))
    session.add(ImportedResponses(batch_id=batch.id or 0, after_id=after, last_id=last))


def _conditions(session: Session, chosen: Selection) -> list[ColumnElement[bool]]:
    ways = sum((chosen.batch is not None, bool(chosen.keys), chosen.start is not None or chosen.end is not None))
    if ways != 1:
        raise DeleteError("Choose the responses one way: by import, by a list of response keys, or by dates.")
    r = SurveyResponse
    if chosen.batch is not None:
        added = session.get(ImportedResponses, chosen.batch)
        if added is None:
            raise DeleteError(
                f"Import {chosen.batch} added no responses that can still be deleted (it loaded another kind, "
                "added none, was deleted already, or ran before cxdash kept track); delete by keys or dates instead."
            )
        return [col(r.id) > added.after_id, col(r.id) <= added.last_id]
    if chosen.keys:
        return [col(r.response_key).in_(chosen.keys[i : i + KEY_CHUNK]) for i in range(0, len(chosen.keys), KEY_CHUNK)]
    if chosen.start and chosen.end and chosen.start > chosen.end:
        raise DeleteError(f"The first day ({chosen.start}) is after the last ({chosen.end}); swap them.")
    bounds = [col(r.responded_on) >= chosen.start] if chosen.start else []
    return bounds + ([col(r.responded_on) <= chosen.end] if chosen.end else [])


def _each(session: Session, chosen: Selection) -> list[Sequence[ColumnElement[bool]]]:
    """The selection as statements' WHERE clauses: one per chunk of keys, else one."""
    conditions = _conditions(session, chosen)
    return [[c] for c in conditions] if chosen.keys else [conditions]


def count_matching(session: Session, chosen: Selection) -> int:
    """How many stored responses the selection names (shown before anyone confirms)."""
    total = 0
    for where in _each(session, chosen):
        total += int(session.exec(select(func.count()).select_from(SurveyResponse).where(*where)).one()[0])  # type: ignore[call-overload]
    return total


def delete_responses(session: Session, *, actor: permissions.Actor, chosen: Selection) -> int:
    """Delete the selected responses and move their rollups with them, in one audited transaction; returns how
    many were deleted."""
    permissions.require(actor, "import_data")
    clauses = _each(session, chosen)
    rollups.lock_response_writes(session)
    r = SurveyResponse
    cells: set[tuple[date, int]] = set()
    deleted = 0
    conn = session.connection()
    for where in clauses:
        found: Any = conn.execute(select(col(r.month), col(r.region_id)).where(*where).distinct()).all()
        cells |= {(month, int(region)) for month, region in found}
        deleted += int(conn.execute(delete(r).where(*where)).rowcount)
    if deleted == 0:
        session.rollback()
        raise DeleteError(f"No stored response matches ({chosen.describe()}); nothing was deleted.")
    rollups.refresh_rollups(session, cells)
    if chosen.batch is not None:
        conn.execute(delete(ImportedResponses).where(col(ImportedResponses.batch_id) == chosen.batch))
    audit.record(session, username=actor.username, action="delete", entity="responses", key=chosen.describe(),
                 detail=f"{deleted} response(s) deleted")  # fmt: skip
    session.commit()
    return deleted
