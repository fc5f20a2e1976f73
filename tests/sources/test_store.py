"""Saved source profiles: stored by name, replaced on a second save, audited, and only by admins."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash.models import AuditEvent
from cxdash.permissions import Actor, PermissionDenied
from cxdash.sources import Profile
from cxdash.sources.store import ProfileError, resolve, save_profile, saved_profile

ADMIN = Actor("ada", "admin")
PROFILE = Profile(name="q3", columns={"nps": "Q1", "channel": "=email"}, regions={"Deutschland": "DACH"},
                  date_format="%d.%m.%Y", header_rows=3, sheet="Responses")  # fmt: skip


def test_a_saved_profile_reads_back_equal(engine: Engine) -> None:
    assert save_profile(engine, PROFILE, actor=ADMIN) is True
    assert saved_profile(engine, "q3") == PROFILE
    assert resolve(engine, profile="q3") == PROFILE


def test_saving_the_same_name_again_replaces_it_and_both_saves_are_audited(engine: Engine) -> None:
    save_profile(engine, PROFILE, actor=ADMIN)
    changed = Profile(name="q3", columns={"nps": "Q2"})
    assert save_profile(engine, changed, actor=ADMIN) is False
    assert saved_profile(engine, "q3") == changed
    with Session(engine) as session:
        events = session.exec(select(AuditEvent.action).where(AuditEvent.entity == "source_profile")).all()
    assert events == ["create", "update"]


@pytest.mark.parametrize("role", ["cco", "executive", "regional_manager", "viewer"])
def test_only_an_admin_saves_profiles(engine: Engine, role: str) -> None:
    with pytest.raises(PermissionDenied):
        save_profile(engine, PROFILE, actor=Actor("x", role))
    assert saved_profile(engine, "q3") is None


@pytest.mark.parametrize("name", ["", "has space", "-leading", "x" * 65])
def test_names_are_short_codes(engine: Engine, name: str) -> None:
    with pytest.raises(ProfileError):
        save_profile(engine, Profile(name=name), actor=ADMIN)
