"""The attention list's ownership items: a count per kind of finding, the touchpoints by name, worst first."""

from __future__ import annotations

import pandas as pd

from cxdash.attention import attention_list
from cxdash.ownership import OwnershipHealth

NAMES = {"AW_EVENT": "Events & webinars", "US_BILLING": "Billing & invoices", "SU_CHAT": "Chat support"}
NO_REGIONS = pd.DataFrame(columns=["region", "n", "delta", "nps", "ci_high", "significant", "sample", "p_value"])
NO_TARGETS = pd.DataFrame(columns=["metric", "region", "value"])
NO_RATINGS = pd.DataFrame(columns=["leader", "dimension", "score"])


def _items(health: OwnershipHealth, names: dict[str, str] | None = NAMES) -> list[tuple[str, str, str]]:
    items = attention_list(
        tiles=[],
        regions=NO_REGIONS,
        targets=NO_TARGETS,
        health=health,
        round_label=None,
        ratings=NO_RATINGS,
        touchpoint_names=names,
    )
    return [(a.severity, a.topic, a.text) for a in items]


def test_gaps_overlaps_and_missing_responsibles_each_get_a_counted_item_worst_first() -> None:
    health = OwnershipHealth(gaps=("AW_EVENT", "US_BILLING"), overlaps=("SU_CHAT",), no_responsible=("US_BILLING",))
    assert _items(health) == [
        (
            "high",
            "Unowned touchpoints",
            "2 touchpoints have nobody accountable: Events & webinars and Billing & invoices. See the Ownership map.",
        ),
        (
            "medium",
            "Split ownership",
            "1 touchpoint has more than one accountable leader: Chat support. See the Ownership map.",
        ),
        (
            "low",
            "Nobody responsible",
            "1 touchpoint has no leader responsible for the work: Billing & invoices. See the Ownership map.",
        ),
    ]


def test_a_healthy_map_adds_nothing() -> None:
    assert _items(OwnershipHealth(gaps=(), overlaps=(), no_responsible=())) == []


def test_without_names_the_codes_are_shown() -> None:
    (item,) = _items(OwnershipHealth(gaps=("AW_EVENT",), overlaps=(), no_responsible=()), names=None)
    assert item[2].startswith("1 touchpoint has nobody accountable: AW_EVENT.")
