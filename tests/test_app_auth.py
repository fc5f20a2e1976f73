"""Sign-in through app.py: the gate, generic failures, roles in the navigation, OIDC mapping."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from streamlit.testing.v1 import AppTest

from cxdash import auth, db
from cxdash.models import AuditEvent, Region
from cxdash.permissions import Actor
from tests.auth_checks import capture_every_logger, logged_text, stored_text

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
ADMIN = Actor("setup", "admin")


@pytest.fixture
def users_db(engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A configured database with a region and three users: a CCO, a viewer and an SSO-only executive."""
    target = engine if backend == "postgresql" else db.make_engine(f"sqlite:///{tmp_path / 'auth.db'}")
    with Session(target, expire_on_commit=False) as session:
        session.add(Region(code="NORTH", name="North"))
        session.commit()
        auth.add_user(session, actor=ADMIN, username="cco", display_name="CCO", role="cco", password=PASSWORD)
        auth.add_user(session, actor=ADMIN, username="board", display_name="Board", role="viewer", password=PASSWORD)
        auth.add_user(
            session, actor=ADMIN, username="cfo", display_name="CFO", role="executive", email="cfo@example.com"
        )
    monkeypatch.setenv("DATABASE_URL", target.url.render_as_string(hide_password=False))
    monkeypatch.setattr("cxdash.ui.signin.FAILED_SIGN_IN_DELAY", 0.0)
    yield target


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def _sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="auth_form_username").input(username)
    at.text_input(key="auth_form_password").input(password)
    return at.button[0].click().run()


def test_with_users_the_app_asks_for_sign_in_first(users_db: Engine) -> None:
    at = _app().run()
    assert not at.exception
    assert at.title[0].value == "Sign in to cxdash"
    assert not any("Open demo" in w.value for w in at.warning)


def test_wrong_password_gets_the_generic_message(users_db: Engine) -> None:
    at = _sign_in(_app().run(), "cco", "not the password")
    assert [e.value for e in at.error] == [auth.GENERIC_FAILURE]
    assert "auth_username" not in at.session_state


def test_right_password_opens_the_app_and_sign_out_ends_it(users_db: Engine) -> None:
    at = _sign_in(_app().run(), "cco", PASSWORD)
    assert not at.exception
    assert any("Signed in as cco" in c.value for c in at.sidebar.caption)
    at.sidebar.button(key="auth_sign_out").click().run()
    assert at.title[0].value == "Sign in to cxdash"


def test_a_deactivated_user_loses_the_session_at_the_next_run(users_db: Engine) -> None:
    at = _sign_in(_app().run(), "cco", PASSWORD)
    with Session(users_db) as session:
        auth.deactivate(session, actor=ADMIN, username="cco")
    at.run()
    assert any("no longer active" in w.value for w in at.warning)
    assert at.title[0].value == "Sign in to cxdash"


def test_oidc_email_maps_to_the_user_and_unknown_emails_are_refused(users_db: Engine) -> None:
    at = _app()
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    at.user = {"is_logged_in": True, "email": "cfo@example.com"}
    at.run()
    assert not at.exception
    assert any("Signed in as cfo (executive)" in c.value for c in at.sidebar.caption)
    stranger = _app()
    stranger.secrets["auth"] = at.secrets["auth"]
    stranger.user = {"is_logged_in": True, "email": "someone@example.com"}
    stranger.run()
    assert any("no active cxdash user" in e.value for e in stranger.error)


def _session_events(engine: Engine) -> list[tuple[str, str]]:
    with Session(engine) as session:
        rows = session.exec(select(AuditEvent).where(AuditEvent.entity == "session").order_by(col(AuditEvent.id)))
        return [(e.username, e.action) for e in rows]


def test_sign_ins_through_the_form_are_audited_and_no_password_is_logged_or_stored(
    users_db: Engine, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    capture_every_logger(caplog, monkeypatch)
    at = _sign_in(_app().run(), "cco", "Wrong-Guess-5521")
    at = _sign_in(at, "cco", PASSWORD)
    assert not at.exception and any("Signed in as cco" in c.value for c in at.sidebar.caption)
    assert _session_events(users_db) == [("cco", "sign_in_failed"), ("cco", "sign_in")]
    for secret in ("Wrong-Guess-5521", PASSWORD):
        assert secret not in stored_text(users_db)
        assert secret not in logged_text(caplog)


def test_an_oidc_arrival_is_audited_once_per_session(users_db: Engine) -> None:
    at = _app()
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    at.user = {"is_logged_in": True, "email": "cfo@example.com"}
    at.run()
    at.run()
    assert not at.exception
    assert _session_events(users_db) == [("cfo", "sign_in")]
