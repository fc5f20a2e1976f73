"""Loading follow-up cases from a folder (``followup_cases.csv``, as ``python -m cxdash sample`` writes it): every row
checked, all loaded in one transaction or none, cases already stored kept as they are."""

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


def _time(text: str) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


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


def load_cases(engine: Engine, path: Path, *, username: str) -> ImportReport:
    """Check and load the cases of ``path``; a case whose response already has one is skipped."""
    raw = path.read_bytes()
    report = ImportReport(kind=KIND, file_name=path.name, sha256=hashlib.sha256(raw).hexdigest())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    if rows and list(rows[0]) != HEADER:
        report.add(1, "", ",".join(rows[0]), f"the header must be {','.join(HEADER)}")
        return report
    with Session(engine, expire_on_commit=False) as session:
        db.lock_for_write(session)
        keys = [r["response_key"] for r in rows]
        found: dict[str, Any] = {}
        for start in range(0, len(keys), 1000):  # bounded IN lists
            chunk = keys[start : start + 1000]
            fields: list[Any] = [col(SurveyResponse.response_key), col(SurveyResponse.region_id),
                                 col(SurveyResponse.month), col(SurveyResponse.nps)]  # fmt: skip
            stmt = select(*fields).where(col(SurveyResponse.response_key).in_(chunk))
            found |= {k: (r, m, n) for k, r, m, n in session.exec(stmt).all()}
        stored = set(session.exec(select(FollowUpCase.response_key).where(col(FollowUpCase.response_key).in_(keys))))
        fresh = _check(rows, found, stored, report)
        if report.ok and fresh:
            session.add_all(fresh)
            session.add(ImportBatch(kind=KIND, file_name=path.name[:255], sha256=report.sha256,
                                    rows_read=report.rows_read, rows_inserted=report.inserted,
                                    rows_skipped=report.skipped, at=audit.now(), username=username))  # fmt: skip
            audit.record(session, username=username, action="import", entity="followup_case", key=path.name,
                         detail=f"{len(fresh)} case(s) loaded")  # fmt: skip
            session.commit()
    return report


def _check(rows: list[dict[str, str]], found: dict[str, Any], stored: set[str], report: ImportReport) -> list[Any]:
    fresh = []
    for line, row in enumerate(rows, start=2):
        report.rows_read += 1
        key = row["response_key"]
        if key not in found or found[key][2] > 6:
            report.add(line, "response_key", key, "is not a stored detractor's response (score 0–6)")
            continue
        try:
            times = {c: _time(row[c]) for c in ("opened_at", "first_contact_at", "closed_at")}
        except ValueError:
            report.add(line, "opened_at", row["opened_at"], "times are written YYYY-MM-DD HH:MM (UTC)")
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
            stored.add(key)
            report.inserted += 1
    return fresh
