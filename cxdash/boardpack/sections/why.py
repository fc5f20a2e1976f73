"""The "Why NPS moved" slide: the company's change from last month split into each region's rate and mix."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash.boardpack.scorecard import CERTAINTY
from cxdash.boardpack.slide import NativeChart, Slide
from cxdash.overview import previous_month
from cxdash.present import month_label
from cxdash.regions.period import Period
from cxdash.views import why as views
from cxdash.views.overview import adjusted_kpis, thresholds
from cxdash.why.bridge import OTHERS, Bridge
from cxdash.why.story import BRIDGE_METHOD, bridge_sentence, signed

RATE, MIX = "Own NPS (rate)", "Share of responses (mix)"
POOLED = (
    "The deck gives the pooled groups' points as one figure only, so that no small group's NPS can be worked back "
    "from a rate and a mix; a small group that would be pooled alone is left out, as the page does."
)


def _verb(change: float) -> str:
    return "rose" if change > 0.05 else "fell" if change < -0.05 else "held steady, moving"


def named(bridge: Bridge, key: str) -> pd.DataFrame:
    """The parts of the groups with 5 or more responses in both months, those that pushed NPS the way it went
    first; the pooled small groups are left out (the slide gives their sum alone)."""
    parts = bridge.parts[bridge.parts[key] != OTHERS]
    return parts.sort_values("total", ascending=bridge.change <= 0)


def _top(parts: pd.DataFrame) -> pd.Series:
    """The part that moved NPS most, either way."""
    return parts.iloc[int(parts["total"].abs().to_numpy().argmax())]


def headline(bridge: Bridge, key: str = "region", significant: bool | None = None) -> str:
    """The finding: how far NPS moved, whether that change holds (``significant``, the Overview's adjusted test of the
    company's change; None: no claim), and the group that moved it most, told as rate and mix."""
    head = f"NPS {_verb(bridge.change)} {abs(bridge.change):.1f} points"
    if bridge.left_out:
        head = f"Without {', '.join(bridge.left_out)}, {head}"
    else:  # the test is of the company's whole change; a bridge that leaves a group out moved by another amount
        head += CERTAINTY.get(significant, "")  # type: ignore[arg-type]
    parts = named(bridge, key)
    if parts.empty:
        return head
    top = _top(parts)
    return (
        f"{head}; {top[key]} moved it most, {signed(top['total'])}: {signed(top['rate'])} its own NPS, "
        f"{signed(top['mix'])} its share of responses"
    )


def _pooled(bridge: Bridge, key: str) -> str:
    """The pooled small regions' one figure; or, when that figure would be one small region's own, who is left out."""
    if bridge.left_out:
        return (
            f"Left out, with fewer than 5 responses in a month: {', '.join(bridge.left_out)}; the bridge runs between "
            "the other regions' NPS, so that no small region's figure can be worked back."
        )
    pool = bridge.parts[bridge.parts[key] == OTHERS]
    return (
        f"Regions with fewer than 5 responses in a month, together: {signed(pool['total'].sum())}." if len(pool) else ""
    )


def _low(parts: pd.DataFrame, low: int) -> str:
    """Which regions' parts rest on a low sample in either month."""
    few = [
        str(r) for r, a, b in zip(parts["region"], parts["n_before"], parts["n_after"], strict=True) if min(a, b) < low
    ]
    return f"Under {low} responses in a month, read with care: {', '.join(few)}." if few else ""


def _within(session: Session, month: date, region: str) -> str:
    """The region that moved NPS most, bridged by its own touchpoints (the next question in the room)."""
    inside = views.why(session, month, region)
    if inside.bridge is None:
        return ""
    parts = named(inside.bridge, "touchpoint").head(3)
    pieces = [
        f"{inside.names.get(str(r['touchpoint']), str(r['touchpoint']))} {signed(r['total'])} "
        f"({signed(r['rate'])} own NPS)"
        for r in parts.to_dict("records")
    ]
    gone = [inside.names.get(t, t) for t in inside.bridge.left_out]
    without = f" (without {', '.join(gone)}, under 5 responses)" if gone else ""
    levels = f"{inside.bridge.before:.1f} → {inside.bridge.after:.1f}"
    return f"Within {region}, NPS{without} {levels}: {', '.join(pieces)}."


def why_moved(session: Session, month: date, window: Period) -> Slide:
    """Company NPS from last month to this, region by region: how much each region's own NPS moved it (rate)
    and how much its changing share of the responses did (mix); the parts add up to the change."""
    before = previous_month(month)
    kicker = f"Why NPS moved · {month_label(before)} → {month_label(month)}"
    view = views.why(session, month)
    if view.bridge is None:
        return Slide("why", view.bridge_text.rstrip("."), kicker=kicker, method=BRIDGE_METHOD)
    parts = named(view.bridge, "region")
    chart = NativeChart(
        "bar",
        f"Points of NPS each region added or took, {before:%b} → {month:%b %Y}",
        tuple(f"{r} {signed(t)}" for r, t in zip(parts["region"], parts["total"], strict=True)),
        (
            (RATE, tuple(round(float(v), 1) for v in parts["rate"])),
            (MIX, tuple(round(float(v), 1) for v in parts["mix"])),
        ),
        axis_title="Points of company NPS",
    )
    low = thresholds(session).low
    top = str(_top(parts)["region"]) if not parts.empty else None
    sums = f"Parts add up to the change ({view.bridge.before:.1f} → {view.bridge.after:.1f})."
    marks = (" ".join(m for m in (sums, _pooled(view.bridge, "region"), _low(parts, low)) if m),
             _within(session, month, top) if top else "")  # fmt: skip
    whole = bridge_sentence(replace(view.bridge, parts=parts), "region")
    nps = next((k for k in adjusted_kpis(session, month).kpis if k.key == "nps"), None)
    title = headline(view.bridge, significant=nps.significant if nps else None)
    return Slide(
        "why", title, native=chart, marks=tuple(m for m in marks if m), kicker=kicker,
        method=f"{BRIDGE_METHOD} {POOLED} {whole}",
    )  # fmt: skip
