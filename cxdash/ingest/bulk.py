"""The bulk path for survey responses: straight into survey_response when every row is valid and new, else
through a staging table that is checked and merged in one statement.

SQL strings live here on purpose (the house rules allow them in bulk-load code): rows go in through
the driver's fastest path (executemany on SQLite, COPY on PostgreSQL), never one ORM object
per row, and the file is never held in memory.

Foreign keys (PostgreSQL): every region and touchpoint id a row carries was looked up in this transaction while
validating, so checking each row again is wasted work (most of a million-row merge, and a queue of pending checks
that grows the server's memory with the file). ``trust_references`` locks the referenced rows against deletion,
proves they all exist in one query, and turns the per-row checks off for the load alone, where the role may
(``session_replication_role``); elsewhere the database checks every row as usual.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
from sqlmodel import Session

from cxdash.ingest import indexes, pgcopy
from cxdash.ingest.report import ImportReport

STAGE = "cxdash_stage_responses"
VALUES = ("response_key", "customer_key", "region_id", "touchpoint_id", "channel", "responded_on", "month",
          "nps", "csat", "ces", "comment")  # fmt: skip
COLUMNS = ("line", *VALUES)
DAYS = ("responded_on", "month")  # text in the checked tables (SQLite stores ISO text), dates on PostgreSQL
REFERENCES = {"region": "region_id", "touchpoint": "touchpoint_id"}
BULK_CACHE_SIZE = -65536  # SQLite page cache while loading: negative means KiB, so 64 MiB
# Rows turned into Python objects at a time for SQLite's executemany: a few thousand (a couple of MB of objects)
# keep the Python heap flat and cost 0.5 s of CPU per million rows, against 1.0-1.3 s in chunks of 128.
SQLITE_CHUNK = 4096
# One row to an INSERT: 64 rows to a statement took SQLite a fifth less time for a responses file's ordered keys, but
# twice as long for an export's random ones, since a statement that writes many rows keeps a statement journal of
# every page it touches in case it fails halfway (the foreign keys make any statement liable to).
_SAVEPOINT = "cxdash_bulk"
_ID_SEQUENCE = "pg_get_serial_sequence('survey_response', 'id')"
log = logging.getLogger("cxdash")


class Stage:
    """One file's rows on their way into survey_response inside the import's transaction: loaded straight in, or
    held in a temporary staging table until they are checked and merged."""

    def __init__(self, session: Session) -> None:
        self._dbapi: Any = session.connection().connection
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self._cache_size: int | None = None
        self._role: str | None = None
        self._set_aside: dict[str, str] = {}  # name: CREATE INDEX statement, of the indexes a direct load dropped
        self.rebuilt: list[str] = []  # the indexes built again after a direct load, for the log and the tests
        self._numbered, self._next_id = False, 0  # PostgreSQL: ids given by ``encoded`` (``number_rows``)
        self.path = ""  # how the rows went in, for the log and the tests

    def integrity_errors(self) -> tuple[type[Exception], ...]:
        """The driver's error for a key stored or repeated (psycopg is loaded only when the database is PostgreSQL:
        a SQLite import starts without it)."""
        if self.postgres:
            import psycopg

            return (psycopg.IntegrityError,)
        return (sqlite3.IntegrityError,)

    def _run(self, sql: str, params: tuple[Any, ...] | None = None) -> Any:
        cursor = self._dbapi.cursor()
        if params is None:
            cursor.execute(sql)
        else:
            cursor.execute(sql, params)
        return cursor

    def begin(self) -> None:
        """Prepare the connection for a bulk load (SQLite: a larger page cache until ``finish``)."""
        if not self.postgres and self._cache_size is None:
            # SQLite's default 2 MB page cache thrashes while a million response keys go into the unique
            # index; a larger cache for this connection saves about a tenth of the import.
            self._cache_size = int(self._run("PRAGMA cache_size").fetchone()[0])
            self._run(f"PRAGMA cache_size={BULK_CACHE_SIZE}")

    def create(self) -> None:
        day = "DATE" if self.postgres else "TEXT"
        types = (
            f"line INTEGER, response_key TEXT, customer_key TEXT, region_id INTEGER, touchpoint_id INTEGER, "
            f"channel TEXT, responded_on {day}, month {day}, nps INTEGER, csat INTEGER, ces INTEGER, comment TEXT"
        )
        self.begin()
        self.drop()
        suffix = " ON COMMIT DROP" if self.postgres else ""
        self._run(f"CREATE TEMP TABLE {STAGE} ({types}){suffix}")

    def savepoint(self) -> None:
        self._run(f"SAVEPOINT {_SAVEPOINT}")

    def release(self) -> None:
        self._run(f"RELEASE SAVEPOINT {_SAVEPOINT}")

    def roll_back_to_savepoint(self) -> None:
        """Undo everything since ``savepoint`` (rows, on PostgreSQL the trigger setting); the transaction goes on."""
        self._run(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
        self.release()
        self._role = None
        self._set_aside = {}  # the rollback brought them back (SQLite's DDL is transactional)

    def set_aside_indexes(self, *, stored: int, incoming: int) -> bool:
        """SQLite: drop survey_response's plain indexes (not its keys) until ``restore_indexes`` when building them
        again costs less than keeping them up to date (``indexes.worth_rebuilding``). Call after ``savepoint``:
        rolling back to it restores them. True when they were dropped. PostgreSQL keeps them: dropping one would lock
        the table against every reader."""
        if self.postgres or not indexes.worth_rebuilding(stored=stored, incoming=incoming):
            return False
        self._set_aside = indexes.drop_plain(self._run)
        return bool(self._set_aside)

    def restore_indexes(self) -> None:
        """Build the indexes ``set_aside_indexes`` dropped again, over every row now stored."""
        self.rebuilt += indexes.build(self._run, self._set_aside)
        self._set_aside = {}

    def number_rows(self) -> None:
        """PostgreSQL: let ``encoded`` give the rows their ids, from the sequence's next value on (``insert`` moves
        the sequence past them), so the server does not draw one per row: 1M rows took it 2.9 s with their ids
        against 3.1 s drawing them (binary COPY, twice each). Every writer of survey_response holds the responses'
        write lock (rollups.lock_response_writes), so no other transaction draws an id meanwhile; one that did
        would hit the primary key and send the file through the staging table. Call on the importing thread,
        before ``encoded`` runs."""
        if self.postgres:
            self._next_id = int(self._run(f"SELECT nextval({_ID_SEQUENCE})").fetchone()[0])
            self._numbered = True

    def encoded(self, tables: Iterable[pa.Table]) -> Iterator[Any]:
        """Tables of VALUES as ``insert`` writes them: PostgreSQL's binary COPY rows (made here, so on the reading
        thread when ``ahead`` runs this, while the driver writes the rows before), their ids first once
        ``number_rows`` was called; SQLite's tables as they are."""
        for table in tables:
            if not self.postgres:
                yield table
                continue
            if self._numbered:
                ids = pa.array(np.arange(self._next_id, self._next_id + table.num_rows, dtype=np.int64))
                self._next_id += table.num_rows
                table = table.add_column(0, "id", ids)
            yield pgcopy.rows(table, DAYS)

    def insert(self, items: Iterable[Any]) -> None:
        """Write checked rows (``encoded`` tables of VALUES) straight into survey_response; a key already stored or
        repeated in the file raises the driver's IntegrityError (roll back to the savepoint and stage the file
        instead)."""
        names = ", ".join(VALUES)
        cursor = self._dbapi.cursor()
        if self.postgres:
            first = self._next_id
            columns = f"id, {names}" if self._numbered else names
            with cursor.copy(f"COPY survey_response ({columns}) FROM STDIN (FORMAT binary)") as copy:
                copy.write(pgcopy.SIGNATURE)
                for rows in items:
                    copy.write(memoryview(rows))
                copy.write(pgcopy.TRAILER)
            # Every item was encoded (the reading thread has ended the items), so the count is final. A sequence
            # is not rolled back with the rows: one moved past ids a failed load drew wastes them, as nextval does.
            if self._numbered and self._next_id > first:
                self._run(f"SELECT setval({_ID_SEQUENCE}, %s)", (self._next_id - 1,))
        else:
            marks = ", ".join("?" for _ in VALUES)
            cursor.executemany(f"INSERT INTO survey_response ({names}) VALUES ({marks})", _tuples(items))

    def referenced_ids(self) -> dict[str, set[int]]:
        """The region and touchpoint ids of the staged rows."""
        ids: dict[str, set[int]] = {table: set() for table in REFERENCES}
        pairs = self._run(f"SELECT DISTINCT {', '.join(REFERENCES.values())} FROM {STAGE}").fetchall()
        for pair in pairs:
            for table, value in zip(REFERENCES, pair, strict=True):
                ids[table].add(int(value))
        return ids

    def trust_references(self, ids: dict[str, set[int]]) -> bool:
        """PostgreSQL: lock the region and touchpoint rows ``ids`` names against deletion (FOR KEY SHARE, until
        commit), prove they all exist, and stop the per-row foreign-key checks where the role may; False when the
        database is to check every row (SQLite, a role without the right, or an id that is gone)."""
        if not self.postgres:
            return False
        for table, wanted in ids.items():
            found = self._run(f"SELECT id FROM {table} WHERE id = ANY(%s) FOR KEY SHARE", (sorted(wanted),))
            if len(found.fetchall()) != len(wanted):
                return False
        import psycopg

        role = str(self._run("SHOW session_replication_role").fetchone()[0])
        self._run("SAVEPOINT cxdash_role")
        try:
            self._run("SET LOCAL session_replication_role = replica")
        except psycopg.errors.InsufficientPrivilege:
            self._run("ROLLBACK TO SAVEPOINT cxdash_role")
            return False
        self._run("RELEASE SAVEPOINT cxdash_role")
        self._role = role
        return True

    def check_references_again(self) -> None:
        """Turn the per-row foreign-key checks back on for the rest of the transaction (rollups, history)."""
        if self._role is not None:
            self._run(f"SET LOCAL session_replication_role = {self._role}")
            self._role = None

    def finish(self) -> None:
        """Drop the staged rows and give the pooled connection its usual page cache back (SQLite).

        PostgreSQL drops the table at commit, and its memory settings are the server's.
        """
        if self.postgres:
            return
        self.drop()
        if self._cache_size is not None:
            self._run(f"PRAGMA cache_size={self._cache_size}")

    def drop(self) -> None:
        schema = "pg_temp" if self.postgres else "temp"
        self._run(f"DROP TABLE IF EXISTS {schema}.{STAGE}")

    def day(self, value: date) -> Any:
        """A date as this driver's staging table takes it (SQLite stores ISO text, as SQLAlchemy does)."""
        return value if self.postgres else value.isoformat()

    def write(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Stream rows (in COLUMNS order) into the staging table."""
        names = ", ".join(COLUMNS)
        cursor = self._dbapi.cursor()
        if self.postgres:
            with cursor.copy(f"COPY {STAGE} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in COLUMNS)
            cursor.executemany(f"INSERT INTO {STAGE} ({names}) VALUES ({marks})", rows)

    def report_duplicates(self, report: ImportReport) -> None:
        """Report every line whose response_key an earlier line of the file already has."""
        # Grouping finds repeated keys five times faster than a window over every row (1M rows, SQLite:
        # 0.34 s against 1.7 s); the window then runs over the repeated keys only, usually none.
        repeated = f"SELECT response_key FROM {STAGE} GROUP BY response_key HAVING count(*) > 1"
        cursor = self._run(
            f"SELECT line, response_key, first_line FROM (SELECT line, response_key, "
            f"MIN(line) OVER (PARTITION BY response_key) AS first_line FROM {STAGE} "
            f"WHERE response_key IN ({repeated})) AS keyed "
            f"WHERE line > first_line ORDER BY line"
        )
        while batch := cursor.fetchmany(1000):
            for line, key, first in batch:
                report.add(line, "response_key", key, f"duplicate key; line {first} has the same response_key")

    def cells(self, *, stored: bool = False) -> set[tuple[date, int]]:
        """(month, region) cells of the staged rows, or of the stored rows that share their keys."""
        if stored:
            sql = (f"SELECT DISTINCT r.month, r.region_id FROM survey_response r "
                   f"JOIN {STAGE} s ON s.response_key = r.response_key")  # fmt: skip
        else:
            sql = f"SELECT DISTINCT month, region_id FROM {STAGE}"
        rows = self._run(sql).fetchall()
        return {(m if isinstance(m, date) else date.fromisoformat(m), int(r)) for m, r in rows}

    def analyze(self) -> None:
        """Fresh planner statistics after a bulk load: autovacuum may be minutes behind a million new rows."""
        if self.postgres:
            self._run("ANALYZE survey_response")
            self._run("ANALYZE response_rollup")

    def merge(self, *, update: bool) -> int:
        """Move staged rows into survey_response; returns the rows inserted or actually changed."""
        names = ", ".join(VALUES)
        sql = (
            f"INSERT INTO survey_response ({names}) SELECT {names} FROM {STAGE} WHERE true ON CONFLICT (response_key) "
        )
        if update:
            distinct = "IS DISTINCT FROM" if self.postgres else "IS NOT"
            sets = ", ".join(f"{c} = excluded.{c}" for c in VALUES[1:])
            differs = " OR ".join(f"survey_response.{c} {distinct} excluded.{c}" for c in VALUES[1:])
            sql += f"DO UPDATE SET {sets} WHERE {differs}"
        else:
            sql += "DO NOTHING"
        return int(self._run(sql).rowcount)


def _tuples(tables: Iterable[pa.Table]) -> Iterator[tuple[Any, ...]]:
    for table in tables:
        for start in range(0, table.num_rows, SQLITE_CHUNK):
            part = table.slice(start, SQLITE_CHUNK)
            yield from zip(*(column.to_pylist() for column in part.columns), strict=True)
