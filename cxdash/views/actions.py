"""The Actions page: actions grouped by owner in four states, their measured outcomes, and the assign form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import permissions, queries
from cxdash.actions.outcome import Outcome, outcome, shift_month, windows
from cxdash.actions.owner import OwnerDefault, default_owner
from cxdash.models import ALIGNMENT_DIMENSIONS
from cxdash.queries import actions as reads
from cxdash.queries import ownership as ownership_reads
from cxdash.views.action_retention import RETENTION_HELP, region_retention, retention_columns

LIVE = ("open", "in_progress")
SECTIONS = {"overdue": "Overdue", "due": "Due this month", "open": "Open", "done": "Done", "dropped": "Dropped"}
STATUS_LABELS = {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}
SHOWN = {
    "owner_name": "Owner", "title": "Action", "region": "Region", "touchpoint_name": "Touchpoint",
    "dimension": "Alignment dimension", "raised_month": "Raised", "due_on": "Due", "status": "Status",
    "done_on": "Done on", "drop_reason": "Why dropped", "expected_effect": "Expected effect (NPS points)",
    "notes": "Notes", "id": "Number",
}  # fmt: skip
OUTCOME_HELP = (
    "NPS of what the action addressed in the 3 months before it was raised and the 3 months after it was done, "
    "the same for the rest of the company, and the difference between the two changes (difference-in-differences, "
    "Wald interval for independent groups). Observational: it does not prove the action caused the change."
) + RETENTION_HELP


def section_of(row: pd.Series, today: date) -> str:
    """Overdue: live and due before today; due this month: live and due later this month; else open/done/dropped."""
    if row["status"] in LIVE:
        if row["due_on"] < today:
            return "overdue"
        return "due" if row["due_on"] < shift_month(today.replace(day=1), 1) else "open"
    return str(row["status"])


@dataclass(frozen=True)
class ActionsView:
    """Counts per section, the filtered actions (staff only) as stored and as the page lists them, and outcomes of
    done actions."""

    counts: dict[str, int]
    table: pd.DataFrame
    outcomes: pd.DataFrame
    detail: bool
    listed: pd.DataFrame


def _filtered(frame: pd.DataFrame, region: str | None, touchpoint: str | None, status: str | None) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    for column, value in (("region", region), ("touchpoint", touchpoint), ("status", status)):
        if value is not None:
            keep &= frame[column] == value
    return frame[keep]


def action_outcome(session: Session, row: pd.Series, months_with_data: list[date]) -> Outcome:
    """The measured outcome of one done action (what it addressed vs the rest of the company)."""
    span = windows(row["raised_month"], row["done_on"])
    region = None if pd.isna(row["region"]) else str(row["region"])
    touchpoint = None if pd.isna(row["touchpoint"]) else str(row["touchpoint"])
    return outcome(
        addressed_before=reads.nps_counts(session, months=span.before, region=region, touchpoint=touchpoint),
        addressed_after=reads.nps_counts(session, months=span.after, region=region, touchpoint=touchpoint),
        company_before=reads.nps_counts(session, months=span.before, region=None, touchpoint=None),
        company_after=reads.nps_counts(session, months=span.after, region=None, touchpoint=None),
        months=span,
        months_with_data=months_with_data,
    )


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


def _outcome_row(row: pd.Series, found: Outcome) -> dict[str, object]:
    a = found.addressed
    interval = "—" if a.ci_low is None else f"{a.ci_low:+.1f} to {a.ci_high:+.1f}"
    did = "—" if found.did_low is None else f"{found.did_low:+.1f} to {found.did_high:+.1f}"
    return {
        "Number": row["id"], "Action": row["title"], "Owner": row["owner_name"],
        "NPS before": "—" if a.before is None else f"{a.before:.1f}",
        "NPS after": "—" if a.after is None else f"{a.after:.1f}",
        "Change": _points(a.delta), "Change, 95% interval": interval,
        "Rest of company, change": _points(found.rest.delta if found.rest else None),
        "Net of the company": _points(found.did), "Net, 95% interval": did, "Verdict": found.verdict,
    }  # fmt: skip


def actions_view(
    session: Session, actor: permissions.Actor, today: date, region: str | None, touchpoint: str | None,
    status: str | None,
) -> ActionsView:  # fmt: skip
    """Everything the Actions page shows for the filters; viewers get counts and outcomes, not the list."""
    frame = reads.actions(session)
    frame = frame.assign(section=[section_of(r, today) for _, r in frame.iterrows()])
    counts = {s: int((frame["section"] == s).sum()) for s in SECTIONS}
    shown = _filtered(frame, region, touchpoint, status).sort_values(["owner_name", "due_on"])
    available = queries.months_with_data(session)
    done = shown[shown["status"] == "done"]
    outcomes = pd.DataFrame(
        [
            _outcome_row(r, action_outcome(session, r, available)) | retention_columns(region_retention(session, r))
            for _, r in done.iterrows()
        ]
    )
    detail = permissions.can(actor, "view_action_detail")
    table = shown if detail else shown.iloc[0:0]
    return ActionsView(counts, table, outcomes, detail, actions_table(table))


def actions_table(table: pd.DataFrame) -> pd.DataFrame:
    """Every action of the filter in one table, the most pressing first: where it stands (overdue, due this month,
    open, done, dropped), then by owner and due date, with readable column names and statuses."""
    order = {section: i for i, section in enumerate(SECTIONS)}
    rows = table.iloc[table["section"].map(order).argsort(kind="stable")]
    rows = rows.assign(
        section=rows["section"].map(SECTIONS),
        status=rows["status"].map(STATUS_LABELS),
        dimension=rows["dimension"].map(ALIGNMENT_DIMENSIONS),
        expected_effect=[_blank_or(v, "{:+.1f}") for v in rows["expected_effect"]],
        done_on=[_blank_or(v, "{}") for v in rows["done_on"]],
    )
    shown = rows[["section", *SHOWN]].rename(columns={"section": "State", **SHOWN})
    # A blank is a dash, as in every other table (the grid would write "None").
    text = [c for c in shown.columns if not pd.api.types.is_numeric_dtype(shown[c])]
    return shown.astype({c: object for c in text}).fillna(dict.fromkeys(text, "—"))


def csv_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The filtered actions as the page's CSV download has them: every stored column, the section by its name."""
    return table.drop(columns=["version"]).assign(section=table["section"].map(SECTIONS))


def _blank_or(value: object, pattern: str) -> str:
    return "—" if value is None or pd.isna(value) else pattern.format(value)  # type: ignore[call-overload]


def tile_text(session: Session, today: date) -> str:
    """The Overview tile: "12 open, 3 overdue" (open counts everything not done or dropped)."""
    frame = reads.actions(session)
    live = frame[frame["status"].isin(LIVE)]
    return f"Actions: {len(live)} open, {int((live['due_on'] < today).sum())} overdue"


@dataclass(frozen=True)
class FormChoices:
    """What the assign form offers: regions, touchpoints, dimensions, leaders and the owner to preselect."""

    regions: dict[str, str]
    touchpoints: dict[str, str]
    dimensions: dict[str, str]
    leaders: dict[str, str]
    owner: OwnerDefault
    existing: pd.DataFrame


def form_choices(session: Session, region: str | None, touchpoint: str | None) -> FormChoices:
    """Choices for the assign form; the owner defaults to the touchpoint's Accountable leader, and live actions
    already on the same region and touchpoint are listed so nobody opens a second one by mistake."""
    regions = queries.regions(session)
    tps = ownership_reads.touchpoints(session)
    team = ownership_reads.leaders(session)
    frame = reads.actions(session)
    same = frame["status"].isin(LIVE) & (frame["region"].fillna("") == (region or ""))
    same &= frame["touchpoint"].fillna("") == (touchpoint or "")
    return FormChoices(
        regions=dict(zip(regions["region"], regions["region_name"], strict=True)),
        touchpoints=dict(zip(tps["touchpoint"], tps["touchpoint_name"], strict=True)),
        dimensions=dict(ALIGNMENT_DIMENSIONS),
        leaders=dict(zip(team["key"], team["name"], strict=True)),
        owner=default_owner(queries.raci_assignments(session), touchpoint),
        existing=frame[same] if region or touchpoint else frame.iloc[0:0],
    )
