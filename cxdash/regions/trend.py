"""NPS (with 95% CI) and retention (monthly and chained over 12 months) per region and month, and for the company."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

from cxdash.metrics import NpsResult, classify_sample, nps_from_counts, retention_or_none
from cxdash.metrics.chained import chained_retention
from cxdash.overview import Thresholds
from cxdash.regions.period import month_span, shift_month

COMPANY = "Company"
COUNTS = ["n", "promoters", "passives", "detractors"]
NPS_COLUMNS = ["month", "region", *COUNTS, "nps", "ci_low", "ci_high", "sample"]
CUSTOMERS = ["customers_start", "customers_end", "new_customers"]
RETENTION_COLUMNS = ["month", "region", *CUSTOMERS, "monthly", "chained_12m"]
TRAILING = 12


def pooled(counts: pd.DataFrame) -> NpsResult:
    """NPS of every response counted in the frame, taken together (pooled counts)."""
    return nps_from_counts(
        int(counts["promoters"].sum()), int(counts["passives"].sum()), int(counts["detractors"].sum())
    )


def nps_fields(result: NpsResult, th: Thresholds) -> dict[str, Any]:
    """Score, CI and sample class of one group; the score and CI are hidden when the sample is suppressed."""
    sample = classify_sample(result.n, th.low, th.suppress)
    shown = sample != "suppressed"
    return {
        "n": result.n,
        "promoters": result.promoters,
        "passives": result.passives,
        "detractors": result.detractors,
        "nps": result.score if shown else None,
        "ci_low": result.ci_low if shown else None,
        "ci_high": result.ci_high if shown else None,
        "sample": sample,
    }


def _numeric(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    return frame.astype({c: "float64" for c in columns})


def _nps_cells(by_region: pd.DataFrame) -> dict[tuple[date, str], NpsResult]:
    sums = by_region.groupby(["month", "region"])[["promoters", "passives", "detractors"]].sum()
    return {
        key: nps_from_counts(int(p), int(pa), int(d))
        for key, (p, pa, d) in zip(sums.index, sums.to_numpy(), strict=True)
    }


def nps_trend(by_region: pd.DataFrame, codes: Sequence[str], months: Sequence[date], th: Thresholds) -> pd.DataFrame:
    """NPS per region for every month (n = 0 where a region has no responses), from rollup counts."""
    cells, empty = _nps_cells(by_region), nps_from_counts(0, 0, 0)
    rows = [
        {"month": m, "region": code} | nps_fields(cells.get((m, code), empty), th) for code in codes for m in months
    ]
    return _numeric(pd.DataFrame(rows, columns=NPS_COLUMNS), ["nps", "ci_low", "ci_high"])


def company_nps_trend(by_region: pd.DataFrame, months: Sequence[date], th: Thresholds) -> pd.DataFrame:
    """Company NPS per month from the pooled counts of every region."""
    rows = [
        {"month": m, "region": COMPANY} | nps_fields(pooled(by_region[by_region["month"] == m]), th) for m in months
    ]
    return _numeric(pd.DataFrame(rows, columns=NPS_COLUMNS), ["nps", "ci_low", "ci_high"])


def _by_month(counts: pd.DataFrame) -> dict[date, tuple[int, int, int]]:
    sums = counts.groupby("month")[CUSTOMERS].sum()
    return {m: (int(s), int(e), int(n)) for m, (s, e, n) in zip(sums.index, sums.to_numpy(), strict=True)}


def _monthly(by_month: dict[date, tuple[int, int, int]], month: date) -> float | None:
    if month not in by_month:
        return None
    start, end, new = by_month[month]
    return retention_or_none(start, end, new)


def _retention_rows(counts: pd.DataFrame, label: str, months: Sequence[date]) -> list[dict[str, Any]]:
    by_month = _by_month(counts)
    rows = []
    for month in months:
        sums = dict(zip(CUSTOMERS, by_month.get(month, (None, None, None)), strict=True))
        window = month_span(shift_month(month, -(TRAILING - 1)), month)
        rows.append(
            {"month": month, "region": label}
            | sums
            | {
                "monthly": _monthly(by_month, month),
                "chained_12m": chained_retention([_monthly(by_month, m) for m in window]),
            }
        )
    return rows


def retention_trend(retention: pd.DataFrame, codes: Sequence[str], months: Sequence[date]) -> pd.DataFrame:
    """Monthly retention (E − N)/S per region and the 12 months ending each month, chained from the monthly rates;
    None where counts are missing or S = 0."""
    rows = [r for code in codes for r in _retention_rows(retention[retention["region"] == code], code, months)]
    frame = pd.DataFrame(rows, columns=RETENTION_COLUMNS)
    return _numeric(frame, ["monthly", "chained_12m"]).astype({c: "Int64" for c in CUSTOMERS})


def company_retention_trend(retention: pd.DataFrame, months: Sequence[date]) -> pd.DataFrame:
    """Company retention from customer counts pooled over the regions that reported each month."""
    frame = pd.DataFrame(_retention_rows(retention, COMPANY, months), columns=RETENTION_COLUMNS)
    return _numeric(frame, ["monthly", "chained_12m"]).astype({c: "Int64" for c in CUSTOMERS})
