"""The floors an import is compared with: the same responses file loaded the fastest way each database has,
with nothing checked but the unique response key."""

from __future__ import annotations

import csv
import sqlite3
import time
from pathlib import Path

import psycopg

KEYED_TABLE = (
    "response_key TEXT PRIMARY KEY, customer_key TEXT, region TEXT, touchpoint TEXT, channel TEXT, "
    "responded_on TEXT, nps INTEGER, csat INTEGER, ces INTEGER, comment TEXT"
)
FLOOR_TABLE = "cxdash_floor"


def sqlite_insert_seconds(csv_path: Path, scratch: Path) -> float:
    """Python's csv reader into one executemany insert, one transaction, into a fresh keyed table."""
    for leftover in scratch.parent.glob(f"{scratch.name}*"):
        leftover.unlink()
    start = time.perf_counter()
    conn = sqlite3.connect(scratch)
    conn.execute(f"CREATE TABLE {FLOOR_TABLE} ({KEYED_TABLE})")
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        with conn:
            conn.executemany(f"INSERT INTO {FLOOR_TABLE} VALUES ({', '.join('?' * 10)})", rows)
    conn.close()
    seconds = time.perf_counter() - start
    scratch.unlink()
    return seconds


def postgres_copy_seconds(csv_path: Path, conninfo: str) -> float:
    """The file's bytes streamed through COPY … (FORMAT csv) into a fresh keyed table, one transaction."""
    with psycopg.connect(conninfo) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {FLOOR_TABLE}")
        conn.execute(f"CREATE TABLE {FLOOR_TABLE} ({KEYED_TABLE})")
        conn.commit()
        start = time.perf_counter()
        copy_sql = f"COPY {FLOOR_TABLE} FROM STDIN (FORMAT csv, HEADER true)"
        with conn.cursor().copy(copy_sql) as copy, csv_path.open("rb") as handle:
            while block := handle.read(1 << 20):
                copy.write(block)
        conn.commit()
        seconds = time.perf_counter() - start
        conn.execute(f"DROP TABLE {FLOOR_TABLE}")
        conn.commit()
    return seconds
