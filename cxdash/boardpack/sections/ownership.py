"""The Ownership section: gaps and overlaps in the RACI map, the CX leader's line to the CEO, NPS per owner."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from cxdash.boardpack.slide import Figure, Slide
from cxdash.charts import ownership as charts
from cxdash.overview import previous_month
from cxdash.ownership.health import plain_list
from cxdash.present import month_label
from cxdash.views import ownership as views

TITLE = "Ownership map"


def _touchpoints(view: views.OwnershipView, codes: tuple[str, ...], owners: bool = False) -> str:
    """Touchpoint names (with their accountable leaders, if asked) as the note of a health figure."""
    parts = []
    for code in codes:
        label = view.touchpoint_names.get(code, code)
        held = plain_list([view.leader_names.get(k, k) for k in view.accountable.get(code, ())])
        parts.append(f"{label}: {held}" if owners and held else label)
    return "; ".join(parts) if parts else "none"


def _distance(view: views.OwnershipView) -> Figure:
    """The CX leader and how many steps separate them from the CEO, with the reporting line when it is long."""
    distance = view.cx_distance
    if view.cx_owner is None or distance is None:
        return Figure("CX leader", "—", "none designated, and no leader is accountable for any touchpoint")
    name = view.leader_names.get(view.cx_owner, view.cx_owner)
    if distance.steps is None:
        return Figure("CX leader's line to the CEO", "unknown", f"{name}: {distance.problem}")
    value = "is the CEO" if distance.steps == 0 else f"{distance.steps} step{'s' if distance.steps > 1 else ''}"
    line = " → ".join(view.leader_names.get(k, k) for k in distance.path) if distance.steps > 1 else name
    return Figure("CX leader's line to the CEO", value, line)


def _leader_marks(view: views.OwnershipView, month: date) -> list[str]:
    """How to read NPS per accountable leader, which changes are real, and whose NPS is hidden (too few answers)."""
    th, leaders = view.thresholds, view.leaders
    marks = [
        f"Ownership as it stands at export. Chart: NPS in {month_label(month)} of the touchpoints each leader is "
        f"accountable for (a touchpoint with two owners counts for both); grey: fewer than {th.low} responses."
    ]
    moved = leaders[leaders["significant"].astype(bool)]
    if not moved.empty:
        changes = ", ".join(f"{r.leader_name} {r.delta:+.1f}" for r in moved.itertuples())
        marks.append(f"Significant change vs {month_label(previous_month(month))} (p < 0.05): {changes}.")
    hidden = leaders[leaders["nps"].isna()]
    marks += [f"{r.leader_name}: {r.n} response(s) — too few to show an NPS." for r in hidden.itertuples()]
    return marks


def ownership(session: Session, month: date) -> Slide:
    """Who owns CX: the CX leader's distance to the CEO and ownership gaps as figures, NPS per accountable leader."""
    view = views.ownership(session, month, (), ())
    health = view.health
    figures = [
        _distance(view),
        Figure("No one accountable", str(len(health.gaps)), _touchpoints(view, health.gaps)),
        Figure("Split accountability", str(len(health.overlaps)), _touchpoints(view, health.overlaps, owners=True)),
        Figure("No one responsible", str(len(health.no_responsible)), _touchpoints(view, health.no_responsible)),
    ]
    marks: list[str] = []
    chart = None
    if not view.leaders.empty:
        marks = _leader_marks(view, month)
        if view.leaders["nps"].notna().any():
            chart = charts.leader_nps(view.leaders).to_dict()
    return Slide("ownership", TITLE, tuple(figures), chart, marks=tuple(marks))
