"""Reading ahead on a second thread: items in order, progress on the caller's thread, errors and early stops."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import closing

import pyarrow as pa
import pytest
from sqlalchemy.engine import Engine

from cxdash import ingest
from cxdash.ingest import ahead, arrowcsv
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, snapshot


def _readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "cxdash-read-ahead"]


def test_items_come_in_order_and_progress_runs_on_the_callers_thread() -> None:
    made: list[str] = []
    seen: list[tuple[str, object]] = []

    def make(note: Callable[[], None]) -> Iterator[int]:
        for i in range(50):
            made.append(threading.current_thread().name)
            note()
            yield i

    def tick() -> None:
        seen.append(("tick", threading.current_thread().name))

    for item in ahead.read_ahead(make, tick):
        seen.append(("item", item))
    here = threading.current_thread().name
    assert set(made) == {"cxdash-read-ahead"}
    assert seen == [entry for i in range(50) for entry in (("tick", here), ("item", i))]
    assert not _readers()


def test_an_error_while_reading_is_raised_on_the_callers_thread_after_the_items_before_it() -> None:
    def make(_note: Callable[[], None]) -> Iterator[int]:
        yield from range(3)
        raise ValueError("line 4 is bad")

    got: list[int] = []
    with pytest.raises(ValueError, match="line 4 is bad"):
        for item in ahead.read_ahead(make):
            got.append(item)
    assert got == [0, 1, 2] and not _readers()


def test_a_caller_that_stops_early_stops_the_reading_thread() -> None:
    made: list[int] = []
    closed = threading.Event()

    def make(_note: Callable[[], None]) -> Iterator[int]:
        try:
            for i in range(1_000_000):
                made.append(i)
                yield i
        finally:
            closed.set()

    with closing(ahead.read_ahead(make, depth=2)) as items:
        assert [next(items) for _ in range(3)] == [0, 1, 2]
    assert closed.is_set() and not _readers()
    assert len(made) <= 3 + 2 + 1  # what was taken, what the queue holds, and the one being put


def _file(rows: int, last: str = "") -> bytes:
    lines = "".join(f"Q{i},C{i % 7},NORTH,WEB,web,2026-{1 + i % 10:02d}-03,{i % 11},,,hello {i}\n" for i in range(rows))
    return (RESPONSE_HEADER + lines + last).encode()


def test_a_bad_cell_found_after_rows_were_written_loads_nothing(engine: Engine) -> None:
    """The reading thread declines the file's last piece while the first are already in the table: all go."""
    load_base(engine)
    before = snapshot(engine)
    data = _file(3_000, "Q9999,C1,NORTH,WEB,web,2026-10-01,11,,,\n")
    assert len(data) > 2 * arrowcsv.MIN_BLOCK
    report = ingest.import_file(engine, "responses", data, today=TODAY)
    assert [(p.line, p.column) for p in report.problems] == [(3_002, "nps")]
    assert snapshot(engine) == before and not _readers()


def test_an_unexpected_error_on_the_reading_thread_rolls_the_import_back(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_base(engine)
    before = snapshot(engine)
    real = arrowcsv.response_table
    calls: list[int] = []

    def table(checked: dict[str, pa.Array], names: tuple[str, ...]) -> pa.Table:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the disk went away")
        return real(checked, names)

    monkeypatch.setattr(arrowcsv, "response_table", table)
    with pytest.raises(RuntimeError, match="the disk went away"):
        ingest.import_file(engine, "responses", _file(3_000), today=TODAY)
    assert snapshot(engine) == before and not _readers()
    monkeypatch.setattr(arrowcsv, "response_table", real)
    assert ingest.import_file(engine, "responses", _file(3_000), today=TODAY).inserted == 3_000
