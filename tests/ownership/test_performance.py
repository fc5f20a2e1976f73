"""The performance join: each Accountable leader's touchpoints, their pooled NPS with CI and n, worst first."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cxdash.metrics import nps_from_counts
from cxdash.overview import Thresholds
from cxdash.ownership.performance import accountable_pairs, leader_performance, leader_trend, owned_touchpoints
from cxdash.views.ownership import OWNED_COLUMNS, score_table

SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)
TH = Thresholds(low=30, suppress=5)


def _assignments() -> pd.DataFrame:
    rows = [
        ("T1", "One", "Usage", "CCO", "A"),
        ("T2", "Two", "Usage", "CCO", "A"),
        ("T2", "Two", "Usage", "VPS", "A"),
        ("T2", "Two", "Usage", "DIG", "R"),
        ("T3", "Three", "Support", "VPS", "A"),
        ("T4", "Four", "Support", "CMO", "A"),
        ("T5", "Five", "Support", "DIG", "R"),
    ]
    frame = pd.DataFrame(rows, columns=["touchpoint", "touchpoint_name", "stage", "leader", "role"])
    return frame.assign(leader_name="Leader " + frame["leader"])


def _totals() -> pd.DataFrame:
    """Responses per month and touchpoint: (promoters, passives, detractors)."""
    counts = {
        (SEP, "T1"): (50, 30, 20),
        (OCT, "T1"): (60, 20, 20),
        (SEP, "T2"): (20, 20, 60),
        (OCT, "T2"): (10, 30, 60),
        (OCT, "T3"): (2, 1, 1),
        (OCT, "T4"): (10, 5, 5),
        (OCT, "T5"): (90, 10, 0),
    }
    rows = [(m, tp, p + pa + d, p, pa, d) for (m, tp), (p, pa, d) in counts.items()]
    return pd.DataFrame(rows, columns=["month", "touchpoint", "n", "promoters", "passives", "detractors"])


def test_pairs_are_the_accountable_cells_only() -> None:
    pairs = accountable_pairs(_assignments())
    assert list(zip(pairs["leader"], pairs["touchpoint"], strict=True)) == [
        ("CCO", "T1"),
        ("CCO", "T2"),
        ("VPS", "T2"),
        ("VPS", "T3"),
        ("CMO", "T4"),
    ]


def test_a_leaders_nps_pools_every_touchpoint_they_are_accountable_for() -> None:
    pairs = accountable_pairs(_assignments())
    table = leader_performance(pairs, _totals(), OCT, [SEP, OCT], TH).set_index("leader")
    expected = nps_from_counts(60 + 10, 20 + 30, 20 + 60)
    cco = table.loc["CCO"]
    assert cco["n"] == 200
    assert cco["touchpoints"] == 2
    assert cco["nps"] == pytest.approx(expected.score)
    assert cco["ci_low"] == pytest.approx(expected.ci_low)
    assert cco["ci_high"] == pytest.approx(expected.ci_high)
    before = nps_from_counts(50 + 20, 30 + 20, 20 + 60).score
    assert cco["delta"] == pytest.approx(expected.score - before)
    assert cco["trend"] == (round(before, 1), round(expected.score, 1))


def test_an_overlapping_touchpoint_counts_for_both_owners() -> None:
    pairs = accountable_pairs(_assignments())
    table = leader_performance(pairs, _totals(), OCT, [OCT], TH).set_index("leader")
    assert table.loc["VPS", "n"] == 100 + 4
    assert table.loc["VPS", "touchpoints"] == 2


def test_a_touchpoint_with_two_owners_keeps_its_true_n_under_each() -> None:
    pairs = accountable_pairs(_assignments())
    owned = owned_touchpoints(pairs, _totals(), OCT, [SEP, OCT], TH)
    two = owned[owned["touchpoint"] == "T2"]
    expected = nps_from_counts(10, 30, 60)
    assert list(two["leader"]) == ["CCO", "VPS"]
    assert list(two["n"]) == [100, 100]
    assert two["nps"].tolist() == pytest.approx([expected.score] * 2)
    assert two["ci_low"].tolist() == pytest.approx([expected.ci_low] * 2)


def test_a_split_owned_touchpoint_with_three_responses_is_suppressed() -> None:
    pairs = accountable_pairs(_assignments())
    totals = pd.DataFrame(
        [(OCT, "T2", 3, 1, 1, 1)], columns=["month", "touchpoint", "n", "promoters", "passives", "detractors"]
    )
    two = owned_touchpoints(pairs, totals, OCT, [OCT], TH).set_index(["touchpoint", "leader"]).loc["T2"]
    assert list(two["n"]) == [3, 3]
    assert (two["sample"] == "suppressed").all()
    assert two["nps"].isna().all() and two["ci_low"].isna().all()


def test_touchpoint_changes_are_adjusted_once_per_touchpoint() -> None:
    """Hand-worked: T1 and T2 are the only tests (T3 suppressed, T4 low); BH over two p-values, not three."""
    pairs = accountable_pairs(_assignments())
    owned = owned_touchpoints(pairs, _totals(), OCT, [SEP, OCT], TH).set_index(["touchpoint", "leader"])
    p1, p2 = owned.loc[("T1", "CCO"), "p_value"], owned.loc[("T2", "CCO"), "p_value"]
    low, high = sorted([p1, p2])
    assert owned.loc[("T2", "VPS"), "p_adjusted"] == pytest.approx(owned.loc[("T2", "CCO"), "p_adjusted"])
    assert sorted([owned.loc[("T1", "CCO"), "p_adjusted"], owned.loc[("T2", "CCO"), "p_adjusted"]]) == pytest.approx(
        [min(2 * low, high), high]
    )


def test_leaders_are_worst_first_and_a_responsible_only_leader_is_absent() -> None:
    pairs = accountable_pairs(_assignments())
    table = leader_performance(pairs, _totals(), OCT, [OCT], TH)
    assert list(table["leader"]) == ["VPS", "CCO", "CMO"]
    assert "DIG" not in set(table["leader"])


def test_owned_touchpoints_are_worst_first_with_hidden_scores_last() -> None:
    pairs = accountable_pairs(_assignments())
    owned = owned_touchpoints(pairs, _totals(), OCT, [SEP, OCT], TH)
    assert list(zip(owned["touchpoint"], owned["leader"], strict=True)) == [
        ("T2", "CCO"),
        ("T2", "VPS"),
        ("T4", "CMO"),
        ("T1", "CCO"),
        ("T3", "VPS"),
    ]
    hidden = owned.iloc[-1]
    assert hidden["sample"] == "suppressed" and hidden["n"] == 4
    assert pd.isna(hidden["nps"]) and pd.isna(hidden["ci_low"]) and pd.isna(hidden["delta"])
    assert hidden["trend"] == (None, None)


def test_low_samples_keep_their_value_but_make_no_significance_claim() -> None:
    pairs = accountable_pairs(_assignments())
    owned = owned_touchpoints(pairs, _totals(), OCT, [OCT], TH).set_index("touchpoint")
    four = owned.loc["T4"]
    assert four["sample"] == "low"
    assert four["nps"] == pytest.approx(25.0)
    assert pd.isna(four["p_value"]) and not four["significant"]


def test_a_touchpoint_without_responses_is_hidden_not_dropped() -> None:
    pairs = accountable_pairs(_assignments())
    owned = owned_touchpoints(pairs, _totals().iloc[0:0], OCT, [OCT], TH)
    assert len(owned) == 5
    assert (owned["n"] == 0).all() and owned["nps"].isna().all()


def test_trend_has_one_row_per_leader_and_month() -> None:
    pairs = accountable_pairs(_assignments())
    trend = leader_trend(pairs, _totals(), [SEP, OCT], TH)
    assert len(trend) == 3 * 2
    vps_sep = trend[(trend["leader"] == "VPS") & (trend["month"] == SEP)].iloc[0]
    assert vps_sep["n"] == 100 and vps_sep["nps"] == pytest.approx(-40.0)
    cmo_sep = trend[(trend["leader"] == "CMO") & (trend["month"] == SEP)].iloc[0]
    assert cmo_sep["sample"] == "suppressed" and pd.isna(cmo_sep["nps"])


def test_inputs_are_not_changed() -> None:
    assignments, totals = _assignments(), _totals()
    a0, t0 = assignments.copy(), totals.copy()
    pairs = accountable_pairs(assignments)
    leader_performance(pairs, totals, OCT, [SEP, OCT], TH)
    owned_touchpoints(pairs, totals, OCT, [SEP, OCT], TH)
    pd.testing.assert_frame_equal(assignments, a0)
    pd.testing.assert_frame_equal(totals, t0)


def test_the_score_table_writes_each_change_test_in_words() -> None:
    pairs = accountable_pairs(_assignments())
    owned = owned_touchpoints(pairs, _totals(), OCT, [SEP, OCT], TH)
    table = score_table(owned, OWNED_COLUMNS, OCT).assign(touchpoint=owned["touchpoint"]).set_index("touchpoint")
    assert table.loc["T3", "Change test"] == "hidden: too few responses"
    assert table.loc["T4", "Change test"] == "low sample: no significance claim"
    # T1: 30 → 40 (n = 100 each), Wald p = 0.371; T2: −40 → −50, p = 0.338; BH over the two: 0.371 for both.
    assert table.loc["T1", "Change test"] == "within noise (adjusted p = 0.371)"
    assert table.loc["T2", "Change test"].tolist() == ["within noise (adjusted p = 0.371)"] * 2
