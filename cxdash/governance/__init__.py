"""CX operating models per region: the timeline, model comparison, consistency and switch effects."""

from cxdash.governance.compare import (
    compare_models,
    pooled_nps,
    pooled_retention,
    region_months,
    regional,
    switched_regions,
    with_models,
)
from cxdash.governance.did import switch_effects
from cxdash.governance.pretrend import switch_paths
from cxdash.governance.roles import Switch, roles
from cxdash.governance.switch_words import pretrend_short, pretrend_text, switch_headline, switch_verdict
from cxdash.governance.timeline import model_by_month, model_spans, next_month, switches
from cxdash.governance.verdict import ModelPair, model_pair_verdicts, p_text

__all__ = [
    "ModelPair",
    "Switch",
    "compare_models",
    "model_by_month",
    "model_pair_verdicts",
    "model_spans",
    "next_month",
    "p_text",
    "pooled_nps",
    "pooled_retention",
    "pretrend_short",
    "pretrend_text",
    "region_months",
    "regional",
    "roles",
    "switch_effects",
    "switch_headline",
    "switch_paths",
    "switch_verdict",
    "switched_regions",
    "switches",
    "with_models",
]
