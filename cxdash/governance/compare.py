"""Operating models side by side: region-level NPS, pooled description, retention, CSAT, CES, consistency."""

from __future__ import annotations

import statistics

import pandas as pd

from cxdash.metrics import NpsResult, classify_sample, nps_from_counts, retention_or_none
from cxdash.metrics.governance import clustered_mean, excess_spread, sampling_variance
from cxdash.models import GOVERNANCE_MODELS
from cxdash.overview import Thresholds

MONTH_COLUMNS = ["region", "month", "model", "n", "nps"]
REGION_COLUMNS = ["model", "region", "n", "nps", "ci_low", "ci_high", "sample", "touchpoints", "touchpoint_spread"]
MODEL_COLUMNS = [
    "model",
    "regions",
    "region_codes",
    "switched",
    "region_months",
    "region_nps",
    "region_ci_low",
    "region_ci_high",
    "n",
    "nps",
    "ci_low",
    "ci_high",
    "sample",
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


def region_months(cells: pd.DataFrame, th: Thresholds) -> pd.DataFrame:
    """NPS per region and month under the model it ran that month; months under the suppression threshold left out.

    These rows are the unit of every model comparison: each region-month counts once, under its own model.
    """
    sums = cells.groupby(["region", "month", "model"], as_index=False)[["n", "promoters", "detractors"]].sum()
    kept = sums[sums["n"] >= max(th.suppress, 1)]
    nps = 100.0 * (kept["promoters"] - kept["detractors"]) / kept["n"]
    return kept.assign(nps=nps.astype("float64"))[MONTH_COLUMNS].reset_index(drop=True)


def switched_regions(cells: pd.DataFrame) -> list[str]:
    """Regions that ran more than one model in the tagged cells' months."""
    models = cells.groupby("region")["model"].nunique()
    return sorted(str(r) for r in models[models > 1].index)


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
    """Per model: mean region-month NPS with a 95% CI clustered by region (the comparison), the pooled NPS of all
    responses (description only: it treats responses as independent), spreads, retention, CSAT and CES.
    """
    regions = regional(cells, th)
    months = region_months(cells, th)
    switched = set(switched_regions(cells))
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
        level_rows = months[months["model"] == model]
        level = clustered_mean(list(level_rows["nps"]), list(level_rows["region"]))
        codes = sorted(mine_cells["region"].unique())
        rows.append(
            (
                model,
                len(codes),
                ", ".join(codes),
                ", ".join(c for c in codes if c in switched),
                len(level_rows),
                level.value if shown else None,
                level.ci_low if shown else None,
                level.ci_high if shown else None,
                result.n,
                result.score if shown else None,
                result.ci_low if shown else None,
                result.ci_high if shown else None,
                sample,
                _region_spread(mine, mine_cells),
                statistics.fmean(spreads) if spreads else None,
                pooled_retention(retention[retention["model"] == model]),
                _ratio(mine_cells, "csat_top2", "csat_n"),
                _ratio(mine_cells, "ces_sum", "ces_n"),
            )
        )
    return pd.DataFrame(rows, columns=MODEL_COLUMNS)
