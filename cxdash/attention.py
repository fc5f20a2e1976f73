"""The attention list: what the C-suite should look at first this month."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from cxdash.metrics import STRONG_AGREEMENT, rwg
from cxdash.models import ALIGNMENT_DIMENSIONS
from cxdash.overview import Kpi
from cxdash.ownership import OwnershipHealth
from cxdash.ownership.health import plain_list

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
MIN_RATERS = 3


@dataclass(frozen=True)
class Attention:
    severity: str
    topic: str
    text: str


def _nps_items(regions: pd.DataFrame, targets: pd.DataFrame, company_target: float | None) -> list[Attention]:
    items = []
    for row in regions.to_dict("records"):
        region, n, delta, nps, ci_high = row["region"], row["n"], row["delta"], row["nps"], row["ci_high"]
        if row["significant"] and delta is not None and delta < 0:
            items.append(
                Attention(
                    "high",
                    "NPS drop",
                    f"{region}: NPS fell {abs(delta):.1f} points vs the month before "
                    f"(p = {row['p_value']:.3f}, n = {n}).",
                )
            )
        if row["sample"] != "ok" or nps is None or pd.isna(nps):
            continue
        own = targets[(targets["metric"] == "nps") & (targets["region"] == region)]
        target = float(own.iloc[0]["value"]) if not own.empty else company_target
        if target is not None and ci_high is not None and ci_high < target:
            items.append(
                Attention(
                    "medium",
                    "Below target",
                    f"{region}: NPS {nps:.1f} is below its target of {target:g}, even at the top of its 95% interval.",
                )
            )
    return items


def _fmt(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.2f}%" if key in ("retention", "csat") else f"{value:.2f}" if key == "ces" else f"{value:.1f}"


def _kpi_items(tiles: list[Kpi]) -> list[Attention]:
    items = []
    for kpi in tiles:
        gap = kpi.vs_target
        if gap is None or kpi.sample != "ok":
            continue
        behind = gap < 0 if kpi.higher_is_better else gap > 0
        if behind:
            items.append(
                Attention(
                    "medium",
                    "Below target",
                    f"Company {kpi.label} is {_fmt(kpi.key, kpi.value)} "
                    f"against a target of {_fmt(kpi.key, kpi.target)}.",
                )
            )
    return items


def _touchpoints(count: int) -> str:
    return "1 touchpoint has" if count == 1 else f"{count} touchpoints have"


def _ownership_items(health: OwnershipHealth, names: Mapping[str, str]) -> list[Attention]:
    """One item per kind of ownership finding, with its count and the touchpoints by name."""
    kinds = (
        ("high", "Unowned touchpoints", health.gaps, "nobody accountable"),
        ("medium", "Split ownership", health.overlaps, "more than one accountable leader"),
        ("low", "Nobody responsible", health.no_responsible, "no leader responsible for the work"),
    )
    return [
        Attention(
            severity,
            topic,
            f"{_touchpoints(len(codes))} {what}: {plain_list([names.get(c, c) for c in codes])}. "
            "See the Ownership map.",
        )
        for severity, topic, codes, what in kinds
        if codes
    ]


def _alignment_items(round_label: str | None, ratings: pd.DataFrame) -> list[Attention]:
    weak = []
    for dimension, scores in ratings.groupby("dimension")["score"]:
        if len(scores) >= MIN_RATERS and rwg(scores.tolist()) < STRONG_AGREEMENT:
            weak.append(ALIGNMENT_DIMENSIONS.get(str(dimension), str(dimension)))
    if not weak or round_label is None:
        return []
    return [
        Attention(
            "medium",
            "Low leadership agreement",
            f"In round {round_label} leaders disagree "
            f"(r_wg below {STRONG_AGREEMENT:.2f}) on: {', '.join(sorted(weak))}.",
        )
    ]


def attention_list(
    *,
    tiles: list[Kpi],
    regions: pd.DataFrame,
    targets: pd.DataFrame,
    health: OwnershipHealth,
    round_label: str | None,
    ratings: pd.DataFrame,
    touchpoint_names: Mapping[str, str] | None = None,
) -> list[Attention]:
    """Significant drops, misses against target, unowned touchpoints and low agreement, worst first.

    Touchpoints are named by ``touchpoint_names`` (code → name) where given, else by code.
    """
    company_target = next((k.target for k in tiles if k.key == "nps"), None)
    items = (
        _nps_items(regions, targets, company_target)
        + _kpi_items(tiles)
        + _ownership_items(health, touchpoint_names or {})
        + _alignment_items(round_label, ratings)
    )
    return sorted(items, key=lambda a: SEVERITY_ORDER[a.severity])
