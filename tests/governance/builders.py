"""Hand-built rollup cells, customer counts and timelines where the right answer is known."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxdash.queries.core import ROLLUP_COUNTS

M1, M2, M3, M4 = (date(2026, m, 1) for m in (1, 2, 3, 4))


def cell(
    region: str,
    month: date,
    counts: tuple[int, int, int],
    *,
    touchpoint: str = "X",
    model: str | None = None,
    csat: tuple[int, int] = (0, 0),
    ces: tuple[int, int] = (0, 0),
) -> dict[str, object]:
    """One rollup row: (promoters, passives, detractors), optional (csat_n, csat_top2) and (ces_n, ces_sum)."""
    p, pa, d = counts
    row: dict[str, object] = {"month": month, "region": region, "touchpoint": touchpoint}
    values = (p + pa + d, p, pa, d, *csat, *ces)
    row.update(dict(zip(ROLLUP_COUNTS, values, strict=True)))
    if model is not None:
        row["model"] = model
    return row


def customers(region: str, month: date, start: int, end: int, new: int, model: str | None = None) -> dict[str, object]:
    row: dict[str, object] = {
        "month": month,
        "region": region,
        "customers_start": start,
        "customers_end": end,
        "new_customers": new,
    }
    if model is not None:
        row["model"] = model
    return row


def timeline(models: dict[str, list[str]], months: list[date]) -> pd.DataFrame:
    """Region → model per month, as ``model_by_month`` returns it."""
    rows = [(r, m, model) for r, seq in models.items() for m, model in zip(months, seq, strict=True)]
    return pd.DataFrame(rows, columns=["region", "month", "model"])
