"""Before/after for regions that switched model, against regions that did not (difference-in-differences)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from cxdash.metrics import classify_sample
from cxdash.metrics.governance import (
    BOOTSTRAP_DRAWS,
    BOOTSTRAP_SEED,
    percentile_interval,
    resampled_sums,
)
from cxdash.overview import Thresholds

# Per region-month cell: responses, promoters, detractors, customers at start, at end, new customers.
CELL_COLUMNS = ["n", "promoters", "detractors", "customers_start", "customers_end", "new_customers"]
GROUPS = ("switcher_before", "switcher_after", "control_before", "control_after")
DID_COLUMNS = [
    "region",
    "from_model",
    "to_model",
    "switch_month",
    "months_before",
    "months_after",
    "control_regions",
    "n_before",
    "n_after",
    "sample",
    "nps_before",
    "nps_after",
    "control_nps_before",
    "control_nps_after",
    "did_nps",
    "did_nps_low",
    "did_nps_high",
    "retention_before",
    "retention_after",
    "control_retention_before",
    "control_retention_after",
    "did_retention",
    "did_retention_low",
    "did_retention_high",
]


def _nps(sums: np.ndarray) -> np.ndarray:
    n, promoters, detractors = sums[..., 0], sums[..., 1], sums[..., 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, 100.0 * (promoters - detractors) / n, np.nan)


def _retention(sums: np.ndarray) -> np.ndarray:
    start, end, new = sums[..., 3], sums[..., 4], sums[..., 5]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(start > 0, np.clip((end - new) / start, 0.0, 1.0), np.nan)


def _value(x: np.ndarray) -> float | None:
    return None if np.isnan(x) else float(x)


def _panel(counts: pd.DataFrame, retention: pd.DataFrame) -> pd.DataFrame:
    """One row per region and month with response and customer counts (missing counts are zero)."""
    responses = counts.groupby(["region", "month"], as_index=False)[["n", "promoters", "detractors"]].sum()
    customers = retention[["region", "month", "customers_start", "customers_end", "new_customers"]]
    panel = responses.merge(customers, on=["region", "month"], how="outer")
    panel[CELL_COLUMNS] = panel[CELL_COLUMNS].fillna(0).astype("int64")
    return panel


def _roles(timeline: pd.DataFrame) -> tuple[list[str], dict[str, tuple[str, str, list[object], list[object]]]]:
    """Control regions (one model all period) and switchers: (from, to, months before, months after)."""
    controls, switchers = [], {}
    for region, mine in timeline.sort_values("month").groupby("region", sort=True):
        models, months = list(mine["model"]), list(mine["month"])
        if not all(isinstance(m, str) for m in models):
            continue
        if len(set(models)) == 1:
            controls.append(str(region))
            continue
        k = next(i for i, m in enumerate(models) if m != models[0])
        end = next((i for i in range(k, len(models)) if models[i] != models[k]), len(models))
        switchers[str(region)] = (models[0], models[k], months[:k], months[k:end])
    return controls, switchers


def _interval(draws: np.ndarray, groups: dict[str, np.ndarray], metric: str) -> tuple[float, float] | None:
    if any(len(cells) < 2 for cells in groups.values()):
        return None
    f = _nps if metric == "nps" else _retention
    did = (f(draws[1]) - f(draws[0])) - (f(draws[3]) - f(draws[2]))
    return percentile_interval(did)


def switch_effects(
    counts: pd.DataFrame,
    retention: pd.DataFrame,
    timeline: pd.DataFrame,
    th: Thresholds,
    *,
    seed: int = BOOTSTRAP_SEED,
    draws: int = BOOTSTRAP_DRAWS,
) -> pd.DataFrame:
    """Per switcher: (after − before) − (controls' after − before) for NPS and monthly retention, bootstrap 95% CI.

    Before = the period's months under the first model, after = the months under the next one. Controls are
    the regions under one model for the whole period. The interval resamples region-month cells within each
    of the four groups with numpy's ``default_rng`` seeded by ``seed`` and the region code, so the same data
    always gives the same interval, whichever other regions switched in the period.
    """
    controls, switchers = _roles(timeline)
    panel = _panel(counts, retention)
    rows = []
    for region, (old, new, before, after) in sorted(switchers.items()):
        rng = np.random.default_rng([seed, *region.encode()])
        groups = _groups(panel, region, controls, before, after)
        sums = np.stack([cells.sum(axis=0) for cells in groups.values()]).astype("float64")
        nps, ret = _nps(sums), _retention(sums)
        sample = classify_sample(int(min(sums[0, 0], sums[1, 0])), th.low, th.suppress)
        boot = [resampled_sums(rng, cells, draws) if len(cells) else np.zeros((draws, 6)) for cells in groups.values()]
        stacked = np.stack(boot).astype("float64")
        nps_ci = _interval(stacked, groups, "nps") if controls and sample != "suppressed" else None
        ret_ci = _interval(stacked, groups, "retention") if controls else None
        did_nps = (nps[1] - nps[0]) - (nps[3] - nps[2])
        did_ret = (ret[1] - ret[0]) - (ret[3] - ret[2])
        hide = sample == "suppressed"
        rows.append(
            (
                region,
                old,
                new,
                after[0],
                len(before),
                len(after),
                ", ".join(controls),
                int(sums[0, 0]),
                int(sums[1, 0]),
                sample,
                *(None if hide else _value(x) for x in nps),
                None if hide else _value(did_nps),
                *(nps_ci or (None, None)),
                *(_value(x) for x in ret),
                _value(did_ret),
                *(ret_ci or (None, None)),
            )
        )
    return pd.DataFrame(rows, columns=DID_COLUMNS)


def _groups(
    panel: pd.DataFrame, region: str, controls: Sequence[str], before: list[object], after: list[object]
) -> dict[str, np.ndarray]:
    mine, others = panel["region"] == region, panel["region"].isin(list(controls))
    masks = [who & panel["month"].isin(when) for who in (mine, others) for when in (before, after)]
    return {name: panel.loc[mask, CELL_COLUMNS].to_numpy() for name, mask in zip(GROUPS, masks, strict=True)}
