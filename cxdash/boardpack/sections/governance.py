"""The Governance section: NPS per operating model over the 12 months to the deck's month, and switch effects."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from typing import Any

import pandas as pd
from sqlmodel import Session

from cxdash import queries
from cxdash.boardpack.slide import Figure, Slide
from cxdash.charts import governance as charts
from cxdash.ownership.health import plain_list
from cxdash.present import month_label
from cxdash.regions.period import Period
from cxdash.views import governance as views
from cxdash.views.overview import thresholds

KICKER = "Governance: operating models"
CAVEAT = (
    "Observational: regions differ in market, customers and history, not only in how CX is run, so a gap between "
    "models is no proof that the model causes it."
)


def _shown(value: Any) -> bool:
    return value is not None and not pd.isna(value)


def _model(row: Mapping[Hashable, Any]) -> Figure:
    """One operating model at the region level, as the page shows it: the mean of its region-months' NPS with
    the interval from errors clustered by region, and the regions behind it (pooled figures are description)."""
    value = f"{row['region_nps']:.1f}" if _shown(row["region_nps"]) else "—"
    notes = []
    if _shown(row["region_ci_low"]) and _shown(row["region_ci_high"]):
        notes.append(f"CI {row['region_ci_low']:.1f} to {row['region_ci_high']:.1f}")
    notes.append(str(row["region_codes"]))
    if row["sample"] == "low":
        notes.append("low sample")
    elif row["sample"] == "suppressed":
        notes.append("too few responses to show an NPS")
    return Figure(str(row["model"]).capitalize(), value, " · ".join(notes), muted=row["sample"] != "ok")


def _effect(row: Mapping[Hashable, Any]) -> Figure:
    """One region's switch of model: its NPS change beyond that of regions that kept their model (DiD)."""
    value = f"{row['did_nps']:+.1f}" if _shown(row["did_nps"]) else "—"
    if _shown(row["did_nps_low"]) and _shown(row["did_nps_high"]):
        note = f"NPS effect, CI {row['did_nps_low']:+.1f} to {row['did_nps_high']:+.1f}"
    else:
        note = "NPS effect, no interval"
    label = f"{row['region']}: {row['from_model']} → {row['to_model']} ({row['switch_month']:%b %Y})"
    return Figure(label, value, note, muted=row["sample"] != "ok")


def verdict_title(view: views.GovernanceView) -> str:
    """The governance verdict in words, the slide's title (the one place the deck words it)."""
    models = [str(m) for m in view.comparison["model"]]
    told_apart = [p for p in view.pairs if p.distinguishable]
    if told_apart:
        return str(told_apart[0].verdict.split(" (")[0])
    count = len(set(view.region_codes))
    return f"{plain_list([m.capitalize() for m in models])} regions cannot be told apart on NPS with {count} regions"


def governance(session: Session, month: date, window: Period) -> Slide:
    """Centralized, hybrid and decentralized regions side by side over the chosen window, with what switching
    model did, and the caveat."""
    available = [m for m in queries.months_with_data(session) if window.start <= m <= window.end]
    span = f"{month_label(window.start)} – {month_label(window.end)}"
    kicker = f"{KICKER} · {span}"
    if not available:
        return Slide("governance", f"There is no survey data in {span}", kicker=kicker)
    view = views.governance(session, window.start, window.end)
    if view.comparison.empty:
        title = f"No region has both responses and a recorded operating model in {span}"
        return Slide("governance", title, marks=(CAVEAT,), kicker=kicker)
    figures = (
        *(_model(row) for row in view.comparison.to_dict("records")),
        *(_effect(row) for row in view.effects.to_dict("records")),
    )
    effects = (
        views.effect_sentences(view.effects) if not view.effects.empty else [f"No region switched model in {span}."]
    )
    method = (
        f"{span}. Unit of analysis: the region-month, each month under the model the region ran; models compared "
        "by OLS with errors clustered by region, Benjamini–Hochberg across the pairs; a pair is told apart only "
        f"when it holds region by region. Grey: fewer than {thresholds(session).low} responses. Switch effect: "
        "difference-in-differences against regions that kept their model, placebo p over those regions (floor "
        f"1/(k+1)), no interval with fewer than 3 months a side. {' '.join(effects)}"
    )
    chart = charts.model_levels(view.comparison, view.consistency).to_dict()
    return Slide("governance", verdict_title(view), figures, chart, marks=(CAVEAT,), kicker=kicker, method=method)
