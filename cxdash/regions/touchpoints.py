"""Where the experience breaks: a region's NPS per touchpoint and journey stage against the rest of the company."""

from __future__ import annotations

from typing import Any

import pandas as pd

from cxdash.models import JOURNEY_STAGES
from cxdash.overview import Thresholds
from cxdash.regions.compare import adjusted, rest_of_company, versus
from cxdash.regions.trend import nps_fields, pooled

BREAKDOWN_COLUMNS = [
    "stage",
    "touchpoint",
    "label",
    "n",
    "nps",
    "ci_low",
    "ci_high",
    "sample",
    "rest_n",
    "rest_nps",
    "gap",
    "p_value",
    "significant",
    "note",
]


def _row(cells: pd.DataFrame, region: str, th: Thresholds) -> dict[str, Any]:
    mine, rest = pooled(cells[cells["region"] == region]), pooled(rest_of_company(cells, region))
    shown = nps_fields(mine, th)
    gap = versus(mine, rest, th)
    return {k: shown[k] for k in ("n", "nps", "ci_low", "ci_high", "sample")} | {
        "rest_n": rest.n,
        "rest_nps": gap["other_nps"],
        "gap": gap["gap"],
        "p_value": gap["p_value"],
        "significant": gap["significant"],
        "note": gap["note"],
    }


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    floats = ["nps", "ci_low", "ci_high", "rest_nps", "gap", "p_value"]
    frame = pd.DataFrame(rows, columns=BREAKDOWN_COLUMNS).astype(
        {c: "float64" for c in floats} | {"significant": object}
    )
    # Every touchpoint (or stage) of the region is tested at once: the gaps are adjusted together.
    return adjusted(frame)


def touchpoint_breakdown(counts: pd.DataFrame, touchpoints: pd.DataFrame, region: str, th: Thresholds) -> pd.DataFrame:
    """Per touchpoint in journey order: the region's pooled NPS with CI, and its gap to the rest of the company."""
    rows = []
    for tp in touchpoints.sort_values(["position", "touchpoint"]).itertuples():
        cells = counts[counts["touchpoint"] == tp.touchpoint]
        label = f"{tp.stage} · {tp.touchpoint_name}"
        rows.append({"stage": tp.stage, "touchpoint": tp.touchpoint, "label": label} | _row(cells, region, th))
    return _frame(rows)


def stage_breakdown(counts: pd.DataFrame, touchpoints: pd.DataFrame, region: str, th: Thresholds) -> pd.DataFrame:
    """Per journey stage: the region's NPS over all the stage's touchpoints, against the rest of the company."""
    stage_of = dict(zip(touchpoints["touchpoint"], touchpoints["stage"], strict=True))
    staged = counts.assign(stage=counts["touchpoint"].map(stage_of))
    rows = []
    for stage in [s for s in JOURNEY_STAGES if s in set(stage_of.values())]:
        cells = staged[staged["stage"] == stage]
        rows.append({"stage": stage, "touchpoint": None, "label": stage} | _row(cells, region, th))
    return _frame(rows)
