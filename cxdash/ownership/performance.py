"""Ownership meets performance: the NPS of the touchpoints each Accountable leader answers for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

from cxdash.metrics import bh_adjust, classify_sample, nps_change, nps_from_counts
from cxdash.metrics.multiple import ALPHA
from cxdash.overview import Thresholds, previous_month

COUNTS = ["n", "promoters", "passives", "detractors"]
PAIR_COLUMNS = ["leader", "leader_name", "touchpoint", "touchpoint_name", "stage"]
SCORE_COLUMNS = ["n", "nps", "ci_low", "ci_high", "sample", "delta", "p_value", "p_adjusted", "significant", "trend"]


def accountable_pairs(assignments: pd.DataFrame) -> pd.DataFrame:
    """One row per (Accountable leader, touchpoint); a touchpoint with two owners appears once for each."""
    pairs = assignments.loc[assignments["role"] == "A", PAIR_COLUMNS]
    return pairs.reset_index(drop=True)


def _pooled(pairs: pd.DataFrame, totals: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    # One row per (key, touchpoint) before the join: a touchpoint with two Accountable leaders
    # must bring its responses once to its own score, never once per owner.
    units = pairs[list(dict.fromkeys([*keys, "touchpoint"]))].drop_duplicates()
    joined = units.merge(totals[["month", "touchpoint", *COUNTS]], on="touchpoint")
    return joined.groupby([*keys, "month"], as_index=False)[COUNTS].sum()


def _counts(frame: pd.DataFrame, month: date) -> tuple[int, int, int]:
    hit = frame[frame["month"] == month]
    if hit.empty:
        return 0, 0, 0
    return int(hit["promoters"].sum()), int(hit["passives"].sum()), int(hit["detractors"].sum())


def _score(frame: pd.DataFrame, month: date, months: Sequence[date], th: Thresholds) -> dict[str, Any]:
    now = nps_from_counts(*_counts(frame, month))
    before = nps_from_counts(*_counts(frame, previous_month(month)))
    sample = classify_sample(now.n, th.low, th.suppress)
    shown = sample != "suppressed"
    claim = sample == "ok" and classify_sample(before.n, th.low, th.suppress) == "ok"
    change = nps_change(before, now)
    trend = []
    for m in months:
        result = nps_from_counts(*_counts(frame, m))
        hidden = classify_sample(result.n, th.low, th.suppress) == "suppressed"
        trend.append(None if hidden or result.score is None else round(result.score, 1))
    return {
        "n": now.n,
        "nps": now.score if shown else None,
        "ci_low": now.ci_low if shown else None,
        "ci_high": now.ci_high if shown else None,
        "sample": sample,
        "delta": change.delta if shown else None,
        "p_value": change.p_value if claim else None,
        "trend": tuple(trend),  # a tuple, so that a frame holding it can be hashed as a cache key
    }


def _adjusted(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Benjamini–Hochberg over the change tests shown together, one test per ``unit`` (a touchpoint listed
    under two owners is one test, not two); ✱ follows the adjusted p."""
    tests = frame.drop_duplicates(unit)
    adjusted = dict(
        zip(tests[unit], bh_adjust([None if pd.isna(p) else float(p) for p in tests["p_value"]]), strict=True)
    )
    p_adjusted = [adjusted[key] for key in frame[unit]]
    significant = [q is not None and q < ALPHA for q in p_adjusted]
    return frame.assign(p_adjusted=p_adjusted, significant=significant)


def _worst_first(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Lowest NPS first; hidden (suppressed) scores last, since nothing can be said about them."""
    ordered = frame.assign(_hidden=frame["nps"].isna()).sort_values(["_hidden", "nps"], kind="stable")
    return ordered.drop(columns="_hidden").reset_index(drop=True)[columns]


def owned_touchpoints(
    pairs: pd.DataFrame, totals: pd.DataFrame, month: date, months: Sequence[date], th: Thresholds
) -> pd.DataFrame:
    """Each owned touchpoint's NPS for ``month`` with CI, n, change vs the month before and trend; worst first.

    A touchpoint with two Accountable leaders is listed under each, with the same (true) n and score.
    """
    pooled = _pooled(pairs, totals, ["touchpoint"])
    rows = [
        {**pair, **_score(pooled[pooled["touchpoint"] == pair["touchpoint"]], month, months, th)}
        for pair in pairs.to_dict("records")
    ]
    scored = _adjusted(pd.DataFrame(rows, columns=[*PAIR_COLUMNS, *SCORE_COLUMNS]), "touchpoint")
    return _worst_first(scored, [*PAIR_COLUMNS, *SCORE_COLUMNS])


def leader_performance(
    pairs: pd.DataFrame, totals: pd.DataFrame, month: date, months: Sequence[date], th: Thresholds
) -> pd.DataFrame:
    """Per Accountable leader, the pooled NPS of all the touchpoints they answer for; worst first."""
    pooled = _pooled(pairs, totals, ["leader"])
    rows = []
    for leader, owned in pairs.groupby("leader", sort=False):
        mine = pooled[pooled["leader"] == leader]
        rows.append(
            {
                "leader": leader,
                "leader_name": owned["leader_name"].iloc[0],
                "touchpoints": len(owned),
                **_score(mine, month, months, th),
            }
        )
    columns = ["leader", "leader_name", "touchpoints", *SCORE_COLUMNS]
    return _worst_first(_adjusted(pd.DataFrame(rows, columns=columns), "leader"), columns)


def leader_trend(pairs: pd.DataFrame, totals: pd.DataFrame, months: Sequence[date], th: Thresholds) -> pd.DataFrame:
    """Monthly pooled NPS with 95% CI per Accountable leader; suppressed months carry no value."""
    pooled = _pooled(pairs, totals, ["leader"])
    names = dict(zip(pairs["leader"], pairs["leader_name"], strict=True))
    rows = []
    for leader in dict.fromkeys(pairs["leader"]):
        mine = pooled[pooled["leader"] == leader]
        for month in months:
            result = nps_from_counts(*_counts(mine, month))
            sample = classify_sample(result.n, th.low, th.suppress)
            shown = sample != "suppressed"
            rows.append(
                {
                    "month": month,
                    "leader": leader,
                    "leader_name": names[leader],
                    "n": result.n,
                    "nps": result.score if shown else None,
                    "ci_low": result.ci_low if shown else None,
                    "ci_high": result.ci_high if shown else None,
                    "sample": sample,
                }
            )
    return pd.DataFrame(rows, columns=["month", "leader", "leader_name", "n", "nps", "ci_low", "ci_high", "sample"])
