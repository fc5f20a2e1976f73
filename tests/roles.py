"""A copy of the sample database with one account per role, built once per backend and test process.

Tests that use it only read (signing in through the form writes audit events, which nothing here counts).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.engine import make_url

from cxdash import auth, db, ingest
from cxdash.permissions import Actor

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"
PASSWORD = "correct horse battery"
# The regional manager's region and an executive linked to a leader of the sample.
OWN_REGION, OTHER_REGION = "DACH", "NAE"
# The Regions page's default period on the sample: the last 12 months with data.
PERIOD = (date(2025, 11, 1), date(2026, 10, 1))
USERS: dict[str, Actor] = {
    "admin": Actor("r-admin", "admin"),
    "cco": Actor("r-cco", "cco"),
    "executive": Actor("r-exec", "executive", leader_key="CFO"),
    "regional_manager": Actor("r-rm", "regional_manager", region=OWN_REGION),
    "viewer": Actor("r-viewer", "viewer"),
}
_built: dict[tuple[str, str], str] = {}


def add_users(url: str) -> None:
    """One active account per role, all with ``PASSWORD``."""
    engine = db.make_engine(url)
    with db.session(engine) as session:
        for role, user in USERS.items():
            auth.add_user(
                session, actor=Actor("setup", "admin"), username=user.username, display_name=f"The {role}",
                role=role, password=PASSWORD, region=user.region, leader_key=user.leader_key,
            )  # fmt: skip
    engine.dispose()


def database(
    backend: str, sample_url: str, folder: Path, *, name: str = "roles", prepare: Callable[[str], None] | None = None
) -> str:
    """URL of the sample data plus ``USERS`` on ``backend`` (built on first use), changed by ``prepare``."""
    if (backend, name) not in _built:
        if backend == "sqlite":
            target = folder / f"{name}.db"
            with sqlite3.connect(str(make_url(sample_url).database)) as source, sqlite3.connect(target) as copy:
                source.backup(copy)
            url = f"sqlite:///{target}"
        else:
            from tests.conftest import _pg_database

            url = _pg_database(name)
            engine = db.make_engine(url)
            db.truncate_all(engine)
            assert all(r.ok for r in ingest.load_dir(engine, SAMPLE_DIR, username="tests"))
            engine.dispose()
        add_users(url)
        if prepare is not None:
            prepare(url)
        _built[(backend, name)] = url
    return _built[(backend, name)]
