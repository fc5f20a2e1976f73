"""`python -m cxdash users …`: the same account management as the Data page, from the server's shell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner, Result

from cxdash import auth, db
from cxdash.__main__ import app
from cxdash.permissions import Actor
from tests.ingest.helpers import load_base, snapshot

PASSWORD = "correct horse battery"


@pytest.fixture
def url(engine: Engine, backend: str, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own holding the small data set (regions NORTH and SOUTH, leaders CEO and CCO)."""
    target = engine if backend == "postgresql" else db.make_engine(f"sqlite:///{tmp_path / 'users.db'}")
    load_base(target)
    yield target.url.render_as_string(hide_password=False)
    if target is not engine:
        target.dispose()


def _run(url: str, *args: str, stdin: str = "") -> Result:
    return CliRunner().invoke(app, ["users", *args], input=stdin, env={"DATABASE_URL": url})


def test_add_list_change_and_deactivate(url: str) -> None:
    assert _run(url, "list").output.startswith("No users: the app runs as an open demo.")
    added = _run(url, "add", "rita", "--role", "regional_manager", "--region", "NORTH", "--password-stdin",
                 stdin=PASSWORD + "\n")  # fmt: skip
    assert added.exit_code == 0 and "User rita added as regional_manager." in added.output
    assert _run(url, "add", "cfo", "--role", "executive", "--email", "cfo@x.example", "--leader", "CEO",
                "--sso-only").exit_code == 0  # fmt: skip
    assert _run(url, "set-role", "rita", "cco").exit_code == 0
    assert _run(url, "deactivate", "cfo").exit_code == 0
    listing = _run(url, "list").output
    assert "rita" in listing and "cco" in listing and "$argon2" not in listing
    engine = db.make_engine(url)
    with db.session(engine) as session:
        assert auth.authenticate(session, "rita", PASSWORD).actor == Actor("rita", "cco")
        assert auth.actor_for_email(session, "cfo@x.example") is None
    engine.dispose()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "x1", "--role", "emperor", "--sso-only", "--email", "x@x.example"], "Unknown role"),
        (["add", "x1", "--role", "regional_manager", "--region", "MARS", "--password-stdin"], "no region"),
        (["set-role", "nobody", "cco"], "There is no user called 'nobody'"),
        (["deactivate", "nobody"], "There is no user called 'nobody'"),
        (["reset-password", "nobody", "--password-stdin"], "There is no user called 'nobody'"),
    ],
)
def test_bad_requests_exit_1_with_a_sentence_and_change_nothing(url: str, args: list[str], message: str) -> None:
    engine = db.make_engine(url)
    before = snapshot(engine)
    result = _run(url, *args, stdin=PASSWORD + "\n")
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output
    assert snapshot(engine) == before
    engine.dispose()
