"""Importing customer records (a CRM or billing export, one row per customer or subscription).

The file streams: each row is checked as it is read and written to a staging table in the import's
transaction, so memory stays flat however many customers it holds. Then, in that one transaction, the
records are stored and the monthly retention counts of every region in the file are derived from all of
that region's records, replacing its RetentionMonth rows (through the last complete month).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session, col, delete, select

from cxdash import audit, ingest, permissions
from cxdash.ingest.report import ImportReport, Problem
from cxdash.models import CustomerRecord, ImportBatch, Region, RetentionMonth
from cxdash.sources.customer_stage import CHUNK, CustomerStage, Staged, duplicate
from cxdash.sources.load import Source, header_and_rows, known_codes, open_source, sha256_of
from cxdash.sources.mapping import Unmapped, date_reader
from cxdash.sources.presets import CUSTOMERS_PRESET
from cxdash.sources.profile import CUSTOMER_FIELDS, Profile
from cxdash.sources.read import SourceError, SourceFile
from cxdash.sources.tenure import monthly_counts, months_between

KEY_LENGTH = 64
NO_DATA = "the file has its header row(s) but no data rows"
REQUIRED = ("customer_key", "region", "started_on")


@dataclass(frozen=True)
class Record:
    line: int
    key: str
    region: str
    started_on: date
    ended_on: date | None


# A row as read: its line, its key when the key is usable (else ""), and its record when the row has no problem.
Checked = tuple[int, str, Record | None]


class _Reader:
    """Checks a customer file's rows one at a time; problems and unmapped regions go to the report."""

    def __init__(self, names: list[str], profile: Profile, report: ImportReport, today: date,
                 regions: dict[str, str]) -> None:  # fmt: skip
        position = {name: i for i, name in reversed(list(enumerate(names)))}
        self.where = {f: position[c] for f in CUSTOMER_FIELDS if (c := profile.source(f)) is not None}
        self.profile, self.report, self.today, self.regions = profile, report, today, regions
        self.read_date, self.unmapped = date_reader(profile.date_format), Unmapped()

    def check(self, line: int, cells: list[str]) -> Checked:
        profile, report = self.profile, self.report
        value = {f: cells[p].strip() if p < len(cells) else "" for f, p in self.where.items()}
        before = report.problem_count
        key, region_text = value.get("customer_key", ""), value.get("region", "")
        region = profile.regions.get(region_text) or self.regions.get(region_text.lower())
        usable = 0 < len(key) <= KEY_LENGTH
        if not usable:
            report.add(line, profile.source("customer_key") or "", key, f"must be 1 to {KEY_LENGTH} characters")
        if region is None:
            self.unmapped.add(region_text, line)
        days: dict[str, date | None] = {}
        for field in ("started_on", "ended_on"):
            try:
                text = self.read_date(value.get(field, ""))
                days[field] = date.fromisoformat(text) if text else None
            except ValueError as exc:
                report.add(line, profile.source(field) or field, value.get(field, ""), str(exc))
        start, end = days.get("started_on"), days.get("ended_on")
        if "started_on" in days and start is None:
            report.add(line, profile.source("started_on") or "started_on", "", "is empty but required")
        elif start and start > self.today:
            report.add(line, profile.source("started_on") or "", value["started_on"], "is in the future")
        elif start and end and end < start:
            report.add(line, profile.source("ended_on") or "", value["ended_on"], "is before the start date")
        ok = report.problem_count == before and region is not None and start is not None
        return line, key if usable else "", Record(line, key, region, start, end) if ok else None  # type: ignore[arg-type]

    def finish(self) -> None:
        self.unmapped.report(self.report, self.profile.source("region") or "region", "region", "")


def _rows(engine: Engine, file: SourceFile, profile: Profile, report: ImportReport, today: date,
          limit: int | None = None) -> Iterator[Checked]:  # fmt: skip
    """The file's rows (its first ``limit``), checked as they stream; at the end, unmapped regions are reported."""
    names, _, rows = header_and_rows(file, profile, report)
    mapped = [f for f in CUSTOMER_FIELDS if f in REQUIRED or profile.source(f) is not None]
    missing = [f for f in mapped if profile.source(f) not in names]
    for field in missing:
        report.add(1, profile.source(field) or field, "", f"{CUSTOMER_FIELDS[field]}: the file has no such column")
    if not names or missing:
        return
    reader, count = _Reader(names, profile, report, today, known_codes(engine)["region"]), 0
    for line, cells in rows if limit is None else islice(rows, limit):
        count += 1
        yield reader.check(line, cells)
    if not count:
        report.add(0, "", "", NO_DATA)
    reader.finish()


def _in_file_order(report: ImportReport, profile: Profile) -> None:
    """Problems by line, and within a line in the order of the fields (unmapped regions at their first line)."""
    rank = {profile.source(f) or f: i for i, f in enumerate(CUSTOMER_FIELDS)}

    def order(problem: Problem) -> tuple[int, int]:
        return problem.line, rank.get(problem.column, -1)

    report.problems.sort(key=order)


def _staged(rows: Iterator[Checked], ids: dict[str, int], counted: list[int]) -> Iterator[Staged]:
    """Rows with a usable key as the stage takes them; ``counted`` holds the rows read so far."""
    for line, key, record in rows:
        counted[0] += 1
        if record is not None:
            yield line, key, ids[record.region], record.started_on, record.ended_on
        elif key:
            yield line, key, None, None, None  # staged only so that a later row with its key is a duplicate


def _derive(session: Session, regions: set[int], today: date) -> None:
    last = today.replace(day=1) - timedelta(days=1)  # the last complete month
    for region_id in regions:
        session.execute(delete(RetentionMonth).where(col(RetentionMonth.region_id) == region_id))
        mine = col(CustomerRecord.region_id) == region_id
        first = session.exec(select(func.min(CustomerRecord.started_on)).where(mine)).one()
        if first is None or first > last:  # a region whose last customer moved away keeps no derived months
            continue
        tenures = select(col(CustomerRecord.started_on), col(CustomerRecord.ended_on)).where(mine)
        streamed = session.execute(tenures.execution_options(yield_per=CHUNK))
        for counts in monthly_counts(streamed, months_between(first, last)):
            session.add(RetentionMonth(region_id=region_id, **counts.__dict__))


def preview_customers(
    engine: Engine, data: bytes, profile: Profile, *, today: date | None = None, rows: int = 20
) -> tuple[list[Record], ImportReport]:
    """The first rows as they will load, and the problems found in them; raises SourceError for an unreadable file."""
    report = ImportReport("customers", "preview")
    file = SourceFile(open_source(data), sheet=profile.sheet)
    try:
        checked = list(_rows(engine, file, profile, report, today or date.today(), rows))
    finally:
        file.close()
    first_line: dict[str, int] = {}
    for line, key, _ in checked:
        if not key:
            continue
        if key in first_line:
            report.add(line, profile.source("customer_key") or "", key, duplicate(first_line[key]))
        first_line.setdefault(key, line)
    _in_file_order(report, profile)
    repeated = {line for line, key, _ in checked if key and first_line[key] != line}
    return [r for line, _, r in checked if r is not None and line not in repeated], report


def import_customers(
    engine: Engine,
    source: Source,
    profile: Profile = CUSTOMERS_PRESET,
    *,
    file_name: str | None = None,
    mode: str = "skip",
    today: date | None = None,
    actor: permissions.Actor | None = None,
    username: str = "cli",
    check_only: bool = False,
) -> ImportReport:
    """Check every customer record of a file, then store them and re-derive their regions' monthly retention.

    All or nothing: a file with any problem stores nothing. ``check_only`` does the whole import and rolls it
    back, so the report says what importing would do.
    """
    if actor is not None:
        permissions.require(actor, "import_data")
        username = actor.username
    today = today or date.today()
    name = file_name or ingest.file_name_of(source, "customers")
    report = ImportReport("customers", name[:255], "", mode)
    raw, file = open_source(source), None
    try:
        report.sha256 = sha256_of(source, raw)
        file = SourceFile(raw, sheet=profile.sheet)
        _load(engine, file, profile, report, today, username, check_only=check_only)
    except SourceError as exc:
        report.add(0, "", "", str(exc))
    finally:
        if file is not None:
            file.close()
        if isinstance(source, bytes | Path):
            raw.close()
    if not report.ok:
        report.rows_read = report.inserted = report.updated = report.skipped = 0
    return report


def _load(engine: Engine, file: SourceFile, profile: Profile, report: ImportReport, today: date, username: str, *,
          check_only: bool) -> None:  # fmt: skip
    with Session(engine) as session:
        ids = {code: int(i) for code, i in session.exec(select(Region.code, Region.id)).all() if i is not None}
        stage, counted = CustomerStage(session), [0]
        try:
            stage.create()
            stage.write(_staged(_rows(engine, file, profile, report, today), ids, counted))
            stage.report_duplicates(report, profile.source("customer_key") or "")
            _in_file_order(report, profile)
            if not report.ok:
                session.rollback()
                return
            report.rows_read = counted[0]
            touched = stage.merge(update_stored=report.mode == "update", report=report)
            report.skipped = report.rows_read - report.inserted - report.updated
            _derive(session, touched, today)
            stage.drop()
        except (IntegrityError, DataError) as exc:
            session.rollback()
            report.add(0, "", "", f"the database refused the file ({type(exc).__name__}); nothing was loaded")
            return
        if check_only:
            session.rollback()
            return
        if report.changed:
            session.add(ImportBatch(kind="customers", file_name=report.file_name, sha256=report.sha256,
                                    rows_read=report.rows_read, rows_inserted=report.inserted,
                                    rows_updated=report.updated, rows_skipped=report.skipped, at=audit.now(),
                                    username=username))  # fmt: skip
            audit.record(session, username=username, action="import", entity="customers", key=report.file_name,
                         detail=report.summary())  # fmt: skip
        session.commit()
