"""A month's deck: the chosen sections' slides, each with its commentary."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlmodel import Session

from cxdash import commentary, queries
from cxdash.boardpack.sections import SECTIONS
from cxdash.boardpack.slide import Deck
from cxdash.present import month_key, month_label
from cxdash.regions.period import DEFAULT_SPAN, Period, shift_month

_MONTH = re.compile(r"(\d{4})-(\d{2})")


class BoardPackError(ValueError):
    """A board pack that cannot be built as asked; the message tells the user what to do."""


def parse_month(text: str) -> date:
    """The first day of the month written as YYYY-MM."""
    found = _MONTH.fullmatch(text.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise BoardPackError(f"Give the month as YYYY-MM, for example 2026-10 (got {text!r}).")
    return date(int(found.group(1)), int(found.group(2)), 1)


def check_sections(sections: Sequence[str] | None) -> tuple[str, ...]:
    """The chosen section keys in deck order (all when none are chosen); unknown keys are refused."""
    if not sections:
        return tuple(SECTIONS)
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        raise BoardPackError(f"Unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}.")
    return tuple(s for s in SECTIONS if s in sections)


NO_DATA = "There is no survey data yet. Load it with `python -m cxdash load sample_data` or import your own files."


def check_month(session: Session, month: date) -> None:
    """Refuse a month without survey data, naming the months that have some."""
    available = queries.months_with_data(session)
    if not available:
        raise BoardPackError(NO_DATA)
    if month not in available:
        raise BoardPackError(
            f"There is no survey data for {month_label(month)}; choose a month from "
            f"{month_key(available[0])} to {month_key(available[-1])}."
        )


def latest_month(session: Session) -> date:
    """The latest month with survey data, the deck's default."""
    available = queries.months_with_data(session)
    if not available:
        raise BoardPackError(NO_DATA)
    return available[-1]


def default_window(month: date) -> Period:
    """The governance window when none is chosen: the twelve months ending at the deck's month."""
    return Period(shift_month(month, -(DEFAULT_SPAN - 1)), month)


def governance_window(month: date, start: date | None) -> Period:
    """The governance window from ``start`` to the deck's month (the default when no start is given)."""
    if start is None:
        return default_window(month)
    if start > month:
        latest, asked = month_key(month), month_key(start)
        raise BoardPackError(f"The governance window must start on or before {latest} (got {asked}).")
    return Period(start, month)


def build_deck(
    session: Session, month: date, sections: Sequence[str] | None = None, window: Period | None = None
) -> Deck:
    """The board pack for ``month``: one slide per chosen section (all by default), with its commentary.

    ``window`` is the span the governance comparison pools (the one chosen on the Governance page; by default
    the twelve months to ``month``)."""
    keys = check_sections(sections)
    check_month(session, month)
    notes = commentary.notes(session, month)
    span = window or default_window(month)
    slides = tuple(
        replace(slide, commentary=tuple(n for n in notes if n.section == key))
        for key in keys
        for slide in [SECTIONS[key].build(session, month, span)]
    )
    return Deck(month, slides)
