"""Quarterly leadership alignment rounds: ratings per dimension and "who owns CX?".

Ratings are spread around each dimension's mean by evenly spaced normal
quantiles rather than by free draws: with only eleven raters, free draws could
hide the story (agreement rising round by round) behind sampling luck.
"""

from __future__ import annotations

from datetime import date
from statistics import NormalDist

from cxdash.models import ALIGNMENT_DIMENSIONS
from cxdash.sample.rand import clamp_round, stream

ROUNDS: tuple[tuple[str, date], ...] = (
    ("2025-Q4", date(2025, 12, 10)),
    ("2026-Q1", date(2026, 3, 11)),
    ("2026-Q2", date(2026, 6, 10)),
    ("2026-Q3", date(2026, 9, 15)),
)
RATERS: tuple[str, ...] = (
    "CEO",
    "CCO",
    "CFO",
    "COO",
    "CMO",
    "CTO",
    "CHRO",
    "VP_SALES",
    "VP_SUPPORT",
    "VP_PRODUCT",
    "VP_EMEA",
    "VP_AMERICAS",
)
# Mean rating of everyone but the CEO in the first and in the last round.
MEANS: dict[str, tuple[float, float]] = {
    "customer_vision": (3.4, 3.9),
    "ownership_clarity": (2.6, 3.6),
    "accountability_metrics": (2.8, 3.4),
    "resourcing": (2.5, 2.8),
    "collaboration": (3.0, 3.5),
    "empowerment": (2.9, 3.3),
    "data_sharing": (2.4, 2.9),
    "ceo_commitment": (3.5, 4.0),
}
# Standard deviation per round; resourcing and data sharing stay contested.
SPREAD = (1.05, 0.9, 0.75, 0.6)
CONTESTED = frozenset({"resourcing", "data_sharing"})
CONTESTED_SPREAD = (1.45, 1.4, 1.35, 1.3)
# The CEO sees the programme through the strategy deck, hence the rosier view.
CEO_LIFT = 1.2
CEO_CONTESTED_LIFT = 0.3
SKIPPED = ("2026-Q2", "CFO", "resourcing")

# Leaders in the order they come to name the CCO as owner, and whom they name before.
BELIEVERS: tuple[tuple[str, str], ...] = (
    ("CEO", "CCO"),
    ("CCO", "CCO"),
    ("CFO", "CEO"),
    ("COO", "VP_SUPPORT"),
    ("VP_PRODUCT", ""),
    ("CTO", "CEO"),
    ("VP_EMEA", ""),
    ("VP_AMERICAS", "VP_SUPPORT"),
    ("CMO", "CMO"),
    ("VP_SALES", "CEO"),
    ("CHRO", ""),
    ("VP_SUPPORT", "VP_SUPPORT"),
)
NAMING_CCO = (5, 6, 7, 8)


def round_rows() -> list[dict[str, object]]:
    return [{"label": label, "held_on": held_on.isoformat()} for label, held_on in ROUNDS]


def rating_rows(seed: int) -> list[dict[str, object]]:
    if set(MEANS) != set(ALIGNMENT_DIMENSIONS):
        raise ValueError("sample means must cover exactly the alignment dimensions")
    rng = stream(seed, "alignment")
    others = [key for key in RATERS if key != "CEO"]
    quantiles = [NormalDist().inv_cdf((i + 0.5) / len(others)) for i in range(len(others))]
    rows: list[dict[str, object]] = []
    last = len(ROUNDS) - 1
    for r, (label, _) in enumerate(ROUNDS):
        scores: dict[tuple[str, str], int] = {}
        for dim in ALIGNMENT_DIMENSIONS:
            first, final = MEANS[dim]
            mean = first + (final - first) * r / last
            spread = (CONTESTED_SPREAD if dim in CONTESTED else SPREAD)[r]
            shuffled = sorted(others, key=lambda _: rng.random())
            for key, q in zip(shuffled, quantiles, strict=True):
                scores[(key, dim)] = clamp_round(mean + spread * q, 1, 5)
            lift = CEO_CONTESTED_LIFT if dim in CONTESTED else CEO_LIFT
            scores[("CEO", dim)] = clamp_round(mean + lift, 1, 5)
        rows += [
            {"round": label, "leader": key, "dimension": dim, "score": scores[(key, dim)]}
            for key in RATERS
            for dim in ALIGNMENT_DIMENSIONS
            if (label, key, dim) != SKIPPED
        ]
    return rows


def belief_rows() -> list[dict[str, object]]:
    if {key for key, _ in BELIEVERS} != set(RATERS):
        raise ValueError("every rater must answer who owns CX")
    named = dict(BELIEVERS)
    converts = [key for key, _ in BELIEVERS]
    return [
        {"round": label, "leader": key, "named_owner": "CCO" if key in converts[:k] else named[key]}
        for (label, _), k in zip(ROUNDS, NAMING_CCO, strict=True)
        for key in RATERS
    ]
