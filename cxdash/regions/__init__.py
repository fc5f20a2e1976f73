"""Regions: trends per region, the rank table, a region against the company and its peers, touchpoints."""

from cxdash.regions.compare import REST, gaps, rest_of_company, versus
from cxdash.regions.period import COMPARISONS, Period, default_period, month_span, shift_month
from cxdash.regions.rank import RANK_BY, rank_table, ranked, target_for
from cxdash.regions.touchpoints import stage_breakdown, touchpoint_breakdown
from cxdash.regions.trend import (
    COMPANY,
    company_nps_trend,
    company_retention_trend,
    nps_trend,
    pooled,
    retention_trend,
)

__all__ = [
    "COMPANY",
    "COMPARISONS",
    "RANK_BY",
    "REST",
    "Period",
    "company_nps_trend",
    "company_retention_trend",
    "default_period",
    "gaps",
    "month_span",
    "nps_trend",
    "pooled",
    "rank_table",
    "ranked",
    "rest_of_company",
    "retention_trend",
    "shift_month",
    "stage_breakdown",
    "target_for",
    "touchpoint_breakdown",
    "versus",
]
