"""Reference lines: the dashed rules drawn for the eye (zero, an average, a target, a period's edges, a switch)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import altair as alt
import pandas as pd

GUIDE = "#666"
EDGE = "#333"


def dashed_rule(
    data: pd.DataFrame | None = None,
    *,
    color: str = GUIDE,
    dash: Sequence[int] = (4, 4),
    aria: bool = True,
    **encoding: Any,
) -> alt.Chart:
    """A dashed rule layer encoded by ``encoding``; without ``data`` it draws from its layer's data. ``aria=False``
    keeps it out of screen readers when the same value is read elsewhere (a tooltip, the axis)."""
    base = alt.Chart() if data is None else alt.Chart(data)
    rule: alt.Chart = base.mark_rule(color=color, strokeDash=list(dash), aria=alt.Undefined if aria else False)
    return rule.encode(**encoding)


def reference_line(
    channel: Literal["x", "y"], at: float, *, dash: Sequence[int] = (4, 4), aria: bool = True
) -> alt.Chart:
    """A dashed grey line across the chart where ``channel`` (a quantitative axis) equals ``at``."""
    return dashed_rule(pd.DataFrame({channel: [at]}), dash=dash, aria=aria, **{channel: f"{channel}:Q"})
