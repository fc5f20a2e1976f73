"""SQLite builds survey_response's plain indexes after a direct load into a table holding few rows, instead of
updating them row by row; whatever happens, the table ends with the same indexes, and a refused file changes nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from cxdash import ingest
from cxdash.ingest import bulk, indexes, responses, rollups
from cxdash.ingest.bulk import Stage
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, record_paths, snapshot
from tests.ingest.index_helpers import (
    assert_built_again,
    record_dropped,
    record_rebuilt,
    stored_indexes,
)


def _file(keys: range, *, comment: str = "said so") -> bytes:
    rows = "".join(
        f"Q{i},C{i % 9},{'NORTH' if i % 3 else 'SOUTH'},{'WEB' if i % 2 else 'PHONE'},web,2026-{1 + i % 10:02d}-02,"
        f"{i % 11},,,{'' if i % 6 else comment}\n"
        for i in keys
    )
    return (RESPONSE_HEADER + rows).encode()


def test_a_first_big_load_builds_the_plain_indexes_after_its_rows(
    engine: Engine, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_base(engine)
    before = stored_indexes(engine)
    rebuilt = record_rebuilt(monkeypatch)
    paths = record_paths(monkeypatch)
    report = ingest.import_file(engine, "responses", _file(range(3_000)), today=TODAY)
    assert report.inserted == 3_000 and paths[0].startswith("direct")
    assert_built_again(engine, backend, rebuilt, before)


def test_a_load_smaller_than_the_stored_rows_keeps_the_indexes_up_to_date(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_base(engine)
    assert ingest.import_file(engine, "responses", _file(range(3_000)), today=TODAY).inserted == 3_000
    rebuilt = record_rebuilt(monkeypatch)
    assert ingest.import_file(engine, "responses", _file(range(3_000, 4_000)), today=TODAY).inserted == 1_000
    assert rebuilt == [[]]


@pytest.mark.parametrize("late", ["Q5,C1,NORTH,WEB,web,2026-10-01,9,,,\n", "Q9999,C1,NORTH,WEB,web,2026-13-01,9,,,\n"])
def test_a_file_refused_after_the_indexes_were_dropped_changes_nothing(
    engine: Engine, backend: str, late: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key repeated (the database refuses it) or a bad day (the reader declines it) late in the file: the direct
    load is rolled back with its dropped indexes, the exact path reports the line, nothing is stored."""
    load_base(engine)
    before, indexes = snapshot(engine), stored_indexes(engine)
    rebuilt, dropped = record_rebuilt(monkeypatch), record_dropped(monkeypatch)
    report = ingest.import_file(engine, "responses", _file(range(20_000)) + late.encode(), today=TODAY)
    assert [p.line for p in report.problems] == [20_002] and not report.ok
    assert dropped == [backend == "sqlite"] and rebuilt == [[]]
    assert snapshot(engine) == before
    assert stored_indexes(engine) == indexes


def test_an_import_that_dies_after_the_indexes_were_dropped_leaves_them(
    engine: Engine, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure anywhere after the drop (here the rollups) rolls the whole import back, indexes included."""
    load_base(engine)
    before, indexes = snapshot(engine), stored_indexes(engine)
    dropped = record_dropped(monkeypatch)

    def fail(*_args: Any) -> None:
        raise RuntimeError("rollups failed")

    monkeypatch.setattr(rollups, "add_counts", fail)
    with pytest.raises(RuntimeError):
        ingest.import_file(engine, "responses", _file(range(3_000)), today=TODAY)
    assert dropped == [backend == "sqlite"]
    assert snapshot(engine) == before
    assert stored_indexes(engine) == indexes


def test_the_indexes_are_set_aside_only_while_the_stored_rows_are_few() -> None:
    class Fake(Stage):
        def __init__(self) -> None:
            self.postgres, self._set_aside, self.rebuilt = False, {}, []
            self.sql: list[str] = []

        def _run(self, sql: str, params: tuple[Any, ...] | None = None) -> Any:
            self.sql.append(sql)
            raise AssertionError("no SQL runs when the indexes stay")

    for stored, incoming in ((500, 1_000), (10, 0), (1_000_000, 1_000)):
        stage = Fake()
        assert not stage.set_aside_indexes(stored=stored, incoming=incoming)
        assert stage.sql == []


def test_a_files_rows_are_guessed_from_its_first_lines_and_its_place_is_kept() -> None:
    raw = io.BytesIO(b"h\n" + b"0123456789\n" * 10_000)
    raw.seek(2)
    size = 11 * 10_000
    assert abs(responses.rows_guess(raw, size) - 10_000) < 10 and raw.tell() == 2
    assert responses.rows_guess(io.BytesIO(b""), 0) == 0


def test_the_indexes_are_built_with_a_small_page_cache_and_the_load_gets_its_own_back() -> None:
    """SQLite's sorter sorts runs of the cache's size: small runs sort faster; the load's cache is back after the
    build, and after a build that fails."""
    ran: list[str] = []

    class Cursor:
        def fetchone(self) -> tuple[int]:
            return (bulk.BULK_CACHE_SIZE,)

    def run(sql: str, *_params: Any) -> Cursor:
        ran.append(sql)
        if sql.startswith("CREATE INDEX bad"):
            raise RuntimeError("disk full")
        return Cursor()

    dropped = {"a": "CREATE INDEX a ON t (x)", "b": "CREATE INDEX b ON t (y)"}
    assert indexes.build(run, dropped) == ["a", "b"]
    sort, load = f"PRAGMA cache_size={indexes.SORT_CACHE_SIZE}", f"PRAGMA cache_size={bulk.BULK_CACHE_SIZE}"
    assert ran == ["PRAGMA cache_size", sort, *dropped.values(), load]
    ran.clear()
    with pytest.raises(RuntimeError):
        indexes.build(run, {"bad": "CREATE INDEX bad ON t (z)"})
    assert ran[-1] == load
    ran.clear()
    assert indexes.build(run, {}) == [] and ran == []
