"""A database kept busy by another transaction, as a long import keeps it, for the "busy" tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy.engine import Engine

from cxdash import db

SHORT_WAIT = "0.3"  # CXDASH_BUSY_TIMEOUT in the tests: seconds, so a busy test takes well under a minute


@contextmanager
def write_locked(engine: Engine) -> Iterator[None]:
    """Hold the write lock of ``engine``'s database (SQLite: the file; PostgreSQL: every table) until the block ends;
    reads go on, writes wait."""
    url = engine.url
    if engine.dialect.name == "sqlite":
        conn = sqlite3.connect(str(url.database), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()
        return
    dsn = db.normalise_url(url.render_as_string(hide_password=False)).replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(dsn) as pg:
        tables = [row[0] for row in pg.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        pg.execute("LOCK TABLE " + ", ".join(f'"{t}"' for t in tables) + " IN EXCLUSIVE MODE")
        yield
        pg.rollback()
