"""CX operating models per region: the timeline, model comparison, consistency, switch effects and editing."""

from cxdash.governance.compare import compare_models, pooled_nps, pooled_retention, regional, with_models
from cxdash.governance.did import switch_effects
from cxdash.governance.edit import GovernanceInputError, add_change, delete_change, update_change
from cxdash.governance.timeline import model_by_month, model_spans, next_month, switches
from cxdash.governance.verdict import ModelPair, model_pair, p_text

__all__ = [
    "GovernanceInputError",
    "ModelPair",
    "add_change",
    "compare_models",
    "delete_change",
    "model_by_month",
    "model_pair",
    "model_spans",
    "next_month",
    "p_text",
    "pooled_nps",
    "pooled_retention",
    "regional",
    "switch_effects",
    "switches",
    "update_change",
    "with_models",
]
