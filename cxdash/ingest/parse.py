"""Reading a CSV file into typed rows, reporting every cell that cannot be read."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from cxdash.ingest.formats import CsvFormat
from cxdash.ingest.report import ImportReport

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_INT = re.compile(r"^[+-]?\d+$")


def parse_cell(kind: str, text: str) -> Any:
    """Convert one cell; raises ValueError with a reason a user understands."""
    if kind == "text":
        return text
    if kind == "int":
        if not _INT.match(text):
            raise ValueError("is not a whole number")
        return int(text)
    if kind == "float":
        try:
            value = float(text)
        except ValueError:
            raise ValueError("is not a number") from None
        if not math.isfinite(value):
            raise ValueError("is not a finite number")
        return value
    if kind == "date":
        if not _DATE.match(text):
            raise ValueError("is not a date in the form YYYY-MM-DD")
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError("is not a real calendar date") from None
    if kind == "month":
        if not _MONTH.match(text):
            raise ValueError("is not a month in the form YYYY-MM")
        year, month = int(text[:4]), int(text[5:])
        if not 1 <= month <= 12:
            raise ValueError("is not a real month")
        return date(year, month, 1)
    raise AssertionError(f"unknown column type {kind}")


def _text_stream(raw: IO[bytes]) -> IO[str]:
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")


def read_rows(raw: IO[bytes], fmt: CsvFormat, report: ImportReport) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line, typed row) for every readable row; problems go to ``report``."""
    stream = _text_stream(raw)
    reader = csv.reader(stream)
    try:
        header = next(reader, None)
    except UnicodeDecodeError:
        report.add(0, "", "", "the file is not UTF-8 text; save it as CSV UTF-8 and import again")
        return
    except csv.Error as exc:
        report.add(1, "", "", f"the header cannot be read as CSV ({exc})")
        return
    if header is None or not any(h.strip() for h in header):
        report.add(0, "", "", "the file is empty; it needs a header row and at least one data row")
        return
    names = [h.strip() for h in header]
    if not _header_ok(names, fmt, report):
        return
    columns = {c.name: c for c in fmt.columns}
    count = 0
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            count += 1
            report.rows_read += 1
            if len(cells) != len(names):
                report.add(line, "", ",".join(cells)[:80], f"has {len(cells)} fields, the header has {len(names)}")
                continue
            row: dict[str, Any] = {}
            good = True
            for name, text in zip(names, cells, strict=True):
                col = columns[name]
                text = text.strip()
                if text == "":
                    if col.required:
                        report.add(line, name, "", "is empty but required")
                        good = False
                    row[name] = None
                    continue
                try:
                    row[name] = parse_cell(col.type, text)
                except ValueError as exc:
                    report.add(line, name, text, str(exc))
                    good = False
            for col in fmt.columns:
                row.setdefault(col.name, None)
            if good:
                yield line, row
    except UnicodeDecodeError:
        report.add(0, "", "", "the file is not UTF-8 text; save it as CSV UTF-8 and import again")
        return
    except csv.Error as exc:
        report.add(reader.line_num, "", "", f"the row cannot be read as CSV ({exc})")
        return
    if count == 0:
        report.add(0, "", "", "the file has a header but no data rows")


def _header_ok(names: list[str], fmt: CsvFormat, report: ImportReport) -> bool:
    known = set(fmt.header)
    ok = True
    seen: set[str] = set()
    for name in names:
        if name not in known:
            report.add(1, name, name, f"unknown column; expected columns are {', '.join(fmt.header)}")
            ok = False
        elif name in seen:
            report.add(1, name, name, "column appears twice in the header")
            ok = False
        seen.add(name)
    for col in fmt.columns:
        if col.required and col.name not in seen:
            report.add(1, col.name, "", "required column is missing from the header")
            ok = False
    return ok
