"""Why-it-moved charts: the change bridge as a waterfall and the touchpoints' importance against performance."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxdash.charts.palette import MUTED, PALETTE, projector
from cxdash.charts.reference import reference_line
from cxdash.metrics.nps import SUPPRESS_BELOW

UP, DOWN, LEVEL = "#0072B2", "#D55E00", "#555555"


def _points(value: float) -> str:
    return f"{value:+.1f}".replace("-", "−")


def bridge_frame(
    before: float, after: float, parts: pd.DataFrame, key: str, names: dict[str, str], labels: tuple[str, str]
) -> pd.DataFrame:
    """Waterfall steps: last month's level, each group's contribution (biggest first), this month's level.

    Numbers at the precision shown (one decimal); rate and mix as text, "pooled: not split" for the pooled small
    groups, whose bridge gives no rate or mix (a NaN never reaches the browser as a number to read back).
    """
    ordered = parts.reindex(parts["total"].abs().sort_values(ascending=False).index)
    rows = [{"step": labels[0], "start": 0.0, "end": before, "kind": "level", "rate": "", "mix": ""}]
    level = before
    for _, row in ordered.iterrows():
        name = names.get(str(row[key]), str(row[key]))
        pooled = pd.isna(row["rate"])
        rows.append(
            {"step": name, "start": level, "end": level + row["total"], "kind": "up" if row["total"] >= 0 else "down",
             "rate": "pooled: not split" if pooled else _points(row["rate"]),
             "mix": "pooled: not split" if pooled else _points(row["mix"])}
        )  # fmt: skip
        level += row["total"]
    rows.append({"step": labels[1], "start": 0.0, "end": after, "kind": "level", "rate": "", "mix": ""})
    frame = pd.DataFrame(rows)
    frame["change"] = frame["end"] - frame["start"]
    frame["label"] = (
        frame["change"].map(_points).where(frame["kind"] != "level", frame["end"].map(lambda v: f"{v:.1f}"))
    )
    return frame.round({"start": 1, "end": 1, "change": 1})


def change_bridge(steps: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """Floating bars from each step's start to its end; colour says up or down; levels in grey."""
    order = list(steps["step"])
    low = float(min(steps.loc[steps["kind"] != "level", ["start", "end"]].min().min(), steps["end"].min()))
    high = float(max(steps["end"].max(), steps["start"].max()))
    pad = max(1.0, (high - low) * 0.15)
    domain = [low - pad, high + pad]
    base = alt.Chart(steps).encode(
        x=alt.X("step:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=160)),
        tooltip=[
            alt.Tooltip("step:N", title="Step"),
            alt.Tooltip("change:Q", title="Points", format="+.1f"),
            alt.Tooltip("rate:N", title="…its own NPS moved"),
            alt.Tooltip("mix:N", title="…its share of responses moved"),
        ],
    )
    bars = base.mark_bar(size=22, clip=True).encode(
        y=alt.Y("start:Q", title="NPS", scale=alt.Scale(domain=domain, zero=False)),
        y2="end:Q",
        color=alt.Color(
            "kind:N",
            title=None,
            scale=alt.Scale(domain=["level", "up", "down"], range=[LEVEL, UP, DOWN]),
            legend=alt.Legend(labelExpr="{'level': 'NPS', 'up': 'adds', 'down': 'takes away'}[datum.label]"),
        ),
    )
    labels = (
        base.mark_text(dy=-8, fontSize=13)
        .encode(y=alt.Y("top:Q"), text="label:N")
        .transform_calculate(top="max(datum.start, datum.end)")
    )
    return projector(alt.layer(bars, labels).properties(height=420, title=title))


def impact_frame(impact: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Only what the importance–performance chart plots (suppressed touchpoints are already absent)."""
    frame = impact[["touchpoint", "share", "gap", "impact", "ci_low", "ci_high", "verdict", "owner", "n"]].copy()
    frame["name"] = frame["touchpoint"].map(lambda t: names.get(str(t), str(t)))
    frame["share_pct"] = 100.0 * frame["share"]
    frame["real"] = frame["verdict"].str.startswith(("costs", "adds"))
    # Name the points worth naming (real effects, the three costliest, the two best); the rest are in tooltips.
    ranked = frame["impact"].rank(method="first")
    frame["tag"] = frame["name"].where(frame["real"] | (ranked <= 3) | (ranked > len(frame) - 2), "")
    return frame.drop(columns=["touchpoint", "share"])


def importance_performance(frame: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """Volume (share of responses) against the gap to the rest; bottom-right is where to act."""
    share_mid = float(frame["share_pct"].mean()) if not frame.empty else 0.0
    base = alt.Chart(frame).encode(
        x=alt.X("share_pct:Q", title="Share of this month's responses (%)", scale=alt.Scale(zero=True)),
        y=alt.Y("gap:Q", title="NPS gap to the rest of the journey (points)"),
    )
    points = base.mark_circle(size=160, opacity=0.9).encode(
        color=alt.condition(alt.datum.real, alt.value(DOWN), alt.value(MUTED)),
        tooltip=[
            alt.Tooltip("name:N", title="Touchpoint"),
            alt.Tooltip("owner:N", title="Accountable"),
            alt.Tooltip("n:Q", title="Responses", format=","),
            alt.Tooltip("gap:Q", title="Gap to the rest", format="+.1f"),
            alt.Tooltip("impact:Q", title="Points of NPS", format="+.1f"),
            alt.Tooltip("ci_low:Q", title="95% CI low", format="+.1f"),
            alt.Tooltip("ci_high:Q", title="95% CI high", format="+.1f"),
            alt.Tooltip("verdict:N", title="Verdict"),
        ],
    )
    names = base.mark_text(align="left", dx=9, fontSize=12).encode(text="tag:N")
    zero, mid = reference_line("y", 0.0), reference_line("x", share_mid, dash=(2, 4))
    low = min(0.0, float(frame["gap"].min())) if not frame.empty else 0.0
    right = float(frame["share_pct"].max()) if not frame.empty else 0.0
    quadrant = alt.Chart(pd.DataFrame({"x": [share_mid], "x2": [right * 1.04], "y": [0.0], "y2": [low * 1.1]}))
    act = quadrant.mark_rect(color="#D55E00", opacity=0.08).encode(x="x:Q", x2="x2:Q", y="y:Q", y2="y2:Q")
    chart = alt.layer(act, zero, mid, points, names).properties(height=440, title=title)
    return projector(chart)


def theme_trend(trend: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """Mentions per month of the biggest themes, one line each, zero where a month has none.

    A month with too few comments to show (no count in ``trend``) sends no value: its mark is a grey rule, its
    month is named under the title, and the lines break there rather than pass through it.
    """
    top = trend.groupby("theme")["mentions"].sum().nlargest(6).index
    months = pd.to_datetime(trend["month"])
    hidden = sorted(set(months[trend["mentions"].isna()]))
    shown = trend[trend["mentions"].notna() & trend["theme"].isin(top)]
    data = shown.assign(
        month=pd.to_datetime(shown["month"]),
        mentions=shown["mentions"].astype(int),
        part=[sum(h < m for h in hidden) for m in pd.to_datetime(shown["month"])],
    )
    x = alt.X("yearmonth(month):T", title=None, axis=alt.Axis(format="%b %y", labelAngle=0, tickCount=8))
    line = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("mentions:Q", title="Comments per month"),
            color=alt.Color("theme:N", title="Theme", scale=alt.Scale(range=list(PALETTE[:6]))),
            detail=alt.Detail("part:N"),
            tooltip=[
                alt.Tooltip("theme:N", title="Theme"),
                alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"),
                alt.Tooltip("mentions:Q", title="Comments"),
            ],
        )
    )
    if not hidden:
        return projector(line.properties(height=300, title=title))
    few = f"fewer than {SUPPRESS_BELOW} comments"
    gaps = pd.DataFrame({"month": hidden, "why": f"Not shown: {few} this month"})
    rules = (
        alt.Chart(gaps)
        .mark_rule(color=MUTED, strokeDash=[4, 4])
        .encode(
            x=x,
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"),
                alt.Tooltip("why:N", title="Comments"),
            ],
        )
    )
    names = ", ".join(f"{m:%b %Y}" for m in hidden)
    heading = alt.TitleParams(title, subtitle=f"Not shown ({few}, grey lines): {names}.")
    return projector(alt.layer(line, rules).properties(height=300, title=heading))
