"""The attention list: what the C-suite should look at first this month."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from cxdash.actions.subject import Subject
from cxdash.metrics import STRONG_AGREEMENT, rwg
from cxdash.models import ALIGNMENT_DIMENSIONS
from cxdash.overview import Kpi
from cxdash.ownership import OwnershipHealth
from cxdash.ownership.health import plain_list
from cxdash.present import difference_text, p_text, value_text

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
# The Overview lists this many findings at once and folds the rest away, so a month with many findings (larger
# samples make more changes significant) neither buries the worst ones nor makes the page slower to draw.
FIRST_SHOWN = 6
MIN_RATERS = 3
TODAYS_MAP = "Today's ownership map: "


@dataclass(frozen=True)
class Attention:
    """One finding: how bad, its topic, the sentence, and what an action on it would address (none: company-wide).

    The subjects are the one source of the drill-down too: ``region`` and ``page`` are read from them.
    """

    severity: str
    topic: str
    text: str
    subjects: tuple[Subject, ...] = ()

    @property
    def region(self) -> str | None:
        """The region whose compare view explains the finding: set when it is about one region as a whole."""
        if len(self.subjects) != 1:
            return None
        only = self.subjects[0]
        return only.region if only.touchpoint is None and only.dimension is None else None

    @property
    def page(self) -> str | None:
        """The page that explains the finding: the Ownership map for findings about touchpoints."""
        return "ownership" if any(s.touchpoint for s in self.subjects) else None


def _drop(who: str, key: str, delta: float, p_adjusted: float, n: int, region: str | None = None) -> Attention:
    size = difference_text(key, abs(delta)).lstrip("+")
    return Attention(
        "high",
        "Significant drop",
        f"{who} fell {size} vs the month before ({p_text(p_adjusted, adjusted=True)}; n = {n:,}).",
        subjects=(Subject(region=region),) if region else (),
    )


def _target_words(row: Mapping[Hashable, Any]) -> str:
    target = value_text("nps", float(str(row["target"])))
    if row["target_scope"] == "company":
        return f"the company target of {target} ({row['region']} has no regional target)"
    return f"its target of {target}"


def _nps_items(regions: pd.DataFrame) -> list[Attention]:
    items = []
    at_risk = []
    risky: list[Subject] = []
    for row in regions.to_dict("records"):
        region, delta, q = row["region"], row["delta"], row["p_adjusted"]
        if row["significant"] and delta is not None and delta < 0 and q is not None:
            items.append(_drop(f"{region}: NPS", "nps", float(delta), float(q), int(row["n"]), str(region)))
        if row["sample"] != "ok":
            continue
        if row["status"] == "below":
            items.append(
                Attention(
                    "medium",
                    "Below target",
                    f"{region}: NPS {value_text('nps', row['nps'])} is below {_target_words(row)}, "
                    "even at the top of its 95% interval.",
                    subjects=(Subject(region=str(region)),),
                )
            )
        elif row["status"] == "at risk":
            at_risk.append(f"{region} ({value_text('nps', row['nps'])} against {_target_words(row)})")
            risky.append(Subject(region=str(region)))
    if at_risk:
        items.append(
            Attention(
                "low",
                "At risk",
                f"NPS below target, though the 95% interval still reaches it: {plain_list(at_risk)}.",
                subjects=tuple(risky),
            )
        )
    return items


def _kpi_items(tiles: list[Kpi]) -> list[Attention]:
    items = []
    for kpi in tiles:
        worse = kpi.delta is not None and (kpi.delta < 0 if kpi.higher_is_better else kpi.delta > 0)
        if kpi.significant and worse and kpi.delta is not None and kpi.p_adjusted is not None:
            items.append(_drop(f"Company: {kpi.label}", kpi.key, kpi.delta, kpi.p_adjusted, kpi.n))
        if kpi.sample != "ok" or kpi.value is None or kpi.target is None or kpi.status not in ("below", "at risk"):
            continue
        figure = f"Company {kpi.label} is {value_text(kpi.key, kpi.value)} against a target of "
        figure += value_text(kpi.key, kpi.target)
        if kpi.status == "below":
            sure = ", even at the top of its 95% interval" if kpi.ci_high is not None else ""
            items.append(Attention("medium", "Below target", f"{figure}{sure}."))
        else:
            items.append(Attention("low", "At risk", f"{figure}; its 95% interval still reaches the target."))
    return items


def _touchpoints(count: int) -> str:
    return "1 touchpoint has" if count == 1 else f"{count} touchpoints have"


def _ownership_items(health: OwnershipHealth, names: Mapping[str, str], today: bool) -> list[Attention]:
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
            (TODAYS_MAP if today else "")
            + f"{_touchpoints(len(codes))} {what}: {plain_list([names.get(c, c) for c in codes])}.",
            subjects=tuple(Subject(touchpoint=c) for c in codes),
        )
        for severity, topic, codes, what in kinds
        if codes
    ]


def _alignment_items(round_label: str | None, ratings: pd.DataFrame) -> list[Attention]:
    weak = []
    for dimension, scores in ratings.groupby("dimension")["score"]:
        if len(scores) >= MIN_RATERS and rwg(scores.tolist()) < STRONG_AGREEMENT:
            weak.append(str(dimension))
    if not weak or round_label is None:
        return []
    return [
        Attention(
            "medium",
            "Low leadership agreement",
            f"In round {round_label} leaders' agreement falls short of strong "
            f"(below {STRONG_AGREEMENT:.2f} on the 0–1 agreement scale) on: "
            f"{', '.join(sorted(ALIGNMENT_DIMENSIONS.get(d, d) for d in weak))}.",
            subjects=tuple(Subject(dimension=d) for d in sorted(weak)),
        )
    ]


def attention_list(
    *,
    tiles: list[Kpi],
    regions: pd.DataFrame,
    health: OwnershipHealth,
    round_label: str | None,
    ratings: pd.DataFrame,
    touchpoint_names: Mapping[str, str] | None = None,
    ownership_is_today: bool = False,
) -> list[Attention]:
    """Significant drops, misses against target, unowned touchpoints and low agreement, worst first.

    Drops are those still significant after Benjamini–Hochberg (``p_adjusted``); target findings follow
    the one target rule (``status``: below, or at risk). Touchpoints are named by ``touchpoint_names``
    (code → name) where given, else by code; ``ownership_is_today`` says the map is today's, not the month's.
    """
    items = (
        _kpi_items(tiles)
        + _nps_items(regions)
        + _ownership_items(health, touchpoint_names or {}, ownership_is_today)
        + _alignment_items(round_label, ratings)
    )
    return sorted(items, key=lambda a: SEVERITY_ORDER[a.severity])


def more_label(rest: list[Attention]) -> str:
    """The fold's label for the findings not listed at once: "8 more findings: 1 high, 6 medium, 1 low"."""
    counts = [(sum(a.severity == s for a in rest), s) for s in SEVERITY_ORDER]
    noun = "finding" if len(rest) == 1 else "findings"
    return f"{len(rest)} more {noun}: " + ", ".join(f"{n} {severity}" for n, severity in counts if n)
