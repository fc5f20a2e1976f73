"""How the Ownership page writes its performance figures: numbers with a dash for none, change tests in words."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd


def number_text(value: object, pattern: str = "{:.1f}") -> str:
    """A figure as the tables print it: "—" when there is none."""
    return "—" if value is None or pd.isna(value) else pattern.format(value)  # type: ignore[call-overload]


def change_verdict(row: Mapping[Hashable, Any]) -> str:
    """The change vs the month before in words, judged on the Benjamini–Hochberg adjusted p."""
    if row["sample"] != "ok":
        return "hidden: too few responses" if row["sample"] == "suppressed" else "low sample: no significance claim"
    adjusted = row["p_adjusted"]
    if adjusted is None or pd.isna(adjusted):
        # Too few responses the month before, none at all, or a test undefined for these counts.
        return "no significance claim"
    words = "significant change" if row["significant"] else "within noise"
    p = float(adjusted)
    return f"{words} (adjusted p {'< 0.001' if p < 0.001 else f'= {p:.3f}'})"
