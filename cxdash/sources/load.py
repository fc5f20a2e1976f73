"""Importing an export through a profile: map it batch by batch and hand the batches to the responses import.

The responses import keeps its guarantees (validated, one transaction, idempotent keys, a row-level
report); this module adds the mapping. A comma-separated CSV export whose every row maps, is valid and new
goes straight into survey_response at C speed (``direct``, as a responses CSV does); any other export (or
one that turns out to repeat a key) is read the exact way: its rows are mapped as they stream and checked,
staged and merged by the same code that loads a responses CSV, and every problem carries the export's own
line, so a user can find it in the file they have.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash import ingest, permissions
from cxdash.ingest.report import ImportReport
from cxdash.ingest.responses import READ_SHARE, forward, rows_guess
from cxdash.models import Region, Touchpoint
from cxdash.sources.batches import BatchMapper, mapped_batches
from cxdash.sources.direct import DirectExport
from cxdash.sources.mapping import RowMapper
from cxdash.sources.profile import Profile, column_names
from cxdash.sources.read import Row, SourceError, SourceFile

Source = Path | bytes | IO[bytes]
Progress = Callable[[float], None]


def known_codes(engine: Engine) -> dict[str, dict[str, str]]:
    """Stored region and touchpoint codes and names (lower case) -> code: values a file may use unmapped."""
    with Session(engine) as session:
        found: dict[str, dict[str, str]] = {}
        for field_name, table in (("region", Region), ("touchpoint", Touchpoint)):
            pairs = session.exec(select(table.code, table.name)).all()
            found[field_name] = {name.lower(): code for code, name in pairs} | {code.lower(): code for code, _ in pairs}
        return found


def open_source(source: Source) -> IO[bytes]:
    if isinstance(source, bytes):
        return io.BytesIO(source)
    return source.open("rb") if isinstance(source, Path) else source


def sha256_of(source: Source, raw: IO[bytes]) -> str:
    """The file's SHA-256; bytes are hashed in place (hashing their BytesIO would copy them whole first)."""
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    return hashlib.file_digest(raw, "sha256").hexdigest()  # type: ignore[arg-type]


def header_and_rows(file: SourceFile, profile: Profile, report: ImportReport) -> tuple[list[str], int, Iterator[Row]]:
    """Column names, the first header line, and the data rows; an empty name list when the header is missing."""
    rows = file.rows()
    header = [row for _, row in zip(range(profile.header_rows), rows, strict=False)]
    if len(header) < profile.header_rows:
        report.add(0, "", "", f"the file has fewer than the {profile.header_rows} header row(s) the profile expects")
        return [], 0, rows
    return column_names([cells for _, cells in header]), header[0][0], rows


def _rows_again(file: SourceFile, profile: Profile) -> Iterator[Row]:
    """The data rows read again from the start of the file (its header rows, read before, passed over)."""
    _, _, rows = header_and_rows(file, profile, ImportReport(kind="responses", file_name=""))
    yield from rows


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
    if mode not in ingest.MODES:
        raise ValueError(f"unknown mode {mode!r}; choose skip or update")
    name = file_name or ingest.file_name_of(source, "export")
    report = ImportReport(kind="responses", file_name=name[:255], mode=mode)
    show = forward(progress)
    raw, file = open_source(source), None
    try:
        report.sha256 = sha256_of(source, raw)
        file = SourceFile(raw, sheet=profile.sheet)
        names, header_line, rows = header_and_rows(file, profile, report)
        mapper = RowMapper(profile, names, known_codes(engine), report)
        if not names or not mapper.check_header(header_line):
            return report
        opened = file
        direct, guess = None, 0
        if not file.excel and file.delimiter == "," and isinstance(source, bytes | Path):
            # The fast reader reads the file itself; should it decline, the exact one reads it again from the start.
            rows = _rows_again(file, profile)
            direct = DirectExport(raw, mapper, profile.header_rows, lambda: show(READ_SHARE * opened.fraction()))
            raw.seek(0)  # both readers seek for themselves
            guess = rows_guess(raw, file.size)
        batches = mapped_batches(BatchMapper(mapper, file.excel), rows, report,
                                 lambda: show(READ_SHARE * opened.fraction()))  # fmt: skip
        ingest.import_response_batches(engine, batches, report, username=username, today=today, progress=show,
                                       check_only=check_only, direct=direct.reader if direct else None,
                                       tick=direct.tick if direct else None, rows=guess)  # fmt: skip
    except SourceError as exc:
        report.add(0, "", "", str(exc))
    finally:
        if file is not None:
            file.close()
        if isinstance(source, bytes | Path):
            raw.close()
    report.problems.sort(key=lambda p: p.line)  # unmapped values are listed at their first line, in file order
    return report
