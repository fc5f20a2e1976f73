"""Rows in PostgreSQL's binary COPY format: what the server stores from them is what the table held."""

from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa
import pytest
from sqlalchemy.engine import Engine

from cxdash.ingest import pgcopy

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
