"""An import that dies part-way through leaves the database exactly as it was."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from cxdash import ingest
from cxdash.ingest import rollups, writers
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, snapshot


class Killed(Exception):
    """The fault injected into an import."""


def _responses(count: int, *, start: int = 100, nps: int = 9) -> bytes:
    rows = "".join(
        f"K{i},C{i % 50},{'NORTH' if i % 2 else 'SOUTH'},WEB,web,2026-{1 + i % 10:02d}-15,{nps},4,,\n"
        for i in range(start, start + count)
    )
    return (RESPONSE_HEADER + rows).encode()


def test_killed_while_streaming_rows(engine: Engine) -> None:
    load_base(engine)
    before = snapshot(engine)
    calls = []

    def die_midway(fraction: float) -> None:
        calls.append(fraction)
        if len(calls) == 2:
            raise Killed

    with pytest.raises(Killed):
        ingest.import_file(engine, "responses", _responses(30_000), today=TODAY, progress=die_midway)
    assert 0 < calls[-1] < 0.8
    assert snapshot(engine) == before
    assert ingest.import_file(engine, "responses", _responses(10), today=TODAY).inserted == 10


def test_killed_after_the_rows_are_merged_but_before_the_rollups(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_base(engine)
    before = snapshot(engine)

    def die(*_args: object) -> None:
        raise Killed

    monkeypatch.setattr(rollups, "refresh_rollups", die)
    monkeypatch.setattr(rollups, "add_counts", die)  # new rows only: their sums are added to the rollups
    with pytest.raises(Killed):
        ingest.import_file(engine, "responses", _responses(500), today=TODAY)
    assert snapshot(engine) == before


def test_killed_update_keeps_the_old_values(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    load_base(engine)
    assert ingest.import_file(engine, "responses", _responses(200), today=TODAY).inserted == 200
    before = snapshot(engine)
    monkeypatch.setattr(rollups, "refresh_rollups", lambda *_args: (_ for _ in ()).throw(Killed()))
    with pytest.raises(Killed):
        ingest.import_file(engine, "responses", _responses(200, nps=0), mode="update", today=TODAY)
    assert snapshot(engine) == before


def test_killed_small_import_after_some_rows_are_written(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    load_base(engine)
    before = snapshot(engine)
    real = writers._link_managers

    def link_then_die(*args: object, **kwargs: object) -> object:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise Killed

    monkeypatch.setattr(writers, "_link_managers", link_then_die)
    leaders = b"key,name,title,function,reports_to\nCFO,Finance,CFO,Finance,CEO\nCOO,Operations,COO,Ops,CEO\n"
    with pytest.raises(Killed):
        ingest.import_file(engine, "leaders", leaders, today=TODAY)
    assert snapshot(engine) == before


def test_a_broken_row_at_the_very_end_of_a_big_file_loads_nothing(engine: Engine) -> None:
    load_base(engine)
    before = snapshot(engine)
    data = _responses(20_000) + b"LAST,C1,NORTH,WEB,web,2026-10-01,99,,,\n"
    report = ingest.import_file(engine, "responses", data, today=TODAY)
    assert [(p.line, p.column) for p in report.problems] == [(20_002, "nps")]
    assert snapshot(engine) == before
