"""Commentary per board-pack section and month: plain text, with its author and time, kept by role."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from cxdash import audit, permissions
from cxdash.boardpack.findings import FINDINGS_SECTION
from cxdash.boardpack.sections import SECTIONS
from cxdash.boardpack.slide import Note, plain
from cxdash.models import Commentary, Region
from cxdash.present import month_key, month_label

MAX_LENGTH = 1000
SIMULTANEOUS = (
    "Someone saved this commentary at the same moment as you, so yours was not saved; reload the page to read "
    "theirs, then save again if yours should replace it."
)


class CommentaryError(ValueError):
    """Commentary that cannot be saved; the message tells the user what to do."""


def clean(text: str) -> str:
    """Commentary as stored: trimmed, Unix newlines, no control characters."""
    return plain(text).strip()


def scope_for(actor: permissions.Actor) -> str | None:
    """Whose commentary an actor writes: their own region's for a regional manager, else company-wide."""
    return actor.region if actor.role == "regional_manager" else None


def _stamp() -> datetime:
    """Now in UTC, to the microsecond, so two saves in the same second still differ."""
    return datetime.now(UTC)


def _region_codes(session: Session) -> dict[int, str]:
    return {int(r.id): r.code for r in session.exec(select(Region)).all() if r.id is not None}


def notes(session: Session, month: date) -> list[Note]:
    """Every section's commentary for ``month``: company-wide first, then by region, in section order."""
    codes = _region_codes(session)
    rows = session.exec(
        select(Commentary).where(Commentary.month == month, Commentary.section != FINDINGS_SECTION)
    ).all()
    order = list(SECTIONS)
    found = [Note(r.section, codes.get(r.region_id) if r.region_id else None, r.text, r.author, r.at) for r in rows]
    return sorted(
        found,
        key=lambda n: (order.index(n.section) if n.section in order else len(order), n.region or "", n.at),
    )


def _current(session: Session, month: date, section: str, region_id: int | None) -> Commentary | None:
    scope = col(Commentary.region_id).is_(None) if region_id is None else Commentary.region_id == region_id
    query = select(Commentary).where(Commentary.month == month, Commentary.section == section, scope)
    return session.exec(query.order_by(col(Commentary.at).desc())).first()


def _change(session: Session, statement: Any) -> None:
    """Run a conditional update or delete; when another save got there first it changes no row, and nothing does."""
    if session.connection().execute(statement).rowcount == 0:
        session.rollback()
        raise CommentaryError(SIMULTANEOUS)


def _region_id(session: Session, region: str | None) -> int | None:
    if region is None:
        return None
    found = session.exec(select(Region).where(Region.code == region)).first()
    if found is None or found.id is None:
        raise CommentaryError(f"There is no region {region!r}; choose one from the list.")
    return found.id


def save(
    session: Session,
    *,
    actor: permissions.Actor,
    month: date,
    section: str,
    text: str,
    region: str | None = None,
    expected_at: datetime | None = None,
) -> Note | None:
    """Write (or, with empty text, remove) the commentary of a section for a month; None when removed.

    ``expected_at`` is when the commentary the editor started from was saved (None: there was none); if
    someone saved it since, nothing changes and the message says so.
    """
    permissions.require(actor, "edit_commentary", region=region)
    if section not in SECTIONS and section != FINDINGS_SECTION:
        raise CommentaryError(f"There is no board-pack section {section!r}; choose one of {', '.join(SECTIONS)}.")
    if month.day != 1:
        raise CommentaryError("Commentary belongs to a whole month; choose the month from the list.")
    body = clean(text)
    if len(body) > MAX_LENGTH:
        raise CommentaryError(
            f"Keep the commentary to {MAX_LENGTH:,} characters so it fits on the slide (it has {len(body):,})."
        )
    region_id = _region_id(session, region)
    row = _current(session, month, section, region_id)
    if row is not None and row.at != expected_at:
        raise CommentaryError(
            f"{row.author} changed this commentary at {row.at:%H:%M} UTC after you opened it, so yours was not "
            "saved; read their text, then save again if yours should replace it."
        )
    if row is None and expected_at is not None:
        raise CommentaryError(
            "This commentary was removed after you opened it, so yours was not saved; save again to write it anew."
        )
    key = f"{month_key(month)}/{section}/{region or 'company'}"
    if not body:
        if row is None:
            raise CommentaryError("Nothing to save: write some commentary first.")
        _change(session, delete(Commentary).where(col(Commentary.id) == row.id, col(Commentary.at) == row.at))
        audit.record(session, username=actor.username, action="delete", entity="commentary", key=key)
        session.commit()
        return None
    action, author, at = "create" if row is None else "update", actor.username[:64], _stamp()
    if row is None:
        session.add(Commentary(month=month, section=section, region_id=region_id, text=body, author=author, at=at))
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            raise CommentaryError(SIMULTANEOUS) from None
    else:
        same = col(Commentary.id) == row.id, col(Commentary.at) == row.at
        _change(session, update(Commentary).where(*same).values(text=body, author=author, at=at))
    audit.record(
        session,
        username=actor.username,
        action=action,
        entity="commentary",
        key=key,
        detail=f"{len(body)} characters for {month_label(month)}",
    )
    session.commit()
    return Note(section, region, body, author, at)
