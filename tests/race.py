"""Running the same call in many threads at once (a barrier releases them together), for the race tests."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import Engine

from cxdash import db

T = TypeVar("T")


def shared_engine(engine: Engine, backend: str, tmp_path: Path) -> Engine:
    """An engine whose connections threads can share: a SQLite file (the in-memory test database has only one
    connection), or the test's PostgreSQL database."""
    if backend == "sqlite":
        return db.make_engine(f"sqlite:///{tmp_path / 'race.db'}")
    return engine


def together(count: int, call: Callable[[int], T]) -> list[T]:
    """``call(i)`` for i in 0..count-1, each in its own thread, all released at the same moment; results in order."""
    barrier = threading.Barrier(count)

    def run(i: int) -> T:
        barrier.wait()
        return call(i)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))
