"""Pure statistics behind every KPI: NPS, retention and leadership agreement."""

from cxdash.metrics.alignment import STRONG_AGREEMENT, rwg, rwg_j
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
from cxdash.metrics.retention import churn_rate, retention_or_none, retention_rate
from cxdash.metrics.target import TargetStatus, target_status

__all__ = [
    "LOW_SAMPLE",
    "STRONG_AGREEMENT",
    "SUPPRESS_BELOW",
    "NpsChange",
    "NpsResult",
    "SampleClass",
    "TargetStatus",
    "bh_adjust",
    "churn_rate",
    "classify_sample",
    "nps_change",
    "nps_from_counts",
    "retention_or_none",
    "retention_rate",
    "rwg",
    "rwg_j",
    "significant_after_bh",
    "target_status",
]
