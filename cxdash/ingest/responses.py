"""Importing survey responses: stream, validate, stage, merge, and move the rollups with them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import IO, Any

from sqlalchemy import func, select
from sqlmodel import Session

from cxdash.ingest import rollups
from cxdash.ingest.bulk import Stage
from cxdash.ingest.columns import Batch, read_batches
from cxdash.ingest.formats import CsvFormat
from cxdash.ingest.report import ImportReport
from cxdash.ingest.rules import Lookups
from cxdash.models import SurveyResponse

Progress = Callable[[float], None]

# Share of the progress bar for reading and staging the file; merging and rollups fill the rest.
READ_SHARE = 0.8


def count_responses(session: Session) -> int:
    """Responses stored."""
    return int(session.exec(select(func.count()).select_from(SurveyResponse)).one()[0])  # type: ignore[call-overload]


def _records(batches: Iterable[Batch], lk: Lookups, stage: Stage) -> Iterator[tuple[Any, ...]]:
    """Valid rows as staging tuples: codes become ids, the month is derived from the day."""
    regions, touchpoints = lk.regions, lk.touchpoints
    days: dict[date, Any] = {}
    months: dict[date, Any] = {}
    for batch in batches:
        v = batch.values
        for day in set(v["responded_on"]).difference(days):
            days[day], months[day] = stage.day(day), stage.day(day.replace(day=1))
        yield from zip(batch.lines, v["response_key"], v["customer_key"], map(regions.__getitem__, v["region"]),
                       map(touchpoints.__getitem__, v["touchpoint"]), v["channel"],
                       map(days.__getitem__, v["responded_on"]), map(months.__getitem__, v["responded_on"]),
                       v["nps"], v["csat"], v["ces"], v["comment"], strict=True)  # fmt: skip


def load_responses(
    session: Session,
    raw: IO[bytes],
    fmt: CsvFormat,
    lk: Lookups,
    today: date,
    report: ImportReport,
    *,
    update: bool,
    progress: Progress | None,
    size: int,
) -> None:
    """Validate and load a responses file of any size in bounded memory; nothing is written if any row is bad."""
    show = progress or (lambda _fraction: None)

    def tick() -> None:
        show(READ_SHARE * min(raw.tell() / size, 1.0) if size else 0.0)

    load_batches(session, read_batches(raw, fmt, report, lk, today, tick), lk, report, update=update, progress=progress)


def load_batches(
    session: Session,
    batches: Iterable[Batch],
    lk: Lookups,
    report: ImportReport,
    *,
    update: bool,
    progress: Progress | None,
) -> None:
    """Stage checked batches of responses, then merge them and move the rollups; nothing is written if any row is bad.

    The batches are consumed as they come, so memory stays flat however many there are; whoever makes them
    reports progress up to READ_SHARE.
    """
    show = progress or (lambda _fraction: None)
    stage = Stage(session)
    stage.create()
    stage.write(_records(batches, lk, stage))
    show(READ_SHARE)
    stage.report_duplicates(report)
    if not report.ok:
        stage.finish()
        return
    rollups.lock_response_writes(session)
    last_id = rollups.last_response_id(session)
    before = count_responses(session) if update else 0
    moved = stage.cells(stored=True) if update else set()
    written = stage.merge(update=update)
    inserted = count_responses(session) - before if update else written
    report.inserted, report.updated = inserted, written - inserted
    if inserted:
        report.new_ids = (last_id, rollups.last_response_id(session))
    report.skipped = report.rows_read - written
    show(0.9)
    if written:
        rollups.refresh_rollups(session, moved | stage.cells())
        stage.analyze()
    stage.finish()
