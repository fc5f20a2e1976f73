"""The direct load's rollup sums: the same whether the tables' sums are added up at once or every few tables, and
equal to a recomputation from the stored rows."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest
from sqlalchemy.engine import Engine

from cxdash import ingest
from cxdash.ingest import tally
from cxdash.ingest.tally import Tally
from tests.ingest.helpers import TODAY, load_base, record_paths
from tests.ingest.test_load_paths import _file, _recomputed, _rollups


def _table(rows: range, *, empty: bool = False) -> pa.Table:
    """Checked rows spread over many cells; ``empty``: no csat and no ces at all (their sums are null)."""
    return pa.table({
        "month": pa.array([f"2026-{1 + i % 7:02d}-01" for i in rows]),
        "region_id": pa.array([i % 3 for i in rows], pa.int64()),
        "touchpoint_id": pa.array([i % 5 for i in rows], pa.int64()),
        "nps": pa.array([i % 11 for i in rows], pa.int64()),
        "csat": pa.array([None if empty or i % 4 == 0 else 1 + i % 5 for i in rows], pa.int64()),
        "ces": pa.array([None if empty or i % 3 == 0 else 1 + i % 7 for i in rows], pa.int64()),
    })  # fmt: skip


def _by_hand(tables: list[pa.Table]) -> dict[tuple[date, int, int], list[int]]:
    cells: dict[tuple[date, int, int], list[int]] = {}
    for table in tables:
        for row in table.to_pylist():
            n, c, e = row["nps"], row["csat"], row["ces"]
            cell = cells.setdefault((date.fromisoformat(row["month"]), row["region_id"], row["touchpoint_id"]), [0] * 9)
            for i, add in enumerate((1, n >= 9, 7 <= n <= 8, n <= 6, c is not None, (c or 0) >= 4, e is not None,
                                     e or 0, (e or 0) ** 2)):  # fmt: skip
                cell[i] += int(add)
    return cells


@pytest.mark.parametrize("merge_cells", [1, 50, tally.MERGE_CELLS])
def test_the_sums_do_not_depend_on_how_often_the_tables_are_added_up(
    merge_cells: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tally, "MERGE_CELLS", merge_cells)
    tables = [_table(range(start, start + 500)) for start in range(0, 5_000, 500)]
    tables.insert(3, _table(range(100), empty=True))
    counted = Tally()
    assert list(counted.counting(tables)) == tables
    counts = counted.counts()
    assert counts == _by_hand(tables)
    assert all(type(value) is int for sums in counts.values() for value in sums)


def test_no_tables_no_sums() -> None:
    assert Tally().counts() == {}


def test_a_direct_load_adding_up_its_sums_every_table_keeps_the_rollups_right(
    engine: Engine, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tally, "MERGE_CELLS", 1)
    load_base(engine)
    paths = record_paths(monkeypatch)
    assert ingest.import_file(engine, "responses", _file(range(6_000)), today=TODAY).inserted == 6_000
    assert ingest.import_file(engine, "responses", _file(range(6_000, 9_000)), today=TODAY).inserted == 3_000
    assert all(path.startswith("direct") for path in paths) and len(paths) == 2
    assert _rollups(engine) == _recomputed(engine)
