"""Checking one cell: its text becomes a typed value, or a reason a user understands."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from cxdash import config
from cxdash.export import restore
from cxdash.ingest.formats import Column, number_text
from cxdash.ingest.rules import Lookups

Convert = Callable[[str], Any]
Check = Callable[[Any], None]

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_CODE = re.compile(r"[A-Za-z0-9_.-]+")


def _text(text: str) -> str:
    if "\x00" in text:
        raise ValueError("contains a NUL character, which the database refuses")
    return text


def _code(text: str) -> str:
    if not _CODE.fullmatch(text):
        raise ValueError("must be letters, digits, '_', '-' or '.' without spaces")
    return text


def _int(text: str) -> int:
    if not text.isascii() or "_" in text:
        raise ValueError("is not a whole number")
    try:
        return int(text)
    except ValueError:
        raise ValueError("is not a whole number") from None


def _float(text: str) -> float:
    try:
        value = float(text) if text.isascii() and "_" not in text else math.nan
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError("is not a number (use '.' as the decimal point)")
    return value


def _date(text: str) -> date:
    if not _DATE.fullmatch(text):
        raise ValueError("is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("is not a real calendar date") from None


def _month(text: str) -> date:
    if not _MONTH.fullmatch(text) or not 1 <= int(text[5:]) <= 12:
        raise ValueError("is not a month in the form YYYY-MM")
    return date(int(text[:4]), int(text[5:]), 1)


_PARSERS: dict[str, Convert] = {
    "text": _text,
    "code": _code,
    "int": _int,
    "float": _float,
    "date": _date,
    "month": _month,
}
MEMO_LIMIT = 100_000


def _checks(column: Column, lk: Lookups, today: date) -> list[Check]:
    checks: list[Check] = []
    if column.allowed:
        allowed, listed = frozenset(column.allowed), ", ".join(column.allowed)
        checks.append(lambda v: _fail(v not in allowed, f"must be one of {listed}"))
    if column.minimum is not None and column.maximum is not None:
        low, high = column.minimum, column.maximum
        between = f"must be between {number_text(low)} and {number_text(high)}"
        checks.append(lambda v: _fail(not low <= v <= high, between))
    if column.max_length is not None:
        length = column.max_length
        checks.append(lambda v: _fail(len(v) > length, f"is longer than {length} characters"))
    if column.ref is not None:
        table, what = lk.table(column.ref)
        checks.append(lambda v: _fail(v not in table, f"unknown {what}; load it first or fix the code"))
    if column.type in ("date", "month"):
        checks.append(_bounds(column, today))
    return checks


def _bounds(column: Column, today: date) -> Check:
    """Dates and months lie between the configured earliest day and today: a year typed as 0026 or a date in
    the future is a mistake that would otherwise reach every chart."""
    earliest = config.earliest_date()
    first, last = (earliest.replace(day=1), today.replace(day=1)) if column.type == "month" else (earliest, today)
    too_early = (
        f"is before {earliest.isoformat()}, the earliest date cxdash accepts (check the year; the operator "
        f"can move the limit with {config.EARLIEST_DATE})"
    )
    future = f"is in the future (today is {today.isoformat()})"

    def check(value: date) -> None:
        _fail(value < first, too_early)
        _fail(column.not_future and value > last, future)

    return check


def _fail(bad: bool, reason: str) -> None:
    if bad:
        raise ValueError(reason)


def _validate(column: Column, lk: Lookups, today: date) -> Convert:
    """Stripped text of one cell to its checked value; raises ValueError with a reason a user understands."""
    parse, checks = _PARSERS[column.type], _checks(column, lk, today)

    def validate(text: str) -> Any:
        if not text:
            if column.required:
                raise ValueError("is empty but required")
            return None
        value = parse(text)
        for check in checks:
            check(value)
        return value

    return validate


def _free_text(column: Column) -> Convert:
    """Validator of a free-text column, kept to one call because keys and comments rarely repeat."""
    length, required = column.max_length or 1 << 30, column.required

    def text(value: str) -> str | None:
        value = restore(value)  # a cell cxdash's own CSV export neutralised reads back as it was
        if value and len(value) <= length and "\x00" not in value:
            return value
        if value:
            _text(value)
            raise ValueError(f"is longer than {length} characters")
        if required:
            raise ValueError("is empty but required")
        return None

    return text


def converter(column: Column, lk: Lookups, today: date) -> Convert:
    """The validator of ``column``; values that repeat (codes, scores, dates) are checked once per file."""
    if column.type == "text" and column.ref is None and not column.allowed:
        return _free_text(column)
    validate = _validate(column, lk, today)
    seen: dict[str, Any] = {}

    def remembered(text: str) -> Any:
        try:
            return seen[text]
        except KeyError:
            value = validate(text)
            if len(seen) < MEMO_LIMIT:
                seen[text] = value
            return value

    return remembered
