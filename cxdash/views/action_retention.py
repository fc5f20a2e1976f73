"""Retention in the outcome of a done region action: its columns in the Actions page's outcome table and the deck."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import queries
from cxdash.actions.outcome import windows
from cxdash.actions.retention import Customers, RetentionOutcome, retention_outcome

RETENTION_HELP = (
    " For region actions, retention is chained monthly retention (E − N)/S over the same windows, set against the "
    "rest of the company's change (difference-in-differences, Wald interval with binomial variance on the customers "
    "at the start of each window)."
)


def _by_month(frame: pd.DataFrame) -> dict[date, Customers]:
    return {
        m: Customers(int(s), int(e), int(n))
        for m, s, e, n in zip(
            frame["month"], frame["customers_start"], frame["customers_end"], frame["new_customers"], strict=True
        )
    }


def region_retention(session: Session, row: pd.Series) -> RetentionOutcome | None:
    """The retention outcome of a done action on a region (None: the action addresses no region)."""
    if pd.isna(row["region"]) or not row["region"]:
        return None
    span = windows(row["raised_month"], row["done_on"])
    frame = queries.retention(session, months=[*span.before, *span.after])
    mine = frame[frame["region"] == row["region"]]
    rest = (
        frame[frame["region"] != row["region"]]
        .groupby("month", as_index=False)[["customers_start", "customers_end", "new_customers"]]
        .sum()
    )
    return retention_outcome(region=_by_month(mine), rest=_by_month(rest), months=span)


def _share(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def retention_columns(found: RetentionOutcome | None) -> dict[str, object]:
    """Retention before and after, the change net of the company with its interval, and the verdict."""
    if found is None:
        empty: dict[str, object] = dict.fromkeys(("Retention before", "Retention after"), "—")
        return empty | {"Retention, net of the company": "—", "Retention verdict": "Not a region action."}
    net = "—" if found.did is None else f"{found.did:+.2f} pts ({found.did_low:+.2f} to {found.did_high:+.2f})"
    return {
        "Retention before": _share(found.region.before),
        "Retention after": _share(found.region.after),
        "Retention, net of the company": net,
        "Retention verdict": found.verdict,
    }
