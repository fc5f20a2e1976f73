"""The Ownership map page: RACI matrix, ownership health, org chart, performance by owner, edits, history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import orgchart, queries
from cxdash.models import JOURNEY_STAGES
from cxdash.orgchart import OrgChart, ReportingDistance
from cxdash.overview import Thresholds, previous_month
from cxdash.ownership import Finding, OwnershipHealth, explain, ownership_health
from cxdash.ownership import performance as perf
from cxdash.ownership.cells import join_roles
from cxdash.ownership.health import plain_list
from cxdash.ownership.history import findings_over_time, history_table
from cxdash.ownership.matrix import RaciMatrix, accountable_by_touchpoint, raci_matrix, shown_touchpoints
from cxdash.ownership.present import change_verdict, number_text
from cxdash.queries import ownership as q
from cxdash.views.overview import thresholds

TREND_MONTHS = 12
TREND = "NPS trend"
STAGES = {stage: stage for stage in JOURNEY_STAGES}
LEADER_COLUMNS = {"leader_name": "Accountable leader", "touchpoints": "Touchpoints owned"}
OWNED_COLUMNS = {"touchpoint_name": "Touchpoint", "stage": "Stage", "leader_name": "Accountable leader"}
# The page's sections under the matrix, one open at a time; ``?section=…`` (the label) in a link opens one.
SECTION = "section"
SECTIONS = ("Reporting lines", "Performance by owner", "History of changes")
ICONS = {"gap": ":material/error:", "overlap": ":material/warning:", "no_responsible": ":material/info:"}


@dataclass(frozen=True)
class OwnershipView:
    month: date | None
    thresholds: Thresholds
    stages: list[str]
    leader_names: dict[str, str]
    touchpoint_names: dict[str, str]
    health: OwnershipHealth
    findings: list[Finding]
    matrix: RaciMatrix
    org: OrgChart
    dot: str
    cx_owner: str | None
    cx_chosen: bool
    cx_distance: ReportingDistance | None
    accountable: dict[str, tuple[str, ...]]
    leaders: pd.DataFrame
    owned: pd.DataFrame
    leader_table: pd.DataFrame
    owned_table: pd.DataFrame
    trend: pd.DataFrame
    history: pd.DataFrame
    over_time: pd.DataFrame


def _performance(
    session: Session,
    assignments: pd.DataFrame,
    month: date | None,
    th: Thresholds,
    stages: tuple[str, ...],
    only: tuple[str, ...],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    pairs = perf.accountable_pairs(assignments)
    if stages:
        pairs = pairs[pairs["stage"].isin(list(stages))]
    if only:
        pairs = pairs[pairs["leader"].isin(list(only))]
    window = [m for m in queries.months_with_data(session) if month is not None and m <= month][-TREND_MONTHS:]
    if month is None or not window:
        empty = pd.DataFrame()
        return empty, empty, empty
    totals = queries.rollup_totals(session, months=sorted({*window, previous_month(month)}), by="touchpoint")
    return (
        perf.leader_performance(pairs, totals, month, window, th),
        perf.owned_touchpoints(pairs, totals, month, window, th),
        perf.leader_trend(pairs, totals, window, th),
    )


def leader_options(session: Session) -> dict[str, str]:
    """Leader keys and names in org-chart order, for the leader filter."""
    leaders = q.leaders(session)
    names = dict(zip(leaders["key"], leaders["name"], strict=True))
    return {key: names[key] for key in orgchart.org_chart(orgchart.reporting_lines(leaders)).order}


def ownership(session: Session, month: date | None, stages: tuple[str, ...], only: tuple[str, ...]) -> OwnershipView:
    """Everything the page shows; stage and leader filters narrow the health, the matrix and the performance alike."""
    th = thresholds(session)
    assignments = queries.raci_assignments(session)
    leaders = q.leaders(session)
    health = ownership_health(assignments)
    shown = shown_touchpoints(assignments, stages, only)
    lines = orgchart.reporting_lines(leaders)
    chart = orgchart.org_chart(lines)
    owner = q.designated_cx_owner(session)
    distance = orgchart.distance_to_ceo(lines, owner, chart.ceo) if owner else None
    accountable = q.accountable_counts(session)
    touchpoints = q.touchpoints(session)
    names = dict(zip(leaders["key"], leaders["name"], strict=True))
    events = q.events(session)
    leader_perf, owned, trend = _performance(session, assignments, month, th, stages, only)
    return OwnershipView(
        month=month,
        thresholds=th,
        stages=[s for s in JOURNEY_STAGES if s in set(touchpoints["stage"])],
        leader_names={key: names[key] for key in chart.order},
        touchpoint_names={
            code: f"{name} ({stage})"
            for code, name, stage in zip(
                touchpoints["touchpoint"], touchpoints["touchpoint_name"], touchpoints["stage"], strict=True
            )
        },
        health=ownership_health(shown),
        findings=explain(shown, ownership_health(shown)),
        matrix=raci_matrix(assignments, leaders, chart.order, health, stages=stages, only_leaders=only),
        org=chart,
        dot=orgchart.org_dot(leaders, chart, cx_owner=owner, accountable=accountable, distance=distance),
        cx_owner=owner,
        cx_chosen=queries.settings(session).get(q.CX_OWNER_SETTING) == owner,
        cx_distance=distance,
        accountable=accountable_by_touchpoint(assignments),
        leaders=leader_perf,
        owned=owned,
        leader_table=score_table(leader_perf, LEADER_COLUMNS, month)
        if month and not leader_perf.empty
        else leader_perf,
        owned_table=score_table(owned, OWNED_COLUMNS, month) if month and not owned.empty else owned,
        trend=trend,
        history=history_table(
            events, dict(zip(touchpoints["touchpoint"], touchpoints["touchpoint_name"], strict=True)), names
        ),
        over_time=findings_over_time(assignments, events),
    )


def health_tiles(health: OwnershipHealth) -> list[tuple[str, int]]:
    """The three counts the page leads with, as (label, count)."""
    return [
        ("No one accountable", len(health.gaps)),
        ("Split accountability", len(health.overlaps)),
        ("No one responsible", len(health.no_responsible)),
    ]


def other_owners(view: OwnershipView, touchpoint: str, leader: str) -> str:
    """Who else is Accountable for ``touchpoint`` (names as a sentence; empty when nobody)."""
    return plain_list([view.leader_names.get(k, k) for k in view.accountable.get(touchpoint, ()) if k != leader])


def cx_line(view: OwnershipView) -> str:
    """One sentence on who leads CX and how far that leader sits from the CEO."""
    if view.cx_owner is None or view.cx_distance is None:
        return "No CX leader is designated yet, and no leader is accountable for any touchpoint."
    name = view.leader_names.get(view.cx_owner, view.cx_owner)
    why = "designated in the settings" if view.cx_chosen else "accountable for the most touchpoints"
    steps, path = view.cx_distance.steps, view.cx_distance.path
    if steps is None:
        return f"The CX leader is {name} ({why}), but their distance to the CEO is unknown: {view.cx_distance.problem}"
    if steps == 0:
        return f"The CX leader is {name} ({why}), who is the CEO: customer experience is led from the top."
    if steps == 1:
        return f"The CX leader is {name} ({why}), who reports directly to the CEO: 1 step."
    line = " → ".join(view.leader_names.get(k, k) for k in path)
    return f"The CX leader is {name} ({why}), {steps} steps from the CEO ({line}); a shorter line gives CX more weight."


def performance_note(view: OwnershipView) -> str:
    """How to read the performance tables: which month, how overlaps count, what the marks mean."""
    month = f"in {view.month:%B %Y} " if view.month else ""
    return (
        f"NPS {month}of the touchpoints each leader is accountable for, with the {TREND_MONTHS}-month trend. "
        "A touchpoint with two accountable leaders is listed under each, with its own responses counted once. "
        "✱: significant change vs the month before (p < 0.05, allowing for every row of the table). Fewer than "
        f"{view.thresholds.low} responses: low sample, muted; fewer than {view.thresholds.suppress}: hidden."
    )


PERFORMANCE_HELP = (
    "The change vs the month before is a Wald test on the two months' promoter and detractor shares; its p-value is "
    "adjusted by Benjamini–Hochberg across the rows of the table, and ✱ marks an adjusted p below 0.05."
)


def downloadable(table: pd.DataFrame) -> pd.DataFrame:
    """A score table as it downloads: the trend as monthly values in one cell ("—" for a hidden month)."""
    if TREND not in table:
        return table
    trend = [" ".join(number_text(v) for v in values) for values in table[TREND]]
    return table.assign(**{TREND: trend})


def score_table(frame: pd.DataFrame, first: dict[str, str], month: date) -> pd.DataFrame:
    """NPS rows for reading: CI as text, change vs the month before (✱ when significant), sample class."""
    before = f"Δ vs {previous_month(month):%b %Y}"
    out = pd.DataFrame({label: frame[column] for column, label in first.items()})
    out["NPS"] = [number_text(v) for v in frame["nps"]]
    out["95% CI"] = [
        "—" if pd.isna(lo) else f"{lo:.1f} to {hi:.1f}"
        for lo, hi in zip(frame["ci_low"], frame["ci_high"], strict=True)
    ]
    out["Responses"] = frame["n"].astype(int)
    out[before] = [
        number_text(d, "{:+.1f}") + (" ✱" if sig else "")
        for d, sig in zip(frame["delta"], frame["significant"], strict=True)
    ]
    out["Change test"] = [change_verdict(row) for row in frame.to_dict("records")]
    out[TREND] = frame["trend"]
    out["Sample"] = frame["sample"].map({"ok": "ok", "low": "low sample", "suppressed": "hidden: too few responses"})
    return out.reset_index(drop=True)


def matrix_table(view: OwnershipView) -> pd.DataFrame:
    """The shown matrix as a spreadsheet: one row per touchpoint, one column per leader, the RACI letter in the cell."""
    cells = view.matrix.cells
    wide = cells.pivot_table(
        index="row", columns="column", values="role", aggfunc=lambda roles: join_roles(roles) or ""
    )
    wide = wide.reindex(index=view.matrix.rows, columns=view.matrix.columns).astype(object).fillna("")
    status = view.matrix.status.set_index("row")
    wide.insert(0, "Stage", status["stage"].reindex(wide.index))
    wide["Health"] = status["status"].reindex(wide.index)
    return wide.rename_axis("Touchpoint").reset_index()
