"""The Regions page: every region's trends and rank, and one region against the company, its peers and itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlmodel import Session

from cxdash import queries
from cxdash.metrics.multiple import ALPHA, bh_adjust
from cxdash.overview import Thresholds, previous_month
from cxdash.present import Tile, month_label
from cxdash.queries.regional import touchpoint_counts, touchpoints
from cxdash.regions import (
    Period,
    company_nps_trend,
    company_retention_trend,
    gaps,
    nps_trend,
    pooled,
    rank_table,
    retention_trend,
    stage_breakdown,
    touchpoint_breakdown,
    versus,
)
from cxdash.regions.claims import change_help
from cxdash.regions.present import compare_tiles
from cxdash.regions.trend import nps_fields
from cxdash.views.overview import AdjustedKpis, adjusted_kpis, thresholds

# NPS and retention over the period sit side by side, one drawn at a time; ``?trend=Retention`` opens the second.
TREND_PARAM = "trend"
TRENDS = ("NPS", "Retention")


@dataclass(frozen=True)
class AllRegionsView:
    period: Period
    codes: list[str]
    nps: pd.DataFrame
    company_nps: pd.DataFrame
    retention: pd.DataFrame
    company_retention: pd.DataFrame
    table: pd.DataFrame
    thresholds: Thresholds


@dataclass(frozen=True)
class CompareView:
    period: Period
    region: str
    peers: list[str]
    codes: list[str]
    nps: pd.DataFrame
    company_nps: pd.DataFrame
    retention: pd.DataFrame
    company_retention: pd.DataFrame
    gaps: pd.DataFrame
    tiles: list[Tile]
    touchpoints: pd.DataFrame
    stages: pd.DataFrame
    thresholds: Thresholds


def region_choices(session: Session) -> dict[str, str]:
    """Region code → name, in code order, for the pickers."""
    frame = queries.regions(session)
    return dict(zip(frame["region"], frame["region_name"], strict=True))


def _counts(session: Session, period: Period) -> pd.DataFrame:
    months = sorted({*period.months, period.comparison_month})
    return queries.rollup_totals(session, months=months, by="region")


def _retention(session: Session, period: Period) -> pd.DataFrame:
    return queries.retention(session, months=period.retention_months())


def _trends(
    counts: pd.DataFrame, customers: pd.DataFrame, codes: list[str], period: Period, th: Thresholds
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """NPS and retention over the period's months, of the regions ``codes`` and of the company, as both views
    draw them: region NPS, company NPS, region retention, company retention."""
    months = period.months
    return (
        nps_trend(counts, codes, months, th),
        company_nps_trend(counts, months, th),
        retention_trend(customers, codes, months),
        company_retention_trend(customers, months),
    )


def month_family(session: Session, period: Period) -> AdjustedKpis | None:
    """The month's change family (the Overview's tiles and regions, adjusted together) when the period compares
    its focus month with the month before: those changes are the same claims the Overview and the deck make,
    so they take their adjusted p from there. None for any other comparison (adjusted on this page)."""
    return adjusted_kpis(session, period.end) if period.comparison_month == previous_month(period.end) else None


def _region_q(family: AdjustedKpis | None) -> dict[str, float | None] | None:
    if family is None:
        return None
    frame = family.regions
    return {str(c): None if pd.isna(q) else float(q) for c, q in zip(frame["region"], frame["p_adjusted"], strict=True)}


def all_regions(session: Session, period: Period) -> AllRegionsView:
    """Trends over the period and the rank table of its focus month, for every region, from rollups."""
    th = thresholds(session)
    regions = queries.regions(session)
    codes = list(regions["region"])
    counts, customers = _counts(session, period), _retention(session, period)
    focus = retention_trend(customers, codes, [period.end])
    targets = queries.targets(session, year=period.end.year)
    table = rank_table(counts, regions, focus, targets, period, th, _region_q(month_family(session, period)))
    return AllRegionsView(period, codes, *_trends(counts, customers, codes, period, th), table, th)


def _company_row(
    family: AdjustedKpis | None, counts: pd.DataFrame, period: Period, th: Thresholds, table: pd.DataFrame
) -> dict[str, Any]:
    """The company's NPS and its change, with the claim the Overview makes of the same change.

    Against the month before, the change is the Overview's company NPS tile, read from the month's family
    (``month_family``, so both pages make one claim from one function); against a year ago, it is adjusted
    with the regions' changes in this view's table.
    """
    now = pooled(counts[counts["month"] == period.end])
    change = versus(now, pooled(counts[counts["month"] == period.comparison_month]), th)
    raw = change["p_value"]
    if raw is None or pd.isna(raw):
        q = None
    elif family is not None:
        q = next(k.p_adjusted for k in family.kpis if k.key == "nps")
    else:
        others = [None if pd.isna(p) else float(p) for p in table["p_value"]]
        q = bh_adjust([float(raw), *others])[0]
    return nps_fields(now, th) | {
        "comparison_nps": change["other_nps"],
        "p_value": raw,
        "p_adjusted": q,
        "significant": None if q is None else q < ALPHA,
    }


def _scopes(period: Period) -> dict[str, Sequence[Any]]:
    scopes: dict[str, Sequence[Any]] = {month_label(period.end): [period.end]}
    if period.start != period.end:
        scopes[f"{period.start:%b %Y} – {period.end:%b %Y}"] = period.months
    return scopes


def compare(session: Session, period: Period, region: str, peers: tuple[str, ...]) -> CompareView:
    """One region against the company (pooled), the rest of the company (tested) and chosen peers."""
    th = thresholds(session)
    regions = queries.regions(session)
    codes = list(regions["region"])
    if region not in codes:
        raise ValueError(f"there is no region {region!r}; choose one of {', '.join(codes)}")
    peers_kept = [c for c in codes if c in peers and c != region]
    shown = [region, *peers_kept]
    counts, customers = _counts(session, period), _retention(session, period)
    targets = queries.targets(session, year=period.end.year)
    family = month_family(session, period)
    # The whole table, so that the region's change is adjusted with the other regions' as on "All regions".
    focus = retention_trend(customers, [region], [period.end])
    table = rank_table(counts, regions, focus, targets, period, th, _region_q(family))
    focus_gaps = gaps(counts, region, peers_kept, _scopes(period), th)
    retention_now = retention_trend(customers, [region], [period.comparison_month, period.end])
    tp_counts = touchpoint_counts(session, months=period.months)
    tps = touchpoints(session)
    tiles = compare_tiles(
        table[table["region"] == region].iloc[0].to_dict(),
        _company_row(family, counts, period, th, table),
        focus_gaps.iloc[0].to_dict(),
        retention_now.iloc[-1].to_dict() | {"previous": retention_now.iloc[0]["monthly"]},
        f"{period.comparison_month:%b %Y}",
        change_help(period),
    )
    return CompareView(
        period,
        region,
        peers_kept,
        codes,
        *_trends(counts, customers, shown, period, th),
        focus_gaps,
        tiles,
        touchpoint_breakdown(tp_counts, tps, region, th),
        stage_breakdown(tp_counts, tps, region, th),
        th,
    )
