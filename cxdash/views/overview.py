"""The Overview page: KPI tiles, NPS by region and the attention list for one month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import queries
from cxdash.attention import Attention, attention_list
from cxdash.overview import Kpi, Thresholds, adjust_family, kpi_tiles, previous_month, region_nps
from cxdash.ownership import ownership_health
from cxdash.queries.core import rollup_sums
from cxdash.regions.period import shift_month

COUNTS = (*queries.ROLLUP_COUNTS, "ces_sumsq")


@dataclass(frozen=True)
class OverviewView:
    """What the Overview shows for ``month``; ``ownership_is_today``: the ownership findings are today's map."""

    month: date
    kpis: list[Kpi]
    regions: pd.DataFrame
    region_codes: list[str]
    attention: list[Attention]
    alignment_round: str | None = None
    ownership_is_today: bool = False


@dataclass(frozen=True)
class AdjustedKpis:
    """The month's KPI tiles and NPS by region, every change test among them adjusted together (Benjamini–Hochberg)."""

    kpis: list[Kpi]
    regions: pd.DataFrame
    region_codes: list[str]


def thresholds(session: Session) -> Thresholds:
    """Small-sample thresholds from the settings table."""
    values = queries.settings(session)
    return Thresholds(low=int(values["low_sample_n"]), suppress=int(values["suppress_n"]))


def adjusted_kpis(session: Session, month: date) -> AdjustedKpis:
    """The Overview's claims about ``month``'s changes, read from rollups: the KPI tiles and NPS by region against
    the month before, adjusted as one family. Every page that repeats one of these claims reads it from here."""
    th = thresholds(session)
    months = [previous_month(month), month]
    company = rollup_sums(session, months=months, keys=["month"], counts=COUNTS)
    by_region = rollup_sums(session, months=months, keys=["month", "region"], counts=COUNTS)
    regions = queries.regions(session)
    targets = queries.targets(session, year=month.year)
    tiles = kpi_tiles(company, queries.retention(session, months=months), targets, month, th)
    kpis, region_frame = adjust_family(tiles, region_nps(by_region, regions, month, th, targets))
    return AdjustedKpis(kpis, region_frame, list(regions["region"]))


def overview(session: Session, month: date) -> OverviewView:
    """Everything the Overview page shows for ``month``, read from rollups, as that month saw it where recorded.

    The alignment round is the latest held by the month's end. Ownership is not recorded per month, so
    a month before the latest one with data says that its ownership findings are today's.
    """
    family = adjusted_kpis(session, month)
    label, ratings = queries.latest_round_ratings(session, held_before=shift_month(month, 1))
    raci = queries.raci_assignments(session)
    latest = max(queries.months_with_data(session), default=month)
    items = attention_list(
        tiles=family.kpis,
        regions=family.regions,
        health=ownership_health(raci),
        round_label=label,
        ratings=ratings,
        touchpoint_names=dict(zip(raci["touchpoint"], raci["touchpoint_name"], strict=True)),
        ownership_is_today=month < latest,
    )
    return OverviewView(month, family.kpis, family.regions, family.region_codes, items, label, month < latest)


def region_table(view: OverviewView) -> pd.DataFrame:
    """NPS by region as the page's CSV: a suppressed region keeps its response count and nothing else."""
    frame = view.regions
    hidden = frame["sample"] == "suppressed"

    def kept(column: str, digits: int) -> pd.Series:
        return frame[column].astype("float64").round(digits).where(~hidden)

    return pd.DataFrame(
        {
            "Region": frame["region"],
            "Responses": frame["n"],
            "Sample": frame["sample"],
            "NPS": kept("nps", 1),
            "95% CI low": kept("ci_low", 1),
            "95% CI high": kept("ci_high", 1),
            "Change vs previous month (pts)": kept("delta", 1),
            "p-value (Wald)": kept("p_value", 4),
            "Adjusted p (Benjamini–Hochberg)": kept("p_adjusted", 4),
            "Significant after adjustment": frame["significant"].where(~hidden),
            "NPS target": frame["target"].where(~hidden),
            "Target scope": frame["target_scope"].map(
                {"region": "regional", "company": "company (no regional target)"}
            ),
            "Against target": frame["status"].where(~hidden),
        }
    )
