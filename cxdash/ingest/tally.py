"""Rollup sums of checked rows on their way into the database, a table at a time (pyarrow's group-by)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from cxdash.ingest.rollups import CELL, Counts

_INT = pa.int64()
# The rollup's sums (rollups.TARGETS after the cell) as pyarrow aggregations over the derived columns below.
_SUMS = [("nps", "count"), ("promoters", "sum"), ("passives", "sum"), ("detractors", "sum"), ("csat", "count"),
         ("csat_top2", "sum"), ("ces", "count"), ("ces", "sum"), ("ces_sq", "sum")]  # fmt: skip


class Tally:
    """Sums per (month, region, touchpoint) of every table passed through ``counting``, as ``rollups`` sums them."""

    def __init__(self) -> None:
        self._cells: dict[tuple[str, int, int], list[int]] = {}

    def counting(self, tables: Iterable[pa.Table]) -> Iterator[pa.Table]:
        for table in tables:
            self._add(table)
            yield table

    def _add(self, table: pa.Table) -> None:
        nps, csat, ces = table["nps"], table["csat"], table["ces"]
        derived = pa.table(
            {
                **{name: table[name] for name in CELL},
                "nps": nps,
                "promoters": pc.greater_equal(nps, 9).cast(_INT),
                "passives": pc.and_(pc.greater_equal(nps, 7), pc.less_equal(nps, 8)).cast(_INT),
                "detractors": pc.less_equal(nps, 6).cast(_INT),
                "csat": csat,
                "csat_top2": pc.greater_equal(csat, 4).cast(_INT),
                "ces": ces,
                "ces_sq": pc.multiply(ces, ces),
            }
        )
        grouped = derived.group_by(list(CELL)).aggregate(_SUMS)
        names = [f"{column}_{how}" for column, how in _SUMS]
        cells = zip(*(grouped[name].to_pylist() for name in CELL), strict=True)
        sums = zip(*(grouped[name].to_pylist() for name in names), strict=True)
        for cell, values in zip(cells, sums, strict=True):
            stored = self._cells.setdefault(cell, [0] * len(_SUMS))
            for i, value in enumerate(values):
                stored[i] += value or 0  # a sum over no values (all empty) is null

    def counts(self) -> Counts:
        """The sums per cell, the month as a date."""
        return {
            (date.fromisoformat(month), region, touchpoint): sums
            for (month, region, touchpoint), sums in self._cells.items()
        }
