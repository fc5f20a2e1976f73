"""Operating models side by side: level, retention, CSAT, CES and consistency over a period."""

from __future__ import annotations

import statistics

import pandas as pd

from cxdash.metrics import NpsResult, classify_sample, nps_from_counts, retention_or_none
from cxdash.metrics.governance import excess_spread, sampling_variance
from cxdash.models import GOVERNANCE_MODELS
from cxdash.overview import Thresholds

REGION_COLUMNS = ["model", "region", "n", "nps", "ci_low", "ci_high", "sample", "touchpoints", "touchpoint_spread"]
MODEL_COLUMNS = [
    "model",
    "regions",
    "region_codes",
    "n",
    "nps",
    "ci_low",
    "ci_high",
    "sample",
    "mean_regional_nps",
    "region_spread",
    "touchpoint_spread",
    "retention",
    "csat",
    "ces",
]


def with_models(frame: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``frame`` (per region and month) tagged with the model in force; months with no model dropped."""
    tagged = frame.merge(timeline, on=["region", "month"], how="inner")
    return tagged[tagged["model"].notna()].reset_index(drop=True)


def pooled_nps(frame: pd.DataFrame) -> NpsResult:
    """NPS of all responses in the frame's rollup counts taken together."""
    return nps_from_counts(int(frame["promoters"].sum()), int(frame["passives"].sum()), int(frame["detractors"].sum()))


def _ratio(frame: pd.DataFrame, num: str, den: str) -> float | None:
    total = int(frame[den].sum())
    return None if total == 0 else float(frame[num].sum()) / total


def pooled_retention(retention: pd.DataFrame) -> float | None:
    """Monthly retention pooled over region-months: Σ(E − N) / ΣS."""
    return retention_or_none(
        int(retention["customers_start"].sum()),
        int(retention["customers_end"].sum()),
        int(retention["new_customers"].sum()),
    )


def regional(cells: pd.DataFrame, th: Thresholds) -> pd.DataFrame:
    """Per model and region: pooled NPS with CI and the spread of touchpoint NPS beyond sampling noise."""
    rows = []
    for (model, region), mine in cells.groupby(["model", "region"], sort=True):
        result = pooled_nps(mine)
        sample = classify_sample(result.n, th.low, th.suppress)
        shown = sample != "suppressed"
        scores, noise = [], []
        for _, spot in mine.groupby("touchpoint"):
            tp = pooled_nps(spot)
            if tp.score is not None and tp.n >= th.suppress:
                scores.append(tp.score)
                noise.append(sampling_variance(tp))
        spread = excess_spread(scores, noise) if shown else None
        ci = (result.ci_low, result.ci_high) if shown else (None, None)
        rows.append((model, region, result.n, result.score if shown else None, *ci, sample, len(scores), spread))
    return pd.DataFrame(rows, columns=REGION_COLUMNS)


def _region_spread(mine: pd.DataFrame, cells: pd.DataFrame) -> float | None:
    scores, noise = [], []
    for region in mine["region"]:
        result = pooled_nps(cells[cells["region"] == region])
        scores.append(float(result.score or 0.0))
        noise.append(sampling_variance(result))
    return excess_spread(scores, noise)


def compare_models(cells: pd.DataFrame, retention: pd.DataFrame, th: Thresholds) -> pd.DataFrame:
    """Per model over its region-months: pooled NPS with CI, mean of regional NPS, spreads, retention, CSAT, CES."""
    regions = regional(cells, th)
    rows = []
    for model in GOVERNANCE_MODELS:
        mine_cells = cells[cells["model"] == model]
        if mine_cells.empty:
            continue
        result = pooled_nps(mine_cells)
        sample = classify_sample(result.n, th.low, th.suppress)
        shown = sample != "suppressed"
        mine = regions[(regions["model"] == model) & regions["nps"].notna()]
        spreads = [float(s) for s in mine["touchpoint_spread"] if pd.notna(s)]
        rows.append(
            (
                model,
                int(mine_cells["region"].nunique()),
                ", ".join(sorted(mine_cells["region"].unique())),
                result.n,
                result.score if shown else None,
                result.ci_low if shown else None,
                result.ci_high if shown else None,
                sample,
                statistics.fmean(mine["nps"]) if len(mine) else None,
                _region_spread(mine, mine_cells),
                statistics.fmean(spreads) if spreads else None,
                pooled_retention(retention[retention["model"] == model]),
                _ratio(mine_cells, "csat_top2", "csat_n"),
                _ratio(mine_cells, "ces_sum", "ces_n"),
            )
        )
    return pd.DataFrame(rows, columns=MODEL_COLUMNS)
