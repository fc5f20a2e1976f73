"""Alignment charts: every leader's rating per dimension, the answers to "who owns CX?", the trend."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from cxdash.charts.palette import MUTED, PALETTE, projector
from cxdash.charts.reference import dashed_rule

GROUP_COLORS = {"CEO": PALETTE[3], "You": PALETTE[3], "Other leaders": PALETTE[0], "Leader": PALETTE[0]}
ANSWER_COLORS = {"owner": PALETTE[2], "other": PALETTE[1], "dont_know": MUTED}
# Horizontal gap, in rating points, between leaders who gave the same rating.
DOT_SPACING = 0.08
TREND_PANEL_WIDTH = 200  # three side by side, with their axes, stay within palette.MAIN_WIDTH
ANSWER_LABELS = {"owner": "the designated owner", "other": "someone else", "dont_know": "don't know"}


def _side_by_side(points: pd.DataFrame) -> pd.DataFrame:
    """Each rating's place on the x axis: equal ratings of a dimension spread around the score, in rater order.

    Worked out here rather than by Vega transforms in the browser, which would redo it on every draw."""
    ordered = points.sort_values("rater", kind="stable")
    same = ordered.groupby(["label", "score"], observed=True)["rater"]
    offset = (same.cumcount() + 1 - (same.transform("size") + 1) / 2) * DOT_SPACING
    return points.assign(position=(ordered["score"] + offset).round(3).reindex(points.index))


def rating_spread(points: pd.DataFrame, scorecard: pd.DataFrame, dimensions: Sequence[str]) -> alt.TopLevelMixin:
    """A dot per leader and dimension on the 1–5 scale, equal ratings side by side (none hidden); a bar at the mean."""
    groups = [g for g in GROUP_COLORS if g in set(points["group"])]
    y = alt.Y("label:N", title=None, sort=list(dimensions), axis=alt.Axis(labelLimit=280))
    x_scale = alt.Scale(domain=[0.5, 5.5])
    dots = (
        alt.Chart(_side_by_side(points[["rater", "group", "label", "score"]]))
        .mark_circle(size=80, opacity=0.9)
        .encode(
            x=alt.X(
                "position:Q",
                title="Rating (1 = strongly disagree, 5 = strongly agree)",
                scale=x_scale,
                axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d"),
            ),
            y=y,
            color=alt.Color(
                "group:N", title=None, scale=alt.Scale(domain=groups, range=[GROUP_COLORS[g] for g in groups])
            ),
            tooltip=[
                alt.Tooltip("rater:N", title="Leader"),
                alt.Tooltip("label:N", title="Dimension"),
                alt.Tooltip("score:Q", title="Rating"),
            ],
        )
    )
    means = (
        alt.Chart(scorecard[scorecard["mean"].notna()][["label", "mean", "rwg", "band"]])
        .mark_tick(color="#222", thickness=3, size=30)
        .encode(
            x=alt.X("mean:Q", scale=x_scale),
            y=y,
            tooltip=[
                alt.Tooltip("label:N", title="Dimension"),
                alt.Tooltip("mean:Q", title="Mean", format=".2f"),
                alt.Tooltip("rwg:Q", title="Agreement (0–1)", format=".2f"),
                alt.Tooltip("band:N", title="Agreement"),
            ],
        )
    )
    chart = alt.layer(dots, means).properties(
        height=alt.Step(40), title="Every leader's rating per dimension (black bar: the mean)"
    )
    return projector(chart)


def ownership_answers(answers: pd.DataFrame) -> alt.TopLevelMixin:
    """Leaders per answer to "who owns CX here?", the designated owner in green, "don't know" muted."""
    data = answers.assign(kind_label=answers["kind"].map(ANSWER_LABELS))[["answer", "leaders", "share", "kind_label"]]
    kinds = [k for k in ANSWER_LABELS if k in set(answers["kind"])]
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("leaders:Q", title="Leaders", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("answer:N", title=None, sort=list(answers["answer"])),
            color=alt.Color(
                "kind_label:N",
                title=None,
                legend=alt.Legend(columns=1),
                scale=alt.Scale(domain=[ANSWER_LABELS[k] for k in kinds], range=[ANSWER_COLORS[k] for k in kinds]),
            ),
            tooltip=[
                alt.Tooltip("answer:N", title="Named as CX owner"),
                alt.Tooltip("leaders:Q", title="Leaders"),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
            ],
        )
        .properties(height=alt.Step(30), title='"Who owns CX here?"')
    )
    return projector(chart)


def _trend_panel(
    trend: pd.DataFrame, field: str, title: str, scale: list[float], fmt: str, reference: float, note: str
) -> alt.LayerChart:
    # Slanted, every round's label fits a narrow panel (level, they would overlap and Vega would drop some).
    axis = alt.Axis(labelAngle=-45, labelOverlap=False, labelLimit=120)
    x = alt.X("round:N", title=None, sort=list(trend["round"]), axis=axis)
    line = (
        alt.Chart(trend[["round", field]])
        .mark_line(point=alt.OverlayMarkDef(size=80), color=PALETTE[0])
        .encode(
            x=x,
            y=alt.Y(f"{field}:Q", title=None, scale=alt.Scale(domain=scale), axis=alt.Axis(format=fmt)),
            tooltip=[alt.Tooltip("round:N", title="Round"), alt.Tooltip(f"{field}:Q", title=title, format=fmt)],
        )
    )
    rule_data = pd.DataFrame({"y": [reference], "note": [note]})
    rule = dashed_rule(rule_data, y="y:Q", tooltip="note:N")
    panel: alt.LayerChart = alt.layer(rule, line).properties(width=TREND_PANEL_WIDTH, height=180, title=title)  # type: ignore[assignment]
    return panel


def alignment_trend(trend: pd.DataFrame) -> alt.TopLevelMixin:
    """Index, agreement (the mean r_wg, 0–1) and ownership clarity round by round, each with its reference line."""
    panels = alt.hconcat(
        _trend_panel(trend, "index", "Alignment index (1–5)", [1, 5], ".2f", 4.0, "green needs a mean of 4"),
        _trend_panel(trend, "agreement", "Agreement (0–1)", [0, 1], ".2f", 0.70, "strong agreement: 0.70"),
        _trend_panel(
            trend, "clarity", "Name the designated owner", [0, 1], ".0%", 0.70, "industry: 30% confused, 70% clear"
        ),
    )
    return projector(panels)
