"""The attention list's ownership items: a count per kind of finding, the touchpoints by name, worst first."""

from __future__ import annotations

import pandas as pd

from cxdash.attention import Attention, attention_list, more_label
from cxdash.overview import REGION_COLUMNS, Kpi
from cxdash.ownership import OwnershipHealth

NAMES = {"AW_EVENT": "Events & webinars", "US_BILLING": "Billing & invoices", "SU_CHAT": "Chat support"}
NO_REGIONS = pd.DataFrame(columns=REGION_COLUMNS)
NO_RATINGS = pd.DataFrame(columns=["leader", "dimension", "score"])


def _items(health: OwnershipHealth, names: dict[str, str] | None = NAMES) -> list[tuple[str, str, str]]:
    items = attention_list(
        tiles=[],
        regions=NO_REGIONS,
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
            "2 touchpoints have nobody accountable: Events & webinars and Billing & invoices.",
        ),
        (
            "medium",
            "Split ownership",
            "1 touchpoint has more than one accountable leader: Chat support.",
        ),
        (
            "low",
            "Nobody responsible",
            "1 touchpoint has no leader responsible for the work: Billing & invoices.",
        ),
    ]


def test_a_healthy_map_adds_nothing() -> None:
    assert _items(OwnershipHealth(gaps=(), overlaps=(), no_responsible=())) == []


def test_without_names_the_codes_are_shown() -> None:
    (item,) = _items(OwnershipHealth(gaps=("AW_EVENT",), overlaps=(), no_responsible=()), names=None)
    assert item[2].startswith("1 touchpoint has nobody accountable: AW_EVENT.")


def _region(**values: object) -> dict[str, object]:
    row: dict[str, object] = {
        "region": "X", "n": 400, "nps": 30.0, "ci_low": 25.0, "ci_high": 35.0, "sample": "ok", "previous": 40.0,
        "delta": -10.0, "p_value": 0.01, "p_adjusted": 0.02, "significant": True, "undefined": False,
        "target": None, "target_scope": None, "status": "no target",
    }  # fmt: skip
    return row | values


def _region_items(*rows: dict[str, object], tiles: list[Kpi] | None = None) -> list[tuple[str, str, str]]:
    items = attention_list(
        tiles=tiles or [],
        regions=pd.DataFrame(list(rows), columns=REGION_COLUMNS),
        health=OwnershipHealth(gaps=(), overlaps=(), no_responsible=()),
        round_label=None,
        ratings=NO_RATINGS,
    )
    return [(a.severity, a.topic, a.text) for a in items]


def test_a_drop_that_survives_the_adjustment_is_named_with_its_adjusted_p() -> None:
    assert _region_items(_region(region="DACH", delta=-19.93, p_adjusted=0.0077, n=417)) == [
        ("high", "Significant drop", "DACH: NPS fell 19.9 pts vs the month before (adjusted p = 0.008; n = 417).")
    ]


def test_a_drop_significant_only_before_the_adjustment_is_not_listed() -> None:
    assert _region_items(_region(p_value=0.042, p_adjusted=0.084, significant=False)) == []


def test_a_region_on_the_company_target_says_it_has_no_regional_target() -> None:
    row = _region(region="APAC", significant=False, nps=20.56, target=38.0, target_scope="company", status="below")
    assert _region_items(row) == [
        (
            "medium",
            "Below target",
            "APAC: NPS 20.6 is below the company target of 38.0 (APAC has no regional target), "
            "even at the top of its 95% interval.",
        )
    ]


def test_regions_at_risk_share_one_low_item() -> None:
    rows = [
        _region(region=code, significant=False, nps=36.0, target=38.0, target_scope="region", status="at risk")
        for code in ("NAE", "UKI")
    ]
    assert _region_items(*rows) == [
        (
            "low",
            "At risk",
            "NPS below target, though the 95% interval still reaches it: NAE (36.0 against its target of 38.0) "
            "and UKI (36.0 against its target of 38.0).",
        )
    ]


def test_a_low_sample_region_gets_no_target_finding() -> None:
    assert _region_items(_region(sample="low", significant=False, target=38.0, status="below")) == []


def test_retention_on_target_as_printed_is_not_listed_and_below_is() -> None:
    on = Kpi("retention", "Retention", 0.9845, 0.986, 0.985, 0, "ok", status="on")
    below = Kpi("retention", "Retention", 0.9834, 0.986, 0.985, 0, "ok", status="below")
    assert _region_items(tiles=[on]) == []
    assert _region_items(tiles=[below]) == [
        ("medium", "Below target", "Company Retention is 98.3% against a target of 98.5%.")
    ]


def test_a_significant_company_csat_drop_is_listed() -> None:
    kpi = Kpi("csat", "CSAT", 0.70, 0.80, None, 400, "ok", significant=True, p_value=0.001, p_adjusted=0.0004)
    assert _region_items(tiles=[kpi]) == [
        ("high", "Significant drop", "Company: CSAT fell 10.0 pp vs the month before (adjusted p < 0.001; n = 400).")
    ]


def test_a_past_month_says_its_ownership_findings_are_todays_map() -> None:
    items = attention_list(
        tiles=[],
        regions=NO_REGIONS,
        health=OwnershipHealth(gaps=("AW_EVENT",), overlaps=(), no_responsible=()),
        round_label=None,
        ratings=NO_RATINGS,
        touchpoint_names=NAMES,
        ownership_is_today=True,
    )
    assert items[0].text == "Today's ownership map: 1 touchpoint has nobody accountable: Events & webinars."
    assert items[0].page == "ownership"  # the page draws the link to the Ownership map


def _drill_downs(regions: list[dict[str, object]], tiles: list[Kpi] | None = None) -> list[tuple[object, ...]]:
    """(topic, region link, page link, the subjects' regions) of each item, worst first."""
    items = attention_list(
        tiles=tiles or [],
        regions=pd.DataFrame(regions, columns=REGION_COLUMNS),
        health=OwnershipHealth(gaps=("AW_EVENT",), overlaps=(), no_responsible=()),
        round_label="2026-Q3",
        ratings=pd.DataFrame({"leader": ["a", "b", "c"], "dimension": "clarity", "score": [1, 3, 5]}),
    )
    return [(a.topic, a.region, a.page, [s.region for s in a.subjects]) for a in items]


def test_the_drill_down_link_follows_the_subjects_of_the_finding() -> None:
    drop = _region(region="DACH", delta=-19.9, p_adjusted=0.008)
    at_risk = [
        _region(region=code, significant=False, nps=36.0, target=38.0, target_scope="region", status="at risk")
        for code in ("NAE", "UKI")
    ]
    kpi = Kpi("csat", "CSAT", 0.70, 0.80, None, 400, "ok", significant=True, p_value=0.001, p_adjusted=0.0004)
    # One region: its compare view; two: no single region to open; touchpoints: the Ownership map; the company
    # and a leadership dimension: no page of their own.
    assert _drill_downs([drop, *at_risk], tiles=[kpi]) == [
        ("Significant drop", None, None, []),
        ("Significant drop", "DACH", None, ["DACH"]),
        ("Unowned touchpoints", None, "ownership", [None]),
        ("Low leadership agreement", None, None, [None]),
        ("At risk", None, None, ["NAE", "UKI"]),
    ]
    lone = _region(significant=False, nps=36.0, target=38.0, target_scope="region", status="at risk")
    assert _drill_downs([lone]) == [
        ("Unowned touchpoints", None, "ownership", [None]),
        ("Low leadership agreement", None, None, [None]),
        ("At risk", "X", None, ["X"]),
    ]


def test_the_fold_counts_the_findings_it_holds_by_severity() -> None:
    rest = [Attention("high", "Significant drop", "x"), Attention("low", "At risk", "y"), Attention("low", "z", "z")]
    assert more_label(rest) == "3 more findings: 1 high, 2 low"
    assert more_label(rest[:1]) == "1 more finding: 1 high"
