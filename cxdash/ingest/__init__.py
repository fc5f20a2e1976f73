"""CSV imports: validate every row, then load all of a file in one transaction or nothing.

Overlapping keys follow the mode the user chose: ``skip`` keeps what is stored, ``update``
overwrites it; rows identical to what is stored count as unchanged either way, so importing
the same file twice changes nothing. Each import that changes something records an
ImportBatch and an AuditEvent in the same transaction.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import IO

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session, col, select

from cxdash import audit, db, permissions
from cxdash.ingest import followup
from cxdash.ingest.columns import TextBatch, text_batches
from cxdash.ingest.delete import remember_batch
from cxdash.ingest.formats import FORMATS, LOAD_ORDER, CsvFormat
from cxdash.ingest.parse import refused_format
from cxdash.ingest.report import ImportReport, Problem
from cxdash.ingest.responses import Note, Progress, Tables, load_batches, load_responses
from cxdash.ingest.rules import Lookups
from cxdash.ingest.tables import load_table
from cxdash.models import AlignmentRound, ImportBatch, Leader, Region, Touchpoint

__all__ = ["FORMATS", "LOAD_ORDER", "MODES", "CsvFormat", "ImportReport", "Problem", "Progress", "TextBatch",
           "file_name_of", "import_file", "import_response_batches", "load_dir"]  # fmt: skip

Source = Path | bytes | IO[bytes]
MODES = ("skip", "update")


def _lookups(session: Session) -> Lookups:
    def codes(key: object, ident: object) -> dict[str, int]:
        return dict(session.exec(select(key, ident)).all())  # type: ignore[call-overload]

    return Lookups(
        regions=codes(Region.code, Region.id),
        touchpoints=codes(Touchpoint.code, Touchpoint.id),
        leaders=codes(Leader.key, Leader.id),
        rounds=codes(AlignmentRound.label, AlignmentRound.id),
    )


def _open(source: Source) -> tuple[IO[bytes], int, str]:
    """A readable binary stream positioned at the start, its size, and its SHA-256."""
    raw: IO[bytes] = (
        io.BytesIO(source) if isinstance(source, bytes) else source.open("rb") if isinstance(source, Path) else source
    )
    raw.seek(0)
    digest = hashlib.sha256()
    size = 0
    for block in iter(lambda: raw.read(1 << 16), b""):
        digest.update(block)
        size += len(block)
    raw.seek(0)
    return raw, size, digest.hexdigest()


def file_name_of(source: Source, fallback: str) -> str:
    """The name a report gives a file: a path's or an upload's own name, else ``fallback``."""
    name = source.name if isinstance(source, Path) else str(getattr(source, "name", "") or "")
    return name or fallback


def import_file(
    engine: Engine,
    kind: str,
    source: Source,
    *,
    file_name: str | None = None,
    mode: str = "skip",
    username: str = "cli",
    today: date | None = None,
    progress: Progress | None = None,
    actor: permissions.Actor | None = None,
    check_only: bool = False,
) -> ImportReport:
    """Validate and load one CSV file atomically; ``mode`` decides what happens to existing keys.

    With ``actor`` the import is checked against the actor's role (the app and the command
    line pass one); without it the caller has checked permissions and acts as ``username``.
    ``check_only`` validates everything and rolls back, so the report says what an import would do.
    """
    if kind not in FORMATS and kind != followup.KIND:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join([*FORMATS, followup.KIND])}")
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; choose skip or update")
    if actor is not None:
        permissions.require(actor, "import_data")
        username = actor.username
    raw, size, sha256 = _open(source)
    name = (file_name or file_name_of(source, f"{kind}.csv"))[:255]
    report = ImportReport(kind=kind, file_name=name, sha256=sha256, mode=mode)
    try:
        if kind == followup.KIND:  # cases name stored responses; a stored case is kept, never updated
            return followup.load_cases(engine, raw.read(), username=username, file_name=name, check_only=check_only)
        refused = refused_format(raw.read(4))
        raw.seek(0)
        if refused:
            report.add(0, "", "", refused)
            return report
        fmt, update, day = FORMATS[kind], mode == "update", today or date.today()

        def body(session: Session, lk: Lookups) -> None:
            if kind == "responses":
                load_responses(session, raw, fmt, lk, day, report, update=update, progress=progress, size=size)
            else:
                load_table(session, raw, fmt, lk, day, report, update=update)

        _load(engine, fmt, report, username, body, progress, check_only=check_only)
    finally:
        if isinstance(source, bytes | Path):
            raw.close()
    return report


def import_response_batches(
    engine: Engine,
    batches: Iterable[TextBatch],
    report: ImportReport,
    *,
    username: str,
    today: date | None = None,
    progress: Progress | None = None,
    check_only: bool = False,
    direct: Callable[[Lookups, date], Tables] | None = None,
    tick: Note | None = None,
    rows: int = 0,
) -> ImportReport:
    """Validate and load survey responses that another reader has turned into text columns, as ``import_file``
    loads a responses CSV: the same checks in the same words, one transaction, all rows or none.

    ``report`` is the caller's, with the file's name, SHA-256 and mode: problems the caller finds itself stay in
    it and stop the load like any other. Problems carry the lines the batches give; the caller counts the rows
    it reads and reports progress up to ``responses.READ_SHARE`` as it makes the batches. The caller has checked
    that ``username`` may import. ``direct`` makes the caller's fast reader (a ``responses.Tables``) for the stored
    codes and today: when it vouches for every row, ``batches`` is never read (see ``responses.load_batches``);
    ``tick`` is called, on this thread, as it reads (it reads on a second one). ``rows`` is about how many rows
    the file holds (0: not known), for the direct load to weigh building indexes again against keeping them.
    """
    if report.mode not in MODES:
        raise ValueError(f"unknown mode {report.mode!r}; choose skip or update")
    fmt, day = FORMATS["responses"], today or date.today()

    def body(session: Session, lk: Lookups) -> None:
        checked = text_batches(batches, fmt, report, lk, day)
        tables = None if direct is None else direct(lk, day)
        load_batches(session, checked, lk, report, update=report.mode == "update", progress=progress, direct=tables,
                     tick=tick, rows=rows)  # fmt: skip

    _load(engine, fmt, report, username, body, progress, check_only=check_only)
    return report


def _load(
    engine: Engine,
    fmt: CsvFormat,
    report: ImportReport,
    username: str,
    body: Callable[[Session, Lookups], None],
    progress: Progress | None,
    *,
    check_only: bool = False,
) -> None:
    with Session(engine, expire_on_commit=False) as session:
        # SQLite: one import writes at a time. Taking the write lock first makes a second import wait for the
        # first (up to the busy timeout) instead of failing when its snapshot turns out stale at the merge.
        db.lock_for_write(session)
        same = col(ImportBatch.sha256) == report.sha256, col(ImportBatch.kind) == fmt.kind
        previous = session.exec(select(ImportBatch).where(*same).order_by(col(ImportBatch.at))).first()
        if previous:
            report.already_imported_at = previous.at.strftime("%Y-%m-%d %H:%M UTC")
        lk = _lookups(session)
        try:
            body(session, lk)
        except (IntegrityError, DataError) as exc:
            session.rollback()
            reason = str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__
            report.add(0, "", "", f"the database refused the file ({reason}); nothing was loaded")
        if progress:
            progress(1.0)
        if not report.ok or check_only:
            session.rollback()
            return
        if report.changed:
            batch = _batch(report, username)
            session.add(batch)
            if report.new_ids:
                remember_batch(session, batch, report.new_ids)
            audit.record(session, username=username, action="import", entity=fmt.kind, key=report.file_name,
                         detail=report.summary())  # fmt: skip
        session.commit()


def _batch(report: ImportReport, username: str) -> ImportBatch:
    return ImportBatch(
        kind=report.kind,
        file_name=report.file_name,
        sha256=report.sha256,
        rows_read=report.rows_read,
        rows_inserted=report.inserted,
        rows_updated=report.updated,
        rows_skipped=report.skipped,
        at=audit.now(),
        username=username,
    )


def load_dir(
    engine: Engine,
    directory: Path,
    *,
    username: str = "cli",
    mode: str = "skip",
    today: date | None = None,
    progress: Callable[[str], Progress | None] | None = None,
    actor: permissions.Actor | None = None,
) -> list[ImportReport]:
    """Import every known file of a folder in dependency order, each in its own transaction.

    Stops at the first file that cannot load, since later files usually refer to its rows.
    """
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory} is not a folder")
    paths = [(kind, directory / FORMATS[kind].file_name) for kind in LOAD_ORDER]
    present = [(kind, path) for kind, path in paths if path.is_file()]
    if not present:
        names = ", ".join(f.file_name for f in FORMATS.values())
        raise FileNotFoundError(f"{directory} holds none of the expected files ({names})")
    reports = []
    for kind, path in present:
        bar = progress(kind) if progress else None
        report = import_file(engine, kind, path, mode=mode, username=username, today=today, progress=bar, actor=actor)
        reports.append(report)
        if not report.ok:
            return reports
    cases = directory / followup.FILE_NAME
    if cases.is_file():  # after the responses they name; the app's and the command line's admins only
        if actor is not None:
            permissions.require(actor, "import_data")
        reports.append(followup.load_cases(engine, cases, username=actor.username if actor else username))
    return reports
