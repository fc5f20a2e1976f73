"""The monthly KPI review: tiles, NPS by region and their tests, from rollups."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd

from cxdash.metrics import (
    CesCounts,
    Change,
    Estimate,
    NpsResult,
    TargetStatus,
    bh_adjust,
    ces_change,
    ces_mean,
    classify_sample,
    csat_change,
    csat_share,
    from_nps,
    nps_change,
    nps_from_counts,
    retention_or_none,
    target_status,
)
from cxdash.metrics.multiple import ALPHA

PERCENT = frozenset({"retention", "csat"})
# The precision each KPI is printed with (percent for retention and CSAT); targets are compared at it.
DECIMALS = {"nps": 1, "retention": 1, "csat": 1, "ces": 2, "responses": 0}
REGION_COLUMNS = [
    "region", "n", "nps", "ci_low", "ci_high", "sample", "previous", "delta", "p_value", "p_adjusted",
    "significant", "undefined", "target", "target_scope", "status",
]  # fmt: skip


@dataclass(frozen=True)
class Thresholds:
    low: int = 30
    suppress: int = 5


@dataclass(frozen=True)
class Kpi:
    """One tile: this month's value against last month and against target.

    ``p_value`` is the change test's own p; ``p_adjusted`` its Benjamini–Hochberg p among the tests shown
    together, and ``significant`` (None: no claim) is read from it when present. ``undefined``: a change
    the test cannot judge. ``status`` follows the one target rule (None: worked out from value and target).
    """

    key: str
    label: str
    value: float | None
    previous: float | None
    target: float | None
    n: int
    sample: str
    higher_is_better: bool = True
    significant: bool | None = None
    p_value: float | None = None
    p_adjusted: float | None = None
    test: str | None = None
    undefined: bool = False
    ci_low: float | None = None
    ci_high: float | None = None
    status: TargetStatus | None = None

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def vs_target(self) -> float | None:
        if self.value is None or self.target is None:
            return None
        return self.value - self.target


def displayed(key: str, value: float) -> float:
    """A KPI value in the unit people read: percent for retention and CSAT, as computed otherwise."""
    return value * 100 if key in PERCENT else value


def status_of(
    key: str, value: float | None, target: float | None, ci: tuple[float | None, float | None]
) -> TargetStatus:
    """The one target rule for a KPI, compared in the unit and at the precision it is printed with."""

    def shown(x: float | None) -> float | None:
        return None if x is None else displayed(key, x)

    low, high = ci
    return target_status(shown(value), shown(target), ci_low=shown(low), ci_high=shown(high), decimals=DECIMALS[key])


def previous_month(month: date) -> date:
    """The first day of the month before ``month``."""
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)


def _nps(row: pd.Series | Mapping[Hashable, Any] | None) -> NpsResult:
    if row is None:
        return nps_from_counts(0, 0, 0)
    return nps_from_counts(int(row["promoters"]), int(row["passives"]), int(row["detractors"]))


def _row(frame: pd.DataFrame, month: date) -> pd.Series | None:
    hit = frame[frame["month"] == month]
    return None if hit.empty else hit.iloc[0]


def _csat(row: pd.Series | None) -> Estimate:
    return csat_share(0, 0) if row is None else csat_share(int(row["csat_top2"]), int(row["csat_n"]))


def _ces(row: pd.Series | None) -> CesCounts:
    if row is None:
        return CesCounts(0, 0, 0)
    return CesCounts(int(row["ces_n"]), int(row["ces_sum"]), int(row.get("ces_sumsq", 0)))


def _target(targets: pd.DataFrame, metric: str, region: str | None = None) -> float | None:
    scope = targets["region"].isna() if region is None else targets["region"] == region
    hit = targets[(targets["metric"] == metric) & scope]
    return None if hit.empty else float(hit.iloc[0]["value"])


def company_retention(retention: pd.DataFrame, month: date) -> float | None:
    """Pooled (E - N) / S over every region for one month."""
    rows = retention[retention["month"] == month]
    if rows.empty:
        return None
    return retention_or_none(
        int(rows["customers_start"].sum()), int(rows["customers_end"].sum()), int(rows["new_customers"].sum())
    )


def _tile(
    key: str, label: str, now: Estimate, before: Estimate, change: Change, target: float | None, th: Thresholds
) -> Kpi:
    """A sampled KPI: muted and untested on a low sample, hidden when suppressed, tested otherwise."""
    sample = classify_sample(now.n, th.low, th.suppress)
    claim = sample == "ok" and classify_sample(before.n, th.low, th.suppress) == "ok"
    shown = sample != "suppressed"
    previous = before.value if classify_sample(before.n, th.low, th.suppress) != "suppressed" else None
    return Kpi(
        key,
        label,
        now.value if shown else None,
        previous,
        target,
        now.n,
        sample,
        p_value=change.p_value if claim else None,
        test=change.test,
        undefined=claim and change.undefined,
        ci_low=now.ci_low if shown else None,
        ci_high=now.ci_high if shown else None,
        status=status_of(key, now.value if shown else None, target, (now.ci_low, now.ci_high)),
    )


def kpi_tiles(
    company: pd.DataFrame, retention: pd.DataFrame, targets: pd.DataFrame, month: date, th: Thresholds
) -> list[Kpi]:
    """NPS, retention, CSAT, CES and responses for ``month`` vs the month before and vs target.

    Tests carry their own p-values here; ``adjust_family`` turns them into the ✱ claims.
    A month before the first month with data gives no comparison at all.
    """
    prev = previous_month(month)
    now_row, prev_row = _row(company, month), _row(company, prev)
    now_nps, prev_nps = _nps(now_row), _nps(prev_row)
    nps = Estimate(now_nps.score, now_nps.n, now_nps.ci_low, now_nps.ci_high)
    nps_before = Estimate(prev_nps.score, prev_nps.n, None, None)
    tiles = [_tile("nps", "NPS", nps, nps_before, from_nps(nps_change(prev_nps, now_nps)), _target(targets, "nps"), th)]
    ret_now, ret_prev = company_retention(retention, month), company_retention(retention, prev)
    ret_target = _target(targets, "retention")
    ret_status = status_of("retention", ret_now, ret_target, (None, None))
    tiles.append(Kpi("retention", "Retention", ret_now, ret_prev, ret_target, 0, "ok", status=ret_status))
    csat_now, csat_before = _csat(now_row), _csat(prev_row)
    csat_test = csat_change(
        (int(prev_row["csat_top2"]), int(prev_row["csat_n"])) if prev_row is not None else (0, 0),
        (int(now_row["csat_top2"]), int(now_row["csat_n"])) if now_row is not None else (0, 0),
    )
    tiles.append(_tile("csat", "CSAT", csat_now, csat_before, csat_test, _target(targets, "csat"), th))
    ces_now, ces_before = _ces(now_row), _ces(prev_row)
    ces = ces_mean(ces_now)
    before = Estimate(ces_before.mean, ces_before.n, None, None)
    tiles.append(_tile("ces", "CES", ces, before, ces_change(ces_before, ces_now), _target(targets, "ces"), th))
    previous = None if prev_row is None else float(prev_nps.n)
    tiles.append(Kpi("responses", "Responses", float(now_nps.n), previous, None, now_nps.n, "ok"))
    return tiles


def _region_target(nps_targets: dict[object, float], region: str) -> tuple[float | None, str | None]:
    """The region's own NPS target, else the company's (scope "company"); (None, None) without either."""
    if region in nps_targets:
        return nps_targets[region], "region"
    company = nps_targets.get(None)
    return (company, "company") if company is not None else (None, None)


def region_nps(
    by_region: pd.DataFrame, regions: pd.DataFrame, month: date, th: Thresholds, targets: pd.DataFrame | None = None
) -> pd.DataFrame:
    """NPS with 95% CI per region for ``month``, change vs the month before, sample class and target status."""
    prev = previous_month(month)
    # One pass into dictionaries: filtering the frames once per region costs more than the whole read.
    cells = {(r["region"], r["month"]): r for r in by_region.to_dict("records")}
    nps_targets: dict[object, float] = {}
    if targets is not None:
        rows = targets[targets["metric"] == "nps"]
        nps_targets = {None if pd.isna(r) else r: float(v) for r, v in zip(rows["region"], rows["value"], strict=True)}
    out = []
    for code in regions["region"]:
        now, before = _nps(cells.get((code, month))), _nps(cells.get((code, prev)))
        sample, before_sample = (
            classify_sample(now.n, th.low, th.suppress),
            classify_sample(before.n, th.low, th.suppress),
        )
        change = nps_change(before, now)
        claim = sample == "ok" and before_sample == "ok"
        shown = sample != "suppressed"
        target, scope = _region_target(nps_targets, str(code))
        both = shown and before_sample != "suppressed"
        out.append(
            {
                "region": code,
                "n": now.n,
                "nps": now.score if shown else None,
                "ci_low": now.ci_low if shown else None,
                "ci_high": now.ci_high if shown else None,
                "sample": sample,
                "previous": before.score if before_sample != "suppressed" else None,
                "delta": change.delta if both else None,
                "p_value": change.p_value if claim else None,
                "p_adjusted": None,
                "significant": False,
                "undefined": bool(claim and change.undefined),
                "target": target,
                "target_scope": scope,
                "status": status_of("nps", now.score if shown else None, target, (now.ci_low, now.ci_high)),
            }
        )
    return pd.DataFrame(out, columns=REGION_COLUMNS).astype({"p_adjusted": object})


def adjust_family(tiles: list[Kpi], regions: pd.DataFrame) -> tuple[list[Kpi], pd.DataFrame]:
    """Benjamini–Hochberg over every change test shown together: the KPI tiles and the month's regions.

    ✱ (``significant``) and the attention list read the adjusted p; untested figures stay without a claim.
    """
    region_p = [None if pd.isna(p) else float(p) for p in regions["p_value"]]
    adjusted = bh_adjust([k.p_value for k in tiles] + region_p)
    kpis = [
        replace(k, p_adjusted=q, significant=None if q is None else q < ALPHA)
        for k, q in zip(tiles, adjusted[: len(tiles)], strict=True)
    ]
    region_q = adjusted[len(tiles) :]
    frame = regions.assign(
        p_adjusted=pd.Series(region_q, index=regions.index, dtype=object),
        significant=[q is not None and q < ALPHA for q in region_q],
    )
    return kpis, frame
