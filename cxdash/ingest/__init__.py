"""CSV imports: validate every row, then load all of a file in one transaction or nothing."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cxdash import audit
from cxdash.ingest.formats import FORMATS, LOAD_ORDER, CsvFormat
from cxdash.ingest.parse import read_rows
from cxdash.ingest.report import ImportReport, Problem
from cxdash.ingest.responses import (
    count_responses,
    existing_cells,
    insert_responses,
    refresh_rollups,
    response_record,
)
from cxdash.ingest.rules import RULES, Lookups
from cxdash.ingest.writers import write_rows
from cxdash.models import AlignmentRound, ImportBatch, Leader, Region, Touchpoint

__all__ = ["FORMATS", "ImportReport", "Problem", "import_file", "load_dir"]

Progress = Callable[[float], None]
CHUNK = 20_000
MODES = ("skip", "update")


def _lookups(session: Session) -> Lookups:
    return Lookups(
        regions={c: i for c, i in session.exec(select(Region.code, Region.id)).all()},  # type: ignore[misc]
        touchpoints={c: i for c, i in session.exec(select(Touchpoint.code, Touchpoint.id)).all()},  # type: ignore[misc]
        leaders={c: i for c, i in session.exec(select(Leader.key, Leader.id)).all()},  # type: ignore[misc]
        rounds={c: i for c, i in session.exec(select(AlignmentRound.label, AlignmentRound.id)).all()},  # type: ignore[misc]
    )


def _sha256(source: Path | bytes) -> str:
    digest = hashlib.sha256()
    if isinstance(source, bytes):
        digest.update(source)
    else:
        with source.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _checked(
    rows: Iterator[tuple[int, dict[str, Any]]], fmt: CsvFormat, lk: Lookups, today: date, report: ImportReport
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Apply the kind's rules and the in-file duplicate-key check to parsed rows."""
    rule = RULES[fmt.kind]
    first_seen: dict[tuple[Any, ...], int] = {}
    for line, row in rows:
        key = tuple(row[c] for c in fmt.key)
        if key in first_seen:
            report.add(
                line, ",".join(fmt.key), "/".join(map(str, key)), f"duplicate key; line {first_seen[key]} has it too"
            )
            continue
        first_seen[key] = line
        issues = rule(row, lk, today)
        for column, value, reason in issues:
            report.add(line, column, value, reason)
        if not issues:
            yield line, row


def _leader_cycles(rows: list[dict[str, Any]], session: Session, report: ImportReport) -> None:
    boss: dict[str, str | None] = {}
    names = {leader.id: leader.key for leader in session.exec(select(Leader)).all()}
    for leader in session.exec(select(Leader)).all():
        boss[leader.key] = names.get(leader.reports_to_id) if leader.reports_to_id else None
    boss.update({r["key"]: r["reports_to"] for r in rows})
    for start in (r["key"] for r in rows):
        path, node = [start], boss.get(start)
        while node is not None and node not in path and len(path) <= len(boss):
            path.append(node)
            node = boss.get(node)
        if node is not None and node in path:
            report.add(0, "reports_to", " -> ".join([*path, node]), "reporting lines form a cycle")
            return


def _load_small(
    session: Session, raw: IO[bytes], fmt: CsvFormat, lk: Lookups, today: date, report: ImportReport, update: bool
) -> None:
    parsed = list(read_rows(raw, fmt, report))
    if fmt.kind == "leaders":
        lk.file_leaders = {row["key"] for _, row in parsed}
    rows = [row for _, row in _checked(iter(parsed), fmt, lk, today, report)]
    if fmt.kind == "leaders" and report.ok:
        _leader_cycles(rows, session, report)
    if report.ok:
        write_rows(session, fmt.kind, rows, lk, update=update, report=report)


def _load_responses(
    session: Session,
    raw: IO[bytes],
    fmt: CsvFormat,
    lk: Lookups,
    today: date,
    report: ImportReport,
    update: bool,
    progress: Progress | None,
    size: int,
) -> None:
    before = count_responses(session)
    cells: set[tuple[date, int]] = set()
    chunk: list[dict[str, Any]] = []
    rewritten = 0

    def flush() -> None:
        nonlocal rewritten
        if report.ok and chunk:
            if update:
                moved = existing_cells(session, [r["response_key"] for r in chunk])
                cells.update(moved)
            insert_responses(session, chunk, update=update)
            cells.update((r["month"], r["region_id"]) for r in chunk)
        chunk.clear()
        if progress and size:
            progress(min(raw.tell() / size, 1.0))

    for _, row in _checked(read_rows(raw, fmt, report), fmt, lk, today, report):
        chunk.append(response_record(row, lk))
        if len(chunk) >= CHUNK:
            flush()
    flush()
    if not report.ok:
        return
    refresh_rollups(session, cells)
    report.inserted = count_responses(session) - before
    if update:
        rewritten = report.rows_read - report.inserted
        report.updated = rewritten
    else:
        report.skipped = report.rows_read - report.inserted


def import_file(
    engine: Engine,
    kind: str,
    source: Path | bytes,
    *,
    file_name: str | None = None,
    mode: str = "skip",
    username: str = "cli",
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate and load one CSV file atomically; ``mode`` decides what happens to existing keys."""
    if kind not in FORMATS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(FORMATS)}")
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; choose skip or update")
    fmt = FORMATS[kind]
    name = file_name or (source.name if isinstance(source, Path) else f"{kind}.csv")
    report = ImportReport(kind=kind, file_name=name, sha256=_sha256(source))
    today = today or date.today()
    raw: IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    try:
        with Session(engine, expire_on_commit=False) as session:
            previous = session.exec(
                select(ImportBatch).where(col(ImportBatch.sha256) == report.sha256, col(ImportBatch.kind) == kind)
            ).first()
            if previous:
                report.already_imported_at = previous.at.strftime("%Y-%m-%d %H:%M UTC")
            lk = _lookups(session)
            if kind == "responses":
                _load_responses(session, raw, fmt, lk, today, report, mode == "update", progress, size)
            else:
                _load_small(session, raw, fmt, lk, today, report, mode == "update")
            if not report.ok:
                session.rollback()
                return report
            if report.changed:
                session.add(_batch(report, username))
                audit.record(
                    session, username=username, action="import", entity=kind, key=name, detail=report.summary()
                )
            session.commit()
    finally:
        raw.close()
    return report


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


def load_dir(engine: Engine, directory: Path, *, username: str = "cli", mode: str = "skip") -> list[ImportReport]:
    """Import every known file of a folder in dependency order; each file is its own transaction."""
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory} is not a folder")
    reports = []
    for kind in LOAD_ORDER:
        path = directory / FORMATS[kind].file_name
        if path.exists():
            reports.append(import_file(engine, kind, path, mode=mode, username=username))
    if not reports:
        raise FileNotFoundError(
            f"{directory} holds none of the expected files ({', '.join(f.file_name for f in FORMATS.values())})"
        )
    return reports
