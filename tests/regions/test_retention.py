"""Retention (E − N)/S per region and pooled for the company, monthly and chained over 12 months, by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cxdash.regions import company_retention_trend, month_span, retention_trend

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


def _customers(rows: list[tuple[date, str, int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["month", "region", "customers_start", "customers_end", "new_customers"])


# Region A: Jan S=100 E=110 N=20; Feb S=110 E=105 N=5; Mar S=105 E=120 N=25.
# Region B opens in January with nobody: Jan S=0 E=40 N=40; Feb S=40 E=38 N=0.
CUSTOMERS = _customers(
    [
        (JAN, "A", 100, 110, 20),
        (FEB, "A", 110, 105, 5),
        (MAR, "A", 105, 120, 25),
        (JAN, "B", 0, 40, 40),
        (FEB, "B", 40, 38, 0),
    ]
)


def test_monthly_retention_per_region() -> None:
    trend = retention_trend(CUSTOMERS, ["A"], [JAN, FEB, MAR]).set_index("month")["monthly"]
    # (110 − 20)/100 = 0.90; (105 − 5)/110 = 0.90909; (120 − 25)/105 = 0.90476
    assert trend[JAN] == pytest.approx(0.90)
    assert trend[FEB] == pytest.approx(100 / 110)
    assert trend[MAR] == pytest.approx(95 / 105)


def test_a_month_with_no_customers_at_the_start_has_no_retention() -> None:
    trend = retention_trend(CUSTOMERS, ["B"], [JAN, FEB]).set_index("month")
    assert pd.isna(trend.loc[JAN, "monthly"])
    # (38 − 0)/40 = 0.95
    assert trend.loc[FEB, "monthly"] == pytest.approx(0.95)


def test_company_retention_pools_the_counts_including_a_region_that_started_empty() -> None:
    company = company_retention_trend(CUSTOMERS, [JAN, FEB]).set_index("month")
    # Jan: S = 100 + 0, E = 110 + 40, N = 20 + 40: (150 − 60)/100 = 0.90
    # Feb: S = 110 + 40, E = 105 + 38, N = 5 + 0: (143 − 5)/150 = 0.92
    assert company.loc[JAN, "monthly"] == pytest.approx(0.90)
    assert company.loc[FEB, "monthly"] == pytest.approx(0.92)
    assert company.loc[FEB, "customers_start"] == 150


def test_a_region_without_customer_counts_shows_nothing_rather_than_zero() -> None:
    trend = retention_trend(CUSTOMERS, ["C"], [JAN])
    assert trend["monthly"].isna().all() and trend["chained_12m"].isna().all()
    assert trend["customers_start"].isna().all()


def test_twelve_months_chain_the_monthly_rates_once_twelve_months_of_counts_exist() -> None:
    months = month_span(date(2025, 1, 1), date(2025, 12, 1))
    # Every month S = 1000, E = 1000, N = 10: monthly (1000 − 10)/1000 = 0.99;
    # over 12 months 0.99¹² = 0.886385, not the lower bound (1000 − 120)/1000 = 0.88.
    counts = _customers([(m, "A", 1000, 1000, 10) for m in months])
    trend = retention_trend(counts, ["A"], months).set_index("month")
    assert trend["monthly"].tolist() == pytest.approx([0.99] * 12)
    assert trend["chained_12m"].iloc[:11].isna().all()
    assert trend.loc[date(2025, 12, 1), "chained_12m"] == pytest.approx(0.886385, abs=1e-6)


def test_a_month_missing_inside_the_twelve_gives_no_chained_rate() -> None:
    months = month_span(date(2025, 1, 1), date(2025, 12, 1))
    counts = _customers([(m, "A", 1000, 1000, 10) for m in months if m != date(2025, 6, 1)])
    trend = retention_trend(counts, ["A"], months).set_index("month")
    assert pd.isna(trend.loc[date(2025, 12, 1), "chained_12m"])


def test_the_input_frame_is_left_untouched() -> None:
    before = CUSTOMERS.copy()
    retention_trend(CUSTOMERS, ["A", "B"], [JAN, FEB, MAR])
    company_retention_trend(CUSTOMERS, [JAN, FEB, MAR])
    pd.testing.assert_frame_equal(CUSTOMERS, before)
