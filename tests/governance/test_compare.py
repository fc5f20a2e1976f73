"""Models side by side and the verdict on two of them, on datasets where the answer is known."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cxdash.governance import compare_models, model_pair, regional, with_models
from cxdash.metrics import nps_from_counts
from cxdash.overview import Thresholds
from tests.governance.builders import M1, M2, cell, customers, timeline

TH = Thresholds()
C, D = "centralized", "decentralized"


def _cells() -> pd.DataFrame:
    """Centralized: A (NPS 40) and B (NPS 20), 200 responses each. Decentralized: only C (touchpoints 50 and -30)."""
    good, bad = {"csat": (100, 80), "ces": (100, 550)}, {"csat": (100, 50), "ces": (100, 400)}
    rows = [
        cell("A", M1, (60, 20, 20), touchpoint="X", model=C, **good),
        cell("A", M1, (60, 20, 20), touchpoint="Y", model=C, **good),
        cell("B", M1, (50, 20, 30), touchpoint="X", model=C, **good),
        cell("B", M1, (50, 20, 30), touchpoint="Y", model=C, **good),
        cell("C", M1, (70, 10, 20), touchpoint="X", model=D, **bad),
        cell("C", M1, (30, 10, 60), touchpoint="Y", model=D, **bad),
    ]
    return pd.DataFrame(rows)


def _retention() -> pd.DataFrame:
    rows = [
        customers("A", M1, 1000, 990, 20, C),
        customers("B", M1, 1000, 1000, 40, C),
        customers("C", M1, 500, 480, 10, D),
    ]
    return pd.DataFrame(rows)


def _row(frame: pd.DataFrame, model: str) -> dict[str, object]:
    return dict(frame[frame["model"] == model].iloc[0])


def test_comparison_pools_responses_and_averages_regions() -> None:
    table = compare_models(_cells(), _retention(), TH)
    assert list(table["model"]) == [C, D]
    central = _row(table, C)
    expected = nps_from_counts(220, 80, 100)
    assert central["regions"] == 2 and central["region_codes"] == "A, B" and central["n"] == 400
    assert central["nps"] == pytest.approx(30.0)
    assert (central["ci_low"], central["ci_high"]) == pytest.approx((expected.ci_low, expected.ci_high))
    assert central["mean_regional_nps"] == pytest.approx(30.0)
    assert central["retention"] == pytest.approx((1990 - 60) / 2000)
    assert central["csat"] == pytest.approx(0.8) and central["ces"] == pytest.approx(5.5)
    # Regional NPS 40 and 20 (s² = 200) less mean sampling variance (32 + 38) / 2.
    assert central["region_spread"] == pytest.approx(math.sqrt(200 - 35))
    assert central["touchpoint_spread"] == pytest.approx(0.0)


def test_a_model_with_a_single_region_has_no_spread_across_regions() -> None:
    single = _row(compare_models(_cells(), _retention(), TH), D)
    assert single["regions"] == 1 and single["nps"] == pytest.approx(10.0)
    assert single["region_spread"] is None or pd.isna(single["region_spread"])
    assert single["retention"] == pytest.approx(0.94)
    # Touchpoints at 50 and -30 (s² = 3200) less mean sampling variance (65 + 81) / 2.
    assert single["touchpoint_spread"] == pytest.approx(math.sqrt(3200 - 73))


def test_a_single_region_model_cannot_be_told_apart() -> None:
    pair = model_pair(_cells(), D, C, TH)
    assert pair.pooled.delta == pytest.approx(20.0) and pair.pooled.significant
    assert pair.regional.delta == pytest.approx(20.0) and pair.regional.ci_low is None
    assert not pair.distinguishable
    assert "Only one region ran under decentralized" in pair.verdict and "(C)" in pair.verdict
    assert "cannot tell these models apart" in pair.verdict


def test_separated_models_with_two_regions_each_can_be_told_apart() -> None:
    rows = [cell(r, M1, (60, 20, 20), model=C) for r in ("A", "B")]
    rows += [cell("C", M1, (30, 20, 50), model=D), cell("D", M1, (31, 20, 49), model=D)]
    pair = model_pair(pd.DataFrame(rows), D, C, TH)
    assert pair.distinguishable and pair.regional.significant
    assert pair.verdict.startswith("Centralized regions score") and "higher than decentralized" in pair.verdict
    assert "not proof" in pair.verdict


def test_a_difference_within_noise_is_called_so() -> None:
    rows = [cell(r, M1, (40, 20, 40), model=C) for r in ("A", "B")]
    rows += [cell(r, M1, (41, 20, 39), model=D) for r in ("C", "D")]
    pair = model_pair(pd.DataFrame(rows), C, D, TH)
    assert not pair.pooled.significant and not pair.distinguishable
    assert "within noise" in pair.verdict


def test_a_model_whose_second_region_is_too_small_for_its_own_nps_cannot_be_told_apart() -> None:
    rows = [cell(r, M1, (60, 20, 20), model=C) for r in ("A", "B")]
    rows += [cell("C", M1, (30, 20, 50), model=D), cell("D", M1, (1, 1, 1), model=D)]
    pair = model_pair(pd.DataFrame(rows), D, C, TH)
    assert pair.pooled.significant and (pair.scored_a, pair.scored_b) == (1, 2)
    assert pair.regional.ci_low is None and not pair.distinguishable
    assert "Of the 2 regions under decentralized (C, D), only 1 had enough responses" in pair.verdict
    assert pair.verdict.endswith("the data cannot tell these models apart.")


def test_a_pooled_gap_that_does_not_hold_region_by_region_is_not_a_verdict() -> None:
    rows = [cell("A", M1, (80, 10, 10), model=C), cell("B", M1, (40, 20, 40), model=C)]
    rows += [cell("C", M1, (60, 20, 20), model=D), cell("D", M1, (30, 20, 50), model=D)]
    pair = model_pair(pd.DataFrame(rows), D, C, TH)
    # Pooled: centralized 35 vs decentralized 10 over 200 responses each; regions 70, 0 vs 40, -20.
    assert pair.pooled.delta == pytest.approx(25.0) and pair.pooled.significant
    assert pair.regional.delta == pytest.approx(25.0) and not pair.regional.significant
    assert not pair.distinguishable
    assert "with 2 centralized and 2 decentralized regions" in pair.verdict
    assert "could be zero" in pair.verdict


def test_too_few_responses_make_no_claim() -> None:
    rows = [cell(r, M1, (60, 20, 20), model=C) for r in ("A", "B")]
    rows += [cell(r, M1, (1, 2, 7), model=D) for r in ("C", "D")]
    pair = model_pair(pd.DataFrame(rows), C, D, TH)
    assert not pair.distinguishable and "only 20 responses" in pair.verdict


def test_a_suppressed_model_shows_its_count_but_no_score() -> None:
    rows = [cell("A", M1, (60, 20, 20), model=C), cell("C", M1, (1, 1, 1), model=D)]
    table = compare_models(pd.DataFrame(rows), pd.DataFrame(columns=["model", *_retention().columns[:-1]]), TH)
    hidden = _row(table, D)
    assert hidden["n"] == 3 and hidden["sample"] == "suppressed" and pd.isna(hidden["nps"])


def test_a_region_that_switched_counts_under_each_model_for_its_months() -> None:
    raw = pd.DataFrame([cell("A", M1, (60, 20, 20)), cell("A", M2, (20, 20, 60)), cell("B", M1, (50, 20, 30))])
    tagged = with_models(raw, timeline({"A": [D, C], "B": [C, C]}, [M1, M2]))
    regions = regional(tagged, TH)
    assert sorted(zip(regions["model"], regions["region"], strict=True)) == [(C, "A"), (C, "B"), (D, "A")]
    assert _row(regions[regions["region"] == "A"], C)["nps"] == pytest.approx(-40.0)


def test_months_without_a_recorded_model_are_left_out() -> None:
    raw = pd.DataFrame([cell("A", M1, (60, 20, 20)), cell("A", M2, (20, 20, 60))])
    tl = timeline({"A": [C, C]}, [M1, M2]).assign(model=[None, C])
    assert list(with_models(raw, tl)["month"]) == [M2]


def test_comparing_a_model_with_itself_is_refused() -> None:
    with pytest.raises(ValueError, match="two different models"):
        model_pair(_cells(), C, C, TH)


def test_a_model_nobody_ran_says_there_is_nothing_to_compare() -> None:
    pair = model_pair(_cells(), C, "hybrid", TH)
    assert not pair.distinguishable and "No region ran under hybrid" in pair.verdict
