"""Mapping an export a batch of rows at a time: each column converted once per distinct value, not once per cell.

A batch of source rows becomes text columns in the responses format's order, which the responses import checks
and stages as it checks a CSV file's rows. Only a batch that holds a problem (a row of the wrong width, a cell
that is no score or date) is mapped again row by row through ``RowMapper``, so every problem is reported in the
same words, at the same line, as the row-by-row mapping reports it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice

from cxdash.ingest import TextBatch
from cxdash.ingest.report import ImportReport
from cxdash.sources.mapping import CUSTOMER, KEY, MEMO_LIMIT, RowMapper
from cxdash.sources.read import Row, SourceError

# Rows per batch: enough that the per-column calls cost little per row, few enough that a batch's cells stay
# a megabyte or so: memory stays flat in the file's size.
BATCH_ROWS = 1024
NO_DATA = "the file has its header row(s) but no data rows"


def convert_column(
    mapper: RowMapper, name: str, texts: list[str], unmapped: list[tuple[str, int, str]]
) -> list[str] | None:
    """A column of stripped cells converted through ``mapper``'s profile, each distinct text once; unmapped region
    and touchpoint values are noted in ``unmapped`` as (field, index, text) and left as they are. None when a cell
    is no score or date (or the memo is full): the row-by-row mapping must read it."""
    if name == "responded_on":
        return mapper.dates.column(texts)
    memo = mapper.memo.get(name)
    if memo is None:
        return texts
    convert = mapper.converters[name]
    for text in set(texts).difference(memo):
        if len(memo) >= MEMO_LIMIT:
            return None
        try:
            memo[text] = convert(text)
        except ValueError:
            return None
    out = list(map(memo.__getitem__, texts))
    if None not in out:
        return out  # type: ignore[return-value]
    for index, (text, code) in enumerate(zip(texts, out, strict=True)):
        if code is None:
            unmapped.append((name, index, text))
            out[index] = text
    return out  # type: ignore[return-value]


class BatchMapper:
    """Maps batches of one export's rows through a RowMapper's plan, sharing its memos, problems and unmapped values."""

    def __init__(self, mapper: RowMapper, ragged: bool) -> None:
        self.mapper, self.ragged, self.width = mapper, ragged, len(mapper.names)

    def batch(self, rows: list[Row]) -> TextBatch:
        """The rows that map as text columns with their lines; rows with an unmapped region or touchpoint are
        counted (``RowMapper.unmapped``) and left out, since the import refuses them all together."""
        width, lines = self.width, [line for line, _ in rows]
        cells = [cells for _, cells in rows]
        if self.ragged:  # a spreadsheet row ends at its last filled cell
            cells = [c if len(c) >= width else [*c, *[""] * (width - len(c))] for c in cells]
        if any(len(c) != width for c in cells):
            return self._row_by_row(rows)
        source = list(zip(*cells, strict=True))
        columns: list[list[str]] = []
        unmapped: list[tuple[str, int, str]] = []  # (field, row index, value)
        for name, position, constant in self.mapper.steps:
            texts = [constant] * len(rows) if position is None else list(map(str.strip, source[position]))
            out = convert_column(self.mapper, name, texts, unmapped)
            if out is None:
                return self._row_by_row(rows)
            columns.append(out)
        if self.mapper.key_for_customer:
            columns[CUSTOMER] = columns[KEY]
        if not unmapped:
            return lines, columns
        for name, index, value in unmapped:
            self.mapper.unmapped[name].add(value, lines[index])
        dropped = {index for _, index, _ in unmapped}
        keep = [i for i in range(len(rows)) if i not in dropped]
        return [lines[i] for i in keep], [[column[i] for i in keep] for column in columns]

    def _row_by_row(self, rows: list[Row]) -> TextBatch:
        lines: list[int] = []
        kept: list[tuple[str, ...]] = []
        for line, cells in rows:
            mapped = self.mapper.row(line, cells, self.ragged)
            if mapped is not None and not self.mapper.unmapped_row:
                lines.append(line)
                kept.append(mapped)
        return lines, list(zip(*kept, strict=True))


def mapped_batches(
    mapper: BatchMapper, rows: Iterator[Row], report: ImportReport, tick: Callable[[], None]
) -> Iterator[TextBatch]:
    """The export's data rows as mapped batches, counted in ``report.rows_read``; at the end, a file without data
    rows and every unmapped value are reported. A file that stops being readable ends the batches with its reason.
    """
    try:
        while chunk := list(islice(rows, BATCH_ROWS)):
            report.rows_read += len(chunk)
            yield mapper.batch(chunk)
            tick()
    except SourceError as exc:
        report.add(0, "", "", str(exc))
        return
    if not report.rows_read:
        report.add(0, "", "", NO_DATA)
    mapper.mapper.refuse_unmapped()
