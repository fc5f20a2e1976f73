"""Loading follow-up cases (``followup_cases.csv``, as ``python -m cxdash sample`` writes it), from a folder or with
``python -m cxdash import followup_cases FILE``: every row checked, all loaded in one transaction or none, a report of
every problem (line, column, value, reason), cases already stored kept as they are."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cxdash import audit, db
from cxdash.ingest.report import ImportReport
from cxdash.models import FOLLOWUP_STATUSES, FollowUpCase, ImportBatch, SurveyResponse

KIND = "followup_cases"
FILE_NAME = "followup_cases.csv"
HEADER = ["response_key", "status", "opened_at", "first_contact_at", "closed_at"]
CLOSED = ("resolved", "no_response")
DESCRIPTION = "Detractor follow-up cases, one per detractor's response, with their status and times."
RULES = (
    "response_key names a stored response scored 0–6 (a detractor); the case takes its region, month and score",
    "status is one of " + ", ".join(FOLLOWUP_STATUSES),
    "times are YYYY-MM-DD HH:MM in UTC and not in the future; opened_at is required",
    "first_contact_at is given exactly when the status is not new; closed_at exactly when it is resolved or "
    "no_response; opened_at ≤ first_contact_at ≤ closed_at",
    "a response that already has a case is skipped: cases change in the app, never by an import (--update changes "
    "nothing)",
)
EXAMPLE = "R000123,resolved,2026-10-11 08:00,2026-10-11 10:30,2026-10-12 09:00"


TIMES = ("opened_at", "first_contact_at", "closed_at")


def _time(text: str) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def _rows(raw: bytes, report: ImportReport) -> list[dict[str, str]] | None:
    """The file's rows by column name, or None with the reason in ``report`` (not UTF-8, empty, wrong columns)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.add(0, "", "", "the file is not UTF-8 text; save it as CSV UTF-8 and import it again")
        return None
    lines = list(csv.reader(io.StringIO(text)))
    if not lines or not any(lines[0]):
        report.add(0, "", "", f"the file is empty; it needs the header {','.join(HEADER)}")
        return None
    header = [c.strip() for c in lines[0]]
    unknown, missing = sorted(set(header) - set(HEADER)), [c for c in HEADER if c not in header]
    if unknown or missing or len(header) != len(HEADER):
        said = [f"unknown column(s) {', '.join(unknown)}" if unknown else "",
                f"missing column(s) {', '.join(missing)}" if missing else ""]  # fmt: skip
        reason = "; ".join(s for s in said if s) or "a column appears twice"
        report.add(1, "", ",".join(lines[0]), f"{reason}: the header must name {','.join(HEADER)}")
        return None
    rows: list[dict[str, str]] = []
    for line, cells in enumerate(lines[1:], start=2):
        if len(cells) != len(HEADER):
            report.add(line, "", ",".join(cells), f"has {len(cells)} cell(s); the header has {len(HEADER)}")
            rows.append({})
        else:
            rows.append({c: v.strip() for c, v in zip(header, cells, strict=True)})
    return rows


def _problem(row: dict[str, str], times: dict[str, datetime | None]) -> tuple[str, str] | None:
    """The first thing wrong with a row that parsed, as (column, reason)."""
    status, opened, first, closed = row["status"], times["opened_at"], times["first_contact_at"], times["closed_at"]
    if status not in FOLLOWUP_STATUSES:
        return "status", f"must be one of {', '.join(FOLLOWUP_STATUSES)}"
    if opened is None:
        return "opened_at", "is required"
    if (first is None) != (status == "new"):
        return "first_contact_at", "is given exactly when the status is not new"
    if (closed is None) == (status in CLOSED):
        return "closed_at", "is given exactly when the status is resolved or no_response"
    if (first is not None and first < opened) or (closed is not None and first is not None and closed < first):
        return "first_contact_at", "times must run opened_at ≤ first_contact_at ≤ closed_at"
    return None


def load_cases(
    engine: Engine,
    source: Path | bytes,
    *,
    username: str,
    file_name: str | None = None,
    now: datetime | None = None,
    check_only: bool = False,
) -> ImportReport:
    """Check and load the cases of ``source`` (``check_only``: check only); a case whose response already has one is
    skipped."""
    raw = source.read_bytes() if isinstance(source, Path) else source
    name = file_name or (source.name if isinstance(source, Path) else FILE_NAME)
    report = ImportReport(kind=KIND, file_name=name[:255], sha256=hashlib.sha256(raw).hexdigest())
    rows = _rows(raw, report)
    if rows is None:
        return report
    with Session(engine, expire_on_commit=False) as session:
        db.lock_for_write(session)
        keys = [r["response_key"] for r in rows if r]
        found: dict[str, Any] = {}
        for start in range(0, len(keys), 1000):  # bounded IN lists
            chunk = keys[start : start + 1000]
            fields: list[Any] = [col(SurveyResponse.response_key), col(SurveyResponse.region_id),
                                 col(SurveyResponse.month), col(SurveyResponse.nps)]  # fmt: skip
            stmt = select(*fields).where(col(SurveyResponse.response_key).in_(chunk))
            found |= {k: (r, m, n) for k, r, m, n in session.exec(stmt).all()}
        stored = set(session.exec(select(FollowUpCase.response_key).where(col(FollowUpCase.response_key).in_(keys))))
        fresh = _check(rows, found, stored, report, now or audit.now())
        if report.ok and fresh and not check_only:
            session.add_all(fresh)
            session.add(ImportBatch(kind=KIND, file_name=report.file_name, sha256=report.sha256,
                                    rows_read=report.rows_read, rows_inserted=report.inserted,
                                    rows_skipped=report.skipped, at=audit.now(), username=username))  # fmt: skip
            audit.record(session, username=username, action="import", entity="followup_case", key=report.file_name,
                         detail=f"{len(fresh)} case(s) loaded")  # fmt: skip
            session.commit()
    return report


def _times(line: int, row: dict[str, str], now: datetime, report: ImportReport) -> dict[str, datetime | None] | None:
    """The row's three times, or None with each unreadable or future one in ``report``."""
    times: dict[str, datetime | None] = {}
    for column in TIMES:
        try:
            times[column] = _time(row[column])
        except ValueError:
            report.add(line, column, row[column], "times are written YYYY-MM-DD HH:MM (UTC)")
            continue
        moment = times[column]
        if moment is not None and moment > now:
            report.add(line, column, row[column], "is in the future")
    return times if len(times) == len(TIMES) and all(t is None or t <= now for t in times.values()) else None


def _check(
    rows: list[dict[str, str]], found: dict[str, Any], stored: set[str], report: ImportReport, now: datetime
) -> list[Any]:
    fresh = []
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        report.rows_read += 1
        if not row:  # the wrong number of cells, already reported
            continue
        key = row["response_key"]
        if key in first_line:
            report.add(line, "response_key", key, f"appears twice in the file (first on line {first_line[key]})")
            continue
        first_line[key] = line
        if key not in found or found[key][2] > 6:
            report.add(line, "response_key", key, "is not a stored detractor's response (score 0–6)")
            continue
        times = _times(line, row, now, report)
        if times is None:
            continue
        if problem := _problem(row, times):
            report.add(line, problem[0], row[problem[0]], problem[1])
        elif key in stored:
            report.skipped += 1
        else:
            region, month, nps = found[key]
            assert times["opened_at"] is not None  # _problem refused a row without one
            fresh.append(FollowUpCase(response_key=key, region_id=region, month=month, nps=nps, status=row["status"],
                                      opened_at=times["opened_at"], first_contact_at=times["first_contact_at"],
                                      closed_at=times["closed_at"]))  # fmt: skip
            report.inserted += 1
    return fresh
