"""SQLite: survey_response's plain indexes set aside while a big direct load inserts its rows, then built again.

1M rows into an empty table: 2.4 s to insert without them + 0.9 s to build them, against 4.0 s keeping them up to
date row by row. A build sorts every stored row, so it stops paying once the stored rows outnumber about half the
file's (REBUILD_SHARE). SQLite's DDL is transactional: a rollback brings dropped indexes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

REBUILD_SHARE = 0.5
# SQLite's page cache while it builds them: its sorter sorts runs of at most the cache's size, then merges them.
# Runs of 4 MiB sort in the processor's caches: 1M rows of a survey export (in random order) took 1.1 s against
# 2.0 s in runs of the bulk load's 64 MiB; a responses file in day order 0.5 s either way.
SORT_CACHE_SIZE = -4096
Run = Callable[..., Any]  # runs one SQL statement (with parameters) on the import's connection: a cursor


def worth_rebuilding(*, stored: int, incoming: int) -> bool:
    """Building again costs less than keeping up to date: ``stored`` rows are fewer than REBUILD_SHARE of the file's
    ``incoming`` (a guess; 0 when unknown)."""
    return bool(incoming) and stored < REBUILD_SHARE * incoming


def drop_plain(run: Run) -> dict[str, str]:
    """Drop survey_response's indexes made by CREATE INDEX that are not unique (its keys stay); returns each one's
    name and the statement that builds it again."""
    listed = run("PRAGMA index_list(survey_response)").fetchall()
    dropped = {}
    for _seq, name, unique, origin, _partial in listed:
        if origin == "c" and not unique:
            found = run("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone()
            dropped[str(name)] = str(found[0])
            run(f'DROP INDEX "{name}"')
    return dropped


def build(run: Run, dropped: dict[str, str]) -> list[str]:
    """Build the indexes ``drop_plain`` dropped again, over every row now stored; returns their names."""
    if not dropped:
        return []
    cache = int(run("PRAGMA cache_size").fetchone()[0])
    run(f"PRAGMA cache_size={SORT_CACHE_SIZE}")
    try:
        for sql in dropped.values():
            run(sql)
    finally:
        run(f"PRAGMA cache_size={cache}")
    return list(dropped)
