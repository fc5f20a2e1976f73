"""Before/after for regions that switched model, against regions that kept one (difference-in-differences).

Inference is a placebo (permutation) test: each region that kept its model is treated in turn as if it had
switched in the same months, against the other such regions; the switch's p is the share of placebo effects
at least as large. With k comparison regions the smallest possible p is 1/(k + 1).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxdash.governance.pretrend import pre_trend
from cxdash.governance.roles import Switch, roles
from cxdash.metrics import classify_sample, significant_after_bh
from cxdash.metrics.governance import (
    BOOTSTRAP_DRAWS,
    BOOTSTRAP_SEED,
    percentile_interval,
    placebo_p,
    resampled_sums,
)
from cxdash.overview import Thresholds

MIN_MONTHS = 3
# Per region-month cell: responses, promoters, detractors, customers at start, at end, new customers.
CELL_COLUMNS = ["n", "promoters", "detractors", "customers_start", "customers_end", "new_customers"]
DID_COLUMNS = [
    "region", "from_model", "to_model", "switch_month", "months_before", "months_after", "control_regions",
    "controls", "n_before", "n_after", "sample", "nps_before", "nps_after", "control_nps_before",
    "control_nps_after", "did_nps", "did_nps_low", "did_nps_high", "placebo_p", "placebo_floor",
    "placebo_larger", "significant", "pretrend_slope", "pretrend_p", "no_interval", "retention_before",
    "retention_after", "control_retention_before", "control_retention_after", "did_retention",
    "did_retention_low", "did_retention_high", "retention_placebo_p",
]  # fmt: skip
Metric = Callable[[np.ndarray], np.ndarray]


def _nps(sums: np.ndarray) -> np.ndarray:
    n, promoters, detractors = sums[..., 0], sums[..., 1], sums[..., 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, 100.0 * (promoters - detractors) / n, np.nan)


def _retention(sums: np.ndarray) -> np.ndarray:
    start, end, new = sums[..., 3], sums[..., 4], sums[..., 5]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(start > 0, np.clip((end - new) / start, 0.0, 1.0), np.nan)


def _value(x: object) -> float | None:
    value = float(np.asarray(x, dtype="float64"))
    return None if math.isnan(value) else value


def panel(counts: pd.DataFrame, retention: pd.DataFrame) -> pd.DataFrame:
    """One row per region and month with response and customer counts (missing counts are zero)."""
    responses = counts.groupby(["region", "month"], as_index=False)[["n", "promoters", "detractors"]].sum()
    customers = retention[["region", "month", "customers_start", "customers_end", "new_customers"]]
    joined = responses.merge(customers, on=["region", "month"], how="outer")
    joined[CELL_COLUMNS] = joined[CELL_COLUMNS].fillna(0).astype("int64")
    return joined


@dataclass(frozen=True)
class Cells:
    """The region-month panel as arrays: region codes, months and their count rows (CELL_COLUMNS)."""

    regions: np.ndarray
    months: np.ndarray
    counts: np.ndarray

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Cells:
        """The arrays of a ``panel`` frame."""
        return cls(frame["region"].to_numpy(), frame["month"].to_numpy(), frame[CELL_COLUMNS].to_numpy())


def _groups(cells: Cells, region: str, controls: Sequence[str], switch: Switch) -> list[np.ndarray]:
    """Region-month count rows of: the region before, after; the controls before, after."""
    mine, others = cells.regions == region, np.isin(cells.regions, list(controls))
    before, after = (np.isin(cells.months, np.array(when, dtype=object)) for when in (switch.before, switch.after))
    return [cells.counts[who & when] for who in (mine, others) for when in (before, after)]


def _did(metric: Metric, sums: np.ndarray) -> np.ndarray:
    values = metric(sums)
    did: np.ndarray = (values[..., 1] - values[..., 0]) - (values[..., 3] - values[..., 2])
    return did


def _sums(groups: list[np.ndarray]) -> np.ndarray:
    return np.stack([g.sum(axis=0) for g in groups]).astype("float64")


def _placebos(cells: Cells, controls: Sequence[str], switch: Switch, metric: Metric) -> list[float]:
    """Each control treated as if it had switched in the same months, against the other controls."""
    out = []
    for c in controls:
        rest = [x for x in controls if x != c]
        effect = _did(metric, _sums(_groups(cells, c, rest, switch)))
        if rest and np.isfinite(effect):
            out.append(float(effect))
    return out


def _p(effect: float | None, placebos: list[float]) -> float | None:
    return None if effect is None or not placebos else placebo_p(effect, placebos)


def _interval(
    groups: list[np.ndarray], metric: Metric, rng: np.random.Generator, draws: int
) -> tuple[float, float] | None:
    boot = np.stack([resampled_sums(rng, g, draws) for g in groups]).astype("float64")
    return percentile_interval(_did(metric, np.moveaxis(boot, 0, 1)))


def switch_effects(
    counts: pd.DataFrame,
    retention: pd.DataFrame,
    timeline: pd.DataFrame,
    history: pd.DataFrame,
    th: Thresholds,
    *,
    seed: int = BOOTSTRAP_SEED,
    draws: int = BOOTSTRAP_DRAWS,
) -> pd.DataFrame:
    """Per switcher in the window: (after − before) − (controls' after − before) for NPS and monthly retention.

    ``timeline`` is the model per region and month of the window (the page's period or the whole history);
    ``history`` the same for every month with data. Controls ran one model through the window and had it the
    month before too, so a region that switched inside the window is never a control. p is the placebo p
    (floor 1/(k + 1) with k controls), significant after Benjamini–Hochberg across the switchers shown. The
    95% interval resamples region-month cells (numpy ``default_rng`` seeded by ``seed`` and the region code)
    and is refused when either side has fewer than 3 months; it reflects month-to-month noise, not the choice
    of comparison regions, which is what the placebo p covers.
    """
    controls, switchers = roles(timeline, history)
    frame = panel(counts, retention)
    cells = Cells.of(frame)
    rows = []
    for region, switch in sorted(switchers.items()):
        groups = _groups(cells, region, controls, switch)
        sums = _sums(groups)
        nps, ret = _nps(sums), _retention(sums)
        sample = classify_sample(int(min(sums[0, 0], sums[1, 0])), th.low, th.suppress)
        hide = sample == "suppressed"
        did_nps = None if hide or not controls else _value(_did(_nps, sums))
        did_ret = None if not controls else _value(_did(_retention, sums))
        short = min(len(switch.before), len(switch.after)) < MIN_MONTHS
        rng = np.random.default_rng([seed, *region.encode()])
        nps_ci = _interval(groups, _nps, rng, draws) if did_nps is not None and not short else None
        ret_ci = _interval(groups, _retention, rng, draws) if did_ret is not None and not short else None
        trend = pre_trend(frame, region, controls, switch.before, th) if controls and not hide else None
        placebos = _placebos(cells, controls, switch, _nps)
        p = _p(did_nps, placebos)
        rows.append(
            (
                region, switch.old, switch.new, switch.after[0], len(switch.before), len(switch.after),
                ", ".join(controls), len(placebos), int(sums[0, 0]), int(sums[1, 0]), sample,
                *(None if hide else _value(x) for x in nps), did_nps, *(nps_ci or (None, None)),
                p, 1.0 / (len(placebos) + 1) if placebos else None,
                sum(abs(x) >= abs(did_nps) for x in placebos) if did_nps is not None else None,
                False, trend.slope if trend else None, trend.p_value if trend else None,
                short, *(_value(x) for x in ret), did_ret, *(ret_ci or (None, None)),
                _p(did_ret, _placebos(cells, controls, switch, _retention)),
            )
        )  # fmt: skip
    frame = pd.DataFrame(rows, columns=DID_COLUMNS)
    return frame.assign(significant=significant_after_bh([_none(p) for p in frame["placebo_p"]]))


def _none(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not math.isnan(value) else None
