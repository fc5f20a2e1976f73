"""The board pack's sections, in deck order: each builds one slide for a month from the pages' views and charts.

An area joins the deck when its page's view and chart modules exist; there are no placeholder slides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from cxdash.boardpack.sections.alignment import alignment
from cxdash.boardpack.sections.governance import governance
from cxdash.boardpack.sections.overview import attention, overview
from cxdash.boardpack.sections.ownership import ownership
from cxdash.boardpack.sections.regions import regions
from cxdash.boardpack.slide import Slide


@dataclass(frozen=True)
class Section:
    """A named part of the deck and the function that builds its slide."""

    key: str
    title: str
    build: Callable[[Session, date], Slide]


SECTIONS: dict[str, Section] = {
    s.key: s
    for s in (
        Section("overview", "Overview", overview),
        Section("attention", "Needs attention", attention),
        Section("regions", "Regions", regions),
        Section("ownership", "Ownership map", ownership),
        Section("governance", "Governance", governance),
        Section("alignment", "Leadership alignment", alignment),
    )
}

__all__ = ["SECTIONS", "Section"]
