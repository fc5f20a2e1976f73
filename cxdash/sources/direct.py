"""Reading a CSV survey export at C speed when every row of it maps and is valid: pyarrow parses it, each column is
mapped and checked whole.

The exact way (``SourceFile`` row by row, ``BatchMapper``, the responses import's checks and staging) stays the
judge. This reader only vouches for an export it reads exactly as that one would, every cell mapped and valid: the
header rows found by the same CSV reader, the records checked for quoting, width and encoding as the responses
CSV's fast reader checks them (``arrowcsv``), each region, touchpoint, score and day converted once per distinct
value by the profile's own converters (``convert_column``), then checked with the responses format's own checks. On
anything else it raises ``Declined`` and the import reads the export again the exact way, so every problem is
reported in the same words, on the same lines.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import IO

import pyarrow as pa
import pyarrow.compute as pc

from cxdash.ingest import arrowcsv
from cxdash.ingest.arrowcsv import Declined
from cxdash.ingest.bulk import VALUES
from cxdash.ingest.formats import FORMATS
from cxdash.ingest.report import ImportReport
from cxdash.ingest.responses import Note, Tables
from cxdash.ingest.rules import Lookups
from cxdash.sources import dates
from cxdash.sources.batches import convert_column
from cxdash.sources.mapping import CONVERTED, RowMapper
from cxdash.sources.profile import column_names

# The header rows are looked for in the file's first bytes; an export whose header is longer goes the exact way.
HEAD_BYTES = 1 << 20
# A day read by its first ten characters, as DateReader keys an ISO timestamp (characters, not bytes).
_ISO_DAY = "(?s)^.{4}-.{2}-"


def _is_data(cells: list[str]) -> bool:
    """Whether the exact reader takes the record as a row (it skips blank ones)."""
    return bool((cells and cells[0].strip()) or "".join(cells).strip())


def data_start(raw: IO[bytes], header_rows: int, names: list[str]) -> int:
    """The byte offset where the export's data rows start: after its ``header_rows`` non-blank records, read by the
    exact reader's CSV dialect; ``Declined`` unless they give the column ``names`` the exact reader found."""
    if header_rows < 1:
        raise Declined
    raw.seek(0)
    head = raw.read(HEAD_BYTES)
    whole = len(head) < HEAD_BYTES
    bom = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head[bom:], final=whole)
    except UnicodeDecodeError:
        raise Declined from None
    used = 0

    def lines() -> Iterator[str]:
        nonlocal used
        for line in io.StringIO(text, newline=""):  # split as the exact reader's text stream splits lines
            used += len(line)
            yield line

    header: list[list[str]] = []
    try:
        for cells in csv.reader(lines(), strict=True):  # takes lines only as a record needs them
            if _is_data(cells):
                header.append(cells)
            if len(header) == header_rows:
                break
    except csv.Error:
        raise Declined from None
    # A header cut off by the end of the head (or a "\r" whose "\n" may follow it) is left to the exact reader.
    if len(header) < header_rows or (not whole and used >= len(text)) or column_names(header) != names:
        raise Declined
    return bom + len(text[:used].encode("utf-8"))


class DirectExport:
    """One CSV export's rows, mapped through ``mapper`` and checked, as tables of survey_response's columns."""

    def __init__(self, raw: IO[bytes], mapper: RowMapper, header_rows: int, tick: Note) -> None:
        self.raw, self.mapper, self.header_rows, self.tick = raw, mapper, header_rows, tick
        self.timestamps = dates.Timestamps(mapper.dates.fmt)

    def reader(self, lk: Lookups, today: date) -> Tables:
        """The export's fast reader (a ``responses.Tables``) for the stored codes and ``today``."""

        def tables(report: ImportReport, note: Note) -> Iterator[pa.Table]:
            return self._tables(lk, today, report, note)

        return tables

    def _tables(self, lk: Lookups, today: date, report: ImportReport, note: Note) -> Iterator[pa.Table]:
        """Every data row, counted in ``report.rows_read`` (``note`` called as the rows are counted, where the import
        calls ``tick``); raises ``Declined`` unless every row maps and is valid."""
        raw, mapper = self.raw, self.mapper
        raw.seek(0, io.SEEK_END)
        size = raw.tell()
        raw.seek(data_start(raw, self.header_rows, mapper.names))
        checks = {column.name: arrowcsv.CheckedColumn(column, lk, today) for column in FORMATS["responses"].columns}
        longest = csv.field_size_limit()
        steps = {name: (position, constant) for name, position, constant in mapper.steps}
        if mapper.key_for_customer:
            steps["customer_key"] = steps["response_key"]  # checked as a customer key
        for batch in arrowcsv.record_tables(raw, len(mapper.names), size):
            cells = [batch.column(i).chunk(0) for i in range(batch.num_columns)]
            # The exact reader refuses a cell past its size limit in any column, mapped or not.
            if max(pc.max(pc.binary_length(column)).as_py() for column in cells) > longest:
                raise Declined
            checked = {name: self._checked(name, *steps[name], cells, checks[name]) for name in steps}
            yield arrowcsv.response_table(checked, VALUES)
            arrowcsv.count_rows(report, batch.num_rows, note)
        if report.rows_read == 0:
            raise Declined

    def _checked(
        self, name: str, position: int | None, constant: str, cells: list[pa.Array], check: arrowcsv.CheckedColumn
    ) -> pa.Array:
        """One cxdash field of a piece converted through the profile as ``BatchMapper`` converts it, then checked."""
        if position is None:
            return check(pa.repeat(pa.scalar(self._converted(name, [constant])[0], pa.string()), len(cells[0])))
        column = cells[position]
        if name not in CONVERTED:
            return check(column)  # text as it is: the responses format's checks strip it
        if name == "responded_on":
            column = arrowcsv.stripped(column)
            if not self.mapper.dates.fmt:
                # An ISO timestamp is read by its day (DateReader): a few hundred distinct keys, not a key per row.
                day = pc.utf8_slice_codeunits(column, 0, 10)
                column = pc.if_else(pc.match_substring_regex(column, _ISO_DAY), day, column)
            else:
                # Timestamps in the profile's format rarely repeat: pyarrow reads them where it reads them as Python
                # does.
                read = self.timestamps.days(column, lambda texts: self._converted(name, texts))
                if read is not None:
                    return check(read)
        # Each distinct cell stripped, converted and checked once, in Python; the piece mapped onto them once.
        distinct = pc.unique(column)
        converted = self._converted(name, [text.strip() for text in distinct.to_pylist()])
        at = pc.index_in(column, value_set=distinct)
        if check.free:
            return check(pc.take(pa.array(converted, pa.string()), at))
        return pc.take(check.values(converted), at)

    def _converted(self, name: str, texts: list[str]) -> list[str]:
        """Distinct texts of a field converted; ``Declined`` at one the profile cannot convert or maps to no code."""
        unmapped: list[tuple[str, int, str]] = []
        out = convert_column(self.mapper, name, texts, unmapped)
        if out is None or unmapped:
            raise Declined
        return out
