"""A database busy with an import: sign-in, writes and the command line say so, instead of blaming the setup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from cxdash import auth, config, db
from cxdash.__main__ import app
from cxdash.models import Region
from cxdash.permissions import Actor
from tests.busy import SHORT_WAIT, write_locked

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"


@pytest.fixture
def busy_db(engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A database with one user, whose writes wait only briefly (the app and the command line use it)."""
    monkeypatch.setenv(config.BUSY_TIMEOUT, SHORT_WAIT)
    url = f"sqlite:///{tmp_path / 'busy.db'}" if backend == "sqlite" else engine.url.render_as_string(False)
    target = db.make_engine(url)
    with Session(target) as session:
        session.add(Region(code="NORTH", name="North"))
        session.commit()
        auth.add_user(session, actor=Actor("t", "admin"), username="cco", display_name="C", role="cco",
                      password=PASSWORD)  # fmt: skip
    monkeypatch.setenv("DATABASE_URL", url)
    yield target
    target.dispose()


def test_a_write_past_the_busy_timeout_is_recognised_as_busy(busy_db: Engine) -> None:
    with write_locked(busy_db), pytest.raises(OperationalError) as raised, Session(busy_db) as session:
        session.add(Region(code="SOUTH", name="South"))
        session.commit()
    assert db.is_busy(raised.value)
    assert db.trouble(raised.value, "unreachable") == db.BUSY


def test_an_unreachable_database_is_not_called_busy() -> None:
    with pytest.raises(OperationalError) as raised:
        db.make_engine("postgresql://postgres@127.0.0.1:1/nowhere")
    assert db.trouble(raised.value, "unreachable") == "unreachable"


def test_sign_in_while_an_import_holds_the_database_says_busy(busy_db: Engine) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.text_input(key="auth_form_username").input("cco")
    at.text_input(key="auth_form_password").input(PASSWORD)
    with write_locked(busy_db):
        at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [db.BUSY]
    assert "auth_username" not in at.session_state


def test_the_command_line_says_busy(busy_db: Engine) -> None:
    with write_locked(busy_db):
        result = CliRunner().invoke(app, ["users", "deactivate", "cco"])
    assert result.exit_code == 1 and db.BUSY in result.output
    assert "DATABASE_URL" not in result.output
