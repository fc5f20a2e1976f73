"""The Overview page: KPI tiles, NPS by region and the attention list for one month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import queries
from cxdash.attention import Attention, attention_list
from cxdash.overview import Kpi, Thresholds, kpi_tiles, previous_month, region_nps
from cxdash.ownership import ownership_health


@dataclass(frozen=True)
class OverviewView:
    month: date
    kpis: list[Kpi]
    regions: pd.DataFrame
    region_codes: list[str]
    attention: list[Attention]


def thresholds(session: Session) -> Thresholds:
    """Small-sample thresholds from the settings table."""
    values = queries.settings(session)
    return Thresholds(low=int(values["low_sample_n"]), suppress=int(values["suppress_n"]))


def overview(session: Session, month: date) -> OverviewView:
    """Everything the Overview page shows for ``month``, read from rollups."""
    th = thresholds(session)
    months = [previous_month(month), month]
    company = queries.rollup_totals(session, months=months)
    by_region = queries.rollup_totals(session, months=months, by="region")
    regions = queries.regions(session)
    targets = queries.targets(session, year=month.year)
    tiles = kpi_tiles(company, queries.retention(session, months=months), targets, month, th)
    region_frame = region_nps(by_region, regions, month, th)
    label, ratings = queries.latest_round_ratings(session)
    raci = queries.raci_assignments(session)
    items = attention_list(
        tiles=tiles,
        regions=region_frame,
        targets=targets,
        health=ownership_health(raci),
        round_label=label,
        ratings=ratings,
        touchpoint_names=dict(zip(raci["touchpoint"], raci["touchpoint_name"], strict=True)),
    )
    return OverviewView(month, tiles, region_frame, list(regions["region"]), items)
