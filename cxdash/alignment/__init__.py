"""Leadership alignment: the scorecard per survey round, ownership clarity and trend."""

from cxdash.alignment.clarity import (
    DONT_KNOW,
    INDUSTRY_CONFUSED,
    OwnershipClarity,
    answer_distribution,
    ownership_clarity,
)
from cxdash.alignment.scorecard import (
    BANDS_RULE,
    BANDS_SOURCE,
    MIN_RATERS,
    RAG_RULE,
    RWG_J_CAVEAT,
    AlignmentIndex,
    agreement_band,
    agreement_note,
    alignment_index,
    dimension_scores,
    rag_status,
    scorecard,
)
from cxdash.alignment.spread import rater_names, rating_points
from cxdash.alignment.trend import alignment_trend

__all__ = [
    "BANDS_RULE",
    "BANDS_SOURCE",
    "DONT_KNOW",
    "INDUSTRY_CONFUSED",
    "MIN_RATERS",
    "RAG_RULE",
    "RWG_J_CAVEAT",
    "AlignmentIndex",
    "OwnershipClarity",
    "agreement_band",
    "agreement_note",
    "alignment_index",
    "alignment_trend",
    "answer_distribution",
    "dimension_scores",
    "ownership_clarity",
    "rag_status",
    "rater_names",
    "rating_points",
    "scorecard",
]
