"""Customer counts per region and month, consistent from one month to the next."""

from __future__ import annotations

from cxdash.sample.nps_model import in_incident
from cxdash.sample.rand import stream
from cxdash.sample.reference import REGIONS, model_in_force
from cxdash.sample.timeline import MONTHS, month_label

# Monthly churn by operating model: decentralized regions lose customers faster.
CHURN: dict[str, float] = {"centralized": 0.012, "hybrid": 0.016, "decentralized": 0.022}
CHURN_NOISE = 0.002
# New business replaces churn plus a little growth, so every region grows slowly.
GROWTH = 0.003
GROWTH_NOISE = 0.002
INCIDENT_EXTRA_CHURN = 0.009


def retention_rows(seed: int) -> list[dict[str, object]]:
    rng = stream(seed, "retention")
    rows: list[dict[str, object]] = []
    for region in REGIONS:
        customers = region.customers
        for month in MONTHS:
            churn = CHURN[model_in_force(region, month)] + CHURN_NOISE * (2 * rng.random() - 1)
            if in_incident(region, month):
                churn += INCIDENT_EXTRA_CHURN
            growth = GROWTH + GROWTH_NOISE * (2 * rng.random() - 1)
            churned = round(customers * churn)
            new = round(customers * (churn + growth))
            end = customers - churned + new
            rows.append(
                {
                    "region": region.code,
                    "month": month_label(month),
                    "customers_start": customers,
                    "customers_end": end,
                    "new_customers": new,
                }
            )
            customers = end
    return rows
