"""The Overview sections: the month's KPIs with NPS by region, and the attention list, as on the Overview page."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from cxdash import charts, present
from cxdash.boardpack.slide import Figure, Slide
from cxdash.overview import previous_month
from cxdash.views import overview as views

SIGNIFICANCE_MARK = "✱ marks a statistically significant NPS change (p < 0.05)."
SEVERITY = {"high": "High", "medium": "Medium", "low": "Low"}


def overview(session: Session, month: date) -> Slide:
    """KPI tiles (value, change, target, sample and significance notes) beside NPS by region with 95% CIs."""
    view = views.overview(session, month)
    th = views.thresholds(session)
    previous = previous_month(month).strftime("%b")
    figures = []
    for kpi in view.kpis:
        tile = present.tile(kpi, previous)
        note = " · ".join(part for part in (tile.delta, tile.note) if part)
        figures.append(Figure(tile.label, tile.value, note, muted=kpi.sample != "ok"))
    regions = view.regions
    marks = [SIGNIFICANCE_MARK]
    if (regions["sample"] == "low").any():
        marks.append(f"Grey triangles: low sample (n < {th.low}), shown muted and never called significant.")
    marks += [
        f"{row.region}: {row.n} response(s) this month — too few to show an NPS."
        for row in regions[regions["sample"] == "suppressed"].itertuples()
    ]
    chart = charts.nps_by_region(regions, view.region_codes).to_dict()
    return Slide("overview", "Overview", tuple(figures), chart, marks=tuple(marks))


def attention(session: Session, month: date) -> Slide:
    """The attention list, worst first: significant drops, misses against target, ownership gaps, disagreement."""
    view = views.overview(session, month)
    bullets = tuple(f"{SEVERITY[a.severity]} · {a.topic}: {a.text}" for a in view.attention)
    return Slide("attention", "Needs attention", bullets=bullets or ("Nothing needs attention this month.",))
