"""The monthly KPI review: tiles, NPS by region and the attention list, from rollups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cxdash.metrics import NpsResult, classify_sample, nps_change, nps_from_counts, retention_or_none


@dataclass(frozen=True)
class Thresholds:
    low: int = 30
    suppress: int = 5


@dataclass(frozen=True)
class Kpi:
    """One tile: this month's value against last month and against target."""

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


def previous_month(month: date) -> date:
    """The first day of the month before ``month``."""
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)


def _nps(row: pd.Series | None) -> NpsResult:
    if row is None:
        return nps_from_counts(0, 0, 0)
    return nps_from_counts(int(row["promoters"]), int(row["passives"]), int(row["detractors"]))


def _row(frame: pd.DataFrame, month: date) -> pd.Series | None:
    hit = frame[frame["month"] == month]
    return None if hit.empty else hit.iloc[0]


def _ratio(row: pd.Series | None, num: str, den: str) -> tuple[float | None, int]:
    if row is None or int(row[den]) == 0:
        return None, 0 if row is None else int(row[den])
    return float(row[num]) / float(row[den]), int(row[den])


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


def kpi_tiles(
    company: pd.DataFrame, retention: pd.DataFrame, targets: pd.DataFrame, month: date, th: Thresholds
) -> list[Kpi]:
    """NPS, retention, CSAT, CES and responses for ``month`` vs the month before and vs target."""
    prev = previous_month(month)
    now_row, prev_row = _row(company, month), _row(company, prev)
    now_nps, prev_nps = _nps(now_row), _nps(prev_row)
    sample = classify_sample(now_nps.n, th.low, th.suppress)
    change = nps_change(prev_nps, now_nps)
    claim = sample == "ok" and classify_sample(prev_nps.n, th.low, th.suppress) == "ok"
    tiles = [
        Kpi(
            "nps",
            "NPS",
            now_nps.score,
            prev_nps.score,
            _target(targets, "nps"),
            now_nps.n,
            sample,
            significant=change.significant if claim else None,
            p_value=change.p_value if claim else None,
        )
    ]
    ret_now, ret_prev = company_retention(retention, month), company_retention(retention, prev)
    tiles.append(Kpi("retention", "Retention", ret_now, ret_prev, _target(targets, "retention"), 0, "ok"))
    for key, label, num, den in (("csat", "CSAT", "csat_top2", "csat_n"), ("ces", "CES", "ces_sum", "ces_n")):
        value, n = _ratio(now_row, num, den)
        before, _ = _ratio(prev_row, num, den)
        tiles.append(Kpi(key, label, value, before, _target(targets, key), n, classify_sample(n, th.low, th.suppress)))
    responses = float(now_nps.n)
    tiles.append(Kpi("responses", "Responses", responses, float(prev_nps.n), None, now_nps.n, "ok"))
    return tiles


def region_nps(by_region: pd.DataFrame, regions: pd.DataFrame, month: date, th: Thresholds) -> pd.DataFrame:
    """NPS with 95% CI per region for ``month``, change vs the month before, sample class."""
    prev = previous_month(month)
    out = []
    for code in regions["region"]:
        mine = by_region[by_region["region"] == code]
        now, before = _nps(_row(mine, month)), _nps(_row(mine, prev))
        sample = classify_sample(now.n, th.low, th.suppress)
        change = nps_change(before, now)
        claim = sample == "ok" and classify_sample(before.n, th.low, th.suppress) == "ok"
        shown = sample != "suppressed"
        out.append(
            {
                "region": code,
                "n": now.n,
                "nps": now.score if shown else None,
                "ci_low": now.ci_low if shown else None,
                "ci_high": now.ci_high if shown else None,
                "sample": sample,
                "previous": before.score,
                "delta": change.delta if shown else None,
                "p_value": change.p_value if claim else None,
                "significant": bool(change.significant and claim),
            }
        )
    return pd.DataFrame(
        out,
        columns=["region", "n", "nps", "ci_low", "ci_high", "sample", "previous", "delta", "p_value", "significant"],
    )
