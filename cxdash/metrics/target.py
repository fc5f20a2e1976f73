"""The one target rule shared by tiles, the attention list, Regions and the board pack."""

from __future__ import annotations

import math
from typing import Literal

TargetStatus = Literal["on", "at risk", "below", "no target", "no data"]


def target_status(
    value: float | None,
    target: float | None,
    *,
    ci_low: float | None = None,
    ci_high: float | None = None,
    decimals: int = 1,
) -> TargetStatus:
    """On target, at risk (point below, interval reaches the target) or below (whole interval below).

    Values are compared at the precision they are displayed with (`decimals`), so the
    same printed number never reads both on and below target. A figure without an
    interval (no sampling error, e.g. counted retention) is below when its point is.
    """
    if target is None:
        return "no target"
    if value is None:
        return "no data"
    for name, number in (("value", value), ("target", target), ("ci_low", ci_low), ("ci_high", ci_high)):
        if number is not None and not math.isfinite(number):
            raise ValueError(f"{name} must be a finite number; got {number!r}")
    shown, goal = round(value, decimals), round(target, decimals)
    if shown >= goal:
        return "on"
    top = ci_high if ci_high is not None else value
    return "at risk" if round(top, decimals) >= goal else "below"
