"""The executive summary (the attention list's top findings and the CCO's asks) and the KPI scorecard."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from cxdash.boardpack import findings as chosen_findings
from cxdash.boardpack import scorecard
from cxdash.boardpack.slide import Slide
from cxdash.present import month_label
from cxdash.regions.period import Period
from cxdash.views import overview as views

SUMMARY_METHOD = (
    "Findings are the attention list's top items, worst first: significant drops (tests corrected for multiple "
    "testing with Benjamini-Hochberg), misses against target under the one target rule, ownership gaps, weak "
    "leadership agreement. The CCO may reorder or hide them on the Board pack page."
)


def summary(session: Session, month: date, window: Period) -> Slide:
    """Three to five findings of the month as sentences with figure and certainty, in the CCO's order."""
    view = views.overview(session, month)
    every = [chosen_findings.finding(a) for a in view.attention]
    picked = chosen_findings.chosen(every, chosen_findings.stored_choice(session, month).keys)
    kicker = f"Executive summary · {month_label(month)}"
    if not picked:
        return Slide(
            "attention", "Nothing needs the board's attention this month", kicker=kicker, method=SUMMARY_METHOD
        )
    return Slide(
        "attention",
        picked[0].sentence.rstrip("."),
        bullets=tuple(f.sentence for f in picked),
        kicker=kicker,
        method=SUMMARY_METHOD,
        commentary_heading="What we ask of the board",
    )


def kpis(session: Session, month: date, window: Period) -> Slide:
    """NPS, retention, CSAT and CES: the month's value, change, target, status and twelve-month trend."""
    card = scorecard.scorecard(session, month)
    return Slide(
        "overview",
        scorecard.headline(card),
        table=scorecard.table(card),
        kicker=f"KPI scorecard · {month_label(month)}",
        method=scorecard.METHOD,
    )
