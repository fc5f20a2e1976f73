"""Naming comment themes: the CCO replaces a theme's default name (its top terms) with words the board reads."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from cxdash import audit, permissions
from cxdash.models import ThemeName

MAX_NAME = 80


class ThemeNameError(ValueError):
    """A theme name that cannot be saved; the message says what to do."""


def rename_theme(session: Session, *, actor: permissions.Actor, key: str, name: str) -> str:
    """Store ``name`` for the theme ``key`` (empty: back to the default name); the key is unique, so two
    people naming a theme at once cannot leave two names: the second is told and changes nothing."""
    permissions.require(actor, "name_themes")
    clean = " ".join(name.split())
    if len(clean) > MAX_NAME:
        raise ThemeNameError(f"Keep a theme name to {MAX_NAME} characters (it has {len(clean)}).")
    if not key or len(key) > 200:
        raise ThemeNameError("That theme no longer exists; reload the page and try again.")
    row = session.exec(select(ThemeName).where(ThemeName.key == key)).first()
    if not clean:
        if row is not None:
            session.delete(row)
            audit.record(session, username=actor.username, action="delete", entity="theme_name", key=key)
            session.commit()
        return "The theme is back to its default name."
    if row is None:
        row = ThemeName(key=key, name=clean, updated_by=actor.username[:64], updated_at=audit.now())
    row.name, row.updated_by, row.updated_at = clean, actor.username[:64], audit.now()
    session.add(row)
    audit.record(session, username=actor.username, action="rename", entity="theme_name", key=key, detail=clean)
    try:
        session.commit()
    except IntegrityError as clash:
        session.rollback()
        raise ThemeNameError("Someone named this theme at the same moment; reload to see their name.") from clash
    return f"Saved: the theme is now called “{clean}”."
