"""The rank table: focus month against its comparison month, retention and target, by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.overview import Thresholds
from cxdash.regions import Period, rank_table, ranked, retention_trend
from cxdash.regions.compare import NOISE, UNSETTLED
from tests.regions.data import BY_REGION as SHARED
from tests.regions.data import FEB, JAN, counts

TH = Thresholds(low=30, suppress=5)
PERIOD = Period(JAN, FEB, "previous_month")
REGIONS = pd.DataFrame({"region": ["A", "B", "C"], "region_name": ["Alpha", "Beta", "Gamma"]})
# A: Jan (40, 30, 30) NPS 10 → Feb (60, 20, 20) NPS 40.
# B: Jan (25, 10, 15) NPS 20 → Feb (15, 4, 1) NPS 70 with only 20 responses.
# C: no responses at all.
BY_REGION = counts([(JAN, "A", 40, 30, 30), (FEB, "A", 60, 20, 20), (JAN, "B", 25, 10, 15), (FEB, "B", 15, 4, 1)])
CUSTOMERS = pd.DataFrame(
    [(FEB, "A", 200, 210, 20), (FEB, "C", 0, 15, 15)],
    columns=["month", "region", "customers_start", "customers_end", "new_customers"],
)
TARGETS = pd.DataFrame({"metric": ["nps", "nps"], "region": [None, "B"], "value": [30.0, 50.0]})


def _table(by: str = "nps") -> pd.DataFrame:
    focus = retention_trend(CUSTOMERS, ["A", "B", "C"], [FEB])
    return ranked(rank_table(BY_REGION, REGIONS, focus, TARGETS, PERIOD, TH), by).set_index("region")


def test_change_vs_the_previous_month_is_tested() -> None:
    a = _table().loc["A"]
    # 40 − 10 = +30 points; Wald p = 0.00929 (worked in test_compare).
    assert a["nps"] == pytest.approx(40.0) and a["comparison_nps"] == pytest.approx(10.0)
    assert a["change"] == pytest.approx(30.0)
    assert a["p_value"] == pytest.approx(0.00929, abs=1e-5)
    assert a["significant"] is True


def test_a_low_sample_month_is_unranked_and_never_called_significant() -> None:
    b = _table().loc["B"]
    assert b["sample"] == "low" and b["n"] == 20
    assert b["change"] == pytest.approx(50.0)
    assert pd.isna(b["p_value"]) and b["significant"] is None
    assert "low sample" in b["change_note"]
    assert b["target_status"] == "no claim: low sample"
    assert pd.isna(b["rank"]) and b["rank_label"] == "unranked"


def test_a_region_with_no_responses_comes_last_without_a_rank() -> None:
    table = _table()
    assert list(table.index) == ["A", "B", "C"]
    c = table.loc["C"]
    assert c["n"] == 0 and c["sample"] == "suppressed"
    assert pd.isna(c["nps"]) and pd.isna(c["change"]) and pd.isna(c["rank"])
    assert c["change_note"] == "no responses" and c["rank_label"] == "unranked"


def test_retention_of_the_focus_month_and_no_claim_without_customers_at_the_start() -> None:
    table = _table()
    # A: (210 − 20)/200 = 0.95. C started February with nobody: undefined, not 0% or 100%.
    assert table.loc["A", "retention"] == pytest.approx(0.95)
    assert pd.isna(table.loc["C", "retention"])
    assert pd.isna(table.loc["B", "retention"])


def test_a_regional_target_wins_over_the_company_target_and_says_whose_it_is() -> None:
    table = _table()
    assert table.loc["A", "target"] == 30.0 and table.loc["A", "vs_target"] == pytest.approx(10.0)
    assert table.loc["A", "target_scope"] == "company"
    assert table.loc["B", "target"] == 50.0 and table.loc["B", "vs_target"] == pytest.approx(20.0)
    assert table.loc["B", "target_scope"] == "region"
    # A's NPS 40.0 is at or above 30.0: on target (the one target rule).
    assert table.loc["A", "target_status"] == "on"


@pytest.mark.parametrize(
    ("target", "status"),
    # A's 95% CI is [23.4, 54.3]: 45 is above the point but inside the interval; 60 is above the whole interval.
    [(45.0, "at risk"), (60.0, "below"), (None, "no target")],
)
def test_the_target_claim_follows_the_one_target_rule(target: float | None, status: str) -> None:
    targets = pd.DataFrame({"metric": ["nps"], "region": ["A"], "value": [target]}).dropna()
    focus = retention_trend(CUSTOMERS, ["A"], [FEB])
    table = rank_table(BY_REGION, REGIONS, focus, targets, PERIOD, TH).set_index("region")
    assert table.loc["A", "target_status"] == status
    assert table.loc["A", "target_scope"] == ("none" if target is None else "region")


@pytest.mark.parametrize(
    ("by", "order", "ranks"),
    [
        ("nps", ["A", "B", "C"], [1, None, None]),
        ("change", ["B", "A", "C"], [None, 1, None]),
        ("responses", ["A", "B", "C"], [1, None, None]),
        ("retention", ["A", "B", "C"], [1, None, None]),
    ],
)
def test_ordering_sorts_best_first_and_the_ranks_stay_the_nps_rank_ranges(
    by: str, order: list[str], ranks: list[int | None]
) -> None:
    table = _table(by)
    assert list(table.index) == order
    assert [None if pd.isna(r) else int(r) for r in table["rank"]] == ranks


def test_an_unknown_ranking_is_refused() -> None:
    with pytest.raises(ValueError, match="rank by one of"):
        _table("mood")


def test_same_month_last_year_compares_with_that_month() -> None:
    period = Period(FEB, FEB, "same_month_last_year")
    table = rank_table(BY_REGION, REGIONS, retention_trend(CUSTOMERS, ["A"], []), TARGETS, period, TH)
    a = table.set_index("region").loc["A"]
    # Nothing was recorded in February 2025, so there is no change to show.
    assert a["comparison_n"] == 0 and pd.isna(a["change"])


def test_overlapping_intervals_share_a_rank_range_and_changes_are_adjusted_together() -> None:
    # February: A NPS 40 [23.4, 54.3], B NPS 40 [16.2, 59.3], C NPS −20 [−39.0, 1.3]: A and B overlap, C is below.
    regions = pd.DataFrame({"region": ["A", "B", "C"], "region_name": ["Alpha", "Beta", "Gamma"]})
    table = rank_table(SHARED, regions, retention_trend(CUSTOMERS, [], []), TARGETS, PERIOD, TH).set_index("region")
    assert table["rank_label"].to_dict() == {"A": "1–2", "B": "1–2", "C": "3"}
    # Raw p: A 0.009286, B 0.231998, C 1.0; Benjamini–Hochberg over three: 0.027859, 0.347997, 1.0.
    assert table["p_adjusted"].tolist() == pytest.approx([0.027859, 0.347997, 1.0], abs=1e-6)
    assert table.loc["A", "significant"] is True and table.loc["B", "significant"] is False
    assert table.loc["A", "change_note"].startswith("significant")


def test_a_family_given_replaces_the_adjustment_over_the_regions() -> None:
    focus = retention_trend(CUSTOMERS, ["A", "B", "C"], [FEB])
    alone = rank_table(BY_REGION, REGIONS, focus, TARGETS, PERIOD, TH).set_index("region")
    # Only A is tested: over the regions alone its adjusted p is its own p.
    assert alone.loc["A", "p_adjusted"] == pytest.approx(alone.loc["A", "p_value"])
    family = {"A": 0.07, "B": 0.01, "C": None}
    table = rank_table(BY_REGION, REGIONS, focus, TARGETS, PERIOD, TH, family).set_index("region")
    a, b = table.loc["A"], table.loc["B"]
    assert a["p_adjusted"] == pytest.approx(0.07) and a["significant"] is False and a["change_note"] == NOISE
    # B is a low sample here: no claim, whatever the family holds for it.
    assert pd.isna(b["p_adjusted"]) and b["significant"] is None and "low sample" in b["change_note"]


def test_a_region_tested_here_but_missing_from_the_family_makes_no_claim() -> None:
    focus = retention_trend(CUSTOMERS, ["A", "B", "C"], [FEB])
    a = rank_table(BY_REGION, REGIONS, focus, TARGETS, PERIOD, TH, {}).set_index("region").loc["A"]
    assert pd.isna(a["p_value"]) and pd.isna(a["p_adjusted"]) and a["significant"] is None
    assert a["change_note"] == UNSETTLED
