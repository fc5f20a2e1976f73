"""Importing customer records (a CRM or billing export, one row per customer or subscription).

All rows are checked first; then, in one transaction, the records are stored and the monthly
retention counts of every region in the file are derived from all of that region's records,
replacing its RetentionMonth rows (through the last complete month).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session, col, delete, select

from cxdash import audit, ingest, permissions
from cxdash.ingest.report import ImportReport
from cxdash.models import CustomerRecord, ImportBatch, Region, RetentionMonth
from cxdash.sources.load import Source, header_and_rows, known_codes, open_source
from cxdash.sources.mapping import Unmapped, date_reader
from cxdash.sources.presets import CUSTOMERS_PRESET
from cxdash.sources.profile import CUSTOMER_FIELDS, Profile
from cxdash.sources.read import Row, SourceError, SourceFile
from cxdash.sources.tenure import monthly_counts, months_between

KEY_LENGTH = 64


@dataclass(frozen=True)
class Record:
    line: int
    key: str
    region: str
    started_on: date
    ended_on: date | None


def _records(rows: list[Row], names: list[str], profile: Profile, report: ImportReport, today: date,
             regions: dict[str, str]) -> list[Record]:  # fmt: skip
    position = {name: i for i, name in reversed(list(enumerate(names)))}
    read_date, unmapped, first_line = date_reader(profile.date_format), Unmapped(), dict[str, int]()
    records = []
    for line, cells in rows:
        value = {f: cells[position[c]].strip() if (c := profile.source(f)) and position[c] < len(cells) else ""
                 for f in CUSTOMER_FIELDS}  # fmt: skip
        before = report.problem_count
        key = value["customer_key"]
        region = profile.regions.get(value["region"]) or regions.get(value["region"].lower())
        if not key or len(key) > KEY_LENGTH:
            report.add(line, profile.source("customer_key") or "", key, f"must be 1 to {KEY_LENGTH} characters")
        elif key in first_line:
            report.add(line, profile.source("customer_key") or "", key, f"duplicate key; line {first_line[key]} too")
        first_line.setdefault(key, line)
        if region is None:
            unmapped.add(value["region"], line)
        days: dict[str, date | None] = {}
        for field in ("started_on", "ended_on"):
            try:
                text = read_date(value[field])
                days[field] = date.fromisoformat(text) if text else None
            except ValueError as exc:
                report.add(line, profile.source(field) or field, value[field], str(exc))
        start, end = days.get("started_on"), days.get("ended_on")
        if "started_on" in days and start is None:
            report.add(line, profile.source("started_on") or "started_on", "", "is empty but required")
        elif start and start > today:
            report.add(line, profile.source("started_on") or "", value["started_on"], "is in the future")
        elif start and end and end < start:
            report.add(line, profile.source("ended_on") or "", value["ended_on"], "is before the start date")
        if report.problem_count == before and region and start:
            records.append(Record(line, key, region, start, end))
    unmapped.report(report, profile.source("region") or "region", "region", "")
    return records


def _store(session: Session, records: list[Record], update: bool, report: ImportReport) -> set[int]:
    """Insert (or, updating, change) the records; returns the ids of the regions whose records changed."""
    ids = dict(session.exec(select(Region.code, Region.id)).all())
    stored = {r.customer_key: r for r in session.exec(select(CustomerRecord))}
    touched: set[int] = set()
    for rec in records:
        values: dict[str, Any] = {"region_id": ids[rec.region], "started_on": rec.started_on, "ended_on": rec.ended_on}
        old = stored.get(rec.key)
        if old is None:
            session.add(CustomerRecord(customer_key=rec.key, **values))
            report.inserted += 1
        elif update and any(getattr(old, k) != v for k, v in values.items()):
            touched.add(old.region_id)
            for k, v in values.items():
                setattr(old, k, v)
            report.updated += 1
        else:
            report.skipped += 1
            continue
        touched.add(values["region_id"])
    session.flush()
    return touched


def _derive(session: Session, regions: set[int], today: date) -> None:
    last = today.replace(day=1) - timedelta(days=1)  # the last complete month
    for region_id in regions:
        mine = select(col(CustomerRecord.started_on), col(CustomerRecord.ended_on))
        tenures = [(s, e) for s, e in session.exec(mine.where(CustomerRecord.region_id == region_id))]
        session.execute(delete(RetentionMonth).where(col(RetentionMonth.region_id) == region_id))
        first = min(s for s, _ in tenures)
        for counts in monthly_counts(tenures, months_between(first, last)) if first <= last else []:
            session.add(RetentionMonth(region_id=region_id, **counts.__dict__))


def _read(engine: Engine, file: SourceFile, profile: Profile, report: ImportReport, today: date,
          limit: int | None = None) -> list[Record]:  # fmt: skip
    """The file's valid records (of its first ``limit`` rows); every problem goes to the report."""
    names, _, rows = header_and_rows(file, profile, report)
    missing = [f for f in ("customer_key", "region", "started_on") if profile.source(f) not in names]
    for field in missing:
        report.add(1, profile.source(field) or field, "", f"{CUSTOMER_FIELDS[field]}: the file has no such column")
    if not names or missing:
        return []
    data = list(rows if limit is None else islice(rows, limit))
    if not data:
        report.add(0, "", "", "the file has its header row(s) but no data rows")
    records = _records(data, names, profile, report, today, known_codes(engine)["region"])
    report.problems.sort(key=lambda p: p.line)  # unmapped regions are listed at their first line, in file order
    return records


def preview_customers(
    engine: Engine, data: bytes, profile: Profile, *, today: date | None = None, rows: int = 20
) -> tuple[list[Record], ImportReport]:
    """The first rows as they will load, and the problems found in them; raises SourceError for an unreadable file."""
    report = ImportReport("customers", "preview")
    file = SourceFile(open_source(data), sheet=profile.sheet)
    try:
        return _read(engine, file, profile, report, today or date.today(), rows), report
    finally:
        file.close()


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
    # Customer files hold one row per customer (thousands, not millions of survey rows): read whole.
    data = source if isinstance(source, bytes) else source.read_bytes() if isinstance(source, Path) else source.read()
    records: list[Record] = []
    name = file_name or ingest.file_name_of(source, "customers")
    report = ImportReport("customers", name[:255], hashlib.sha256(data).hexdigest(), mode)
    try:
        file = SourceFile(open_source(data), sheet=profile.sheet)
        try:
            records = _read(engine, file, profile, report, today)
        finally:
            file.close()
    except SourceError as exc:
        report.add(0, "", "", str(exc))
    report.rows_read = len({r.line for r in records}) if report.ok else 0
    if not report.ok:
        return report
    with Session(engine) as session:
        try:
            touched = _store(session, records, mode == "update", report)
            _derive(session, touched, today)
        except (IntegrityError, DataError) as exc:
            session.rollback()
            report.add(0, "", "", f"the database refused the file ({type(exc).__name__}); nothing was loaded")
            return report
        if check_only:
            session.rollback()
            return report
        if report.changed:
            session.add(ImportBatch(kind="customers", file_name=report.file_name, sha256=report.sha256,
                                    rows_read=report.rows_read, rows_inserted=report.inserted,
                                    rows_updated=report.updated, rows_skipped=report.skipped, at=audit.now(),
                                    username=username))  # fmt: skip
            audit.record(session, username=username, action="import", entity="customers", key=report.file_name,
                         detail=report.summary())  # fmt: skip
        session.commit()
    return report
