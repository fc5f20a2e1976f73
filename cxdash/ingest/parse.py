"""Reading a CSV file into typed rows, reporting every cell that cannot be read or breaks a limit."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Generator, Iterator, Sequence
from datetime import date
from typing import IO, Any

from cxdash.ingest.cells import Convert, converter
from cxdash.ingest.formats import CsvFormat
from cxdash.ingest.report import ImportReport, Problem
from cxdash.ingest.rules import Lookups

TICK_ROWS = 10_000  # rows between progress reports
EMPTY_FILE = "the file is empty; it needs a header row and at least one data row"
NO_ROWS = "the file has a header but no data rows"
SAVE_AS_UTF8 = "in Excel use Save As > 'CSV UTF-8 (Comma delimited)', then import again"
_SIGNATURES = {
    b"PK\x03\x04": "is an Excel workbook (.xlsx) or another zip archive, not a CSV file",
    b"\xd0\xcf\x11\xe0": "is an old Excel workbook (.xls), not a CSV file",
    b"\xff\xfe": "is UTF-16 text, which cxdash does not read",
    b"\xfe\xff": "is UTF-16 text, which cxdash does not read",
}


def refused_format(head: bytes) -> str | None:
    """Why a file that starts with ``head`` is not a CSV cxdash can read, or None."""
    for signature, reason in _SIGNATURES.items():
        if head.startswith(signature):
            return f"the file {reason}; {SAVE_AS_UTF8}"
    # UTF-16 without a byte order mark: every other byte of its first (ASCII) characters is zero.
    if b"\x00" in head[:2]:
        return f"the file is UTF-16 text (without a byte order mark), which cxdash does not read; {SAVE_AS_UTF8}"
    return None


def records(raw: IO[bytes]) -> Generator[tuple[int, list[str] | Problem], None, None]:
    """(first line, cells) of every CSV record, the header included; a record that cannot be read ends the
    stream as (line, the Problem to report), after the records before it."""
    stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
    reader = csv.reader(stream, strict=True)
    previous = 0
    try:
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            yield line, cells
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start : exc.start + 1].hex().upper()
        yield 0, Problem(0, "", f"0x{bad}", f"the file is not UTF-8 text; {SAVE_AS_UTF8}")
    except csv.Error as exc:
        yield reader.line_num, Problem(reader.line_num, "", "", _unreadable(exc))
    finally:
        stream.detach()  # the caller still owns ``raw``


def add_problem(report: ImportReport, problem: Problem) -> None:
    report.add(problem.line, problem.column, problem.value, problem.reason)


def read_header(
    rows: Iterator[tuple[int, list[str] | Problem]], fmt: CsvFormat, report: ImportReport
) -> list[str] | None:
    """The header's column names in file order, or None after reporting why the header cannot be used."""
    first = next(rows, None)
    if first is None:
        report.add(0, "", "", EMPTY_FILE)
        return None
    header = first[1]
    if isinstance(header, Problem):
        add_problem(report, header)
        return None
    if not "".join(header).strip():
        report.add(0, "", "", EMPTY_FILE)
        return None
    names = [h.strip().lower() for h in header]
    return names if header_ok(names, fmt, report) else None


def read_rows(
    raw: IO[bytes],
    fmt: CsvFormat,
    report: ImportReport,
    lk: Lookups,
    today: date,
    tick: Callable[[], None] | None = None,
) -> Generator[tuple[int, dict[str, Any]], None, None]:
    """Yield (first line, typed row) for every row without a cell problem; problems go to ``report``."""
    rows = records(raw)
    try:
        yield from _rows(rows, fmt, report, lk, today, tick)
    finally:
        rows.close()


def _unreadable(error: csv.Error) -> str:
    """Why the CSV reader stopped, in words: a cell past its size limit, else most likely an unclosed quote."""
    if "field larger than field limit" in str(error):
        return (
            f"has a cell longer than {csv.field_size_limit():,} characters, the most a cell may hold; shorten it "
            'or look for a quote (") that is opened but never closed'
        )
    return f'cannot be read as CSV ({error}); look for a quote (") that is opened but never closed'


def _rows(
    rows: Iterator[tuple[int, list[str] | Problem]],
    fmt: CsvFormat,
    report: ImportReport,
    lk: Lookups,
    today: date,
    tick: Callable[[], None] | None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    names = read_header(rows, fmt, report)
    if names is None:
        return
    columns = {c.name: c for c in fmt.columns}
    converters = [converter(columns[name], lk, today) for name in names]
    absent = {c.name: None for c in fmt.columns if c.name not in names}
    width, strip = len(names), str.strip
    for line, cells in rows:
        if isinstance(cells, Problem):
            add_problem(report, cells)
            return
        if not (cells and cells[0]) and not "".join(cells).strip():
            continue
        report.rows_read += 1
        if tick is not None and report.rows_read % TICK_ROWS == 0:
            tick()
        if len(cells) != width:
            report.add(line, "", ",".join(cells)[:80], f"has {len(cells)} fields, the header has {width}")
            continue
        try:
            values = [convert(strip(cell)) for convert, cell in zip(converters, cells, strict=True)]
        except ValueError:
            report_cells(line, names, converters, cells, report)
            continue
        row = dict(zip(names, values, strict=True))
        if absent:
            row.update(absent)
        yield line, row
    if report.rows_read == 0:
        report.add(0, "", "", NO_ROWS)


def report_cells(
    line: int, names: list[str], converters: list[Convert], cells: Sequence[str], report: ImportReport
) -> None:
    for name, convert, cell in zip(names, converters, cells, strict=True):
        try:
            convert(cell.strip())
        except ValueError as exc:
            report.add(line, name, cell.strip(), str(exc))


def header_ok(names: list[str], fmt: CsvFormat, report: ImportReport) -> bool:
    """True when the header's (stripped, lower-case) names fit ``fmt``; each problem goes to ``report``."""
    expected, before = ", ".join(fmt.header), report.problem_count
    if len(names) == 1 and (";" in names[0] or "\t" in names[0]):
        report.add(1, "", names[0][:80], f"columns must be separated by commas, not ';' or tabs; {SAVE_AS_UTF8}")
        return False
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        if not name:
            report.add(1, "", "", f"column {position} has no name; expected columns are {expected}")
        elif name not in fmt.header:
            report.add(1, name, name, f"unknown column; expected columns are {expected}")
        elif name in seen:
            report.add(1, name, name, "column appears twice in the header")
        seen.add(name)
    for column in fmt.columns:
        if column.required and column.name not in seen:
            report.add(1, column.name, "", "required column is missing from the header")
    return report.problem_count == before
