"""The Actions slide: overdue actions by owner (a native bar chart) and the outcomes of actions closed in the
quarter to the month (a native table with their verdicts); the overdue actions one by one in the speaker notes; the
month's detractor follow-up (share heard back within 48 hours, median time to first contact) in a line under them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlmodel import Session

from cxdash import audit
from cxdash.boardpack.slide import Cell, NativeChart, Slide, Table
from cxdash.regions.period import Period
from cxdash.views import followup
from cxdash.views.action_report import ActionReport, action_report

KICKER = "Actions on findings"
IMPROVED, WORSE = "D5ECC2", "F9D59B"
METHOD = (
    "Overdue: open or in progress and due before the day of export. Outcome of a done action: NPS of what it "
    "addressed in the 3 months before it was raised vs the 3 months after it was done, minus the same change for "
    "the rest of the company (difference-in-differences, Wald 95% interval); for region actions chained retention "
    "likewise. Observational: a verdict does not prove the action caused the change."
)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def headline(report: ActionReport) -> str:
    """The slide's finding: how many actions are overdue and with how many owners, and how many closed."""
    span = f"{report.start:%b}–{report.end:%b %Y}"
    owners = len(report.overdue_by_owner())
    late = (
        f"{_plural(len(report.overdue), 'action')} overdue with {_plural(owners, 'owner')}"
        if report.overdue
        else "No action is overdue"
    )
    improved = sum(c.verdict.startswith("Improved") for c in report.closed)
    closed = f"{_plural(len(report.closed), 'action')} closed in {span}" if report.closed else f"none closed in {span}"
    worked = (
        (f", {improved} with a measured improvement" if improved else ", none yet with a measured improvement")
        if report.closed
        else ""
    )
    return f"{late}; {closed}{worked}"


def _fill(verdict: str) -> str | None:
    return IMPROVED if verdict.startswith("Improved") else WORSE if verdict.startswith("Worsened") else None


def _verdicts(nps: str, retention: str) -> str:
    """The NPS verdict, and the retention verdict when it adds something (not a second "too few months")."""
    if not retention or (retention.startswith("Too few months") and nps.startswith("Too few months")):
        return nps
    return f"{nps} {retention}"


def outcomes_table(report: ActionReport) -> Table:
    """Closed action, owner, the NPS change net of the company with its interval, and the verdicts."""
    rows = tuple(
        (
            Cell(c.title),
            Cell(c.owner),
            Cell(c.net),
            Cell(_verdicts(c.verdict, c.retention_verdict), fill=_fill(c.verdict), bold=True),
        )
        for c in report.closed
    )
    return Table(("Closed action", "Owner", "NPS net of company", "Verdict"), rows, (2.2, 1.5, 1.3, 2.6))


def overdue_chart(report: ActionReport) -> NativeChart:
    """Overdue actions per owner, most first."""
    by_owner = report.overdue_by_owner()
    return NativeChart(
        "bar",
        f"Overdue actions by owner, {report.today:%d %b %Y}",
        tuple(by_owner),
        (("Overdue actions", tuple(float(len(v)) for v in by_owner.values())),),
        number_format="0",
        axis_title="Overdue actions",
    )


def overdue_notes(report: ActionReport) -> list[str]:
    """Each owner's overdue actions in words, for the presenter."""
    return [
        f"{owner}: " + "; ".join(f"{a.title} (due {a.due_on:%d %b %Y}, {a.days_late} days late)" for a in actions)
        for owner, actions in report.overdue_by_owner().items()
    ]


def actions(session: Session, month: date, window: Period, today: date | None = None) -> Slide:
    """Overdue actions by owner and the outcomes of actions closed in the quarter to ``month``, and the month's
    detractor follow-up as the Actions page states it."""
    now = audit.now() if today is None else datetime.combine(today, time(), UTC)
    report = action_report(session, month, now.date())
    notes = overdue_notes(report)
    method = " ".join([METHOD, *(["Overdue actions by owner. " + " ".join(notes)] if notes else []),
                       "Detractor follow-up: " + followup.KPI_HELP])  # fmt: skip
    return Slide(
        "actions",
        headline(report),
        kicker=KICKER,
        native=overdue_chart(report) if report.overdue else None,
        table=outcomes_table(report) if report.closed else None,
        bullets=() if report.overdue or report.closed else ("No action is overdue and none was closed.",),
        marks=(followup.deck_line(session, month, now),),
        method=method,
    )
