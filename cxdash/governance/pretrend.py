"""The pre-trend check of a switch: did the switching region already drift from its comparison regions before?"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from cxdash.metrics.governance import Trend, linear_trend
from cxdash.overview import Thresholds

PATH_COLUMNS = ["region", "month", "series", "nps"]
SWITCHER, COMPARISON = "switching region", "regions that kept their model"


def _monthly(cells: pd.DataFrame, regions: Sequence[str], months: Sequence[date], th: Thresholds) -> pd.Series:
    """Pooled NPS per month of these regions; months under the suppression threshold left out."""
    mine = cells[cells["region"].isin(list(regions)) & cells["month"].isin(list(months))]
    sums = mine.groupby("month")[["n", "promoters", "detractors"]].sum()
    sums = sums[sums["n"] >= max(th.suppress, 1)]
    return (100.0 * (sums["promoters"] - sums["detractors"]) / sums["n"]).astype("float64")


def pre_trend(
    cells: pd.DataFrame, region: str, controls: Sequence[str], before: Sequence[date], th: Thresholds
) -> Trend | None:
    """OLS trend of the monthly NPS gap (region − pooled controls) over the months before the switch.

    A slope near zero (large p) supports the parallel-trends assumption the difference-in-differences
    rests on; None with fewer than 3 months with data on both sides.
    """
    gap = (_monthly(cells, [region], before, th) - _monthly(cells, controls, before, th)).dropna()
    return linear_trend(list(gap.sort_index()))


def switch_paths(
    cells: pd.DataFrame, switches: dict[str, tuple[date, ...]], controls: Sequence[str], th: Thresholds
) -> pd.DataFrame:
    """Monthly NPS of each switching region and of its comparison regions (pooled), for the pre-trend chart."""
    rows = []
    for region, months in sorted(switches.items()):
        for series, who in ((SWITCHER, [region]), (COMPARISON, list(controls))):
            for month, nps in _monthly(cells, who, months, th).items():
                rows.append((region, month, series, float(nps)))
    return pd.DataFrame(rows, columns=PATH_COLUMNS)
