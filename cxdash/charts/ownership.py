"""Ownership charts: the RACI matrix, NPS per Accountable leader, their trend, and findings over time."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from cxdash.charts.boundary import chart_frame
from cxdash.charts.palette import MUTED, PALETTE, projector, sample_label
from cxdash.ownership.cells import BOTH
from cxdash.ownership.matrix import ROLE_LABELS, RaciMatrix

# Every fill has 3:1 against the white page (WCAG non-text contrast); letters are white on the dark fills (A, A+R)
# and black on the others, 4.5:1 or more each.
ROLE_COLORS = {"A": PALETTE[0], "R": PALETTE[5], "C": PALETTE[1], "I": "#8C8C8C", BOTH: "#6A3D9A"}
LIGHT_LETTERS = ("A", BOTH)
PROBLEM = PALETTE[3]
STEP = 30
DRAWN = ["row", "column", "role", "role_label", "touchpoint_name", "stage", "leader_name", "status"]


def raci_matrix(matrix: RaciMatrix) -> alt.TopLevelMixin:
    """Touchpoints (journey order) × leaders (org order), one coloured letter per assignment; row health beside it."""
    y = alt.Y("row:N", title=None, sort=matrix.rows, scale=alt.Scale(domain=matrix.rows), axis=alt.Axis(labelLimit=240))
    x = alt.X(
        "column:N",
        title=None,
        sort=matrix.columns,
        scale=alt.Scale(domain=matrix.columns),
        axis=alt.Axis(orient="top", labelAngle=-45, labelLimit=160, labelOverlap=False),
    )
    # Each row carries the colour it is drawn in (white letters on the dark fills, a problem's health in orange), so
    # the browser works nothing out per mark.
    ink = matrix.cells["role"].map(lambda role: "white" if role in LIGHT_LETTERS else "black")
    cells = matrix.cells[DRAWN].assign(ink=ink)
    status = matrix.status.assign(ink=matrix.status["status"].map(lambda s: MUTED if s == "ok" else PROBLEM))
    base = alt.Chart(cells).encode(
        x=x,
        y=y,
        tooltip=[
            alt.Tooltip("touchpoint_name:N", title="Touchpoint"),
            alt.Tooltip("stage:N", title="Stage"),
            alt.Tooltip("leader_name:N", title="Leader"),
            alt.Tooltip("role_label:N", title="Role"),
            alt.Tooltip("status:N", title="Touchpoint health"),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "role_label:N",
            title="Role",
            scale=alt.Scale(domain=list(ROLE_LABELS.values()), range=[ROLE_COLORS[r] for r in ROLE_LABELS]),
            legend=alt.Legend(columns=2, labelLimit=320),
        )
    )
    letters = base.mark_text(fontSize=14, fontWeight="bold").encode(text="role:N", color=alt.Color("ink:N", scale=None))
    grid = alt.layer(cells, letters).properties(width=alt.Step(STEP), height=alt.Step(STEP))
    health = (
        alt.Chart(status)
        .mark_text(align="left", fontSize=13)
        .encode(
            y=alt.Y("row:N", sort=matrix.rows, scale=alt.Scale(domain=matrix.rows), axis=None),
            text="status:N",
            color=alt.Color("ink:N", scale=None),
            tooltip=[alt.Tooltip("row:N", title="Touchpoint"), alt.Tooltip("status:N", title="Health")],
        )
        .properties(width=170, height=alt.Step(STEP), title="Health")
    )
    return projector(alt.hconcat(grid, health, spacing=6).properties(title="Who owns each touchpoint"))


def _muted_color() -> Any:
    return alt.condition(alt.datum.sample == "ok", alt.value(PALETTE[0]), alt.value(MUTED))


def leader_nps(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Each Accountable leader's NPS with its 95% CI, worst first; low samples muted, suppressed left out."""
    data = frame.loc[frame["nps"].notna(), ["leader_name", "touchpoints", "n", "nps", "ci_low", "ci_high", "sample"]]
    data = data.assign(sample_label=data["sample"].map(sample_label))
    order = list(data["leader_name"])
    base = alt.Chart(data).encode(
        y=alt.Y("leader_name:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
        tooltip=[
            alt.Tooltip("leader_name:N", title="Accountable leader"),
            alt.Tooltip("touchpoints:Q", title="Touchpoints owned"),
            alt.Tooltip("nps:Q", title="NPS", format=".1f"),
            alt.Tooltip("ci_low:Q", title="95% CI low", format=".1f"),
            alt.Tooltip("ci_high:Q", title="95% CI high", format=".1f"),
            alt.Tooltip("n:Q", title="Responses"),
            alt.Tooltip("sample_label:N", title="Sample"),
        ],
    )
    whiskers = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_low:Q", title="NPS of owned touchpoints (95% confidence interval)", scale=alt.Scale(zero=True)),
        x2="ci_high:Q",
        color=_muted_color(),
    )
    points = base.mark_point(filled=True, size=140).encode(x="nps:Q", color=_muted_color())
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#666", strokeDash=[4, 4]).encode(x="x:Q")
    chart = alt.layer(zero, whiskers, points).properties(height=alt.Step(34), title="NPS by accountable leader")
    return projector(chart)


def leader_trend(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Monthly NPS with a 95% CI band, one small chart per Accountable leader; low-sample months muted."""
    labelled = frame.assign(month=pd.to_datetime(frame["month"]), sample_label=frame["sample"].map(sample_label))
    data = chart_frame(labelled, ["month", "leader_name", "sample", "sample_label"], ["nps", "ci_low", "ci_high", "n"])
    base = alt.Chart().encode(x=alt.X("month:T", title=None, axis=alt.Axis(format="%b %y", tickCount=4)))
    band = base.mark_area(opacity=0.2, color=PALETTE[0], tooltip=False).encode(
        y=alt.Y("ci_low:Q", title="NPS"), y2="ci_high:Q"
    )
    line = base.mark_line(color=PALETTE[0], tooltip=False).encode(y="nps:Q")
    dots = base.mark_point(filled=True, size=40).encode(
        y="nps:Q",
        color=_muted_color(),
        tooltip=[
            alt.Tooltip("leader_name:N", title="Accountable leader"),
            alt.Tooltip("month:T", title="Month", format="%B %Y"),
            alt.Tooltip("nps:Q", title="NPS", format=".1f"),
            alt.Tooltip("ci_low:Q", title="95% CI low", format=".1f"),
            alt.Tooltip("ci_high:Q", title="95% CI high", format=".1f"),
            alt.Tooltip("n:Q", title="Responses"),
            alt.Tooltip("sample_label:N", title="Sample"),
        ],
    )
    chart = (
        alt.layer(band, line, dots, data=data)
        .properties(width=220, height=140)
        .facet(facet=alt.Facet("leader_name:N", title=None, header=alt.Header(labelFontSize=14)), columns=3)
        .properties(title="Trend of owned touchpoints, per accountable leader")
    )
    return projector(chart)


def findings_over_time(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Ownership findings (gaps + overlaps + missing Responsibles) after each recorded change."""
    chart = (
        alt.Chart(frame)
        .mark_line(interpolate="step-after", point=alt.OverlayMarkDef(color=PROBLEM, size=60), color=PROBLEM)
        .encode(
            x=alt.X("at:T", title=None, axis=alt.Axis(format="%d %b %H:%M", tickCount=5, labelAngle=0, labelLimit=200)),
            y=alt.Y("findings:Q", title="Ownership findings", scale=alt.Scale(zero=True), axis=alt.Axis(tickMinStep=1)),
            tooltip=[
                alt.Tooltip("at:T", title="After the change of", format="%Y-%m-%d %H:%M"),
                alt.Tooltip("gaps:Q", title="No Accountable"),
                alt.Tooltip("overlaps:Q", title="2+ Accountable"),
                alt.Tooltip("no_responsible:Q", title="No Responsible"),
                alt.Tooltip("findings:Q", title="Findings"),
            ],
        )
        .properties(height=220, title="How ownership findings changed")
    )
    return projector(chart)
