"""The engine factory: one place that turns DATABASE_URL into a SQLAlchemy engine."""

from __future__ import annotations

import logging
import os
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from cxdash import config, models  # models also registers every table on SQLModel.metadata

DEFAULT_URL = "sqlite:///cxdash.db"
BUSY = "The database is busy with an import; try again in a minute."
# SQLite's words for a lock it waited for in vain; PostgreSQL's lock_timeout error (SQLSTATE 55P03).
_BUSY_SIGNS = ("database is locked", "database is busy", "lock timeout")
_KEYED_LOCKS = 0x6378  # the advisory-lock space of lock_for_write's keys (two-key locks never meet one-key ones)
log = logging.getLogger("cxdash")


def database_url() -> str:
    """The configured DATABASE_URL, or the embedded SQLite file when none is set."""
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def is_configured() -> bool:
    """True when the operator chose a database (sample data is then never loaded by itself)."""
    return bool(os.environ.get("DATABASE_URL"))


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(config.busy_timeout_seconds() * 1000)}")
    cursor.close()


def is_busy(error: OperationalError) -> bool:
    """True when ``error`` means another transaction (an import) held a lock for longer than we wait."""
    text = str(error.orig or error).lower()
    return any(sign in text for sign in _BUSY_SIGNS)


def trouble(error: OperationalError, unreachable: str) -> str:
    """What to tell a user about a database error: busy (wait a minute), else ``unreachable``."""
    return BUSY if is_busy(error) else unreachable


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: DATABASE_URL) with the schema created."""
    url = normalise_url(url or database_url())
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        # hide_parameters: a password typed into the username box must not reach a log through an SQL error.
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}, "hide_parameters": True}
        if in_memory:
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        # A write waits for a lock (another import's rows) as long as SQLite would, then says the database is busy.
        wait = f"-c lock_timeout={int(config.busy_timeout_seconds() * 1000)}"
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args={"options": wait})
    SQLModel.metadata.create_all(engine)
    _ownership_roles_per_cell(engine)
    _add_missing_indexes(engine)
    _add_ces_squares(engine)
    return engine


def _add_ces_squares(engine: Engine) -> None:
    """Give rollups stored before CES squares were kept their column, filled from the responses (once)."""
    if "ces_sumsq" in {c["name"] for c in inspect(engine).get_columns("response_rollup")}:
        return
    log.info("adding ces_sumsq to response_rollup (once; it reads every response)")
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE response_rollup ADD COLUMN ces_sumsq INTEGER NOT NULL DEFAULT 0")
        conn.exec_driver_sql(
            "UPDATE response_rollup SET ces_sumsq = s.sq FROM (SELECT month, region_id, touchpoint_id, "
            "SUM(ces * ces) AS sq FROM survey_response WHERE ces IS NOT NULL "
            "GROUP BY month, region_id, touchpoint_id) AS s WHERE response_rollup.month = s.month "
            "AND response_rollup.region_id = s.region_id AND response_rollup.touchpoint_id = s.touchpoint_id"
        )


def _ownership_roles_per_cell(engine: Engine) -> None:
    """Let a RACI cell hold two roles (A+R): a database made when a cell held one gets the wider unique key (once).

    SQLite cannot drop a constraint, so the small ownership table is rebuilt with its rows, ids and versions.
    """
    old = [
        u
        for u in inspect(engine).get_unique_constraints("ownership")
        if sorted(u["column_names"]) == ["leader_id", "touchpoint_id"]
    ]
    if not old:
        return
    log.info("letting a RACI cell hold two roles: widening ownership's unique key (once)")
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f'ALTER TABLE ownership DROP CONSTRAINT "{old[0]["name"]}"')
            unique = f"{models.OWNERSHIP_UNIQUE} UNIQUE (touchpoint_id, leader_id, role)"
            conn.exec_driver_sql(f"ALTER TABLE ownership ADD CONSTRAINT {unique}")
            return
        conn.exec_driver_sql("ALTER TABLE ownership RENAME TO ownership_old")
        for index in models.Ownership.__table__.indexes:  # type: ignore[attr-defined]
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{index.name}"')
        models.Ownership.__table__.create(conn)  # type: ignore[attr-defined]
        columns = "id, touchpoint_id, leader_id, role, version"
        conn.exec_driver_sql(f"INSERT INTO ownership ({columns}) SELECT {columns} FROM ownership_old")
        conn.exec_driver_sql("DROP TABLE ownership_old")


def _add_missing_indexes(engine: Engine) -> None:
    """Create indexes added to tables that already exist (create_all only indexes the tables it creates)."""
    present = inspect(engine).get_multi_indexes()
    for table in SQLModel.metadata.sorted_tables:
        have = {ix["name"] for ix in present.get((None, table.name), [])}
        for index in table.indexes:
            if index.name not in have:
                log.info("adding index %s to %s (once; it can take a while on a large table)", index.name, table.name)
                try:
                    index.create(engine)
                except IntegrityError:
                    # Rows stored before a unique index existed may break it; the app still starts, and says how.
                    log.error("could not add unique index %s: %s holds duplicate rows; remove them and restart",
                              index.name, table.name)  # fmt: skip


def lock_for_write(session: Session, *, key: str | None = None) -> None:
    """Serialise this transaction with others writing the same thing, before it reads what it will change.

    SQLite: take the database's write lock now (BEGIN IMMEDIATE), so no other writer slips in between the read and
    the write. PostgreSQL: with ``key``, a transaction-level advisory lock on it (rows that do not exist yet, such
    as a first sign-in attempt, have no row to lock).
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        if not conn.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif key is not None:
        conn.execute(text("SELECT pg_advisory_xact_lock(:space, hashtext(:key))"), {"space": _KEYED_LOCKS, "key": key})


def drop_all(engine: Engine) -> None:
    """Remove every cxdash table (tests and the benchmark start from empty)."""
    SQLModel.metadata.drop_all(engine)


def session(engine: Engine) -> Session:
    """A session that keeps loaded objects usable after commit."""
    return Session(engine, expire_on_commit=False)


def truncate_all(engine: Engine) -> None:
    """Empty every table, keeping the schema (fast reset between tests on PostgreSQL)."""
    tables = list(reversed(SQLModel.metadata.sorted_tables))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                conn.execute(table.delete())
