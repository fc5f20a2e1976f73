"""Is the gap real? A region against the rest of the company, its peers and itself, by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.metrics import nps_from_counts
from cxdash.overview import Thresholds
from cxdash.regions import REST, gaps, versus
from cxdash.regions.compare import NOISE, adjusted
from tests.regions.data import BY_REGION, FEB, JAN

TH = Thresholds(low=30, suppress=5)


def test_a_gap_is_tested_with_the_wald_test() -> None:
    # Mine (60, 20, 20): NPS 40, var = 0.6 + 0.2 − 0.4² = 0.64.
    # Other (40, 30, 30): NPS 10, var = 0.4 + 0.3 − 0.1² = 0.69.
    # se = √(0.64/100 + 0.69/100) = √0.0133 = 0.115326; z = 0.30 / 0.115326 = 2.6013; p = 0.00929.
    gap = versus(nps_from_counts(60, 20, 20), nps_from_counts(40, 30, 30), TH)
    assert gap["gap"] == pytest.approx(30.0)
    assert gap["p_value"] == pytest.approx(0.00929, abs=1e-5)
    assert gap["significant"] is True
    assert gap["note"] == "significant (p < 0.05)"


def test_equal_scores_are_within_noise() -> None:
    gap = versus(nps_from_counts(60, 20, 20), nps_from_counts(30, 10, 10), TH)
    assert gap["gap"] == 0.0 and gap["p_value"] == pytest.approx(1.0)
    assert gap["significant"] is False


def test_a_low_sample_shows_the_gap_but_makes_no_significance_claim() -> None:
    # Mine (15, 4, 1): n = 20, NPS 70; a gap of 60 points would test significant, but n < 30.
    gap = versus(nps_from_counts(15, 4, 1), nps_from_counts(40, 30, 30), TH)
    assert gap["gap"] == pytest.approx(60.0)
    assert gap["p_value"] is None and gap["significant"] is None
    assert "low sample" in gap["note"]


def test_a_suppressed_sample_hides_its_value_and_the_gap() -> None:
    gap = versus(nps_from_counts(3, 0, 0), nps_from_counts(40, 30, 30), TH)
    assert gap["region_n"] == 3
    assert gap["region_nps"] is None and gap["gap"] is None and gap["significant"] is None


def test_a_region_with_no_responses_says_so() -> None:
    gap = versus(nps_from_counts(0, 0, 0), nps_from_counts(40, 30, 30), TH)
    assert gap["region_n"] == 0 and gap["gap"] is None and gap["note"] == "no responses"


def test_the_rest_of_the_company_leaves_the_region_out() -> None:
    # February, rest of company for A = B + C = (40, 30, 30): NPS 10, so the gap is 40 − 10 = 30.
    # Against the company total that contains A, (100, 50, 50) = NPS 25, it would look like 15.
    table = gaps(BY_REGION, "A", [], {"Feb": [FEB]}, TH)
    rest = table[table["comparator"] == REST].iloc[0]
    assert (rest["region_n"], rest["other_n"]) == (100, 100)
    assert rest["other_nps"] == pytest.approx(10.0)
    assert rest["gap"] == pytest.approx(30.0)
    assert rest["p_value"] == pytest.approx(0.00929, abs=1e-5)


def test_each_peer_gets_its_own_gap_and_test() -> None:
    table = gaps(BY_REGION, "A", ["B", "C"], {"Feb": [FEB]}, TH).set_index("comparator")
    assert list(table.index) == [REST, "B", "C"]
    # A 40 vs B 40: no gap. A 40 vs C −20 (n = 50): 60 points, clearly significant.
    assert table.loc["B", "gap"] == 0.0 and table.loc["B", "significant"] is False
    assert table.loc["C", "gap"] == pytest.approx(60.0) and table.loc["C", "significant"] is True


def test_a_scope_pools_its_months() -> None:
    # Jan + Feb for A: (100, 50, 50) = NPS 25; rest: B + C = (75, 60, 65) = NPS 5 (n = 200).
    table = gaps(BY_REGION, "A", [], {"Jan–Feb": [JAN, FEB]}, TH)
    row = table.iloc[0]
    assert (row["region_n"], row["other_n"]) == (200, 200)
    assert row["region_nps"] == pytest.approx(25.0) and row["other_nps"] == pytest.approx(5.0)


def test_a_region_with_no_responses_gets_rows_with_nothing_claimed() -> None:
    table = gaps(BY_REGION, "D", ["A"], {"Feb": [FEB]}, TH)
    assert table["region_n"].tolist() == [0, 0]
    assert table["gap"].isna().all() and table["significant"].isna().all()


def test_the_counts_are_left_untouched() -> None:
    before = BY_REGION.copy()
    gaps(BY_REGION, "A", ["B"], {"Feb": [FEB]}, TH)
    pd.testing.assert_frame_equal(BY_REGION, before)


def test_tests_shown_together_are_adjusted_and_a_lone_p_of_0_04_no_longer_counts() -> None:
    # Benjamini–Hochberg over (0.04, 0.30): 0.04 × 2/1 = 0.08, 0.30 × 2/2 = 0.30; the untested row stays untested.
    frame = pd.DataFrame(
        {"p_value": [0.04, 0.30, None], "significant": [True, False, None], "note": ["s", "n", "low sample"]}
    )
    out = adjusted(frame)
    assert out["p_adjusted"].tolist()[:2] == pytest.approx([0.08, 0.30]) and pd.isna(out["p_adjusted"].iloc[2])
    assert out["significant"].tolist() == [False, False, None]
    assert out["note"].tolist() == [NOISE, NOISE, "low sample"]
