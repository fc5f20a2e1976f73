"""Reading a responses file at C speed when every row of it is valid: pyarrow parses it, each column is checked whole.

The exact reader (``columns``, row by row where a batch breaks a rule) stays the judge. This one only vouches for a
file it reads exactly as that one would, every cell valid; on anything else (a cell that breaks a rule, a record that
is not plain CSV, a header it does not take as is) it raises ``Declined`` and the import reads the file again the
exact way, so every problem is reported in the same words, on the same lines. Codes, scores and days are checked once
per distinct value with the exact reader's own validators; free text by its longest value, its empty cells, a NUL,
and whitespace around it (stripped as ``str.strip`` does).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from cxdash.export import FORMULA_STARTS
from cxdash.ingest import parse, quotes
from cxdash.ingest.cells import converter
from cxdash.ingest.formats import Column, CsvFormat
from cxdash.ingest.report import ImportReport
from cxdash.ingest.rules import Lookups

# Pieces of a 32nd of the file, between 32 KiB and 1 MiB: memory stays flat in the file's size, a small file
# still reports its progress several times, and a big one pays the per-piece calls about once per 14,000 rows.
MIN_BLOCK, MAX_BLOCK = 1 << 15, 1 << 20
# The characters str.strip() removes (str.isspace()), as RE2 code points; a test compares them with Python's.
SPACE_CODES = (*range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029,
               0x202F, 0x205F, 0x3000)  # fmt: skip
_SPACE = "".join(f"\\x{{{code:x}}}" for code in SPACE_CODES)
_EDGE_SPACE = f"^[{_SPACE}]|[{_SPACE}]$"
# A cell cxdash's CSV export neutralised (``export.restore``): an apostrophe before a formula's first character.
_NEUTRALISED = "^'[" + "".join(f"\\x{{{ord(c):x}}}" for c in FORMULA_STARTS) + "]"
_TYPES = {"int": pa.int64(), "float": pa.float64()}  # other columns go to the database as text (days as ISO text)
# Quoting is checked on the raw bytes as they are cut into pieces of whole records for pyarrow (``quotes``).
_CONTENT = re.compile(rb"[^\r\n]")  # a piece of blank lines alone is no records
LONGEST_FIELD = 1 << 16  # past this a field breaks every length limit anyway
# A file quoting most of its cells is left to the exact reader (the limit dates from a scan in Python per field).
BYTES_PER_QUOTED_FIELD = 64


class Declined(Exception):
    """The file is not one this reader can vouch for; the exact reader must read it."""


def _header(raw: IO[bytes], fmt: CsvFormat) -> list[str]:
    """The header's column names, when its first line is plain (no quotes) and the exact reader would accept it."""
    try:
        line = raw.readline().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Declined from None
    line = line.removesuffix("\n").removesuffix("\r")
    if not line.strip() or '"' in line or "\r" in line:
        raise Declined
    names = [h.strip().lower() for h in line.split(",")]
    if not parse.header_ok(names, fmt, ImportReport(fmt.kind, "")):
        raise Declined
    return names


def _pieces(raw: IO[bytes], block: int) -> Iterator[memoryview]:
    """The rest of the file in pieces of whole records, about ``block`` bytes each; ``Declined`` at a quote the exact
    reader would refuse (or when so many fields are quoted that checking them one by one costs too much)."""
    carry, before = b"", b"\n"
    while True:
        read = raw.read(block)
        data, last = carry + read if carry else read, not read
        del read  # the piece alone is held while pyarrow reads it
        try:
            cut = quotes.cut(data, before, last, block // BYTES_PER_QUOTED_FIELD)
        except quotes.BadQuoting:
            raise Declined from None
        if last:
            if _CONTENT.search(data):
                yield memoryview(data)
            return
        if not cut and len(data) > LONGEST_FIELD:
            raise Declined
        if cut and _CONTENT.search(data, 0, cut):
            yield memoryview(data)[:cut]
        carry, before = data[cut:], data[cut - 1 : cut] or before
        del data


class CheckedColumn:
    """One column of the file: its cells in, its checked values out (``Declined`` when some cell breaks a rule)."""

    def __init__(self, column: Column, lk: Lookups, today: date) -> None:
        self.column = column
        self.free = column.type == "text" and column.ref is None and not column.allowed
        self.validate = converter(column, lk, today)
        self.ids = lk.table(column.ref)[0] if column.ref else None
        self.type = pa.int64() if self.ids is not None else _TYPES.get(column.type, pa.string())

    def __call__(self, cells: pa.Array) -> pa.Array:
        return self._free(cells) if self.free else self._distinct(cells)

    def _distinct(self, cells: pa.Array) -> pa.Array:
        """Each distinct cell checked once, the column mapped onto the checked values."""
        distinct = pc.unique(cells)
        return pc.take(self.values(distinct.to_pylist()), pc.index_in(cells, value_set=distinct))

    def values(self, texts: list[str]) -> pa.Array:
        """The checked values of ``texts`` (ids for codes, days as ISO text), in their order; only for a column
        that is not free text."""
        values: list[Any] = []
        for text in texts:
            try:
                value = self.validate(text.strip())
            except ValueError:
                raise Declined from None
            if self.ids is not None and value is not None:
                value = self.ids[value]
            elif isinstance(value, date):
                value = value.isoformat()
            values.append(value)
        return pa.array(values, self.type)

    def _free(self, cells: pa.Array) -> pa.Array:
        """Free text: stripped and restored as the exact reader's ``cells._free_text`` leaves it, no longer than its
        limit, without NUL, empty only where the column is optional."""
        cells = restored(stripped(cells))
        lengths = pc.utf8_length(cells)
        if pc.max(lengths).as_py() > (self.column.max_length or 1 << 30):
            raise Declined
        if pc.any(pc.match_substring(cells, "\x00")).as_py():
            raise Declined
        empty = pc.equal(lengths, 0)
        if pc.any(empty).as_py():
            if self.column.required:
                raise Declined
            cells = pc.if_else(empty, pa.scalar(None, pa.string()), cells)
        return cells


def stripped(cells: pa.Array) -> pa.Array:
    """Text cells as ``str.strip`` leaves them (in Python only when some cell has space at an edge)."""
    if pc.any(pc.match_substring_regex(cells, _EDGE_SPACE)).as_py():
        return pa.array([text.strip() for text in cells.to_pylist()], pa.string())
    return cells


def restored(cells: pa.Array) -> pa.Array:
    """Text cells as ``export.restore`` leaves them: the apostrophe a CSV export put before a formula dropped."""
    neutralised = pc.match_substring_regex(cells, _NEUTRALISED)
    if pc.any(neutralised).as_py():
        return pc.if_else(neutralised, pc.utf8_slice_codeunits(cells, 1), cells)
    return cells


def record_tables(raw: IO[bytes], width: int, size: int) -> Iterator[pa.Table]:
    """The rest of the file, from the start of a record, as tables of ``width`` text columns (``c0`` …), a piece
    at a time; raises ``Declined`` at a record the exact reader would read otherwise (quoting, width, encoding)."""
    positions = [f"c{i}" for i in range(width)]
    options = {
        "read_options": pa_csv.ReadOptions(column_names=positions, use_threads=False),
        "parse_options": pa_csv.ParseOptions(newlines_in_values=True),
        "convert_options": pa_csv.ConvertOptions(
            column_types=dict.fromkeys(positions, pa.binary()), strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    }  # fmt: skip
    for piece in _pieces(raw, min(max(size // 32, MIN_BLOCK), MAX_BLOCK)):
        try:
            _check_utf8(piece)
            batch = pa_csv.read_csv(pa.py_buffer(piece), **options)
        except pa.ArrowInvalid:
            raise Declined from None
        finally:
            del piece
        if batch.num_rows:
            yield pa.table([column.combine_chunks().view(pa.string()) for column in batch.columns], names=positions)


def _check_utf8(piece: memoryview) -> None:
    """``Declined`` unless the piece is UTF-8 as the exact reader decodes it. Its cells are then text too (a piece
    is cut between records, and a cell between ASCII bytes), so pyarrow reads them as bytes and does not check
    them again: 0.24 s a million rows of a survey export's 23 columns, where the check costs 0.01 s (ASCII) to
    0.1 s."""
    if np.frombuffer(piece, dtype=np.uint8).max(initial=0) < 0x80:
        return
    try:
        codecs.utf_8_decode(piece, "strict", True)
    except UnicodeDecodeError:
        raise Declined from None


def read_tables(
    raw: IO[bytes],
    fmt: CsvFormat,
    lk: Lookups,
    today: date,
    report: ImportReport,
    names: tuple[str, ...],
    tick: Callable[[], None] | None = None,
    size: int = 0,
) -> Iterator[pa.Table]:
    """The file's rows as tables of ``names`` (survey_response's columns, ids for codes, ``month`` from the day),
    counted in ``report.rows_read``; raises ``Declined`` unless every row is valid."""
    header = _header(raw, fmt)
    by_name = {c.name: c for c in fmt.columns}
    checks = [CheckedColumn(by_name[name], lk, today) for name in header]
    absent = {c.name: CheckedColumn(c, lk, today).type for c in fmt.columns if c.name not in header}
    for batch in record_tables(raw, len(header), size):
        checked = {
            name: check(batch.column(i).chunk(0)) for i, (name, check) in enumerate(zip(header, checks, strict=True))
        }
        for name, kind in absent.items():
            checked[name] = pa.nulls(batch.num_rows, kind)
        yield response_table(checked, names)
        count_rows(report, batch.num_rows, tick)
    if report.rows_read == 0:
        raise Declined


def count_rows(report: ImportReport, rows: int, tick: Callable[[], None] | None) -> None:
    """Count the rows; progress is reported as often as the exact reader does (every ``TICK_ROWS`` rows)."""
    before, report.rows_read = report.rows_read, report.rows_read + rows
    if tick is not None:
        for _ in range(report.rows_read // parse.TICK_ROWS - before // parse.TICK_ROWS):
            tick()


def response_table(checked: dict[str, pa.Array], names: tuple[str, ...]) -> pa.Table:
    days = checked["responded_on"]
    columns = {**checked, "region_id": checked["region"], "touchpoint_id": checked["touchpoint"], "responded_on": days,
               "month": pc.utf8_replace_slice(days, start=8, stop=10, replacement="01")}  # fmt: skip
    return pa.table([columns[name] for name in names], names=list(names))
