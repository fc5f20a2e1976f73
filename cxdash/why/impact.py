"""Impact of each touchpoint: the points of NPS it costs or adds against the rest of the journey."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
from scipy.stats import norm

from cxdash.metrics import bh_adjust, classify_sample

Z_95 = float(norm.ppf(0.975))
COLUMNS = [
    "touchpoint", "n", "share", "nps", "nps_rest", "gap", "impact", "ci_low", "ci_high",
    "p_value", "p_adjusted", "verdict", "owner",
]  # fmt: skip


def _parts(p: int, d: int, n: int) -> tuple[float, float]:
    """NPS in points and its Wald variance (per response, on the −1..1 scale)."""
    pp, dd = p / n, d / n
    return 100.0 * (pp - dd), max(0.0, pp + dd - (pp - dd) ** 2)


def _verdict(impact: float, low: float, high: float, q: float | None, sample: str) -> str:
    if sample == "low":
        return "too few responses to tell"
    if q is None:
        return "the test is undefined (no spread in the scores)"
    if q >= 0.05:
        return "can't tell from the rest"
    return f"costs {-impact:.1f} points" if impact < 0 else f"adds {impact:.1f} points"


def touchpoint_impact(
    counts: pd.DataFrame, owners: Mapping[str, str], *, low: int = 30, suppress: int = 5
) -> pd.DataFrame:
    """Per touchpoint: impact = share × (its NPS − NPS of all other responses), in points of pooled NPS.

    If the touchpoint matched the rest, pooled NPS would move by −impact. The 95% interval and the
    two-sided Wald test treat the share as fixed; p-values are Benjamini–Hochberg adjusted across the
    touchpoints shown. Touchpoints under ``suppress`` responses are left out (their NPS could be read
    back); under ``low`` they are shown without a verdict. ``owners`` maps touchpoint → Accountable.
    """
    totals = counts.groupby("touchpoint")[["promoters", "passives", "detractors"]].sum()
    totals["n"] = totals.sum(axis=1)
    all_p, all_d, all_n = int(totals["promoters"].sum()), int(totals["detractors"].sum()), int(totals["n"].sum())
    rows = []
    for tp, row in totals.iterrows():
        n, p, d = int(row["n"]), int(row["promoters"]), int(row["detractors"])
        rest_n = all_n - n
        if n < suppress or rest_n < suppress:
            continue
        nps, var = _parts(p, d, n)
        rest, var_rest = _parts(all_p - p, all_d - d, rest_n)
        share = n / all_n
        gap = nps - rest
        se = 100.0 * share * math.sqrt(var / n + var_rest / rest_n)
        impact = share * gap
        p_value = math.erfc(abs(impact / se) / math.sqrt(2.0)) if se > 0 else None
        rows.append(
            {
                "touchpoint": str(tp), "n": n, "share": share, "nps": nps, "nps_rest": rest, "gap": gap,
                "impact": impact, "ci_low": impact - Z_95 * se, "ci_high": impact + Z_95 * se,
                "p_value": p_value, "sample": classify_sample(n, low, suppress),
                "owner": owners.get(str(tp)) or "no Accountable leader",
            }
        )  # fmt: skip
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "sample"])
    if frame.empty:
        return frame[COLUMNS]
    testable = [p if s == "ok" else None for p, s in zip(frame["p_value"], frame["sample"], strict=True)]
    frame["p_adjusted"] = bh_adjust(testable)
    frame["verdict"] = [
        _verdict(i, lo, hi, q if s == "ok" else None, s)
        for i, lo, hi, q, s in zip(
            frame["impact"], frame["ci_low"], frame["ci_high"], frame["p_adjusted"], frame["sample"], strict=True
        )
    ]
    return frame.sort_values("impact").reset_index(drop=True)[COLUMNS]
