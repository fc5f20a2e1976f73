"""Which way a responses file goes in (straight into the table, or staged and merged), and that both end alike."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from cxdash import db, ingest
from cxdash.ingest import arrowcsv, bulk, rollups
from cxdash.ingest.bulk import Stage
from cxdash.models import ResponseRollup, SurveyResponse
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, record_paths, snapshot


def _file(keys: range, *, nps: int | None = None) -> bytes:
    rows = "".join(
        f"P{i},C{i % 9},{'NORTH' if i % 3 else 'SOUTH'},{'WEB' if i % 2 else 'PHONE'},web,"
        f"2026-{1 + i % 10:02d}-{1 + i % 27:02d},"
        f"{i % 11 if nps is None else nps},{'' if i % 4 else 1 + i % 5},{'' if i % 5 else 1 + i % 7},"
        f"{'' if i % 6 else 'said so'}\n"
        for i in keys
    )
    return (RESPONSE_HEADER + rows).encode()


def _rollups(engine: Engine) -> list[tuple[Any, ...]]:
    columns = [getattr(ResponseRollup, name) for name in ("month", "region_id", "touchpoint_id", "n", "promoters",
               "passives", "detractors", "csat_n", "csat_top2", "ces_n", "ces_sum", "ces_sumsq")]  # fmt: skip
    with engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(select(*columns).where(ResponseRollup.n > 0)))


def _recomputed(engine: Engine) -> list[tuple[Any, ...]]:
    r = SurveyResponse
    nps, csat, ces = r.nps, r.csat, r.ces
    with engine.connect() as conn:
        rows = conn.execute(
            select(r.month, r.region_id, r.touchpoint_id, nps, csat, ces)  # type: ignore[call-overload]
        ).all()
    cells: dict[tuple[Any, ...], list[int]] = {}
    for month, region, touchpoint, n, c, e in rows:
        cell = cells.setdefault((month, region, touchpoint), [0] * 9)
        for i, add in enumerate((1, n >= 9, 7 <= n <= 8, n <= 6, c is not None, (c or 0) >= 4, e is not None,
                                 e or 0, (e or 0) ** 2)):  # fmt: skip
            cell[i] += int(add)
    return sorted((*cell, *counts) for cell, counts in cells.items())


def test_new_rows_go_straight_in_and_rollups_equal_a_recomputation(
    engine: Engine, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_base(engine)
    paths = record_paths(monkeypatch)
    first = ingest.import_file(engine, "responses", _file(range(3_000)), today=TODAY)
    second = ingest.import_file(engine, "responses", _file(range(3_000, 4_500)), today=TODAY)
    assert (first.inserted, second.inserted) == (3_000, 1_500) and second.new_ids == (3_002, 4_502)
    trusted = "references proven once" if backend == "postgresql" else "references checked per row"
    assert paths == [f"direct, {trusted}"] * 2
    assert _rollups(engine) == _recomputed(engine)


def test_the_direct_load_stores_every_value_in_file_order(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite gets its rows many to an INSERT (the rows after the last whole group one by one): a file of a length
    no group size divides stores each row's values, blanks included, in the order of its lines."""
    load_base(engine)
    paths = record_paths(monkeypatch)
    keys = range(4_099)
    assert ingest.import_file(engine, "responses", _file(keys), today=TODAY).inserted == len(keys)
    assert paths[0].startswith("direct")
    r = SurveyResponse
    with engine.connect() as conn:
        stored = conn.execute(
            select(r.response_key, r.customer_key, r.nps, r.csat, r.ces, r.comment)  # type: ignore[call-overload]
            .where(r.response_key.startswith("P"))  # type: ignore[attr-defined]
            .order_by(r.id)
        ).all()
    expected = [(f"P{i}", f"C{i % 9}", i % 11, None if i % 4 else 1 + i % 5, None if i % 5 else 1 + i % 7,
                 None if i % 6 else "said so") for i in keys]  # fmt: skip
    assert [tuple(row) for row in stored] == expected


def test_stored_keys_send_the_file_through_the_staging_table(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    load_base(engine)
    ingest.import_file(engine, "responses", _file(range(0, 1_000, 2)), today=TODAY)
    paths = record_paths(monkeypatch)
    skipped = ingest.import_file(engine, "responses", _file(range(1_000)), today=TODAY)
    assert (skipped.inserted, skipped.skipped) == (500, 500) and paths[0].startswith("staged")
    assert _rollups(engine) == _recomputed(engine)
    updated = ingest.import_file(engine, "responses", _file(range(1_200), nps=10), mode="update", today=TODAY)
    assert (updated.inserted, updated.updated, updated.skipped) == (200, 1_000 - 1_000 // 11, 1_000 // 11)
    assert _rollups(engine) == _recomputed(engine)


def test_a_key_repeated_late_in_the_file_loads_nothing(engine: Engine) -> None:
    load_base(engine)
    before = snapshot(engine)
    data = _file(range(2_000)) + b"P5,C1,NORTH,WEB,web,2026-10-01,9,,,\n"
    report = ingest.import_file(engine, "responses", data, today=TODAY)
    assert [(p.line, p.value) for p in report.problems] == [(2_002, "P5")]
    assert snapshot(engine) == before


@pytest.mark.parametrize("backend", ["postgresql"])
def test_without_the_right_to_skip_checks_the_database_checks_every_row(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A role that may not set session_replication_role loads the same rows, the database checking each one."""
    load_base(engine)
    real = bulk.Stage._run

    def refuse(self: Stage, sql: str, params: tuple[Any, ...] | None = None) -> Any:
        if "session_replication_role = replica" in sql:
            raise psycopg.errors.InsufficientPrivilege("permission denied to set parameter")
        return real(self, sql, params)

    monkeypatch.setattr(bulk.Stage, "_run", refuse)
    paths = record_paths(monkeypatch)
    direct = ingest.import_file(engine, "responses", _file(range(1_000)), today=TODAY)
    staged = ingest.import_file(engine, "responses", _file(range(1_500)), today=TODAY)
    assert (direct.inserted, staged.inserted, staged.skipped) == (1_000, 500, 1_000)
    assert paths == ["direct, references checked per row", "staged, references checked per row"]
    assert _rollups(engine) == _recomputed(engine)
    with engine.connect() as conn:
        role = conn.exec_driver_sql("SHOW session_replication_role").scalar()
        assert role == "origin"


@pytest.mark.parametrize("backend", ["postgresql"])
def test_foreign_key_checks_are_back_on_for_the_rest_of_the_transaction(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the responses' own load skips the per-row checks: the rollups and the import history are checked."""
    load_base(engine)
    roles: list[str] = []
    real = rollups.add_counts

    def add_counts(session: Session, counts: rollups.Counts) -> None:
        roles.append(session.connection().exec_driver_sql("SHOW session_replication_role").scalar_one())
        real(session, counts)

    monkeypatch.setattr(rollups, "add_counts", add_counts)
    assert ingest.import_file(engine, "responses", _file(range(100)), today=TODAY).inserted == 100
    assert ingest.import_file(engine, "responses", _file(range(200)), today=TODAY).inserted == 100
    assert roles == ["origin", "origin"]


def test_an_import_that_dies_gives_sqlite_its_usual_page_cache_back() -> None:
    """The enlarged page cache belongs to the import, even one stopped midway (the pooled connection lives on)."""
    engine = db.make_engine("sqlite://")
    with engine.connect() as conn:
        usual = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    load_base(engine)

    def stop(_fraction: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest.import_file(engine, "responses", _file(range(30_000)), today=TODAY, progress=stop)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == usual
    engine.dispose()


# Cells a CSV export neutralised (an apostrophe before =, +, - or @) and apostrophes a person typed.
APOSTROPHES = ["'=1+1", "'great'", "'-5 stars", "'@team", "''=x", "it's fine", "'+", " '=SUM(A1) "]
RESTORED = ["=1+1", "'great'", "-5 stars", "@team", "''=x", "it's fine", "+", "=SUM(A1)"]


def _apostrophes() -> bytes:
    rows = "".join(f"K{i},{text},NORTH,WEB,web,2026-10-0{1 + i},9,,,{text}\n" for i, text in enumerate(APOSTROPHES))
    return (RESPONSE_HEADER + rows).encode()


def _texts(engine: Engine) -> list[tuple[Any, ...]]:
    r = SurveyResponse
    with engine.connect() as conn:
        key = col(r.response_key)
        rows = conn.execute(select(key, col(r.customer_key), col(r.comment)).where(key.startswith("K")))
        return sorted(tuple(row) for row in rows)


def test_a_cell_starting_with_an_apostrophe_is_stored_alike_by_the_direct_and_the_exact_path(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the apostrophe a CSV export puts before a formula is dropped, whichever way the file goes in."""
    load_base(engine)
    paths = record_paths(monkeypatch)
    assert ingest.import_file(engine, "responses", _apostrophes(), today=TODAY).ok
    assert paths[0].startswith("direct")
    direct = _texts(engine)
    db.truncate_all(engine)
    load_base(engine)
    paths.clear()

    def declined(*_args: Any, **_kwargs: Any) -> Any:
        raise arrowcsv.Declined

    monkeypatch.setattr(arrowcsv, "read_tables", declined)  # the exact path: columns, staged and merged
    assert ingest.import_file(engine, "responses", _apostrophes(), today=TODAY).ok
    assert paths[0].startswith("staged")
    exact = _texts(engine)
    assert direct == exact
    assert exact == [(f"K{i}", text, text) for i, text in enumerate(RESTORED)]
