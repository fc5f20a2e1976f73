"""The lockout holds under a crowd as it does one attempt at a time: of 20 wrong sign-in attempts at the same instant
exactly five are checked; with the right password among them, its sign-in resets the count, and no more than five
wrong guesses are checked between sign-ins; twenty right passwords at once all get in."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cxdash import auth, db
from cxdash.models import AuditEvent
from cxdash.permissions import Actor
from tests.race import shared_engine, together

PASSWORD = "correct horse battery"
ATTEMPTS = 20


def _attempts(
    target: Engine, monkeypatch: pytest.MonkeyPatch, right: int | None, *, everyone_right: bool = False
) -> tuple[list[bool], list[str]]:
    """Twenty sign-ins to one account at the same instant; attempt ``right`` (or everyone) types the password.
    Returns who was let in and which passwords were checked."""
    with Session(target) as session:
        auth.add_user(session, actor=Actor("t", "admin"), username="cco", display_name="C", role="cco",
                      password=PASSWORD)  # fmt: skip
    checked: list[str] = []
    guard, verify = threading.Lock(), auth._verify

    def counting(stored: str | None, password: str) -> bool:
        with guard:
            checked.append(password)
        return verify(stored, password)

    monkeypatch.setattr(auth, "_verify", counting)

    def attempt(i: int) -> bool:
        password = PASSWORD if everyone_right or i == right else f"wrong guess {i}"
        with db.session(target) as session:
            return auth.authenticate(session, "cco", password).actor is not None

    return together(ATTEMPTS, attempt), checked


def _trail(target: Engine) -> list[str]:
    """The account's sign-in audit trail in the order the attempts were claimed."""
    with Session(target) as session:
        stmt = select(AuditEvent.action).where(col(AuditEvent.entity) == "session").order_by(col(AuditEvent.id))
        return list(session.exec(stmt).all())


def test_twenty_simultaneous_wrong_guesses_check_exactly_five(
    engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = shared_engine(engine, backend, tmp_path)
    accepted, checked = _attempts(target, monkeypatch, right=None)
    assert not any(accepted)
    assert len(checked) == auth.MAX_FAILURES
    actions = _trail(target)
    assert actions.count("sign_in_failed") == auth.MAX_FAILURES
    assert actions.count("sign_in_locked") == ATTEMPTS - auth.MAX_FAILURES


def test_a_crowd_never_gets_more_than_five_guesses_between_sign_ins(
    engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the right password among the crowd, a sign-in resets the count as it does one at a time; in the order
    the attempts were claimed no run of checked wrong guesses is longer than five."""
    target = shared_engine(engine, backend, tmp_path)
    accepted, checked = _attempts(target, monkeypatch, right=ATTEMPTS - 1)
    assert sum(accepted) == checked.count(PASSWORD)
    actions = _trail(target)
    assert len(actions) == ATTEMPTS
    assert actions.count("sign_in_failed") == len([p for p in checked if p != PASSWORD])
    assert actions.count("sign_in_locked") == ATTEMPTS - len(checked)
    run = longest = 0
    for action in actions:
        run = 0 if action == "sign_in" else run + (action == "sign_in_failed")
        longest = max(longest, run)
    assert longest <= auth.MAX_FAILURES


def test_a_room_signing_in_to_one_account_at_once_all_get_in(
    engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A board's shared viewer account opened by everyone in the room at the same moment: nobody is locked out."""
    target = shared_engine(engine, backend, tmp_path)
    accepted, checked = _attempts(target, monkeypatch, right=None, everyone_right=True)
    assert all(accepted)
    assert len(checked) == ATTEMPTS
    assert _trail(target) == ["sign_in"] * ATTEMPTS
