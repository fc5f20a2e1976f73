"""Reading a big CSV file a column at a time: the same checks and the same problem report as ``parse``, at a
fraction of the Python work per row.

A batch of rows is turned into columns and each column is checked with whole-column operations: a code,
number or date column is checked once per distinct value (a million responses hold a few hundred days and
eleven scores), a free-text column by its longest value, its empty cells and a search for NUL. Only when a
batch breaks a rule does the row-by-row reader of ``parse`` run over that batch, so every problem is
reported in the same words, on the same lines, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from cxdash.export import restore
from cxdash.ingest import parse
from cxdash.ingest.cells import MEMO_LIMIT, converter
from cxdash.ingest.formats import Column, CsvFormat
from cxdash.ingest.report import ImportReport, Problem
from cxdash.ingest.rules import Lookups

# Rows per batch: enough that whole-column calls cost little per row (a few calls per column and batch), few
# enough that a batch's cells stay tens of kilobytes: the import's Python memory stays flat in the file's size.
BATCH_ROWS = 64


@dataclass
class Batch:
    """Valid rows of the file as columns: ``lines`` holds each row's first line, ``values`` each column."""

    lines: list[int]
    values: dict[str, list[Any]]


# Rows that another reader has already split into cells (a survey export mapped through a source profile): the
# line each row starts on in that reader's file, and the cells of each column in the format's header order.
TextBatch = tuple[list[int], Sequence[Sequence[str]]]


class _ColumnCheck:
    """Checks one column of a batch at once; ``None`` from ``__call__`` means some cell breaks a rule."""

    def __init__(self, column: Column, lk: Lookups, today: date) -> None:
        self.free = column.type == "text" and column.ref is None and not column.allowed
        self.required, self.limit = column.required, column.max_length or 1 << 30
        self.validate = converter(column, lk, today)
        self.known: dict[str, Any] = {}  # stripped text -> value, for every distinct value seen valid

    def __call__(self, cells: Sequence[str]) -> list[Any] | None:
        stripped = list(map(str.strip, cells))
        if self.free:
            return self._free(stripped)
        known = self.known
        for text in set(stripped).difference(known):
            try:
                value = self.validate(text)
            except ValueError:
                return None
            if len(known) < MEMO_LIMIT:
                known[text] = value
        if len(known) >= MEMO_LIMIT:  # past the memo's size the distinct values are checked again, once each
            return [known[t] if t in known else self.validate(t) for t in stripped]
        return list(map(known.__getitem__, stripped))

    def _free(self, stripped: list[str]) -> list[Any] | None:
        joined = "".join(stripped)
        if "'" in joined:  # as the row reader's ``cells._free_text`` reads a cell a CSV export neutralised
            stripped = [restore(text) for text in stripped]
        if max(map(len, stripped)) > self.limit or "\x00" in joined:
            return None
        if all(stripped):
            return stripped
        if self.required:
            return None
        return [text or None for text in stripped]


def read_batches(
    raw: IO[bytes],
    fmt: CsvFormat,
    report: ImportReport,
    lk: Lookups,
    today: date,
    tick: Callable[[], None] | None = None,
) -> Iterator[Batch]:
    """Yield the file's valid rows in column batches; problems go to ``report`` exactly as ``parse`` words them."""
    rows = parse.records(raw)
    try:
        yield from _batches(rows, fmt, report, lk, today, tick)
    finally:
        rows.close()


def text_batches(
    batches: Iterable[TextBatch], fmt: CsvFormat, report: ImportReport, lk: Lookups, today: date
) -> Iterator[Batch]:
    """Check rows that arrive as text columns as a CSV file's rows are checked: the same words, at the lines given.

    The caller counts the rows it reads (``report.rows_read``) and says when its file has none: only it knows
    which of its rows never became a row here.
    """
    file = _File(list(fmt.header), fmt, report, lk, today)
    for lines, columns in batches:
        if lines:
            yield file.checked_columns(lines, columns)


def _batches(
    rows: Iterator[tuple[int, list[str] | Problem]],
    fmt: CsvFormat,
    report: ImportReport,
    lk: Lookups,
    today: date,
    tick: Callable[[], None] | None,
) -> Iterator[Batch]:
    names = parse.read_header(rows, fmt, report)
    if names is None:
        return
    file = _File(names, fmt, report, lk, today)
    ended, failed = False, False
    while not ended:
        lines, cells, ended, after = _next_rows(rows, len(names), report, tick)
        if lines:
            yield file.checked(lines, cells)
        if after is not None:  # reported after the problems of the rows before it, as the row-by-row reader does
            parse.add_problem(report, after)
            failed = ended
    if not failed and report.rows_read == 0:
        report.add(0, "", "", parse.NO_ROWS)


class _File:
    """The columns of one file's header with their checks, and where its problems go."""

    def __init__(self, names: list[str], fmt: CsvFormat, report: ImportReport, lk: Lookups, today: date) -> None:
        by_name = {c.name: c for c in fmt.columns}
        self.names, self.report = names, report
        self.checks = [_ColumnCheck(by_name[name], lk, today) for name in names]
        self.converters = [converter(by_name[name], lk, today) for name in names]
        self.absent = [c.name for c in fmt.columns if c.name not in names]

    def checked(self, lines: list[int], cells: list[list[str]]) -> Batch:
        """The batch as columns, checked a column at a time, or row by row when some cell breaks a rule."""
        return self.checked_columns(lines, list(zip(*cells, strict=True)))

    def checked_columns(self, lines: list[int], columns: Sequence[Sequence[str]]) -> Batch:
        values = [check(column) for check, column in zip(self.checks, columns, strict=True)]
        if any(v is None for v in values):
            return self._row_by_row(lines, list(zip(*columns, strict=True)))
        out: dict[str, list[Any]] = dict(zip(self.names, values, strict=True))  # type: ignore[arg-type]
        for name in self.absent:
            out[name] = [None] * len(lines)
        return Batch(lines, out)

    def _row_by_row(self, lines: list[int], cells: Sequence[Sequence[str]]) -> Batch:
        """A batch with a problem, read the slow way: every bad cell reported, the good rows kept."""
        names, converters = self.names, self.converters
        kept: list[int] = []
        values: dict[str, list[Any]] = {name: [] for name in (*names, *self.absent)}
        for line, row in zip(lines, cells, strict=True):
            try:
                typed = [convert(cell.strip()) for convert, cell in zip(converters, row, strict=True)]
            except ValueError:
                parse.report_cells(line, names, converters, row, self.report)
                continue
            kept.append(line)
            for name, value in zip(names, typed, strict=True):
                values[name].append(value)
            for name in self.absent:
                values[name].append(None)
        return Batch(kept, values)


def _next_rows(
    rows: Iterator[tuple[int, list[str] | Problem]], width: int, report: ImportReport, tick: Callable[[], None] | None
) -> tuple[list[int], list[list[str]], bool, Problem | None]:
    """The next batch's lines and cells, whether the file ended, and a problem to report after the batch's own.

    A row of the wrong width ends the batch (its problem comes after those of the rows before it); a record that
    cannot be read ends the file.
    """
    lines: list[int] = []
    cells: list[list[str]] = []
    for line, row in rows:
        if type(row) is not list:
            return lines, cells, True, row  # type: ignore[return-value]
        if not (row and row[0]) and not "".join(row).strip():
            continue
        report.rows_read += 1
        if tick is not None and report.rows_read % parse.TICK_ROWS == 0:
            tick()
        if len(row) != width:
            problem = Problem(line, "", ",".join(row)[:80], f"has {len(row)} fields, the header has {width}")
            return lines, cells, False, problem
        lines.append(line)
        cells.append(row)
        if len(lines) == BATCH_ROWS:
            return lines, cells, False, None
    return lines, cells, True, None
