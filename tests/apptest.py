"""Helpers for driving the app through ``app.py`` with Streamlit's AppTest."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from cxdash import db, ingest
from tests.roles import USERS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"


def app(timeout: float = 120) -> AppTest:
    """A fresh AppTest of the whole app, not yet run."""
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)


def open_page(name: str, at: AppTest | None = None, *, tab: str | None = None, **params: str) -> AppTest:
    """Run app.py (with these query parameters) and switch to ``app_pages/<name>.py``, with its section ``tab``
    open on a page that draws only the open one (its tabs keyed ``<name>_tab``)."""
    if at is None:  # not `at or app()`: an AppTest that has not run yet is falsy
        at = app()
    for key, value in params.items():
        at.query_params[key] = value
    at.run().switch_page(f"app_pages/{name}.py")
    return at.run() if tab is None else open_tab(at, name, tab)


def open_tab(at: AppTest, page: str, tab: str) -> AppTest:
    """Open section ``tab`` of the page shown (a page that draws only the open one keys its tabs ``<page>_tab``)."""
    return choose_tab(at, f"{page}_tab", tab).run()


def choose_tab(at: AppTest, key: str, tab: str) -> AppTest:
    """Make the next run open tab ``tab`` of the tabs keyed ``key``: in the session, and in the address for tabs
    kept there (AppTest sends its query parameters with every run, and the address wins)."""
    at.session_state[key] = tab
    if key in at.query_params:
        at.query_params[key] = tab
    return at


def as_account(username: str, page: str | None = None, **params: str) -> AppTest:
    """app.py run by a session already signed in as ``username`` (the sign-in form is tested in test_app_auth.py),
    with these query parameters, then ``app_pages/<page>.py`` when a page is named."""
    at = app()
    at.session_state["auth_username"] = username
    if page is not None:
        return open_page(page, at, **params)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def signed_in(role: str, page: str | None = None, **params: str) -> AppTest:
    """``as_account`` for ``role``'s account in tests/roles.py (the ``roles_app`` fixture's database)."""
    return as_account(USERS[role].username, page, **params)


def said(elements: object) -> str:
    """What a list of elements says, without the Markdown escapes that keep data text literal."""
    return " ".join(e.value for e in elements).replace("\\", "")  # type: ignore[attr-defined]


def table(at: AppTest, first_column: str) -> pd.DataFrame:
    """The table whose first column is ``first_column`` (AppTest does not expose dataframe keys)."""
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


def own_database(
    engine: Engine,
    backend: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fill: Callable[[Engine], object],
) -> Iterator[Engine]:
    """A database of the test's own, filled by ``fill``, that the app (DATABASE_URL) may write to."""
    # PostgreSQL test databases restart their ids, so a cached read from an earlier test could look current.
    st.cache_data.clear()
    target = engine if backend == "postgresql" else db.make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    fill(target)
    monkeypatch.setenv("DATABASE_URL", target.url.render_as_string(hide_password=False))
    monkeypatch.chdir(ROOT)
    yield target
    if target is not engine:
        target.dispose()


def load_sample(target: Engine) -> None:
    """Fill a database with the shipped sample data."""
    assert all(r.ok for r in ingest.load_dir(target, SAMPLE_DIR, username="tests"))
