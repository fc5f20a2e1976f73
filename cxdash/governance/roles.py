"""Who is what in a before/after comparison: regions that switched model in a window, and those that kept one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class Switch:
    """A region's first switch in the window: months under the old model, then under the new one (both in it)."""

    old: str
    new: str
    before: tuple[date, ...]
    after: tuple[date, ...]


def _model_before(history: pd.DataFrame, region: str, first: date) -> object:
    earlier = history[(history["region"] == region) & (history["month"] < first)].sort_values("month")
    return earlier["model"].iloc[-1] if len(earlier) else None


def roles(timeline: pd.DataFrame, history: pd.DataFrame) -> tuple[list[str], dict[str, Switch]]:
    """Control regions and switchers in the window ``timeline`` (region, month, model).

    A control ran one model in every month of the window and, where ``history`` has the month before the
    window, in that month too: a region that switched at the window's first month is no control. A switcher
    has at least one month of the window under its first model; before = those months, after = the months
    under the next model until any further switch.
    """
    controls, switchers = [], {}
    for region, mine in timeline.sort_values("month").groupby("region", sort=True):
        models, months = list(mine["model"]), list(mine["month"])
        if not models or not all(isinstance(m, str) for m in models):
            continue
        if len(set(models)) == 1:
            prior = _model_before(history, str(region), months[0])
            if prior is None or prior == models[0]:
                controls.append(str(region))
            continue
        k = next(i for i, m in enumerate(models) if m != models[0])
        end = next((i for i in range(k, len(models)) if models[i] != models[k]), len(models))
        switchers[str(region)] = Switch(models[0], models[k], tuple(months[:k]), tuple(months[k:end]))
    return controls, switchers
