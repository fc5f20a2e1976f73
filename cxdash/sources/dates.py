"""The days of a column of timestamps in a profile's strftime format, read whole by pyarrow where that is proven to
read them as Python's ``datetime.strptime`` (``DateReader``) does.

Timestamps rarely repeat, so converting each distinct text once in Python (``DateReader``) costs a Python call per
row, and past its memo's size the direct export path declines the file. pyarrow parses the whole column instead, and
a cell's day is taken from pyarrow only when that reading is proven to be Python's:

- the cell is *canonical*: pyarrow's timestamp written back in the format is the cell, character for character, so
  each field has its fixed width and a value in range (pyarrow's leniencies, such as Feb 29 of a common year read
  as Mar 1, a second of 60 or an unpadded hour, never are);
- the format holds only numeric fields and AM/PM (``NUMERIC_FIELDS``), so Python's day is the cell's year, month and day
  digits, at the same places in every canonical cell;
- Python reads one cell of each layout (the cell with its digits as 0) and one cell of each day, and gives that day.

Any other cell (not canonical) is converted once per distinct text by the caller's Python converter, which raises
``Declined`` at a cell it cannot read: the import then reads the export the exact way, which reports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

# strftime fields whose canonical text Python reads back as written: numbers of fixed width and AM/PM.
NUMERIC_FIELDS = frozenset("YmdHIMSp%")
_FIELD = re.compile(r"%(.?)")


def readable(fmt: str) -> bool:
    """Whether ``fmt`` has fields and every one of them is in ``NUMERIC_FIELDS``."""
    found = _FIELD.findall(fmt)
    return bool(found) and all(code and code in NUMERIC_FIELDS for code in found)


class Timestamps:
    """One export's column of timestamps in ``fmt``, piece by piece; the layouts and days Python has confirmed are
    remembered, so each is asked once per export (a few hundred days), not once per piece."""

    def __init__(self, fmt: str) -> None:
        self.fmt, self.confirmed = fmt, set[str]()

    def days(self, column: pa.Array, python: Callable[[list[str]], list[str]]) -> pa.Array | None:
        """ISO days of ``column`` (stripped text), as ``python`` (texts to their days, raising at one it cannot
        read) gives them; None when pyarrow's reading is not proven Python's (convert it all in Python)."""
        fmt = self.fmt
        if not readable(fmt):
            return None
        parsed = pc.strptime(column, format=fmt, unit="s", error_is_null=True)
        canonical = pc.fill_null(pc.equal(pc.strftime(parsed, format=fmt), column), False)
        read = pc.cast(pc.cast(parsed, pa.date32()), pa.string())
        if not self._proven(column.filter(canonical), read.filter(canonical), python):
            return None
        rest = pc.unique(column.filter(pc.invert(canonical)))
        if len(rest) == 0:
            return read
        converted = pa.array(python(rest.to_pylist()), pa.string())
        return pc.if_else(canonical, read, pc.take(converted, pc.index_in(column, value_set=rest)))

    def _proven(self, cells: pa.Array, read: pa.Array, python: Callable[[list[str]], list[str]]) -> bool:
        """Whether Python reads the first cell of each layout and of each day not confirmed yet as pyarrow read it."""
        layouts = pc.replace_substring_regex(cells, "[0-9]", "0")
        firsts = [self._firsts(layouts, "layout "), self._firsts(read, "day ")]
        picked = pc.unique(pa.concat_arrays(firsts))
        if len(picked) == 0:
            return True
        if python(pc.take(cells, picked).to_pylist()) != pc.take(read, picked).to_pylist():
            return False
        self.confirmed.update(f"layout {v}" for v in pc.take(layouts, picked).to_pylist())
        self.confirmed.update(f"day {v}" for v in pc.take(read, picked).to_pylist())
        return True

    def _firsts(self, values: pa.Array, kind: str) -> pa.Array:
        """Where each value not confirmed yet first appears in ``values``."""
        new = [v for v in pc.unique(values).to_pylist() if kind + v not in self.confirmed]
        return pc.index_in(pa.array(new, pa.string()), value_set=values).cast(pa.int32())
