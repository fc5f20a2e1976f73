"""Why it moved: the month's change bridge and the touchpoints' impact, for the company or one region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import queries
from cxdash.overview import previous_month
from cxdash.queries.core import rollup_sums
from cxdash.queries.drivers import rated_responses
from cxdash.views.overview import thresholds
from cxdash.why import Bridge, shown_bridge, touchpoint_impact
from cxdash.why.drivers import driver_sentence, drivers
from cxdash.why.story import bridge_sentence, impact_sentence


@dataclass(frozen=True)
class DriversView:
    """CSAT and CES against the 0–10 score for one region and period."""

    table: pd.DataFrame
    sentence: str | None


def drivers_view(session: Session, region: str, month_from: date, month_to: date) -> DriversView:
    """The driver regression on the region's newest 20,000 responses that carry both ratings."""
    table = drivers(rated_responses(session, region=region, month_from=month_from, month_to=month_to))
    return DriversView(table, driver_sentence(table, region))


@dataclass(frozen=True)
class WhyView:
    """The bridge from last month as it may be shown (None when either month has no responses, or only groups
    too small to show) and the touchpoint impacts."""

    month: date
    scope: str
    bridge: Bridge | None
    bridge_by: str
    bridge_text: str
    impact: pd.DataFrame
    impact_text: str | None
    names: dict[str, str]


def _owners(raci: pd.DataFrame) -> dict[str, str]:
    accountable = raci[raci["role"] == "A"]
    return {str(tp): " and ".join(sorted(group["leader_name"])) for tp, group in accountable.groupby("touchpoint")}


def why(session: Session, month: date, region: str | None = None) -> WhyView:
    """Company view: regions bridge the change; region view: touchpoints bridge it. Impact within the scope."""
    th = thresholds(session)
    by = "touchpoint" if region else "region"
    keys = ["region", "touchpoint"] if region else [by]
    before = rollup_sums(session, months=[previous_month(month)], keys=keys)
    now = rollup_sums(session, months=[month], keys=keys)
    if region:
        before, now = before[before["region"] == region], now[now["region"] == region]
    raci = queries.raci_assignments(session)
    names = dict(zip(raci["touchpoint"], raci["touchpoint_name"], strict=True))
    bridge_names = names if by == "touchpoint" else {}
    bridge: Bridge | None = None
    text = f"No responses in {previous_month(month):%B %Y} or {month:%B %Y} to explain a change with."
    if int(before["n"].sum()) > 0 and int(now["n"].sum()) > 0:
        bridge = shown_bridge(before, now, key=by, suppress=th.suppress)
        text = (
            bridge_sentence(bridge, by, bridge_names)
            if bridge is not None
            else f"Every {by} had fewer than {th.suppress} responses in one of the months: too few to bridge."
        )
    tp_counts = rollup_sums(session, months=[month], keys=["region", "touchpoint"])
    if region:
        tp_counts = tp_counts[tp_counts["region"] == region]
    impact = touchpoint_impact(tp_counts, _owners(raci), low=th.low, suppress=th.suppress)
    return WhyView(month, region or "company", bridge, by, text, impact, impact_sentence(impact, names), names)
