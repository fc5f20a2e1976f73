"""The Regions section: the rank table of the month and every region's NPS trend, as the Regions page shows them."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from typing import Any

import pandas as pd
from sqlmodel import Session

from cxdash import queries
from cxdash.boardpack.slide import Figure, Slide
from cxdash.charts import regions as charts
from cxdash.present import month_label
from cxdash.regions import default_period
from cxdash.views import regions as views


def _number(value: Any, fmt: str) -> str | None:
    return None if value is None or pd.isna(value) else format(value, fmt)


def _figure(row: Mapping[Hashable, Any], comparison: str) -> Figure:
    """One region's line of the rank table: rank and code, NPS (✱: significant change), n and the change."""
    rank, nps, change = _number(row["rank"], "d"), _number(row["nps"], ".1f"), _number(row["change"], "+.1f")
    notes = [f"n = {int(row['n']):,}"]
    if change is not None:
        notes.append(f"{change} pts vs {comparison}")
    if row["sample"] != "ok":
        notes.append(str(row["change_note"]))
    significant = row["significant"] is not None and not pd.isna(row["significant"]) and bool(row["significant"])
    value = "—" if nps is None else nps + (" ✱" if significant else "")
    label = f"{rank}. {row['region']}" if rank else str(row["region"])
    return Figure(label, value, " · ".join(notes), muted=row["sample"] != "ok")


def regions(session: Session, month: date) -> Slide:
    """Regions ranked by NPS for the month (change vs the month before, tested) beside 12 months of NPS per region."""
    period = default_period([m for m in queries.months_with_data(session) if m <= month])
    if period is None:
        return Slide("regions", "Regions", marks=(f"There is no survey data up to {month_label(month)}.",))
    view = views.all_regions(session, period)
    comparison = period.comparison_month.strftime("%b")
    figures = tuple(_figure(row, comparison) for row in view.table.to_dict("records"))
    th = view.thresholds
    marks = (
        f"Ranked by NPS for {month_label(month)}; ✱: the change vs {month_label(period.comparison_month)} "
        "is significant (Wald test, p < 0.05).",
        f"Fewer than {th.low} responses is a low sample: muted and never called significant; "
        f"fewer than {th.suppress} hides the value.",
        f"Trend: {month_label(period.start)} – {month_label(period.end)}, company line dashed.",
    )
    chart = charts.nps_small_multiples(view.nps, view.company_nps, view.codes).to_dict()
    return Slide("regions", "Regions", figures, chart, marks=marks)
