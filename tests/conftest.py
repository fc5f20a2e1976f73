"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from CXDASH_TEST_PG_URL (default: the local server with trust auth).
Locally a missing server skips those tests; with CI=true it fails them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import Engine, make_url

from cxdash import db, ingest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"
PG_URL = os.environ.get("CXDASH_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"
BACKENDS = ("sqlite", "postgresql")


def _missing(why: str) -> None:
    if IN_CI:
        pytest.fail(f"{why} (required when CI=true)")
    pytest.skip(why)


def pg_problem(url: str, error: str) -> str:
    """Why the test PostgreSQL cannot be used, and the fix, from the driver's error message."""
    shown = make_url(db.normalise_url(url)).render_as_string(hide_password=True)
    text = error.lower()
    if "does not exist" in text and "database" in text:
        return f"PostgreSQL at {shown}: the database is missing; create it with `createdb` (see CONTRIBUTING.md)"
    if "password" in text or "authentication" in text:
        return (
            f"PostgreSQL at {shown}: authentication failed; put a password in CXDASH_TEST_PG_URL "
            "or allow trust for 127.0.0.1 (see CONTRIBUTING.md)"
        )
    if "refused" in text or "timeout" in text or "could not connect" in text or "no such file" in text:
        return f"PostgreSQL at {shown}: the server is not running or not listening on TCP; start it"
    return f"PostgreSQL at {shown} cannot be used: {error.strip().splitlines()[0] if error.strip() else error}"


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


# Each test run gets databases of its own, so runs side by side never share state or a stale schema.
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID", uuid.uuid4().hex)[:10]
_created: list[str] = []


def _admin_connect() -> psycopg.Connection:
    base = make_url(db.normalise_url(PG_URL))
    return psycopg.connect(
        host=base.host, port=base.port or 5432, user=base.username, dbname=base.database,
        password=base.password, autocommit=True, connect_timeout=5,
    )  # fmt: skip


@pytest.fixture(scope="session", autouse=True)
def _drop_test_databases() -> Iterator[None]:
    """Remove the PostgreSQL databases this process created, once the run is over."""
    yield
    if not _created:
        return
    with _admin_connect() as conn:
        for name in _created:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_database(suffix: str) -> str:
    """A PostgreSQL database of this test worker's own, created if missing; returns its URL."""
    base = make_url(db.normalise_url(PG_URL))
    name = f"cxdash_t_{RUN_ID}_{_worker()}_{suffix}"
    try:
        with _admin_connect() as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
                _created.append(name)
    except psycopg.OperationalError as exc:
        _missing(pg_problem(PG_URL, str(exc)))
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database under test: each test using it runs once per backend."""
    return str(request.param)


@pytest.fixture
def engine(backend: str) -> Iterator[Engine]:
    """An empty database with the schema, private to this test."""
    if backend == "sqlite":
        eng = db.make_engine("sqlite://")
    else:
        eng = db.make_engine(_pg_database("empty"))
        db.truncate_all(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def sample_urls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Lazily built databases holding the committed sample data, one per backend (read-only use)."""
    return {"_dir": str(tmp_path_factory.mktemp("sampledb"))}


@pytest.fixture
def sample_url(backend: str, sample_urls: dict[str, str]) -> str:
    """URL of a database loaded with `sample_data/`; tests must not write to it."""
    if backend not in sample_urls:
        sqlite_file = Path(sample_urls["_dir"]) / "sample.db"
        url = f"sqlite:///{sqlite_file}" if backend == "sqlite" else _pg_database("sample")
        eng = db.make_engine(url)
        if backend == "postgresql":
            db.truncate_all(eng)
        reports = ingest.load_dir(eng, SAMPLE_DIR, username="tests")
        assert all(r.ok for r in reports), [r.problems[:3] for r in reports if not r.ok]
        eng.dispose()
        sample_urls[backend] = url
    return sample_urls[backend]


@pytest.fixture
def app_env(sample_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the app at the sample database, as an operator would with DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", sample_url)
    monkeypatch.chdir(ROOT)
    return sample_url


@pytest.fixture
def roles_app(
    backend: str, sample_url: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The app (DATABASE_URL, working directory) on a copy of the sample data, October's follow-up cases included,
    with one account per role (``tests.roles.USERS``, password ``PASSWORD``); built once per backend and test
    process and shared, so tests only read it. Sign in with ``apptest.signed_in`` or ``browser.sign_in``."""
    url = roles.database(backend, sample_url, tmp_path_factory.mktemp("roles"))
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    yield url


@pytest.fixture
def writable(engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A database of this test's own, loaded with the sample, that the app may write to."""
    yield from apptest.own_database(engine, backend, tmp_path, monkeypatch, apptest.load_sample)


from tests import apptest, roles  # noqa: E402
from tests.browser import browser, roles_server, server, writable_server  # noqa: E402, F401  (browser fixtures for every test module)
