"""Importing an export through a profile: map it to canonical rows on disk, then hand them to the CSV import.

The CSV import keeps its guarantees (validated, one transaction, idempotent keys, a row-level
report); this module adds the mapping and translates the report's line numbers back to the
export's own lines, so a user can find every problem in the file they have.
"""

from __future__ import annotations

import bisect
import csv
import io
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash import ingest, permissions
from cxdash.ingest.report import ImportReport, Problem
from cxdash.models import Region, Touchpoint
from cxdash.sources.mapping import CANONICAL, RowMapper
from cxdash.sources.profile import Profile, column_names
from cxdash.sources.read import Row, SourceError, SourceFile

Source = Path | bytes | IO[bytes]
Progress = Callable[[float], None]
MAP_SHARE = 0.5  # share of the progress bar for reading and mapping; the CSV import fills the rest
TICK_ROWS = 10_000


@dataclass
class LineMap:
    """Canonical CSV line -> the export's line, stored only where the offset between them changes."""

    starts: list[int] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)

    def add(self, canonical: int, source: int) -> None:
        if not self.offsets or self.offsets[-1] != source - canonical:
            self.starts.append(canonical)
            self.offsets.append(source - canonical)

    def source(self, canonical: int) -> int:
        at = bisect.bisect_right(self.starts, canonical) - 1
        return canonical + self.offsets[at] if at >= 0 else canonical


def known_codes(engine: Engine) -> dict[str, dict[str, str]]:
    """Stored region and touchpoint codes and names (lower case) -> code: values a file may use unmapped."""
    with Session(engine) as session:
        found: dict[str, dict[str, str]] = {}
        for field_name, table in (("region", Region), ("touchpoint", Touchpoint)):
            pairs = session.exec(select(table.code, table.name)).all()
            found[field_name] = {name.lower(): code for code, name in pairs} | {code.lower(): code for code, _ in pairs}
        return found


def _lines(row: tuple[str, ...]) -> int:
    """Physical lines a written row takes, counted the way the csv reader counts them."""
    return 1 + sum(v.count("\n") + v.count("\r") - v.count("\r\n") for v in row if "\n" in v or "\r" in v)


def open_source(source: Source) -> IO[bytes]:
    if isinstance(source, bytes):
        return io.BytesIO(source)
    return source.open("rb") if isinstance(source, Path) else source


def header_and_rows(file: SourceFile, profile: Profile, report: ImportReport) -> tuple[list[str], int, Iterator[Row]]:
    """Column names, the first header line, and the data rows; an empty name list when the header is missing."""
    rows = file.rows()
    header = [row for _, row in zip(range(profile.header_rows), rows, strict=False)]
    if len(header) < profile.header_rows:
        report.add(0, "", "", f"the file has fewer than the {profile.header_rows} header row(s) the profile expects")
        return [], 0, rows
    return column_names([cells for _, cells in header]), header[0][0], rows


def write_canonical(
    mapper: RowMapper, rows: Iterator[Row], ragged: bool, out: IO[bytes], tick: Callable[[], None]
) -> tuple[LineMap, int]:
    """Write mapped rows as a responses CSV into ``out``; returns the line map and the data rows read."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CANONICAL)
    lines, line, count = LineMap(), 2, 0
    for source_line, cells in rows:
        count += 1
        if count % TICK_ROWS == 0:
            tick()
        mapped = mapper.row(source_line, cells, ragged)
        if mapped is not None:
            lines.add(line, source_line)
            writer.writerow(mapped)
            line += _lines(mapped)
    text.flush()
    text.detach()
    out.seek(0)
    return lines, count


def _merge(report: ImportReport, inner: ImportReport, lines: LineMap, rows: int) -> ImportReport:
    where = [lines.source(p.line) if p.line > 1 else p.line for p in inner.problems]
    moved = [Problem(line, p.column, p.value, p.reason) for line, p in zip(where, inner.problems, strict=True)]
    report.problems = sorted([*report.problems, *moved], key=lambda p: p.line)
    report.problem_count += inner.problem_count
    report.sha256, report.already_imported_at = inner.sha256, inner.already_imported_at
    report.rows_read, report.inserted, report.updated = rows, inner.inserted, inner.updated
    report.skipped = rows - inner.inserted - inner.updated if report.ok else 0
    return report


def import_source(
    engine: Engine,
    source: Source,
    profile: Profile,
    *,
    file_name: str | None = None,
    mode: str = "skip",
    username: str = "cli",
    today: date | None = None,
    progress: Progress | None = None,
    actor: permissions.Actor | None = None,
    check_only: bool = False,
) -> ImportReport:
    """Map an export through ``profile`` and import it like a responses CSV: all rows or none."""
    if actor is not None:
        permissions.require(actor, "import_data")
        username = actor.username
    name = file_name or ingest.file_name_of(source, "export")
    report = ImportReport(kind="responses", file_name=name[:255], mode=mode)
    show = progress or (lambda _fraction: None)
    raw, file = open_source(source), None
    try:
        file = SourceFile(raw, sheet=profile.sheet)
        names, header_line, rows = header_and_rows(file, profile, report)
        mapper = RowMapper(profile, names, known_codes(engine), report)
        if not names or not mapper.check_header(header_line):
            return report
        with tempfile.TemporaryFile() as out:
            lines, count = write_canonical(mapper, rows, file.excel, out, lambda: show(MAP_SHARE * file.fraction()))
            show(MAP_SHARE)
            if mapper.refuse_unmapped() or not count:
                if not count:
                    report.add(0, "", "", "the file has its header row(s) but no data rows")
                return report
            inner = ingest.import_file(
                engine, "responses", out, file_name=report.file_name, mode=mode, username=username, today=today,
                progress=lambda f: show(MAP_SHARE + (1 - MAP_SHARE) * f), check_only=check_only or not report.ok,
            )  # fmt: skip
            return _merge(report, inner, lines, count)
    except SourceError as exc:
        report.add(0, "", "", str(exc))
        return report
    finally:
        if file is not None:
            file.close()
        if isinstance(source, bytes | Path):
            raw.close()
