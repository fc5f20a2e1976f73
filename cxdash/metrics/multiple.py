"""Multiple-testing control: Benjamini–Hochberg over the tests shown together."""

from __future__ import annotations

import math
from collections.abc import Sequence

from statsmodels.stats.multitest import multipletests

ALPHA = 0.05


def bh_adjust(p_values: Sequence[float | None]) -> list[float | None]:
    """Benjamini–Hochberg adjusted p-values; None (no test) stays None and is not counted.

    The family is every test shown together (the regions of a month, the touchpoints
    of a page): an adjusted p below 0.05 keeps the false discovery rate at 5%.
    """
    present = [(i, p) for i, p in enumerate(p_values) if p is not None]
    for _, p in present:
        if not (isinstance(p, float | int) and math.isfinite(p) and 0.0 <= p <= 1.0):
            raise ValueError(f"p_values must be numbers between 0 and 1 or None; got {p!r}")
    adjusted: list[float | None] = [None] * len(p_values)
    if not present:
        return adjusted
    _, corrected, _, _ = multipletests([p for _, p in present], alpha=ALPHA, method="fdr_bh")
    for (i, _), q in zip(present, corrected, strict=True):
        adjusted[i] = float(q)
    return adjusted


def significant_after_bh(p_values: Sequence[float | None], alpha: float = ALPHA) -> list[bool]:
    """Which tests stay significant once their family is controlled by Benjamini–Hochberg."""
    return [q is not None and q < alpha for q in bh_adjust(p_values)]
