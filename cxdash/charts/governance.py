"""Governance charts: model timeline, models side by side, level vs spread, switch effects."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt
import pandas as pd

from cxdash.charts.palette import MUTED, projector, region_colors, sample_label
from cxdash.models import GOVERNANCE_MODELS

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
    rules = alt.Chart(period).mark_rule(color="#333", strokeDash=[4, 4]).encode(x="edge:T")
    chart = alt.layer(bars, rules).properties(height=alt.Step(30), title="Operating model per region")
    return projector(chart)


def model_levels(comparison: pd.DataFrame, regions: pd.DataFrame) -> alt.TopLevelMixin:
    """Pooled NPS per model with its 95% CI, and each region's NPS under that model as a small circle."""
    order = [m for m in GOVERNANCE_MODELS if m in set(comparison["model"])]
    pooled = comparison[comparison["nps"].notna()].assign(sample_label=comparison["sample"].map(sample_label))
    y = alt.Y("model:N", title=None, sort=order)
    tips = [alt.Tooltip("n:Q", title="Responses"), alt.Tooltip("sample_label:N", title="Sample")]
    base = alt.Chart(pooled).encode(
        y=y,
        tooltip=[
            alt.Tooltip("model:N", title="Model"),
            alt.Tooltip("nps:Q", title="Pooled NPS", format=".1f"),
            alt.Tooltip("ci_low:Q", title="95% CI low", format=".1f"),
            alt.Tooltip("ci_high:Q", title="95% CI high", format=".1f"),
            alt.Tooltip("region_codes:N", title="Regions"),
            *tips,
        ],
    )
    color = alt.condition(alt.datum.sample == "ok", _model_color(None), alt.value(MUTED))
    whiskers = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("ci_low:Q", title="NPS (pooled, 95% CI; circles: regions)"), x2="ci_high:Q", color=color
    )
    points = base.mark_point(filled=True, size=220, shape="diamond").encode(x="nps:Q", color=color)
    shown = regions[regions["nps"].notna()].assign(sample_label=regions["sample"].map(sample_label))
    dots = (
        alt.Chart(shown)
        .mark_point(size=90, strokeWidth=2)
        .encode(
            x="nps:Q",
            y=y,
            color=alt.condition(alt.datum.sample == "ok", _model_color(None), alt.value(MUTED)),
            tooltip=[alt.Tooltip("region:N", title="Region"), alt.Tooltip("nps:Q", title="NPS", format=".1f"), *tips],
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
    color = alt.condition(alt.datum.sample == "ok", _model_color(), alt.value(MUTED))
    points = base.mark_circle(size=220).encode(
        color=color, opacity=alt.condition(alt.datum.sample == "ok", alt.value(0.9), alt.value(0.5))
    )
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
            alt.Tooltip("n_before:Q", title="Responses before"),
            alt.Tooltip("n_after:Q", title="Responses after"),
            alt.Tooltip("control_regions:N", title="Compared with"),
        ],
    )
    color = alt.Color("region:N", scale=region_colors(codes), legend=None)
    whiskers = base.mark_rule(strokeWidth=3).encode(x=alt.X(f"{prefix}_low:Q", title=title), x2=f"{prefix}_high:Q")
    points = base.mark_point(filled=True, size=200).encode(x=f"{prefix}:Q")
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#666", strokeDash=[4, 4]).encode(x="x:Q")
    return alt.layer(zero, whiskers.encode(color=color), points.encode(color=color), width=320, height=alt.Step(44))


def switch_effects(effects: pd.DataFrame, region_codes: Sequence[str]) -> alt.TopLevelMixin:
    """Difference-in-differences per switching region with its bootstrap 95% CI: NPS points and retention pp."""
    data = effects.assign(
        switch=effects["from_model"] + " → " + effects["to_model"],
        ret=pd.to_numeric(effects["did_retention"]) * 100.0,
        ret_low=pd.to_numeric(effects["did_retention_low"]) * 100.0,
        ret_high=pd.to_numeric(effects["did_retention_high"]) * 100.0,
    )
    chart = alt.hconcat(
        _effect_panel(data, "did_nps", "NPS effect (points, 95% CI)", region_codes),
        _effect_panel(data, "ret", "Monthly retention effect (pp, 95% CI)", region_codes),
    ).properties(title="Effect of switching model vs regions that kept theirs")
    return projector(chart)
