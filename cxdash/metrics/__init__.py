"""Pure statistics behind every KPI: NPS, CSAT, CES, retention, their change tests and leadership agreement."""

from cxdash.metrics.alignment import STRONG_AGREEMENT, rwg, rwg_j
from cxdash.metrics.change import CES_TEST, CSAT_TEST, NPS_TEST, Change, ces_change, csat_change, from_nps
from cxdash.metrics.multiple import bh_adjust, significant_after_bh
from cxdash.metrics.nps import (
    LOW_SAMPLE,
    SUPPRESS_BELOW,
    NpsChange,
    NpsResult,
    SampleClass,
    classify_sample,
    nps_change,
    nps_from_counts,
)
from cxdash.metrics.rates import CesCounts, Estimate, ces_mean, csat_share
from cxdash.metrics.retention import churn_rate, retention_or_none, retention_rate
from cxdash.metrics.target import TargetStatus, target_status

__all__ = [
    "CES_TEST",
    "CSAT_TEST",
    "LOW_SAMPLE",
    "NPS_TEST",
    "STRONG_AGREEMENT",
    "SUPPRESS_BELOW",
    "CesCounts",
    "Change",
    "Estimate",
    "NpsChange",
    "NpsResult",
    "SampleClass",
    "TargetStatus",
    "bh_adjust",
    "ces_change",
    "ces_mean",
    "churn_rate",
    "classify_sample",
    "csat_change",
    "csat_share",
    "from_nps",
    "nps_change",
    "nps_from_counts",
    "retention_or_none",
    "retention_rate",
    "rwg",
    "rwg_j",
    "significant_after_bh",
    "target_status",
]
