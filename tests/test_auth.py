"""Accounts and sign-in: hashes only, generic failures, lockout, audit, deactivation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

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


def _events(session: Session, entity: str) -> list[tuple[str, str, str, str]]:
    rows = session.exec(select(AuditEvent).where(AuditEvent.entity == entity).order_by(col(AuditEvent.id))).all()
    return [(e.username, e.action, e.key, e.detail) for e in rows]


def test_every_change_to_an_account_is_audited_with_who_made_it(session: Session) -> None:
    _add(session, "rm", role="regional_manager", region="NORTH")
    auth.reset_password(session, actor=ADMIN, username="rm", password="another long secret")
    auth.set_role(session, actor=ADMIN, username="rm", role="executive")
    auth.deactivate(session, actor=ADMIN, username="rm")
    assert _events(session, "user") == [
        ("root-admin", "user_add", "rm", "regional_manager"),
        ("root-admin", "password_reset", "rm", ""),
        ("root-admin", "role_change", "rm", "regional_manager -> executive"),
        ("root-admin", "user_deactivate", "rm", ""),
    ]


def test_every_sign_in_attempt_is_audited_even_while_locked(session: Session) -> None:
    _add(session)
    start = audit.now()
    auth.authenticate(session, "ana", PASSWORD, now=start)
    for i in range(1, auth.MAX_FAILURES + 2):
        auth.authenticate(session, "ana", "wrong password", now=start + timedelta(seconds=i))
    actions = [action for _, action, _, _ in _events(session, "session")]
    assert actions == ["sign_in", *["sign_in_failed"] * auth.MAX_FAILURES, "sign_in_locked"]


def test_a_name_nobody_has_is_locked_too_under_a_digest(session: Session) -> None:
    start = audit.now()
    results = [
        auth.authenticate(session, "ghost", "whatever it is", now=start + timedelta(seconds=i))
        for i in range(auth.MAX_FAILURES + 1)
    ]
    assert "Too many failed attempts" in results[-1].message
    keys = {key for _, _, key, _ in _events(session, "session")}
    assert len(keys) == 1 and "ghost" not in next(iter(keys))


def test_single_sign_on_arrivals_are_audited(session: Session) -> None:
    auth.add_user(session, actor=ADMIN, username="exec1", display_name="E", role="executive", email="cfo@example.com")
    assert auth.sso_sign_in(session, "CFO@example.com") == Actor("exec1", "executive")
    assert auth.sso_sign_in(session, "stranger@example.com") is None
    assert _events(session, "session") == [
        ("exec1", "sign_in", "exec1", "single sign-on"),
        ("stranger@example.com", "sign_in_failed", "stranger@example.com", "single sign-on"),
    ]


@pytest.mark.parametrize("change", ["deactivate", "demote"])
def test_the_last_active_admin_stays(session: Session, change: str) -> None:
    _add(session, "boss", role="admin")

    def attempt() -> None:
        if change == "deactivate":
            auth.deactivate(session, actor=ADMIN, username="boss")
        else:
            auth.set_role(session, actor=ADMIN, username="boss", role="cco")

    with pytest.raises(auth.UserError, match="last active admin"):
        attempt()
    session.rollback()
    _add(session, "deputy", role="admin")
    attempt()
    assert auth.actor_for(session, "boss") in (None, Actor("boss", "cco"))
