"""Open sessions end at the next click after a password reset, a role change, or hours without a click."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from cxdash import auth, config, db
from cxdash.models import Region
from cxdash.permissions import Actor

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
ADMIN = Actor("setup", "admin")


@pytest.fixture
def users_db(engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A configured database with a region and a CCO who signs in with a password."""
    target = engine if backend == "postgresql" else db.make_engine(f"sqlite:///{tmp_path / 'sessions.db'}")
    with Session(target) as session:
        session.add(Region(code="NORTH", name="North"))
        session.commit()
        auth.add_user(session, actor=ADMIN, username="cco", display_name="CCO", role="cco", password=PASSWORD)
    monkeypatch.setenv("DATABASE_URL", target.url.render_as_string(hide_password=False))
    yield target


def _signed_in() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.text_input(key="auth_form_username").input("cco")
    at.text_input(key="auth_form_password").input(PASSWORD)
    at.button[0].click().run()
    assert any("Signed in as cco" in c.value for c in at.sidebar.caption)
    return at


def _ended(at: AppTest, words: str) -> None:
    at.run()
    assert any(words in w.value for w in at.warning), [w.value for w in at.warning]
    assert at.title[0].value == "Sign in to cxdash" and "auth_username" not in at.session_state


def test_a_session_lasts_while_nothing_changes(users_db: Engine) -> None:
    at = _signed_in().run()
    assert any("Signed in as cco" in c.value for c in at.sidebar.caption)


def test_a_password_reset_ends_the_open_session(users_db: Engine) -> None:
    at = _signed_in()
    with Session(users_db) as session:
        auth.reset_password(session, actor=ADMIN, username="cco", password="another long password")
    _ended(at, "account changed")


def test_a_role_change_ends_the_open_session(users_db: Engine) -> None:
    at = _signed_in()
    with Session(users_db) as session:
        auth.set_role(session, actor=ADMIN, username="cco", role="executive")
    _ended(at, "account changed")


def test_a_session_idle_longer_than_the_setting_ends(users_db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.IDLE_HOURS, "2")
    at = _signed_in()
    at.session_state["auth_seen"] = time.time() - 2.5 * 3600
    _ended(at, "after 2 hours without a click")
