"""Retention in an action's outcome: chained retention before vs after, net of the rest of the company (hand-worked)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from cxdash.actions.outcome import windows
from cxdash.actions.retention import Customers, retention_outcome

# Raised in January 2026, done on 10 March: before = Oct–Dec 2025, after = Apr–Jun 2026.
SPAN = windows(date(2026, 1, 1), date(2026, 3, 10))


def _months(before: Customers, after: Customers) -> dict[date, Customers]:
    return {**dict.fromkeys(SPAN.before, before), **dict.fromkeys(SPAN.after, after)}


def test_a_change_the_rest_of_the_company_shared_cannot_be_told_from_noise() -> None:
    # Region: 99% a month before (0.99³ = 0.970299), 99.5% after (0.995³ = 0.985075): +1.4776 points.
    # Rest: 98% before (0.98³ = 0.941192), 98.5% after (0.985³ = 0.955672): +1.4480 points. DiD = +0.0296.
    region = _months(Customers(1000, 990, 0), Customers(1000, 995, 0))
    rest = _months(Customers(4000, 3920, 0), Customers(4000, 3940, 0))
    found = retention_outcome(region=region, rest=rest, months=SPAN)
    assert found.region.before == pytest.approx(0.970299)
    assert found.region.after == pytest.approx(0.985074875)
    assert found.region.change == pytest.approx(1.4775875)
    assert found.rest is not None and found.rest.change == pytest.approx(1.4479625)
    assert found.did == pytest.approx(0.029625)
    # se² = 0.970299·0.029701/1000 + 0.985075·0.014925/1000 + 0.941192·0.058808/4000 + 0.955672·0.044328/4000
    se = math.sqrt(2.88189e-5 + 1.47024e-5 + 1.38375e-5 + 1.05906e-5) * 100
    assert found.did_low == pytest.approx(0.02962 - 1.959964 * se, abs=1e-3)
    assert found.verdict == "Retention change cannot be told from noise."


def test_a_rise_the_rest_did_not_share_is_an_improvement() -> None:
    # Region 95% → 99% a month on 20,000 customers (0.857375 → 0.970299: +11.29 points); rest flat at 97%.
    region = _months(Customers(20000, 19000, 0), Customers(20000, 19800, 0))
    rest = _months(Customers(50000, 48500, 0), Customers(50000, 48500, 0))
    found = retention_outcome(region=region, rest=rest, months=SPAN)
    assert found.did == pytest.approx(100 * (0.970299 - 0.857375))
    assert found.did_low is not None and found.did_low > 0
    assert found.verdict == "Retention improved, beyond the company's drift."


def test_new_customers_are_taken_out_of_each_months_rate() -> None:
    # (E − N)/S = (1010 − 20)/1000 = 0.99 each month, the same as the first case's region before.
    region = _months(Customers(1000, 1010, 20), Customers(1000, 1010, 20))
    rest = _months(Customers(4000, 3920, 0), Customers(4000, 3920, 0))
    found = retention_outcome(region=region, rest=rest, months=SPAN)
    assert found.region.before == pytest.approx(0.970299) and found.region.change == pytest.approx(0.0)


def test_too_few_months_after_says_when_a_verdict_is_possible() -> None:
    region = _months(Customers(1000, 990, 0), Customers(1000, 995, 0))
    del region[date(2026, 6, 1)]
    found = retention_outcome(region=region, rest=region, months=SPAN)
    assert found.did is None
    assert found.verdict == "Too few months of retention after: a verdict is possible from July 2026."


def test_no_rest_of_the_company_gives_no_credit() -> None:
    region = _months(Customers(1000, 990, 0), Customers(1000, 995, 0))
    found = retention_outcome(region=region, rest={}, months=SPAN)
    assert found.did is None and found.verdict.startswith("No rest of the company")


def test_no_months_before_says_so() -> None:
    region = _months(Customers(1000, 990, 0), Customers(1000, 995, 0))
    del region[date(2025, 10, 1)]
    found = retention_outcome(region=region, rest=region, months=SPAN)
    assert found.region.before is None and found.verdict.startswith("No retention recorded")
