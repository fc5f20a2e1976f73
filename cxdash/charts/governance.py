"""Governance charts: model timeline, models side by side, level vs spread, switch effects."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt
import pandas as pd

from cxdash.charts.palette import MUTED, projector, region_colors, sample_label
from cxdash.charts.reference import EDGE, dashed_rule, reference_line
from cxdash.governance.pretrend import COMPARISON, SWITCHER
from cxdash.models import GOVERNANCE_MODELS

SERIES = (SWITCHER, COMPARISON)

MODEL_COLORS = alt.Scale(domain=list(GOVERNANCE_MODELS), range=["#0072B2", "#009E73", "#D55E00"])


def _model_color(title: str | None = "Model") -> alt.Color:
    return alt.Color("model:N", scale=MODEL_COLORS, title=title, sort=list(GOVERNANCE_MODELS))


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    return frame.assign(**{c: pd.to_datetime(frame[c]) for c in columns})


def model_timeline(spans: pd.DataFrame, region_codes: Sequence[str], start: date, end: date) -> alt.TopLevelMixin:
    """The model in force per region and month as coloured bars; dashed lines mark the chosen period."""
    data = _dates(spans, "start", "end")
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.7})
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%b %Y")),
            x2="end:T",
            y=alt.Y("region:N", title=None, sort=list(region_codes)),
            color=_model_color(),
            tooltip=[
                alt.Tooltip("region:N", title="Region"),
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("start:T", title="From", format="%b %Y"),
                alt.Tooltip("end:T", title="Until (before)", format="%b %Y"),
                alt.Tooltip("months:Q", title="Months"),
            ],
        )
    )
    period = pd.DataFrame({"edge": pd.to_datetime([start, end + pd.offsets.MonthEnd(1)])})
    rules = dashed_rule(period, color=EDGE, aria=False, x="edge:T")
    chart = alt.layer(bars, rules).properties(height=alt.Step(30), title="Operating model per region")
    return projector(chart)


def model_levels(comparison: pd.DataFrame, regions: pd.DataFrame) -> alt.TopLevelMixin:
    """Region-level NPS per model with its 95% CI clustered by region, and each region under the model as a circle."""
    order = [m for m in GOVERNANCE_MODELS if m in set(comparison["model"])]
    levels = comparison[comparison["region_nps"].notna()][
        ["model", "regions", "region_codes", "region_nps", "region_ci_low", "region_ci_high", "sample"]
    ]
    y = alt.Y("model:N", title=None, sort=order)
    base = alt.Chart(levels).encode(
        y=y,
        tooltip=[
            alt.Tooltip("model:N", title="Model"),
            alt.Tooltip("region_nps:Q", title="Region-level NPS", format=".1f"),
            alt.Tooltip("region_ci_low:Q", title="95% CI low (regions)", format=".1f"),
            alt.Tooltip("region_ci_high:Q", title="95% CI high (regions)", format=".1f"),
            alt.Tooltip("regions:Q", title="Regions"),
            alt.Tooltip("region_codes:N", title="Which"),
        ],
    )
    color = alt.condition(alt.datum.sample == "ok", _model_color(None), alt.value(MUTED))
    whiskers = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("region_ci_low:Q", title="NPS (region level, 95% CI clustered by region; circles: regions)"),
        x2="region_ci_high:Q",
        color=color,
    )
    points = base.mark_point(filled=True, size=220, shape="diamond").encode(x="region_nps:Q", color=color)
    shown = regions[regions["nps"].notna()][["model", "region", "n", "nps", "sample"]]
    shown = shown.assign(sample_label=shown["sample"].map(sample_label))
    dots = (
        alt.Chart(shown)
        .mark_point(size=90, strokeWidth=2)
        .encode(
            x="nps:Q",
            y=y,
            color=alt.condition(alt.datum.sample == "ok", _model_color(None), alt.value(MUTED)),
            tooltip=[
                alt.Tooltip("region:N", title="Region"),
                alt.Tooltip("nps:Q", title="NPS", format=".1f"),
                alt.Tooltip("n:Q", title="Responses", format=","),
                alt.Tooltip("sample_label:N", title="Sample"),
            ],
        )
    )
    chart = alt.layer(whiskers, dots, points).properties(height=alt.Step(50), title="NPS by operating model")
    return projector(chart)


def level_vs_spread(regions: pd.DataFrame) -> alt.TopLevelMixin:
    """Each region's NPS level against the spread of its touchpoints (lower = more consistent), by model."""
    data = regions[regions["nps"].notna() & regions["touchpoint_spread"].notna()]
    data = data.assign(sample_label=data["sample"].map(sample_label))
    base = alt.Chart(data).encode(
        x=alt.X("nps:Q", title="NPS level (higher is better)", scale=alt.Scale(zero=False, nice=True)),
        y=alt.Y("touchpoint_spread:Q", title="Touchpoint spread (pts)"),
        tooltip=[
            alt.Tooltip("region:N", title="Region"),
            alt.Tooltip("model:N", title="Model"),
            alt.Tooltip("nps:Q", title="NPS", format=".1f"),
            alt.Tooltip("ci_low:Q", title="95% CI low", format=".1f"),
            alt.Tooltip("ci_high:Q", title="95% CI high", format=".1f"),
            alt.Tooltip("touchpoint_spread:Q", title="Spread beyond noise", format=".1f"),
            alt.Tooltip("touchpoints:Q", title="Touchpoints"),
            alt.Tooltip("n:Q", title="Responses"),
            alt.Tooltip("sample_label:N", title="Sample"),
        ],
    )
    # Grey alone marks a low sample (the caption says so); a second condition on opacity would say it again.
    color = alt.condition(alt.datum.sample == "ok", _model_color(), alt.value(MUTED))
    points = base.mark_circle(size=220, opacity=0.9).encode(color=color)
    labels = base.mark_text(align="left", dx=10, fontSize=13).encode(text="region:N")
    chart = alt.layer(points, labels).properties(height=460, title="Level vs consistency per region")
    return projector(chart)


def _effect_panel(data: pd.DataFrame, prefix: str, title: str, codes: Sequence[str]) -> alt.LayerChart | alt.FacetChart:
    base = alt.Chart(data).encode(
        y=alt.Y("region:N", title=None),
        tooltip=[
            alt.Tooltip("region:N", title="Region"),
            alt.Tooltip("switch:N", title="Switch"),
            alt.Tooltip(f"{prefix}:Q", title="Effect", format="+.2f"),
            alt.Tooltip(f"{prefix}_low:Q", title="95% CI low", format="+.2f"),
            alt.Tooltip(f"{prefix}_high:Q", title="95% CI high", format="+.2f"),
            alt.Tooltip("placebo_p:Q", title="p (placebo)", format=".3f"),
            alt.Tooltip("n_before:Q", title="Responses before", format=","),
            alt.Tooltip("n_after:Q", title="Responses after", format=","),
            alt.Tooltip("control_regions:N", title="Compared with"),
        ],
    )
    color = alt.Color("region:N", scale=region_colors(codes), legend=None)
    # The interval is also in the points' tooltips; its rule is drawn for the eye only.
    whiskers = base.mark_rule(strokeWidth=3, aria=False).encode(
        x=alt.X(f"{prefix}_low:Q", title=title), x2=f"{prefix}_high:Q"
    )
    points = base.mark_point(filled=True, size=200).encode(x=f"{prefix}:Q")
    zero = reference_line("x", 0, aria=False)
    return alt.layer(zero, whiskers.encode(color=color), points.encode(color=color), width=320, height=alt.Step(44))


EFFECT_COLUMNS = [
    "region", "switch", "did_nps", "did_nps_low", "did_nps_high", "ret", "ret_low", "ret_high", "placebo_p",
    "n_before", "n_after", "control_regions",
]  # fmt: skip


def switch_effects(effects: pd.DataFrame, region_codes: Sequence[str]) -> alt.TopLevelMixin:
    """Difference-in-differences per switching region: NPS points and retention pp, with 95% CI where allowed."""
    shown = effects[effects["did_nps"].notna()]
    data = shown.assign(
        switch=shown["from_model"] + " → " + shown["to_model"],
        ret=pd.to_numeric(shown["did_retention"]) * 100.0,
        ret_low=pd.to_numeric(shown["did_retention_low"]) * 100.0,
        ret_high=pd.to_numeric(shown["did_retention_high"]) * 100.0,
    )[EFFECT_COLUMNS]
    chart = alt.hconcat(
        _effect_panel(data, "did_nps", "NPS effect (points, 95% CI)", region_codes),
        _effect_panel(data, "ret", "Monthly retention effect (pp, 95% CI)", region_codes),
    ).properties(title="Effect of switching model vs regions that kept theirs")
    return projector(chart)


def pre_trends(paths: pd.DataFrame, effects: pd.DataFrame) -> alt.TopLevelMixin:
    """Monthly NPS of each switching region against its comparison regions; the dashed line marks the switch."""
    data = _dates(paths.merge(effects[["region", "switch_month"]], on="region"), "month", "switch_month")
    lines = (
        alt.Chart()
        .mark_line(point=True)
        .encode(
            x=alt.X("month:T", title=None, axis=alt.Axis(format="%b %y")),
            y=alt.Y("nps:Q", title="NPS", scale=alt.Scale(zero=False)),
            color=alt.Color("series:N", title=None, scale=alt.Scale(domain=list(SERIES), range=["#0072B2", "#666666"])),
            tooltip=[
                alt.Tooltip("region:N", title="Switching region"),
                alt.Tooltip("series:N", title="Line"),
                alt.Tooltip("month:T", title="Month", format="%b %Y"),
                alt.Tooltip("nps:Q", title="NPS", format=".1f"),
            ],
        )
    )
    rule = dashed_rule(color=EDGE, aria=False, x="min(switch_month):T")
    chart = (
        alt.layer(lines, rule, data=data)
        .properties(width=420, height=220)
        .facet(row=alt.Row("region:N", title=None))
        .properties(title="Before and after the switch: region vs regions that kept their model")
    )
    return projector(chart)
