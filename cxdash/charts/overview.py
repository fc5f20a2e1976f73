"""Overview charts."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from cxdash.charts.palette import MUTED, projector, sample_label
from cxdash.charts.reference import reference_line
from cxdash.charts.regions import colour_of

PLOTTED = ["region", "nps", "ci_low", "ci_high", "n", "sample"]


# A click on a region's point selects it; the page opens that region's compare view.
REGION_PICK = "region_pick"


def nps_by_region(frame: pd.DataFrame, all_regions: Sequence[str]) -> alt.TopLevelMixin:
    """NPS per region as a point with its 95% CI whisker; low samples muted, suppressed left out.

    The chart's data holds only what it draws (Altair sends every column of its frame to the browser),
    and no row of a suppressed region. Each row carries the colour it is drawn in (its region's, grey for a low
    sample), so the browser evaluates no condition per mark.
    """
    shown = frame.loc[frame["nps"].notna() & (frame["sample"] != "suppressed"), PLOTTED]
    colour = shown["region"].map(colour_of(all_regions)).where(shown["sample"] == "ok", MUTED)
    data = shown.assign(sample_label=shown["sample"].map(sample_label), colour=colour).drop(columns="sample")
    base = alt.Chart(data).encode(
        y=alt.Y("region:N", title=None, sort=list(all_regions)),
        color=alt.Color("colour:N", scale=None),
        tooltip=[
            alt.Tooltip("region:N", title="Region"),
            alt.Tooltip("nps:Q", title="NPS", format=".1f"),
            alt.Tooltip("ci_low:Q", title="95% CI low", format=".1f"),
            alt.Tooltip("ci_high:Q", title="95% CI high", format=".1f"),
            alt.Tooltip("n:Q", title="Responses"),
            alt.Tooltip("sample_label:N", title="Sample"),
        ],
    )
    whiskers = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_low:Q", title="NPS (95% confidence interval)", scale=alt.Scale(zero=True, nice=True)),
        x2="ci_high:Q",
    )
    points = (
        base.mark_point(filled=True, size=140, opacity=1)
        .encode(
            x="nps:Q",
            shape=alt.Shape(
                "sample_label:N",
                title="Sample",
                scale=alt.Scale(domain=[sample_label("ok"), sample_label("low")], range=["circle", "triangle-down"]),
            ),
        )
        .add_params(alt.selection_point(name=REGION_PICK, fields=["region"], on="click"))
    )
    zero = reference_line("x", 0, aria=False)
    return projector(alt.layer(zero, whiskers, points).properties(height=alt.Step(34), title="NPS by region"))
