"""Hand-made rollup counts shared by the Regions tests (worked figures are in the tests that use them)."""

from __future__ import annotations

from datetime import date

import pandas as pd

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)


def counts(rows: list[tuple[date, str, int, int, int]]) -> pd.DataFrame:
    """Rollup totals per month and region from (month, region, promoters, passives, detractors)."""
    frame = pd.DataFrame(rows, columns=["month", "region", "promoters", "passives", "detractors"])
    return frame.assign(n=frame["promoters"] + frame["passives"] + frame["detractors"])


# February: A (60, 20, 20) NPS 40, B (30, 10, 10) NPS 40, C (10, 20, 20) NPS −20.
# January: A (40, 30, 30) NPS 10, B (25, 10, 15) NPS 20, C (10, 20, 20) NPS −20.
BY_REGION = counts(
    [
        (JAN, "A", 40, 30, 30),
        (JAN, "B", 25, 10, 15),
        (JAN, "C", 10, 20, 20),
        (FEB, "A", 60, 20, 20),
        (FEB, "B", 30, 10, 10),
        (FEB, "C", 10, 20, 20),
    ]
)
