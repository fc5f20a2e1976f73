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
_NAMES = [f"{column}_{how}" for column, how in _SUMS]
# Cells held apart before they are summed into one table. A file in random order (a survey export) touches most
# cells in every table: adding each table's sums in Python cost 1.3 s per million rows (450,000 cells), summing
# the tables' sums in pyarrow every so often costs a few calls.
MERGE_CELLS = 1 << 16


class Tally:
    """Sums per (month, region, touchpoint) of every table passed through ``counting``, as ``rollups`` sums them."""

    def __init__(self) -> None:
        self._parts: list[pa.Table] = []
        self._cells = 0

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
        # A sum over no values (all empty) is null; the rollups count it as 0.
        self._parts.append(pa.table({**{n: grouped[n] for n in CELL}, **{n: grouped[n].fill_null(0) for n in _NAMES}}))
        self._cells += grouped.num_rows
        if self._cells > MERGE_CELLS:
            self._parts = [self._merged()]
            self._cells = self._parts[0].num_rows

    def _merged(self) -> pa.Table:
        """Every part's sums added up per cell, as one table."""
        summed = pa.concat_tables(self._parts).group_by(list(CELL)).aggregate([(n, "sum") for n in _NAMES])
        return pa.table({**{n: summed[n] for n in CELL}, **{n: summed[f"{n}_sum"] for n in _NAMES}})

    def counts(self) -> Counts:
        """The sums per cell, the month as a date."""
        if not self._parts:
            return {}
        merged = self._merged()
        cells = zip(*(merged[name].to_pylist() for name in CELL), strict=True)
        sums = zip(*(merged[name].to_pylist() for name in _NAMES), strict=True)
        return {
            (date.fromisoformat(month), region, touchpoint): list(values)
            for (month, region, touchpoint), values in zip(cells, sums, strict=True)
        }
