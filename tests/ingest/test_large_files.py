"""Big files stream through in bounded memory, report progress, and land with their rollups."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash import db, ingest
from cxdash.ingest import arrowcsv, parse
from cxdash.ingest.report import ImportReport
from cxdash.ingest.rules import Lookups
from cxdash.models import ResponseRollup, SurveyResponse
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base

ROWS = 5_000


def _big_file(rows: int = ROWS, first: int = 0) -> bytes:
    lines = (
        f"B{i:07d},C{i % 700},{('NORTH', 'SOUTH')[i % 2]},{('WEB', 'PHONE')[i % 3 == 0]},web,"
        f"2026-{1 + i % 10:02d}-{1 + i % 28:02d},{i % 11},{1 + i % 5 if i % 4 else ''},,\n"
        for i in range(first, first + rows)
    )
    return (RESPONSE_HEADER + "".join(lines)).encode()


def test_a_big_file_loads_with_progress_and_rollups(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "TICK_ROWS", 500)
    load_base(engine)
    seen: list[float] = []
    report = ingest.import_file(engine, "responses", _big_file(), today=TODAY, progress=seen.append)
    assert report.ok and report.inserted == ROWS
    assert len(seen) >= ROWS // 500 and seen == sorted(seen) and seen[-1] == 1.0
    with Session(engine) as s:
        stored = s.exec(select(func.count()).select_from(SurveyResponse)).one()
        rolled = s.exec(select(func.sum(ResponseRollup.n))).one()
        promoters = s.exec(select(func.sum(ResponseRollup.promoters))).one()
    assert stored == rolled == ROWS + 2
    expected_promoters = sum(1 for i in range(ROWS) if i % 11 >= 9) + 1  # + R1 of the base data
    assert promoters == expected_promoters


def test_duplicates_far_apart_in_a_big_file_are_found(engine: Engine) -> None:
    load_base(engine)
    data = _big_file() + b"B0000007,C1,NORTH,WEB,web,2026-10-01,9,,,\n"
    report = ingest.import_file(engine, "responses", data, today=TODAY)
    assert [(p.line, p.value, p.reason) for p in report.problems] == [
        (ROWS + 2, "B0000007", "duplicate key; line 9 has the same response_key")
    ]


def test_rows_are_read_as_a_stream_not_all_at_once() -> None:
    data = _big_file(20_000)
    raw = io.BytesIO(data)
    lookups = Lookups(regions={"NORTH": 1, "SOUTH": 2}, touchpoints={"WEB": 1, "PHONE": 2})
    rows = parse.read_rows(raw, ingest.FORMATS["responses"], ImportReport("responses", "big.csv"), lookups, TODAY)
    next(rows)
    assert raw.tell() < len(data) // 10
    rows.close()
    assert not raw.closed


def _import_peak(engine: Engine, rows: int, first: int = 0) -> tuple[int, int]:
    """Python's peak memory importing ``rows`` new responses from row ``first`` on, and the file's size."""
    data = _big_file(rows, first)
    tracemalloc.start()
    try:
        report = ingest.import_file(engine, "responses", data, today=TODAY)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.ok and report.inserted == rows
    return peak, len(data)


def test_python_memory_of_an_import_does_not_grow_with_the_file(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows go from the file to the database driver in pieces of a bounded size (a 32nd of the file, at most
    ``MAX_BLOCK``, a few pieces at a time): once the pieces reach their cap, a file eight times as long takes about
    the same memory, far less than the file (holding the rows would cost many times the file). The cap is lowered
    to the smallest piece so that files of a test's size reach it."""
    monkeypatch.setattr(arrowcsv, "MAX_BLOCK", arrowcsv.MIN_BLOCK)
    load_base(engine)
    small, _ = _import_peak(engine, 20_000)
    large, size = _import_peak(engine, 160_000, first=20_000)
    assert large < small * 1.5, f"peak {large:,} bytes for 160,000 rows against {small:,} for 20,000"
    assert large < size / 8, f"peak {large:,} bytes for a {size:,}-byte file"


def test_reported_problems_are_capped_but_counted(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cxdash.ingest.report.MAX_LISTED_PROBLEMS", 100)
    load_base(engine)
    data = _big_file(1_000).replace(b"NORTH", b"EAST")
    report = ingest.import_file(engine, "responses", data, today=TODAY)
    assert report.problem_count == 500 and len(report.problems) == 100
    assert "500 problem(s) (the first 100 are listed)" in report.summary()


@pytest.mark.parametrize("tail", [b"", b"B0000007,C1,NORTH,WEB,web,2026-10-01,9,,,\n"], ids=["loaded", "refused"])
def test_sqlite_gets_its_usual_page_cache_back_and_keeps_no_staged_rows(tail: bytes) -> None:
    """The import enlarges the page cache of its pooled connection; the app's later reads must not keep it."""
    engine = db.make_engine("sqlite://")  # one connection (StaticPool): the one the import used
    with engine.connect() as conn:
        usual = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    load_base(engine)
    report = ingest.import_file(engine, "responses", _big_file(1_000) + tail, today=TODAY)
    assert report.ok is (tail == b"")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == usual
        staged = conn.exec_driver_sql("SELECT name FROM sqlite_temp_master WHERE type = 'table'").scalars().all()
        # a refused file's rollback can bring back the (empty) table whose creation pysqlite committed at once
        assert all(conn.exec_driver_sql(f"SELECT count(*) FROM temp.{name}").scalar() == 0 for name in staged)
    engine.dispose()
