"""Rows in PostgreSQL's binary COPY format: what the server stores from them is what the table held."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Any

import pyarrow as pa
import pytest
from sqlalchemy.engine import Engine

from cxdash import ingest
from cxdash.ingest import pgcopy
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, record_paths, snapshot

COLUMNS = "key text, n integer, day date, note varchar(8)"
TABLE = pa.table(
    {
        "key": pa.array(["a", "é€😀", "", None], pa.string()),
        "n": pa.array([0, -7, 2_147_483_647, None], pa.int64()),
        "day": pa.array(["2000-01-01", "1999-12-31", "2026-02-28", "0001-01-01"], pa.string()),
        "note": pa.array([None, 'x,"y"\n', "\\N", "tab\there"], pa.string()),
    }
)
STORED = [
    ("a", 0, date(2000, 1, 1), None),
    ("é€😀", -7, date(1999, 12, 31), 'x,"y"\n'),
    ("", 2_147_483_647, date(2026, 2, 28), "\\N"),
    (None, None, date(1, 1, 1), "tab\there"),
]


def _file(keys: range) -> bytes:
    rows = "".join(f"P{i},C{i % 9},NORTH,WEB,web,2026-{1 + i % 10:02d}-03,{i % 11},,,\n" for i in keys)
    return (RESPONSE_HEADER + rows).encode()


def _copied(engine: Engine, *tables: pa.Table) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        cursor.execute(f"CREATE TEMP TABLE copied ({COLUMNS})")
        with cursor.copy("COPY copied FROM STDIN (FORMAT binary)") as copy:
            copy.write(pgcopy.SIGNATURE)
            for table in tables:
                copy.write(memoryview(pgcopy.rows(table, days=("day",))))
            copy.write(pgcopy.TRAILER)
        cursor.execute("SELECT * FROM copied")
        return [tuple(row) for row in cursor.fetchall()]


@pytest.mark.parametrize("backend", ["postgresql"])
def test_binary_rows_store_every_value_null_and_empty_text_apart(engine: Engine) -> None:
    assert _copied(engine, TABLE) == STORED


@pytest.mark.parametrize("backend", ["postgresql"])
def test_slices_of_a_table_store_their_own_rows_in_order(engine: Engine) -> None:
    """pyarrow's slices share their parent's buffers: each piece must carry its own rows only."""
    assert _copied(engine, TABLE.slice(2), TABLE.slice(0, 2)) == STORED[2:] + STORED[:2]


@pytest.mark.parametrize("backend", ["postgresql"])
def test_text_too_long_for_its_column_is_refused_by_the_server(engine: Engine) -> None:
    import psycopg

    long = TABLE.set_column(3, "note", pa.array(["123456789"] * 4, pa.string()))
    with pytest.raises(psycopg.errors.StringDataRightTruncation):
        _copied(engine, long)


def test_an_integer_past_int4_is_refused_before_it_could_wrap() -> None:
    for value in (2_147_483_648, -2_147_483_649):
        big = TABLE.set_column(1, "n", pa.array([value, 1, 2, 3], pa.int64()))
        with pytest.raises(OverflowError):
            pgcopy.rows(big, days=("day",))


def test_a_column_of_another_type_is_refused() -> None:
    with pytest.raises(TypeError):
        pgcopy.rows(pa.table({"x": pa.array([1.5])}))


def test_every_row_starts_with_its_field_count_and_an_all_null_column_is_nulls() -> None:
    table = pa.table({"n": pa.array([None, None], pa.int64()), "t": pa.array([None, "ab"], pa.string())})
    assert pgcopy.rows(table).to_pybytes() == (
        b"\x00\x02" + b"\xff\xff\xff\xff" * 2 + b"\x00\x02" + b"\xff\xff\xff\xff" + b"\x00\x00\x00\x02ab"
    )


def _ids(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return [int(i) for i in conn.exec_driver_sql("SELECT id FROM survey_response ORDER BY id").scalars()]


def _draw_ids(engine: Engine, count: int) -> None:
    """Ids drawn and never stored, as by a load that failed."""
    with engine.begin() as conn:
        for _ in range(count):
            conn.exec_driver_sql("SELECT nextval(pg_get_serial_sequence('survey_response', 'id'))")


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_direct_load_numbers_its_rows_after_every_id_drawn_and_moves_the_sequence_past_them(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_base(engine)
    _draw_ids(engine, 5)  # the sequence is ahead of the highest id stored
    paths = record_paths(monkeypatch)
    first = ingest.import_file(engine, "responses", _file(range(40_000)), today=TODAY)
    assert first.inserted == 40_000 and paths[-1].startswith("direct")
    assert _ids(engine) == [1, 2, *range(8, 40_008)]
    assert first.new_ids == (2, 40_007)
    # Rows the database numbers itself (the staged path, drawing an id for every row it tries) come after them.
    staged = ingest.import_file(engine, "responses", _file(range(39_990, 40_010)), today=TODAY)
    assert (staged.inserted, staged.skipped) == (10, 10) and paths[-1].startswith("staged")
    ids = _ids(engine)
    assert len(ids) == 40_012 and ids[-11] == 40_007 and min(ids[-10:]) > 40_007


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_refused_direct_load_leaves_the_ids_to_the_staged_path(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key repeated late: the numbered rows are rolled back, the staging table reports the line, and a later
    file is numbered after every id drawn."""
    load_base(engine)
    before = snapshot(engine)
    report = ingest.import_file(engine, "responses", _file(range(30_000)) + b"P5,C1,NORTH,WEB,web,2026-10-01,9,,,\n",
                                today=TODAY)  # fmt: skip
    assert [p.line for p in report.problems] == [30_002] and snapshot(engine) == before
    paths = record_paths(monkeypatch)
    assert ingest.import_file(engine, "responses", _file(range(100)), today=TODAY).inserted == 100
    ids = _ids(engine)
    assert paths == ["direct, references proven once"] and len(ids) == 102 and ids[2] > 2
    assert ids[2:] == list(range(ids[2], ids[2] + 100))


def test_the_command_line_starts_without_pandas() -> None:
    """pyarrow imports pandas the first time it looks for it (pa.scalar, pa.array): a module-level pyarrow value
    would cost every command 0.19 s of start-up."""
    code = "import sys, cxdash.__main__; sys.exit('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
