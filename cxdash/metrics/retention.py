"""Customer retention and churn over a span of months."""

from __future__ import annotations

from cxdash.metrics import checks


def _check_counts(customers_start: int, customers_end: int, new_customers: int) -> None:
    checks.count("customers_start", customers_start)
    checks.count("customers_end", customers_end)
    checks.count("new_customers", new_customers)


def retention_or_none(customers_start: int, customers_end: int, new_customers: int) -> float | None:
    """Retention = (E − N)/S clipped to [0, 1]; None when there were no customers at the start."""
    _check_counts(customers_start, customers_end, new_customers)
    if customers_start == 0:
        return None
    # Clipped because inconsistent counts (e.g. more new customers than the end
    # count) must not show a retention below 0% or above 100%.
    rate = (customers_end - new_customers) / customers_start
    return max(0.0, min(1.0, rate))


def retention_rate(customers_start: int, customers_end: int, new_customers: int) -> float:
    """Retention = (E − N)/S: share of the customers at the start still customers at the end."""
    rate = retention_or_none(customers_start, customers_end, new_customers)
    if rate is None:
        raise ValueError(
            "no customers at the start of the span, so retention is undefined; choose a span that starts with customers"
        )
    return rate


def churn_rate(customers_start: int, customers_end: int, new_customers: int) -> float:
    """Churn = 1 − retention: share of the customers at the start lost by the end."""
    return 1.0 - retention_rate(customers_start, customers_end, new_customers)
