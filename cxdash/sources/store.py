"""Saved source profiles: write one by name (audited), read one or all, or fall back to a preset."""

from __future__ import annotations

import json
import re

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cxdash import audit, permissions
from cxdash.models import SourceProfile
from cxdash.sources.presets import CUSTOMERS_PRESET, PRESETS
from cxdash.sources.profile import KINDS, Profile, dumps

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


class ProfileError(ValueError):
    """A profile that cannot be saved or found; the message is a sentence for the user."""


def _profile(row: SourceProfile) -> Profile:
    values = json.loads(row.value_maps)
    return Profile.from_json(
        {
            "name": row.name,
            "kind": row.kind,
            "columns": json.loads(row.columns),
            "regions": values.get("region", {}),
            "touchpoints": values.get("touchpoint", {}),
            "date_format": row.date_format,
            "header_rows": row.header_rows,
            "sheet": row.sheet,
        }
    )


def saved_profiles(engine: Engine) -> list[Profile]:
    """Every saved profile, by name."""
    with Session(engine) as session:
        return [_profile(row) for row in session.exec(select(SourceProfile).order_by(col(SourceProfile.name)))]


def saved_profile(engine: Engine, name: str) -> Profile | None:
    with Session(engine) as session:
        row = session.exec(select(SourceProfile).where(SourceProfile.name == name)).first()
        return _profile(row) if row else None


def resolve(engine: Engine, *, profile: str | None = None, preset: str | None = None) -> Profile:
    """The saved profile named ``profile``, or the preset named ``preset``; ProfileError says what exists."""
    if profile:
        found = saved_profile(engine, profile)
        if found is None:
            names = ", ".join(p.name for p in saved_profiles(engine)) or "none yet"
            raise ProfileError(f"No saved profile is called {profile!r}; saved profiles: {names}.")
        return found
    if preset in PRESETS:
        return PRESETS[preset]
    if preset == CUSTOMERS_PRESET.name:
        return CUSTOMERS_PRESET
    raise ProfileError(f"Unknown preset {preset!r}; presets: {', '.join(PRESETS)}, customers.")


def _check(profile: Profile) -> None:
    if not _NAME.fullmatch(profile.name):
        raise ProfileError("A profile name is 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit.")
    if profile.kind not in KINDS:
        raise ProfileError(f"A profile maps one of: {', '.join(KINDS)}.")
    if not 1 <= profile.header_rows <= 10:
        raise ProfileError("Header rows must be between 1 and 10.")


def save_profile(engine: Engine, profile: Profile, *, actor: permissions.Actor) -> bool:
    """Store ``profile`` under its name, replacing a saved one of that name; True when it was new."""
    permissions.require(actor, "import_data")
    _check(profile)
    with Session(engine) as session:
        row = session.exec(select(SourceProfile).where(SourceProfile.name == profile.name)).first()
        new = row is None
        row = row or SourceProfile(name=profile.name, kind=profile.kind, updated_at=audit.now(), username="")
        row.columns, row.date_format = dumps(profile.columns), profile.date_format
        row.value_maps = json.dumps({"region": dict(profile.regions), "touchpoint": dict(profile.touchpoints)})
        row.header_rows, row.sheet, row.kind = profile.header_rows, profile.sheet, profile.kind
        row.updated_at, row.username = audit.now(), actor.username
        session.add(row)
        audit.record(session, username=actor.username, action="create" if new else "update", entity="source_profile",
                     key=profile.name, detail=json.dumps(profile.to_json(), ensure_ascii=False)[:2000])  # fmt: skip
        session.commit()
    return new
