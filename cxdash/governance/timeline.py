"""Which CX operating model each region runs under, month by month, from its change history."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date

import pandas as pd

TIMELINE_COLUMNS = ["region", "month", "model"]
SPAN_COLUMNS = ["region", "model", "start", "end", "months"]
SWITCH_COLUMNS = ["region", "month", "from_model", "to_model"]


def next_month(month: date) -> date:
    """The first day of the month after ``month``."""
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


def model_by_month(changes: pd.DataFrame, regions: Sequence[str], months: Sequence[date]) -> pd.DataFrame:
    """Model in force per region and month: the latest change on or before the month's first day (none before)."""
    rows = []
    for region in regions:
        mine = changes[changes["region"] == region].sort_values("effective_from")
        dates, models = list(mine["effective_from"]), list(mine["model"])
        for month in sorted(months):
            at = bisect_right(dates, month) - 1
            rows.append((region, month, models[at] if at >= 0 else None))
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)


def model_spans(timeline: pd.DataFrame) -> pd.DataFrame:
    """Consecutive months under one model per region, as [start, end) spans; months with no model are left out."""
    rows = []
    for region, mine in timeline.sort_values(["region", "month"]).groupby("region", sort=True):
        model_now: str | None = None
        start = end = date.min
        count = 0
        for month, model in zip(mine["month"], mine["model"], strict=True):
            if isinstance(model, str) and model == model_now and month == end:
                end, count = next_month(month), count + 1
                continue
            if model_now is not None:
                rows.append((region, model_now, start, end, count))
            model_now = model if isinstance(model, str) else None
            start, end, count = month, next_month(month), 1
        if model_now is not None:
            rows.append((region, model_now, start, end, count))
    return pd.DataFrame(rows, columns=SPAN_COLUMNS)


def switches(timeline: pd.DataFrame) -> pd.DataFrame:
    """Months in which a region's model differs from the month before (both months with a model)."""
    rows = []
    for region, mine in timeline.sort_values(["region", "month"]).groupby("region", sort=True):
        models = list(mine["model"])
        for month, before, after in zip(list(mine["month"])[1:], models[:-1], models[1:], strict=True):
            if isinstance(before, str) and isinstance(after, str) and before != after:
                rows.append((region, month, before, after))
    return pd.DataFrame(rows, columns=SWITCH_COLUMNS)
