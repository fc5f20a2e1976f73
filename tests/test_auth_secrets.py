"""Passwords never reach a log, a table or the audit trail: only argon2 hashes are kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from cxdash import auth, db
from cxdash.__main__ import app
from cxdash.models import Region
from cxdash.permissions import Actor
from tests.auth_checks import capture_every_logger, logged_text, stored_text

ADMIN = Actor("root", "admin")
# Distinctive, so that finding one anywhere can only mean it leaked.
FIRST = "first-Secret-7781-plum"
SECOND = "second-Secret-3310-fig"
TOO_SHORT = "pw-0xQ9"


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> pytest.LogCaptureFixture:
    capture_every_logger(caplog, monkeypatch)
    return caplog


@pytest.fixture
def url(engine: Engine, backend: str, tmp_path: Path) -> Iterator[str]:
    """A database URL of this test's own (a SQLite file, or the test's PostgreSQL database)."""
    if backend == "sqlite":
        target = db.make_engine(f"sqlite:///{tmp_path / 'secrets.db'}")
        yield target.url.render_as_string(hide_password=False)
        target.dispose()
    else:
        yield engine.url.render_as_string(hide_password=False)


def _assert_nowhere(engine: Engine, logs: pytest.LogCaptureFixture, *secrets: str, also: str = "") -> None:
    text, logged = stored_text(engine), logged_text(logs)
    assert "$argon2id$" in text  # the hashes are there: the scan reads the user table
    assert "app_user" in logged  # statements were logged with their parameters: the scan reads them
    for secret in secrets:
        assert secret not in text
        assert secret not in logged
        assert secret not in also


def test_adding_resetting_and_signing_in_log_and_store_no_password(url: str, logs: pytest.LogCaptureFixture) -> None:
    engine = db.make_engine(url)
    with db.session(engine) as session:
        session.add(Region(code="NORTH", name="North"))
        session.commit()
        auth.add_user(session, actor=ADMIN, username="ana", display_name="Ana", role="cco", password=FIRST)
        auth.reset_password(session, actor=ADMIN, username="ana", password=SECOND)
        outcomes = [
            auth.authenticate(session, "ana", SECOND),
            auth.authenticate(session, "ana", FIRST),
            auth.authenticate(session, "nobody", FIRST),
        ]
        with pytest.raises(auth.UserError) as refused:
            auth.reset_password(session, actor=ADMIN, username="ana", password=TOO_SHORT)
    assert [o.actor is not None for o in outcomes] == [True, False, False]
    _assert_nowhere(engine, logs, FIRST, SECOND, TOO_SHORT, also=" ".join([str(refused.value), *map(str, outcomes)]))
    engine.dispose()


def test_a_password_typed_into_the_username_field_is_not_audited(engine: Engine) -> None:
    with db.session(engine) as session:
        session.add(Region(code="NORTH", name="North"))
        session.commit()
        auth.add_user(session, actor=ADMIN, username="ana", display_name="Ana", role="cco", password=FIRST)
        for _ in range(auth.MAX_FAILURES + 1):
            last = auth.authenticate(session, FIRST, "ana")
    assert FIRST not in stored_text(engine)
    # Attempts on a name nobody has are still counted, under a digest of that name.
    assert "Too many failed attempts" in last.message


def test_the_users_command_line_logs_stores_and_prints_no_password(url: str, logs: pytest.LogCaptureFixture) -> None:
    runner, env = CliRunner(), {"DATABASE_URL": url}
    results = [
        runner.invoke(app, ["users", "add", "ana", "--role", "admin", "--password-stdin"], input=FIRST + "\n", env=env),
        runner.invoke(app, ["users", "reset-password", "ana", "--password-stdin"], input=SECOND + "\n", env=env),
        runner.invoke(app, ["users", "reset-password", "ana", "--password-stdin"], input=TOO_SHORT + "\n", env=env),
        runner.invoke(app, ["users", "list"], env=env),
    ]
    assert [r.exit_code for r in results] == [0, 0, 1, 0], [r.output for r in results]
    assert "at least 10 characters" in results[2].output
    engine = db.make_engine(url)
    _assert_nowhere(engine, logs, FIRST, SECOND, TOO_SHORT, also=" ".join(r.output for r in results))
    with db.session(engine) as session:
        assert auth.authenticate(session, "ana", SECOND).actor == Actor("ana", "admin")
    engine.dispose()


def test_the_prompt_hides_the_password_and_asks_twice(url: str) -> None:
    result = CliRunner().invoke(
        app, ["users", "add", "ana", "--role", "admin"], input=f"{FIRST}\n{FIRST}\n", env={"DATABASE_URL": url}
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("Password") == 1 and "Repeat for confirmation" in result.output
    assert FIRST not in result.output
