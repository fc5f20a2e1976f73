"""The rank table: every region's focus month with its rank range, change, retention and target."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from cxdash.metrics import target_status
from cxdash.overview import Thresholds
from cxdash.regions.bands import rank_label, rank_ranges
from cxdash.regions.compare import adjusted, versus
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
    "rank_worst",
    "rank_label",
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
    "p_adjusted",
    "significant",
    "change_note",
    "retention",
    "retention_12m",
    "target",
    "target_scope",
    "vs_target",
    "target_status",
]
RANKS = ("rank", "rank_worst", "rank_label")
# The Sample column beside it says why (low sample, too few responses, none).
UNRANKED = "unranked"


def target_for(targets: pd.DataFrame, metric: str, region: str) -> tuple[float | None, str]:
    """The region's own target for the metric and "region", else the company-wide one and "company";
    (None, "none") when neither is set."""
    mine = targets[(targets["metric"] == metric) & (targets["region"] == region)]
    if not mine.empty:
        return float(mine.iloc[0]["value"]), "region"
    company = targets[(targets["metric"] == metric) & targets["region"].isna()]
    return (None, "none") if company.empty else (float(company.iloc[0]["value"]), "company")


def target_claim(nps: dict[str, Any], target: float | None, th: Thresholds) -> str:
    """The one target rule (on / at risk / below at the displayed precision); a low sample makes no claim."""
    status = target_status(nps["nps"], target, ci_low=nps["ci_low"], ci_high=nps["ci_high"], decimals=1)
    if status in ("on", "at risk", "below") and nps["n"] < th.low:
        return "no claim: low sample"
    return status


def rank_table(
    by_region: pd.DataFrame,
    regions: pd.DataFrame,
    retention: pd.DataFrame,
    targets: pd.DataFrame,
    period: Period,
    th: Thresholds,
    family: Mapping[str, float | None] | None = None,
) -> pd.DataFrame:
    """Per region in the focus month: NPS with CI and its rank range, change vs the comparison month (Wald,
    Benjamini–Hochberg over the regions), retention, and the target with whose target it is.

    ``family``: region → its change's p adjusted in the month's family (the Overview's, against the month
    before), taken instead of adjusting over the regions alone, so one claim has one adjusted p everywhere."""
    rows = []
    for code, name in zip(regions["region"], regions["region_name"], strict=True):
        mine = by_region[by_region["region"] == code]
        now = pooled(mine[mine["month"] == period.end])
        before = pooled(mine[mine["month"] == period.comparison_month])
        shown = nps_fields(now, th)
        change = versus(now, before, th)
        ret = retention[(retention["region"] == code) & (retention["month"] == period.end)]
        target, scope = target_for(targets, "nps", code)
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
                "target_scope": scope,
                "vs_target": None if target is None or shown["nps"] is None else shown["nps"] - target,
                "target_status": target_claim(shown, target, th),
            }
        )
    floats = ["nps", "ci_low", "ci_high", "comparison_nps", "change", "p_value", "retention", "retention_12m"]
    frame = pd.DataFrame(rows, columns=[c for c in RANK_COLUMNS if c not in RANKS and c != "p_adjusted"])
    typed = frame.astype({c: "float64" for c in [*floats, "target", "vs_target"]} | {"significant": object})
    q = None if family is None else [family.get(str(code)) for code in typed["region"]]
    return ranked(_with_ranks(adjusted(typed, note="change_note", family=q)), "nps")


def _with_ranks(frame: pd.DataFrame) -> pd.DataFrame:
    """Rank ranges over the regions with enough responses for a claim (n ≥ the low-sample threshold)."""
    rankable = list(frame["sample"] == "ok")
    spans = rank_ranges(list(frame["ci_low"]), list(frame["ci_high"]), rankable)
    return frame.assign(
        rank=pd.array([None if s is None else s[0] for s in spans], dtype="Int64"),
        rank_worst=pd.array([None if s is None else s[1] for s in spans], dtype="Int64"),
        rank_label=[rank_label(span, UNRANKED) for span in spans],
    )


def ranked(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """The table ordered best first by ``by`` (a key of RANK_BY); missing values last. By NPS, the regions
    with a rank range come first and unranked ones (low samples) after them; the ranks stay the NPS ranks."""
    if by not in RANK_BY:
        raise ValueError(f"rank by one of {', '.join(RANK_BY)}; got {by!r}")
    column = _SORT_COLUMN[by]
    unranked = table["rank"].isna() if by == "nps" else pd.Series(False, index=table.index)
    out = table.assign(_unranked=unranked).sort_values(
        ["_unranked", column, "region"], ascending=[True, False, True], na_position="last", kind="stable"
    )
    return out[RANK_COLUMNS].reset_index(drop=True)
