"""Typed reads over SQLModel that return small frames; KPI reads touch rollups only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from cxdash.models import (
    AlignmentRating,
    AlignmentRound,
    AuditEvent,
    ImportBatch,
    Leader,
    Ownership,
    Region,
    ResponseRollup,
    RetentionMonth,
    Setting,
    Target,
    Touchpoint,
    User,
)

ROLLUP_COUNTS = ("n", "promoters", "passives", "detractors", "csat_n", "csat_top2", "ces_n", "ces_sum")
SIGN_IN_ACTIONS = ("sign_in", "sign_in_failed", "sign_in_locked")
DEFAULT_SETTINGS = {"low_sample_n": "30", "suppress_n": "5"}


def _frame(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


def read_frame(session: Session, stmt: Any, columns: Sequence[str]) -> pd.DataFrame:
    """The rows of ``stmt`` as a frame with ``columns`` (an empty frame with them when there are none)."""
    return _frame(session.exec(stmt).all(), columns)


def data_version(session: Session) -> tuple[int, int]:
    """Changes whenever data changes (every write records an import batch or audit event)."""
    batch = session.exec(select(func.max(ImportBatch.id))).one()
    # Sign-in events change no data; counting them would empty every cached read whenever anyone signs in.
    event = session.exec(select(func.max(AuditEvent.id)).where(col(AuditEvent.action).not_in(SIGN_IN_ACTIONS))).one()
    return int(batch or 0), int(event or 0)


def settings(session: Session) -> dict[str, str]:
    """Operator settings with their defaults filled in."""
    stored = {s.key: s.value for s in session.exec(select(Setting)).all()}
    return DEFAULT_SETTINGS | stored


def is_empty(session: Session) -> bool:
    """True when no region has been loaded yet (a brand-new database)."""
    return session.exec(select(Region.id).limit(1)).first() is None


def user_count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(User)).one())


def response_count(session: Session) -> int:
    """Responses stored, read from the rollups (a count of the raw rows costs seconds at millions)."""
    return int(session.exec(select(func.coalesce(func.sum(ResponseRollup.n), 0))).one())


def months_with_data(session: Session) -> list[date]:
    """Months that have at least one response, oldest first."""
    rows = session.exec(select(col(ResponseRollup.month)).distinct().order_by(col(ResponseRollup.month))).all()
    return list(rows)


def regions(session: Session) -> pd.DataFrame:
    """Regions in code order: id, code, name."""
    rows = session.exec(select(col(Region.id), col(Region.code), col(Region.name)).order_by(Region.code)).all()
    return _frame(rows, ["region_id", "region", "region_name"])


_ROLLUP_KEYS: dict[str, tuple[Any, Any, Any]] = {
    "month": (col(ResponseRollup.month), None, None),
    "region": (col(Region.code), Region, col(Region.id) == ResponseRollup.region_id),
    "touchpoint": (col(Touchpoint.code), Touchpoint, col(Touchpoint.id) == ResponseRollup.touchpoint_id),
}


def rollup_sums(
    session: Session, *, months: Sequence[date], keys: Sequence[str], counts: Sequence[str] = ROLLUP_COUNTS
) -> pd.DataFrame:
    """Rollup ``counts`` summed over ``months`` per ``keys`` (any of month, region, touchpoint), as int64 columns."""
    unknown = [k for k in keys if k not in _ROLLUP_KEYS]
    if unknown:
        raise ValueError(f"cannot group rollups by {unknown[0]!r}")
    r = ResponseRollup
    group = [_ROLLUP_KEYS[k][0] for k in keys]
    stmt = select(*group, *[func.sum(getattr(r, c)).label(c) for c in counts])
    for key in keys:
        _, table, on = _ROLLUP_KEYS[key]
        if table is not None:
            stmt = stmt.join(table, on)
    stmt = stmt.where(col(r.month).in_(list(months))).group_by(*group)
    frame = _frame(session.exec(stmt).all(), [*keys, *counts])
    return frame.astype({c: "int64" for c in counts})


def rollup_totals(session: Session, *, months: Sequence[date], by: str | None = None) -> pd.DataFrame:
    """Summed rollup counts per month, optionally per region or touchpoint."""
    if by not in (None, "region", "touchpoint"):
        raise ValueError(f"cannot group rollups by {by!r}")
    return rollup_sums(session, months=months, keys=["month"] if by is None else ["month", by])


def retention(session: Session, *, months: Sequence[date]) -> pd.DataFrame:
    """Customer counts per region and month for these months."""
    stmt = (
        select(  # type: ignore[call-overload]
            col(RetentionMonth.month),
            col(Region.code),
            col(RetentionMonth.customers_start),
            col(RetentionMonth.customers_end),
            col(RetentionMonth.new_customers),
        )
        .join(Region, col(Region.id) == RetentionMonth.region_id)
        .where(col(RetentionMonth.month).in_(list(months)))
    )
    return _frame(session.exec(stmt).all(), ["month", "region", "customers_start", "customers_end", "new_customers"])


def stored_targets(session: Session, *, year: int | None = None) -> pd.DataFrame:
    """Every stored target (of ``year`` when given): metric, region code and name (None: company), year, value."""
    stmt = select(  # type: ignore[call-overload]
        col(Target.metric), col(Region.code), col(Region.name), col(Target.year), col(Target.value)
    ).join(Region, col(Region.id) == Target.region_id, isouter=True)
    if year is not None:
        stmt = stmt.where(Target.year == year)
    return _frame(session.exec(stmt).all(), ["metric", "region", "region_name", "year", "value"])


def targets(session: Session, *, year: int) -> pd.DataFrame:
    """Targets of one year; region is None for company-wide targets."""
    return stored_targets(session, year=year)[["metric", "region", "value"]]


def raci_assignments(session: Session) -> pd.DataFrame:
    """Every touchpoint in journey order with its RACI assignments (none: role is missing)."""
    stmt = (
        select(  # type: ignore[call-overload]
            col(Touchpoint.code),
            col(Touchpoint.name),
            col(Touchpoint.stage),
            col(Touchpoint.position),
            col(Leader.key),
            col(Leader.name),
            col(Ownership.role),
        )
        .join(Ownership, col(Ownership.touchpoint_id) == Touchpoint.id, isouter=True)
        .join(Leader, col(Leader.id) == Ownership.leader_id, isouter=True)
        .order_by(Touchpoint.position, Touchpoint.code)
    )
    columns = ["touchpoint", "touchpoint_name", "stage", "position", "leader", "leader_name", "role"]
    return _frame(session.exec(stmt).all(), columns)


def latest_round_ratings(session: Session, *, held_before: date | None = None) -> tuple[str | None, pd.DataFrame]:
    """The most recent alignment round's label and its ratings (leader, dimension, score).

    With ``held_before``, the latest round held before that day: the state a past month's review saw.
    """
    rounds = select(AlignmentRound).order_by(col(AlignmentRound.held_on).desc())
    if held_before is not None:
        rounds = rounds.where(col(AlignmentRound.held_on) < held_before)
    latest = session.exec(rounds).first()
    if latest is None:
        return None, _frame([], ["leader", "dimension", "score"])
    stmt = (
        select(col(Leader.key), col(AlignmentRating.dimension), col(AlignmentRating.score))
        .join(Leader, col(Leader.id) == AlignmentRating.leader_id)
        .where(AlignmentRating.round_id == latest.id)
    )
    return latest.label, _frame(session.exec(stmt).all(), ["leader", "dimension", "score"])
