"""Writing detractor follow-up cases: open them in bulk for a month, then move each through new → contacted →
resolved | no response with an assignee of its region, by role, never losing someone else's change (every save is
``WHERE id = ? AND version = ?``) and always in the audit log."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import exists, insert, literal, update
from sqlmodel import Session, col, select

from cxdash import audit, db, permissions, queries
from cxdash.models import FOLLOWUP_STATUSES, FollowUpCase, Region, SurveyResponse, User

ENTITY = "followup_case"
DETRACTOR_MAX = 6
CLOSED = ("resolved", "no_response")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


class FollowUpError(ValueError):
    """A follow-up change that cannot be saved; the message says what to do."""


def parse_month(text: str) -> date:
    """``2026-10`` as the first day of that month, or a sentence saying how to write it."""
    text = text.strip()
    if not _MONTH.fullmatch(text) or not 1 <= int(text[5:]) <= 12:
        raise FollowUpError(f"{text!r} is not a month; write it as YYYY-MM, for example 2026-10.")
    return date(int(text[:4]), int(text[5:]), 1)


def _region_ids(session: Session, region: str | None) -> dict[str, int]:
    stmt = select(Region.code, Region.id)
    if region is not None:
        stmt = stmt.where(Region.code == region)
    found = {str(code): int(ident) for code, ident in session.exec(stmt).all() if ident is not None}
    if region is not None and not found:
        raise FollowUpError(f"There is no region {region!r}; pick one from the list.")
    return found


def open_cases(session: Session, *, actor: permissions.Actor, month: date, region: str | None = None) -> int:
    """Open a case for every detractor (score 0–6) of ``month`` (one region, or all) that has none; returns how many
    were opened. Running it again opens nothing twice: a case is unique per response."""
    month = month.replace(day=1)
    permissions.require(actor, "manage_followup", region=region)
    db.lock_for_write(session, key=f"{ENTITY}:{month:%Y-%m}")
    available = queries.months_with_data(session)
    if month not in available:
        session.rollback()
        latest = f" (the latest is {available[-1]:%Y-%m})" if available else ""
        raise FollowUpError(f"There are no responses in {month:%Y-%m}; pick a month with data{latest}.")
    opened_at = audit.now()
    opened = 0
    for ident in _region_ids(session, region).values():
        # One region at a time, so each read runs on the (region, month) index even at millions of responses.
        fields: list[Any] = [
            col(SurveyResponse.response_key), col(SurveyResponse.region_id), col(SurveyResponse.month),
            col(SurveyResponse.nps), literal("new"), literal(opened_at), literal(1),
        ]  # fmt: skip
        detractors = select(*fields).where(
            SurveyResponse.region_id == ident, SurveyResponse.month == month, col(SurveyResponse.nps) <= DETRACTOR_MAX,
            ~exists().where(col(FollowUpCase.response_key) == col(SurveyResponse.response_key)),
        )  # fmt: skip
        names = ["response_key", "region_id", "month", "nps", "status", "opened_at", "version"]
        # RETURNING counts the rows on both databases (psycopg reports no rowcount for INSERT … SELECT here).
        stmt = insert(FollowUpCase).from_select(names, detractors).returning(col(FollowUpCase.id))
        opened += len(session.connection().execute(stmt).all())
    if opened:
        scope = region or "every region"
        audit.record(session, username=actor.username, action="open", entity=ENTITY, key=f"{month:%Y-%m} {scope}",
                     detail=f"{opened} case(s) opened")  # fmt: skip
    session.commit()
    return opened


def _assignee_id(session: Session, username: str | None, region_id: int, region: str) -> int | None:
    if not username:
        return None
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.active or user.region_id != region_id:
        raise FollowUpError(f"{username!r} is not an active user of region {region}; pick someone from the list.")
    return user.id


def update_case(
    session: Session, *, actor: permissions.Actor, case_id: int, version: int, status: str, assignee: str | None
) -> str:
    """Set a case's status and assignee (a user of its region, or nobody). The first time the case leaves ``new``
    records its first contact; becoming resolved or no response records when it closed."""
    if status not in FOLLOWUP_STATUSES:
        raise FollowUpError(f"{status!r} is not a status; use one of {', '.join(FOLLOWUP_STATUSES)}.")
    row = session.get(FollowUpCase, case_id)
    if row is None:
        raise FollowUpError("That case no longer exists; reload the page.")
    region = session.get(Region, row.region_id)
    code = region.code if region else None
    permissions.require(actor, "manage_followup", region=code)
    values: dict[str, object] = {"status": status, "assignee_id": _assignee_id(session, assignee, row.region_id,
                                                                               str(code))}  # fmt: skip
    at = audit.now()
    if status != "new" and row.first_contact_at is None:
        values["first_contact_at"] = at
    if status in CLOSED:
        values["closed_at"] = row.closed_at if row.status in CLOSED else at
    else:
        values["closed_at"] = None
    stmt = (
        update(FollowUpCase)
        .where(col(FollowUpCase.id) == case_id, col(FollowUpCase.version) == version)
        .values(**values, version=version + 1)
    )
    if session.connection().execute(stmt).rowcount != 1:
        session.rollback()
        raise FollowUpError(
            "Not saved: someone changed this case after you opened it. "
            "The page now shows what is stored; check it and save again if your change still applies."
        )
    detail = f"status={status}, assignee={assignee or 'nobody'}"
    audit.record(session, username=actor.username, action="update", entity=ENTITY, key=str(case_id), detail=detail)
    session.commit()
    return "Saved."
