"""The board pack's sections, in deck order: each builds one slide for a month from the pages' views.

A section's key is where its commentary is stored, so the keys of sections that existed before stay as they were
("attention" is the executive summary, "overview" the KPI scorecard).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from cxdash.boardpack.sections.actions import actions
from cxdash.boardpack.sections.alignment import alignment
from cxdash.boardpack.sections.appendix import coverage, methods
from cxdash.boardpack.sections.governance import governance
from cxdash.boardpack.sections.overview import kpis, summary
from cxdash.boardpack.sections.ownership import ownership
from cxdash.boardpack.sections.regions import regions
from cxdash.boardpack.sections.why import why_moved
from cxdash.boardpack.slide import Slide
from cxdash.regions.period import Period


@dataclass(frozen=True)
class Section:
    """A named part of the deck and the function that builds its slide for a month and governance window."""

    key: str
    title: str
    build: Callable[[Session, date, Period], Slide]


SECTIONS: dict[str, Section] = {
    s.key: s
    for s in (
        Section("attention", "Executive summary", summary),
        Section("overview", "KPI scorecard", kpis),
        Section("regions", "Regions", regions),
        Section("why", "Why NPS moved", why_moved),
        Section("ownership", "Ownership map", ownership),
        Section("governance", "Governance", governance),
        Section("alignment", "Leadership alignment", alignment),
        Section("actions", "Actions", actions),
        Section("methods", "Appendix: methods", methods),
        Section("coverage", "Appendix: data", coverage),
    )
}

__all__ = ["SECTIONS", "Section"]
