"""Operator settings read from the environment: the earliest date an import accepts, how long a write waits for
a busy database, and how long an idle session stays signed in."""

from __future__ import annotations

import os
from datetime import date, timedelta

EARLIEST_DATE = "CXDASH_EARLIEST_DATE"
BUSY_TIMEOUT = "CXDASH_BUSY_TIMEOUT"
IDLE_HOURS = "CXDASH_IDLE_HOURS"
DEFAULT_EARLIEST = date(2000, 1, 1)
DEFAULT_BUSY_SECONDS = 60.0
DEFAULT_IDLE_HOURS = 8.0


def _number(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} must be a number (got {text!r}).") from None
    if value <= 0:
        raise ValueError(f"{name} must be more than 0 (got {text!r}).")
    return value


def earliest_date() -> date:
    """The earliest day an imported date or month may name (a typo like 0026-10-15 is refused, not stored)."""
    text = os.environ.get(EARLIEST_DATE, "").strip()
    if not text:
        return DEFAULT_EARLIEST
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{EARLIEST_DATE} must be a date in the form YYYY-MM-DD (got {text!r}).") from None


def busy_timeout_seconds() -> float:
    """How long a write waits for another transaction (a large import) before saying the database is busy."""
    return _number(BUSY_TIMEOUT, DEFAULT_BUSY_SECONDS)


def idle_timeout() -> timedelta:
    """How long a signed-in session may go without a click before it must sign in again."""
    return timedelta(hours=_number(IDLE_HOURS, DEFAULT_IDLE_HOURS))
