"""Fixtures for ownership tests that write: a small org loaded from the sample files, two engines on one database."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from cxdash import db, ingest

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"
ORG_FILES = ("regions.csv", "touchpoints.csv", "leaders.csv", "ownership.csv")


def load_org(engine: Engine, tmp_path: Path) -> None:
    """Regions, touchpoints, leaders and the RACI map of the sample (no responses: quick to load)."""
    folder = tmp_path / "org"
    folder.mkdir(exist_ok=True)
    for name in ORG_FILES:
        shutil.copy(SAMPLE_DIR / name, folder / name)
    reports = ingest.load_dir(engine, folder, username="loader")
    assert all(r.ok for r in reports)


@pytest.fixture
def org(engine: Engine, tmp_path: Path) -> Engine:
    """An empty test database (SQLite or PostgreSQL) holding the sample org and RACI map."""
    load_org(engine, tmp_path)
    return engine


@pytest.fixture
def two_engines(backend: str, engine: Engine, tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    """Two engines (two connection pools, like two app servers or two users) on one database with the sample org."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'shared.db'}"
        first = db.make_engine(url)
    else:
        first = engine
        url = engine.url.render_as_string(hide_password=False)
    load_org(first, tmp_path)
    second = db.make_engine(url)
    yield first, second
    second.dispose()
    if first is not engine:
        first.dispose()
