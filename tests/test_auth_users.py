"""The Users section of the Data page: what the users command line does, for admins, through app.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy.engine import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from cxdash import auth, db, permissions
from cxdash.models import AuditEvent, User
from cxdash.views import users
from tests import apptest
from tests.ingest.helpers import load_base, snapshot

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a different long secret"
SETUP = permissions.Actor("setup", "admin")


@pytest.fixture
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters: these tests are about the page, and the default cost is seconds per hash here."""
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _accounts(target: Engine) -> None:
    load_base(target)
    with db.session(target) as session:
        for name, role in (("root", "admin"), ("carla", "cco"), ("vic", "viewer")):
            auth.add_user(session, actor=SETUP, username=name, display_name=name.title(), role=role, password=PASSWORD)


@pytest.fixture
def accounts(
    quick_hashes: None, engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    """A small database of the test's own with an admin (root), a CCO (carla) and a viewer (vic)."""
    yield from apptest.own_database(engine, backend, tmp_path, monkeypatch, _accounts)


def _users_tab(username: str = "root") -> AppTest:
    at = apptest.app()
    at.session_state["auth_username"] = username
    at = apptest.open_page("data", at, tab="Users")
    assert not at.exception
    return at


def _user(engine: Engine, username: str) -> User | None:
    with db.session(engine) as session:
        return session.exec(select(User).where(User.username == username)).first()


def _shown_text(at: AppTest) -> str:
    """Everything the run shows except what sits inside password fields (the user's own typing)."""
    parts: list[str] = []
    stack: list[object] = [at.main, at.sidebar]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        if getattr(getattr(node, "proto", None), "type", None) == 1 and getattr(node, "type", "") == "text_input":
            continue
        for attribute in ("value", "label", "body", "help", "placeholder"):
            shown = getattr(node, attribute, None)
            parts.append(shown.to_csv() if hasattr(shown, "to_csv") else str(shown))
    return " ".join(parts)


def _fill_new_user(at: AppTest, **fields: str | None) -> AppTest:
    values = {"username": "nina", "display_name": "Nina", "password": PASSWORD, "repeat": PASSWORD} | fields
    for name in ("username", "display_name", "email", "password", "repeat"):
        if name in values:
            at.text_input(key=f"data_user_{name}").input(values[name] or "")
    for name in ("role", "region", "leader"):
        if name in values:
            at.selectbox(key=f"data_user_{name}").set_value(values[name])
    return at.button(key="data_user_add_submit").click().run()


def test_only_admins_signed_in_as_themselves_get_the_section() -> None:
    assert users.shown_to(permissions.Actor("root", "admin"))
    assert not users.shown_to(permissions.DEMO_ACTOR)
    assert not any(users.shown_to(permissions.Actor("x", role)) for role in ("cco", "executive", "viewer"))


def test_the_section_lists_accounts_without_hashes(accounts: Engine) -> None:
    at = _users_tab()
    assert "Users" in [t.label for t in at.tabs]
    table = apptest.table(at, "Username")
    assert list(table["Username"]) == ["carla", "root", "vic"]
    assert "$argon2" not in table.to_csv()
    assert "Download the users (CSV)" in [b.label for b in at.get("download_button")]


def test_an_admin_adds_a_regional_manager_and_the_password_is_never_shown(accounts: Engine) -> None:
    at = _fill_new_user(_users_tab(), role="regional_manager", region="NORTH")
    assert not at.exception and [e.value for e in at.error] == []
    assert "Added nina as Regional manager" in apptest.said(at.success)
    stored = _user(accounts, "nina")
    assert stored is not None and stored.role == "regional_manager" and stored.active
    assert stored.password_hash is not None and stored.password_hash.startswith("$argon2")
    assert PASSWORD not in _shown_text(at)
    assert at.text_input(key="data_user_password").value == ""
    with db.session(accounts) as session:
        assert auth.authenticate(session, "nina", PASSWORD).actor is not None


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        ({"repeat": "not the same one"}, "The two passwords differ"),
        ({"password": "", "repeat": ""}, "or an email for single sign-on"),
        ({"password": "short", "repeat": "short"}, "at least 10 characters"),
        ({"role": "regional_manager"}, "needs a region"),
        ({"username": "root"}, "is taken"),
        ({"username": "<b>x</b>"}, "Usernames are"),
    ],
)
def test_a_bad_new_user_gets_a_sentence_and_changes_nothing(
    accounts: Engine, fields: dict[str, str], sentence: str
) -> None:
    before = snapshot(accounts)
    at = _fill_new_user(_users_tab(), **fields)
    assert not at.exception
    assert sentence in apptest.said(at.error)
    assert PASSWORD not in _shown_text(at)
    assert snapshot(accounts) == before


def _change(at: AppTest, username: str, change: str, **fields: object) -> AppTest:
    at.selectbox(key="data_user_target").set_value(username)
    at = at.radio(key="data_user_change").set_value(change).run()
    for key, value in fields.items():
        widget = at.get_by_key(f"data_user_{key}")
        getattr(widget, "input" if hasattr(widget, "input") else "set_value")(value)
    return at.button(key="data_user_apply").click().run()


def test_an_admin_changes_a_role_and_it_is_audited(accounts: Engine) -> None:
    at = _change(_users_tab(), "vic", "role", new_role="cco")
    assert "vic is now Chief Customer Officer" in apptest.said(at.success)
    stored = _user(accounts, "vic")
    assert stored is not None and stored.role == "cco"
    with db.session(accounts) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "role_change")).one()
    assert (event.username, event.key, event.detail) == ("root", "vic", "viewer -> cco")


def test_an_admin_resets_a_password_typed_twice(accounts: Engine) -> None:
    at = _change(_users_tab(), "carla", "password", new_password=NEW_PASSWORD, new_repeat=NEW_PASSWORD)
    assert "The password of carla is reset" in apptest.said(at.success)
    assert NEW_PASSWORD not in _shown_text(at)
    with db.session(accounts) as session:
        assert auth.authenticate(session, "carla", NEW_PASSWORD).actor is not None
        assert auth.authenticate(session, "carla", PASSWORD).actor is None


def test_deactivation_needs_the_box_ticked(accounts: Engine) -> None:
    at = _change(_users_tab(), "carla", "deactivate")
    assert "Tick the box" in apptest.said(at.error)
    assert (_user(accounts, "carla") or User()).active
    at = _change(at, "carla", "deactivate", confirm=True)
    assert "carla is deactivated" in apptest.said(at.success)
    assert not (_user(accounts, "carla") or User(active=True)).active


@pytest.mark.parametrize(("change", "fields"), [("deactivate", {"confirm": True}), ("role", {"new_role": "viewer"})])
def test_the_last_admin_cannot_lock_everyone_out(accounts: Engine, change: str, fields: dict[str, object]) -> None:
    before = snapshot(accounts)
    at = _change(_users_tab(), "root", change, **fields)
    assert "root is the last active admin" in apptest.said(at.error)
    assert snapshot(accounts) == before


def test_a_user_who_stops_being_admin_loses_the_section_at_the_next_click(accounts: Engine) -> None:
    with db.session(accounts) as session:
        auth.add_user(session, actor=SETUP, username="ada", display_name="Ada", role="admin", email="ada@x.example")
    at = _users_tab("ada")
    assert "Users" in [t.label for t in at.tabs]
    with db.session(accounts) as session:
        auth.set_role(session, actor=SETUP, username="ada", role="cco")
    at.run()
    assert "Users" not in [t.label for t in at.tabs]
