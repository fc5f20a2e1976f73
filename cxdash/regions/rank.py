"""The rank table: every region's focus month against its comparison month, retention and target."""

from __future__ import annotations

from typing import Any

import pandas as pd

from cxdash.overview import Thresholds
from cxdash.regions.compare import versus
from cxdash.regions.period import Period
from cxdash.regions.trend import nps_fields, pooled

RANK_BY: dict[str, str] = {
    "nps": "NPS",
    "change": "Change",
    "retention": "Retention",
    "responses": "Responses",
    "vs_target": "NPS vs target",
}
_SORT_COLUMN = {"nps": "nps", "change": "change", "retention": "retention", "responses": "n", "vs_target": "vs_target"}
RANK_COLUMNS = [
    "rank",
    "region",
    "region_name",
    "n",
    "nps",
    "ci_low",
    "ci_high",
    "sample",
    "comparison_n",
    "comparison_nps",
    "change",
    "p_value",
    "significant",
    "change_note",
    "retention",
    "retention_12m",
    "target",
    "vs_target",
    "target_status",
]


def target_for(targets: pd.DataFrame, metric: str, region: str) -> float | None:
    """The region's own target for the metric, else the company-wide one; None when neither is set."""
    mine = targets[(targets["metric"] == metric) & (targets["region"] == region)]
    if mine.empty:
        mine = targets[(targets["metric"] == metric) & targets["region"].isna()]
    return None if mine.empty else float(mine.iloc[0]["value"])


def target_status(nps: dict[str, Any], target: float | None, th: Thresholds) -> str:
    """Above or below target only when the whole 95% CI is; never a claim on a low sample."""
    if target is None or nps["nps"] is None:
        return ""
    if nps["n"] < th.low:
        return "low sample"
    if nps["ci_low"] > target:
        return "above"
    return "below" if nps["ci_high"] < target else "within CI"


def rank_table(
    by_region: pd.DataFrame,
    regions: pd.DataFrame,
    retention: pd.DataFrame,
    targets: pd.DataFrame,
    period: Period,
    th: Thresholds,
) -> pd.DataFrame:
    """Per region in the focus month: NPS with CI, change vs the comparison month (Wald), retention, target."""
    rows = []
    for code, name in zip(regions["region"], regions["region_name"], strict=True):
        mine = by_region[by_region["region"] == code]
        now = pooled(mine[mine["month"] == period.end])
        before = pooled(mine[mine["month"] == period.comparison_month])
        shown = nps_fields(now, th)
        change = versus(now, before, th)
        ret = retention[(retention["region"] == code) & (retention["month"] == period.end)]
        target = target_for(targets, "nps", code)
        rows.append(
            {
                "region": code,
                "region_name": name,
                **{k: shown[k] for k in ("n", "nps", "ci_low", "ci_high", "sample")},
                "comparison_n": before.n,
                "comparison_nps": change["other_nps"],
                "change": change["gap"],
                "p_value": change["p_value"],
                "significant": change["significant"],
                "change_note": change["note"],
                "retention": None if ret.empty else ret.iloc[0]["monthly"],
                "retention_12m": None if ret.empty else ret.iloc[0]["chained_12m"],
                "target": target,
                "vs_target": None if target is None or shown["nps"] is None else shown["nps"] - target,
                "target_status": target_status(shown, target, th),
            }
        )
    floats = ["nps", "ci_low", "ci_high", "comparison_nps", "change", "p_value", "retention", "retention_12m"]
    frame = pd.DataFrame(rows, columns=RANK_COLUMNS[1:]).astype(
        {c: "float64" for c in [*floats, "target", "vs_target"]} | {"significant": object}
    )
    return ranked(frame, "nps")


def ranked(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """The table ordered best first by ``by`` (a key of RANK_BY); regions without a value come last, unranked."""
    if by not in RANK_BY:
        raise ValueError(f"rank by one of {', '.join(RANK_BY)}; got {by!r}")
    column = _SORT_COLUMN[by]
    out = table.drop(columns=["rank"], errors="ignore").sort_values(
        [column, "region"], ascending=[False, True], na_position="last", kind="stable"
    )
    rank = out[column].rank(method="min", ascending=False).astype("Int64")
    return out.assign(rank=rank)[RANK_COLUMNS].reset_index(drop=True)
