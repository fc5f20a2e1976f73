"""Importing survey responses: stream, validate, stage, merge, and move the rollups with them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlmodel import Session

from cxdash.ingest import ahead, arrowcsv, rollups
from cxdash.ingest.bulk import VALUES, Stage
from cxdash.ingest.columns import Batch, read_batches
from cxdash.ingest.formats import CsvFormat
from cxdash.ingest.report import ImportReport
from cxdash.ingest.rules import Lookups
from cxdash.ingest.tally import Tally
from cxdash.models import SurveyResponse

if TYPE_CHECKING:
    import pyarrow as pa

Progress = Callable[[float], None]
Note = Callable[[], None]
# A fast reader: the file's rows as tables of VALUES, counted in the report it is given, calling the note as it
# reads (for progress); raises arrowcsv.Declined unless every row is valid.
Tables = Callable[[ImportReport, Note], Iterator["pa.Table"]]

# Share of the progress bar for reading and staging the file; merging and rollups fill the rest.
READ_SHARE = 0.8
log = logging.getLogger("cxdash")


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


def forward(progress: Progress | None) -> Progress:
    """``progress`` moved on only, never back: a file read twice moves the bar on only once the second reading
    passes the first."""
    furthest = 0.0

    def show(fraction: float) -> None:
        nonlocal furthest
        if progress and fraction >= furthest:
            furthest = fraction
            progress(fraction)

    return show


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
    """Validate and load a responses file of any size in bounded memory; nothing is written if any row is bad.

    A file whose every row is valid and new goes straight into survey_response (``arrowcsv`` reads it, the rollups
    add its counts); any other file, or one that turns out to repeat a key, is read again the exact way, staged,
    checked and merged, so its problems are reported line by line.
    """
    show = forward(progress)

    def tick() -> None:
        show(READ_SHARE * min(raw.tell() / size, 1.0) if size else 0.0)

    start = raw.tell()

    def direct(counted: ImportReport, note: Note) -> Iterator[pa.Table]:
        return arrowcsv.read_tables(raw, fmt, lk, today, counted, VALUES, note, size)

    def exact() -> Iterator[Batch]:
        raw.seek(start)
        return read_batches(raw, fmt, report, lk, today, tick)

    paths = Paths("responses import", direct, exact, tick, rows=rows_guess(raw, size))
    _load(session, paths, lk, report, update=update, show=show)


GUESS_SAMPLE = 1 << 16  # bytes read from the start of a file to guess its rows


def rows_guess(raw: IO[bytes], size: int) -> int:
    """About how many rows a file of ``size`` bytes holds, from the lines in its first GUESS_SAMPLE bytes (its
    position is kept); 0 for an empty file."""
    start = raw.tell()
    sample = raw.read(GUESS_SAMPLE)
    raw.seek(start)
    return size * sample.count(b"\n") // len(sample) if sample else 0


def load_batches(
    session: Session,
    batches: Iterable[Batch],
    lk: Lookups,
    report: ImportReport,
    *,
    update: bool,
    progress: Progress | None,
    direct: Tables | None = None,
    tick: Note | None = None,
    rows: int = 0,
) -> None:
    """Stage checked batches of responses (a mapped survey export), then merge them and move the rollups; nothing
    is written if any row is bad.

    With ``direct`` (the export read at C speed), rows that are all valid and new go straight into survey_response
    and ``batches`` is never read (``tick`` is called, on this thread, as it reads); any other export is read through
    ``batches``. The batches are consumed as they come, so memory stays flat however many there are; whoever makes
    them reports progress up to READ_SHARE; ``rows`` is about how many rows there are (0: not known).
    """
    paths = Paths("survey export import", direct, lambda: batches, tick, rows)
    _load(session, paths, lk, report, update=update, show=progress or (lambda _fraction: None))


@dataclass(frozen=True)
class Paths:
    """The two ways a file's rows can go in: its name in the log, the fast reader (if any), the exact reader, and
    what to call (on the importing thread) as the fast reader moves on, and about how many rows there are (0: not
    known)."""

    what: str
    direct: Tables | None
    exact: Callable[[], Iterable[Batch]]
    tick: Note | None = None
    rows: int = 0


def _load(session: Session, paths: Paths, lk: Lookups, report: ImportReport, *, update: bool, show: Progress) -> None:
    stage = Stage(session)
    stage.begin()
    try:  # however it ends, the pooled connection gets its usual settings back
        # Taken first: a direct load writes survey_response (and draws its ids) while it reads the file.
        rollups.lock_response_writes(session)
        last_id = rollups.last_response_id(session)
        if paths.direct is not None and _load_direct(session, stage, paths, lk, report, last_id):
            show(READ_SHARE)
            return
        _load_staged(session, stage, paths, lk, report, update=update, show=show, last_id=last_id)
    finally:
        stage.finish()


def _load_direct(session: Session, stage: Stage, paths: Paths, lk: Lookups, report: ImportReport, last_id: int) -> bool:
    """Load a file whose every row is valid and new straight into survey_response, its counts into the rollups;
    False (and nothing written) for any other file."""
    assert paths.direct is not None
    direct, what = paths.direct, paths.what
    stage.savepoint()
    trusted = stage.trust_references({"region": set(lk.regions.values()), "touchpoint": set(lk.touchpoints.values())})
    counted, tally = ImportReport(report.kind, report.file_name), Tally()

    def checked(note: Note) -> Iterator[Any]:
        return stage.encoded(tally.counting(direct(counted, note)))

    refused: tuple[type[Exception], ...] = (arrowcsv.Declined, *stage.integrity_errors())
    # The highest id stands for the rows stored: free to read, and never fewer (deleted rows leave gaps).
    stage.set_aside_indexes(stored=last_id, incoming=paths.rows)
    stage.number_rows()
    try:
        # The next tables are read, checked, counted and encoded on a second thread while the driver writes these.
        with closing(ahead.read_ahead(checked, paths.tick)) as tables:
            stage.insert(tables)
    except refused as exc:
        stage.roll_back_to_savepoint()
        log.info("%s: %s; reading it again row by row", what, _why_staged(exc))
        return False
    stage.restore_indexes()
    stage.check_references_again()
    stage.release()
    report.rows_read = counted.rows_read
    stage.path = "direct" + (", references proven once" if trusted else ", references checked per row")
    built = ", indexes built after" if stage.rebuilt else ""
    log.info("%s: %s rows %s%s", what, f"{report.rows_read:,}", stage.path, built)
    report.inserted = report.rows_read
    report.new_ids = (last_id, rollups.last_response_id(session))
    rollups.add_counts(session, tally.counts())
    stage.analyze()
    return True


def _why_staged(error: Exception) -> str:
    if isinstance(error, arrowcsv.Declined):
        return "the file has a problem or an unusual layout"
    return "the file repeats a key, or has keys already stored"


def _load_staged(
    session: Session,
    stage: Stage,
    paths: Paths,
    lk: Lookups,
    report: ImportReport,
    *,
    update: bool,
    show: Progress,
    last_id: int,
) -> None:
    """The exact path: every row read, problems reported by line, valid rows staged, checked and merged."""
    stage.create()
    stage.write(_records(paths.exact(), lk, stage))
    show(READ_SHARE)
    stage.report_duplicates(report)
    if not report.ok:
        return
    before = count_responses(session) if update else 0
    moved = stage.cells(stored=True) if update else set()
    trusted = stage.trust_references(stage.referenced_ids())
    written = stage.merge(update=update)
    stage.check_references_again()
    stage.path = "staged" + (", references proven once" if trusted else ", references checked per row")
    log.info("%s: %s", paths.what, stage.path)
    inserted = count_responses(session) - before if update else written
    report.inserted, report.updated = inserted, written - inserted
    if inserted:
        report.new_ids = (last_id, rollups.last_response_id(session))
    report.skipped = report.rows_read - written
    show(0.9)
    if report.updated:
        rollups.refresh_rollups(session, moved | stage.cells())
    elif written:
        rollups.add_counts(session, rollups.new_response_counts(session, last_id))
    if written:
        stage.analyze()
