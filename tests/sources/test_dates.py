"""Timestamps in a profile's format, read whole by pyarrow, give Python's days; a cell Python cannot read is never
read past: the export then goes the exact way, whose report is unchanged."""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdash.ingest.arrowcsv import Declined
from cxdash.sources import dates
from cxdash.sources.mapping import DateReader

MONKEY = "%m/%d/%Y %I:%M:%S %p"
FORMATS = [MONKEY, "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%m/%d", "%Y%m%d", "%d/%m/%y %H:%M"]


def _reference(texts: list[str], fmt: str) -> list[str] | None:
    """Python's days of the cells (DateReader, the exact way's reader), or None when one is no date to it."""
    reader = DateReader(fmt)
    try:
        return [reader(t) for t in texts]
    except ValueError:
        return None


def _fast(texts: list[str], fmt: str) -> tuple[list[str] | None, int]:
    """The days the direct path gives (pyarrow where proven, else Python per distinct cell) and how many cells Python
    read; None where the direct path declines."""
    reader, asked = DateReader(fmt), [0]

    def python(cells: list[str]) -> list[str]:
        asked[0] += len(cells)
        try:
            return [reader(t) for t in cells]
        except ValueError:
            raise Declined from None

    timestamps, out = dates.Timestamps(fmt), list[str]()
    try:
        for piece in (texts[: len(texts) // 2], texts[len(texts) // 2 :]):  # two pieces of one export
            read = timestamps.days(pa.array(piece, pa.string()), python)
            out += python(piece) if read is None else read.to_pylist()
    except Declined:
        return None, asked[0]
    return out, asked[0]


def test_only_formats_of_numbers_and_am_pm_are_read_whole() -> None:
    assert dates.readable(MONKEY) and dates.readable("%d.%m.%Y %H:%M") and dates.readable("%Y%%%m")
    assert not dates.readable("%d/%m/%y") and not dates.readable("%d %b %Y") and not dates.readable("%Y-%m-%")
    assert not dates.readable("2026-10-01")


@pytest.mark.parametrize(
    "texts",
    [
        ["10/01/2026 08:59:01 AM", "10/02/2026 01:15:40 PM", "10/03/2026 11:45:00 PM"],
        ["1/2/2026 1:15:40 PM", "10/01/2026 08:59:01 am", "10/01/2026  08:59:01 AM", "", "12/31/2026 12:00:00 AM"],
        ["10/01/2026 08:59:01 AM", "02/29/2026 08:00:00 AM"],  # pyarrow reads Mar 1; Python: no such day
        ["10/01/2026 08:59:01 AM", "10/01/2026 08:59:60 AM"],  # pyarrow: 09:00:00; Python: no such second
        ["10/01/2026 08:59:01 AM", "10/01/2026 13:59:01 AM"],
        ["10/01/2026 08:59:01 AM", "10/01/0000 08:59:01 AM"],  # canonical to pyarrow, year 0 to Python
        ["10/01/2026 08:59:01 AM", "10/01/12026 08:59:01 AM", "10/01/0999 08:59:01 AM"],
    ],
)
def test_a_column_is_read_as_python_reads_it_or_declined(texts: list[str]) -> None:
    assert _fast(texts, MONKEY)[0] == _reference(texts, MONKEY)


def test_canonical_timestamps_cost_python_a_cell_per_day_not_per_row() -> None:
    texts = [f"10/{1 + i % 3:02d}/2026 {1 + i % 12:02d}:{i % 60:02d}:{i // 60 % 60:02d} AM" for i in range(3_000)]
    assert len(set(texts)) == 3_000
    days, asked = _fast(texts, MONKEY)
    assert days == _reference(texts, MONKEY) and asked <= 4  # a day is confirmed once, not once per piece


CELL = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    st.text(alphabet="0123456789/:. -APMapm", max_size=24),
)


@settings(max_examples=400, deadline=None)
@given(
    fmt=st.sampled_from(FORMATS),
    cells=st.lists(CELL, min_size=1, max_size=8),
    unpadded=st.booleans(),
)
def test_random_columns_are_read_as_python_reads_them_or_declined(
    fmt: str, cells: list[datetime | str], unpadded: bool
) -> None:
    texts = [c.strftime(fmt) if isinstance(c, datetime) else c for c in cells]
    if unpadded:
        texts = [t.replace("/0", "/").replace(" 0", " ") for t in texts]
    assert _fast(texts, fmt)[0] == _reference(texts, fmt)
