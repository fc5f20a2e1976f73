"""Detractor follow-up as the Actions page, the Regions page and the deck show it: counts and KPIs per region for
everyone, the case queue for those who manage cases (the CCO, admins, a regional manager for their own region), and a
case's customer key and comment only for roles that may see that region's response detail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlmodel import Session

from cxdash import permissions, queries
from cxdash.actions.followup import WINDOW, FollowUpKpi
from cxdash.models import FOLLOWUP_STATUSES
from cxdash.queries import followup as reads

PAGE_SIZE = 50
OPEN = ("new", "contacted")
STATUS_LABELS = {"new": "New", "contacted": "Contacted", "resolved": "Resolved", "no_response": "No response"}
KPI_HELP = (
    "Time to first contact runs from the case's opening to the first time it left New (contacted, resolved or no "
    "response). The share counts cases first contacted within 48 hours (48 hours exactly included) among cases "
    "contacted or older than 48 hours; the median is over contacted cases. Below 5 cases (or 5 contacted) only the "
    "counts are shown. A description of the month, not a statistical test."
)
DETAIL_SHOWN = {"response_key": "Response", "customer_key": "Customer", "touchpoint": "Touchpoint",
                "responded_on": "Answered on", "comment": "Comment"}  # fmt: skip


def _kpi(row: dict[Any, Any], median: float | None) -> FollowUpKpi:
    reached = int(row["reached"])
    return FollowUpKpi.of(cases=int(row["cases"]), due=reached + int(row["overdue"]), within_48h=int(row["within"]),
                          contacted=reached, median_hours=median)  # fmt: skip


def region_kpi(session: Session, region: str | None, month: date, as_of: datetime) -> FollowUpKpi:
    """The follow-up KPIs of one region's (None: the company's) detractors of ``month``, as of ``as_of``."""
    counts = reads.kpi_counts(session, month=month, as_of=as_of, window=WINDOW, region=region, by_region=False)
    medians = reads.median_hours(session, month=month, region=region, by_region=False)
    return _kpi(counts.to_dict("records")[0], medians.get(""))


def _line(month: date, company: FollowUpKpi) -> str:
    return f"Detractor follow-up, {month:%B %Y}: {company.words}"


def deck_line(session: Session, month: date, as_of: datetime) -> str:
    """One sentence for the board deck: the company's detractor follow-up in ``month``."""
    return _line(month, region_kpi(session, None, month, as_of))


@dataclass(frozen=True)
class MonthKpis:
    """A month's follow-up per region (the table) and for the company (the sentence the deck also states)."""

    table: pd.DataFrame
    company: str


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def month_kpis(session: Session, month: date, as_of: datetime) -> MonthKpis:
    """Per region: cases by status, the share contacted within 48 hours and the median hours to first contact; and
    the company's sentence, its counts the regions' summed (the same numbers as ``deck_line``, one query fewer)."""
    counts = reads.kpi_counts(session, month=month, as_of=as_of, window=WINDOW)
    medians = reads.median_hours(session, month=month)
    by_code = {str(r["region"]): r for r in counts.to_dict("records")}
    zero = dict.fromkeys(reads.KPI_COUNTS, 0)
    rows = []
    for code in queries.regions(session)["region"]:
        mine = by_code.get(code, zero)
        kpi = _kpi(mine, medians.get(code))
        rows.append(
            {"Region": code, "Cases": kpi.cases}
            | {label: int(mine[s]) for s, label in STATUS_LABELS.items()}
            | {"Within 48 hours": "—" if kpi.share_within_48h is None else f"{kpi.share_within_48h:.0%}",
               "Median hours to first contact": _hours(kpi.median_hours), "Verdict": kpi.verdict}
        )  # fmt: skip
    summed = {c: int(counts[c].sum()) for c in reads.KPI_COUNTS}
    company = _kpi(summed, reads.median_hours(session, month=month, by_region=False).get(""))
    return MonthKpis(pd.DataFrame(rows), _line(month, company))


@dataclass(frozen=True)
class FollowUpView:
    """What the follow-up section shows the actor: KPIs for everyone, the queue only where they manage cases."""

    kpis: pd.DataFrame
    company: str
    regions: list[str]
    queue: pd.DataFrame
    total: int
    detail: bool
    page: int = 1
    pages: int = 1


def _age(opened: pd.Series, as_of: datetime) -> list[str]:
    hours = ((as_of - opened).dt.total_seconds() // 3600).astype(int)
    return [f"{h // 24} d {h % 24} h" if h >= 24 else f"{h} h" for h in hours]


def managed_regions(session: Session, actor: permissions.Actor) -> list[str]:
    """The regions whose cases ``actor`` sees and changes: every one for the CCO and admins, their own for a
    regional manager, none for executives and viewers (they see counts)."""
    return [c for c in queries.regions(session)["region"] if permissions.can(actor, "manage_followup", region=c)]


def queue_view(
    session: Session,
    actor: permissions.Actor,
    month: date,
    region: str | None,
    status: str | None,
    as_of: datetime,
    page: int = 1,
) -> FollowUpView:
    """The KPIs of ``month`` and one page (``PAGE_SIZE`` cases; past the last page: the last) of the open (new or
    contacted; or ``status``, "all" for every status) cases of the regions the actor manages, oldest first."""
    mine = managed_regions(session, actor)
    wanted = [c for c in mine if region in (None, c)]
    statuses = list(FOLLOWUP_STATUSES) if status == "all" else [status] if status in FOLLOWUP_STATUSES else list(OPEN)

    def fetch(number: int) -> tuple[pd.DataFrame, int]:
        offset = (number - 1) * PAGE_SIZE
        return reads.queue(session, regions=wanted, statuses=statuses, limit=PAGE_SIZE, offset=offset)

    page = max(page, 1)
    frame, total = fetch(page)
    pages = max(1, -(-total // PAGE_SIZE))
    if page > pages:
        page = pages
        frame, total = fetch(page)
    allowed = [c for c in wanted if permissions.can(actor, "view_comments", region=c)]
    detail = reads.response_detail(session, case_ids=list(frame["id"]), allowed_regions=allowed)
    if allowed:
        frame = frame.merge(detail, on="id", how="left").assign(comment=lambda f: f["comment"].fillna(""))
    opened = pd.to_datetime(frame["opened_at"], utc=True)
    shown = frame.assign(
        age=_age(opened, as_of), status_label=frame["status"].map(STATUS_LABELS),
        opened_at=opened.dt.strftime("%Y-%m-%d %H:%M"),
        assignee_name=frame["assignee_name"].fillna("Nobody"), month=[f"{m:%Y-%m}" for m in frame["month"]],
    )  # fmt: skip
    month_figures = month_kpis(session, month, as_of)
    return FollowUpView(month_figures.table, month_figures.company, mine, shown, total, bool(allowed), page, pages)


def queue_display(view: FollowUpView) -> pd.DataFrame:
    """The queue as a table: case number, region, age and state, then the response detail where allowed."""
    columns = {"id": "Case", "region": "Region", "month": "Month", "age": "Age", "status_label": "Status",
               "assignee_name": "Assignee", "nps": "Score", "opened_at": "Opened (UTC)"}  # fmt: skip
    if view.detail:
        columns |= DETAIL_SHOWN
    present = {k: v for k, v in columns.items() if k in view.queue.columns}
    return view.queue[list(present)].rename(columns=present)


def assignees(session: Session, region: str) -> dict[str, str]:
    """Who a case of ``region`` may be assigned to (active users of that region)."""
    return reads.assignable(session, region=region)
