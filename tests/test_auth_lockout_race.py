"""The lockout holds under a crowd: of 20 sign-in attempts at the same instant, at most five wrong guesses are
checked (a right password among them resets the count, as it does one at a time)."""

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


def test_twenty_simultaneous_attempts_check_at_most_five_wrong_guesses(
    engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = shared_engine(engine, backend, tmp_path)
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
        password = PASSWORD if i == ATTEMPTS - 1 else f"wrong guess {i}"
        with db.session(target) as session:
            return auth.authenticate(session, "cco", password).actor is not None

    accepted = together(ATTEMPTS, attempt)
    assert len([p for p in checked if p != PASSWORD]) <= auth.MAX_FAILURES
    assert sum(accepted) == checked.count(PASSWORD)
    with Session(target) as session:
        actions = session.exec(select(AuditEvent.action).where(col(AuditEvent.entity) == "session")).all()
    assert len(actions) == ATTEMPTS
    assert actions.count("sign_in_locked") == ATTEMPTS - len(checked)
