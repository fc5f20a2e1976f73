"""Reading a foreign file as rows of text cells: CSV (comma, semicolon or tab; UTF-8 with or without BOM) or .xlsx."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import IO, Any

SAVE_AS = "in Excel use Save As > 'CSV UTF-8' or 'Excel Workbook (.xlsx)', then import again"
DELIMITERS = (",", ";", "\t")
SNIFF_BYTES = 1 << 16
_REFUSED = {
    b"\xd0\xcf\x11\xe0": "is an old Excel workbook (.xls)",
    b"\xff\xfe": "is UTF-16 text",
    b"\xfe\xff": "is UTF-16 text",
    b"%PDF": "is a PDF document",
}

Row = tuple[int, list[str]]


class SourceError(ValueError):
    """A file cxdash cannot read at all; the message is a sentence for the user."""


def cell_text(value: Any) -> str:
    """An Excel cell as the text a CSV export would hold (dates in ISO form, 9.0 as 9)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _delimiter(head: bytes) -> str:
    """The separator of the first line: the one of comma, semicolon and tab that occurs most outside quotes."""
    first = head.decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    outside = "".join(part for i, part in enumerate(first.split('"')) if i % 2 == 0)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


class SourceFile:
    """An opened export: its format, and its rows streamed one at a time with their line (or sheet row) number."""

    def __init__(self, raw: IO[bytes], *, sheet: str = "") -> None:
        self._raw = raw
        raw.seek(0, io.SEEK_END)
        self.size = raw.tell()
        raw.seek(0)
        head = raw.read(SNIFF_BYTES)
        raw.seek(0)
        if not head.strip():
            raise SourceError("the file is empty; export the responses again and import the new file")
        for signature, what in _REFUSED.items():
            if head.startswith(signature):
                raise SourceError(f"the file {what}, not CSV or .xlsx; {SAVE_AS}")
        self.excel = head.startswith(b"PK\x03\x04")
        self.sheet = sheet
        self.delimiter = ","
        self._workbook: Any = None
        self._rows_done = 0
        if self.excel:
            self._open_workbook()
        elif b"\x00" in head:
            raise SourceError(f"the file is binary, not CSV or .xlsx text; {SAVE_AS}")
        else:
            self.delimiter = _delimiter(head)

    @property
    def format_name(self) -> str:
        names = {",": "CSV (comma)", ";": "CSV (semicolon)", "\t": "CSV (tab)"}
        return "Excel workbook" if self.excel else names[self.delimiter]

    def _open_workbook(self) -> None:
        from openpyxl import load_workbook

        try:
            self._workbook = load_workbook(self._raw, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            raise SourceError(
                "the file is a ZIP archive but not an Excel workbook (.xlsx); unpack it and import the CSV inside"
            ) from None
        names = self._workbook.sheetnames
        if self.sheet and self.sheet not in names:
            raise SourceError(f"the workbook has no sheet named {self.sheet!r}; its sheets are {', '.join(names)}")

    def fraction(self) -> float:
        """How far reading has come, from 0 to 1."""
        if self.excel:
            total = self._worksheet().max_row or 0
            return min(self._rows_done / total, 1.0) if total else 0.0
        return min(self._raw.tell() / self.size, 1.0) if self.size else 1.0

    def _worksheet(self) -> Any:
        return self._workbook[self.sheet] if self.sheet else self._workbook.worksheets[0]

    def rows(self) -> Iterator[Row]:
        """Every row that is not blank, with its line number (CSV) or sheet row number (Excel)."""
        return self._sheet_rows() if self.excel else self._csv_rows()

    def _sheet_rows(self) -> Iterator[Row]:
        for number, values in enumerate(self._worksheet().iter_rows(values_only=True), start=1):
            self._rows_done = number
            cells = [cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                yield number, cells

    def _csv_rows(self) -> Iterator[Row]:
        self._raw.seek(0)
        stream = io.TextIOWrapper(self._raw, encoding="utf-8-sig", errors="strict", newline="")
        reader = csv.reader(stream, delimiter=self.delimiter, strict=True)
        previous = 0
        try:
            for cells in reader:
                line, previous = previous + 1, reader.line_num
                if (cells and cells[0].strip()) or "".join(cells).strip():  # a first cell says it at once
                    yield line, cells
        except UnicodeDecodeError:
            raise SourceError(
                f"line {self._first_bad_line()} is not UTF-8 text (the file was probably saved as Windows or Mac "
                f"text); {SAVE_AS}"
            ) from None
        except csv.Error as exc:
            raise SourceError(
                f'line {previous + 1} cannot be read as CSV ({exc}); look for a quote (") that is never closed'
            ) from None
        finally:
            stream.detach()

    def _first_bad_line(self) -> int:
        """The first line that is not UTF-8, found again line by line (the decoder reads ahead in blocks)."""
        self._raw.seek(0)
        for number, line in enumerate(self._raw, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
        return 1

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()
