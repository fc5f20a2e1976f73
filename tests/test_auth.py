"""Accounts and sign-in: hashes only, generic failures, lockout, audit, deactivation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash import audit, auth
from cxdash.models import AuditEvent, Region, User
from cxdash.permissions import Actor, PermissionDenied

ADMIN = Actor("root-admin", "admin")
PASSWORD = "correct horse battery"


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on an empty database that knows one region, NORTH."""
    with Session(engine, expire_on_commit=False) as s:
        s.add(Region(code="NORTH", name="North"))
        s.commit()
        yield s


def _add(session: Session, username: str = "ana", role: str = "cco", **extra: str) -> User:
    return auth.add_user(session, actor=ADMIN, username=username, display_name="Ana", role=role,
                         password=PASSWORD, **extra)  # fmt: skip


def test_password_is_stored_only_as_an_argon2_hash(session: Session) -> None:
    user = _add(session)
    assert user.password_hash is not None and user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    for event in session.exec(select(AuditEvent)).all():
        assert PASSWORD not in f"{event.key} {event.detail} {event.username}"


def test_sign_in_with_the_right_password_gives_the_role(session: Session) -> None:
    _add(session, "rm", role="regional_manager", region="NORTH")
    result = auth.authenticate(session, "rm", PASSWORD)
    assert result.actor == Actor("rm", "regional_manager", region="NORTH")


@pytest.mark.parametrize(("username", "password"), [("ana", "wrong password!"), ("nobody", PASSWORD)])
def test_failures_get_one_generic_message(session: Session, username: str, password: str) -> None:
    _add(session)
    result = auth.authenticate(session, username, password)
    assert result.actor is None and result.message == auth.GENERIC_FAILURE
    actions = [e.action for e in session.exec(select(AuditEvent).where(AuditEvent.entity == "session")).all()]
    assert actions == ["sign_in_failed"]


def test_five_failures_lock_the_name_even_for_the_right_password(session: Session) -> None:
    _add(session)
    start = audit.now()
    for i in range(auth.MAX_FAILURES):
        auth.authenticate(session, "ana", "nope nope nope", now=start + timedelta(seconds=i))
    locked = auth.authenticate(session, "ana", PASSWORD, now=start + timedelta(minutes=1))
    assert locked.actor is None and "Too many failed attempts" in locked.message
    later = auth.authenticate(session, "ana", PASSWORD, now=start + auth.LOCKOUT + timedelta(minutes=1))
    assert later.actor is not None


def test_deactivated_users_cannot_sign_in_and_lose_their_session(session: Session) -> None:
    _add(session)
    assert auth.actor_for(session, "ana") is not None
    auth.deactivate(session, actor=ADMIN, username="ana")
    assert auth.actor_for(session, "ana") is None
    assert auth.authenticate(session, "ana", PASSWORD).actor is None


def test_role_changes_are_audited(session: Session) -> None:
    _add(session)
    auth.set_role(session, actor=ADMIN, username="ana", role="viewer")
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "role_change")).one()
    assert (event.key, event.detail, event.username) == ("ana", "cco -> viewer", "root-admin")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": "emperor"}, "Unknown role"),
        ({"role": "regional_manager"}, "needs a region"),
        ({"role": "regional_manager", "region": "MARS"}, "no region"),
        ({"username": "bad name!"}, "Usernames"),
        ({"password": "short"}, "at least"),
    ],
)
def test_bad_user_requests_are_refused_and_change_nothing(
    session: Session, kwargs: dict[str, str], message: str
) -> None:
    args = {"username": "ana", "display_name": "Ana", "role": "cco", "password": PASSWORD} | kwargs
    with pytest.raises(auth.UserError, match=message):
        auth.add_user(session, actor=ADMIN, **args)
    session.rollback()
    assert session.exec(select(User)).all() == []


def test_only_admins_manage_users(session: Session) -> None:
    with pytest.raises(PermissionDenied):
        auth.add_user(session, actor=Actor("c", "cco"), username="x1", display_name="X", role="viewer",
                      password=PASSWORD)  # fmt: skip


def test_oidc_email_maps_to_the_user_row(session: Session) -> None:
    auth.add_user(session, actor=ADMIN, username="exec1", display_name="E", role="executive", email="CFO@Example.com")
    assert auth.actor_for_email(session, "cfo@example.com") == Actor("exec1", "executive")
    assert auth.actor_for_email(session, "someone@example.com") is None
