"""CSAT and CES change tests, by hand, with their degenerate cases."""

from __future__ import annotations

import pytest

from cxdash.metrics import nps_change, nps_from_counts
from cxdash.metrics.change import CES_TEST, CSAT_TEST, NPS_TEST, ces_change, csat_change, from_nps
from cxdash.metrics.rates import CesCounts


def test_csat_change_is_the_pooled_two_proportion_z_test() -> None:
    # 80/100 → 70/100: pooled p = 150/200 = 0.75; se = √(0.75 · 0.25 · (1/100 + 1/100)) = 0.0612372
    # z = (0.70 − 0.80) / 0.0612372 = −1.63299; two-sided p = 2 · (1 − Φ(1.63299)) = 0.10247
    change = csat_change((80, 100), (70, 100))
    assert change.delta == pytest.approx(-0.10)
    assert change.statistic == pytest.approx(-1.63299, abs=1e-5)
    assert change.p_value == pytest.approx(0.10247, abs=1e-5)
    assert change.test == CSAT_TEST and not change.undefined


def test_csat_change_without_answers_on_a_side_is_not_tested() -> None:
    change = csat_change((0, 0), (70, 100))
    assert (change.delta, change.p_value, change.undefined) == (None, None, False)


def test_csat_change_with_every_answer_top_two_on_both_sides_is_undefined() -> None:
    change = csat_change((40, 40), (30, 30))
    assert change.delta == 0.0 and change.p_value is None and change.undefined


def test_csat_change_refuses_more_top_answers_than_answers() -> None:
    with pytest.raises(ValueError, match="before csat_top2 cannot exceed csat_n"):
        csat_change((5, 4), (3, 4))


def test_ces_change_is_welchs_t_from_sums_and_squares() -> None:
    # before 4, 4, 6, 6: sum 20, squares 104, mean 5, s² = (104 − 20²/4)/3 = 4/3
    # after 5, 6, 6, 7: sum 24, squares 146, mean 6, s² = (146 − 24²/4)/3 = 2/3
    # se = √(4/3/4 + 2/3/4) = √0.5; t = 1/√0.5 = 1.41421
    # df = 0.5² / ((1/3)²/3 + (1/6)²/3) = 5.4; two-sided p = 0.21228
    change = ces_change(CesCounts(4, 20, 104), CesCounts(4, 24, 146))
    assert change.delta == pytest.approx(1.0)
    assert change.statistic == pytest.approx(1.41421, abs=1e-5)
    assert change.p_value == pytest.approx(0.21228, abs=1e-5)
    assert change.test == CES_TEST


def test_ces_change_with_no_spread_on_either_side_is_undefined() -> None:
    # every answer 5 before and 6 after: both variances are zero
    change = ces_change(CesCounts(3, 15, 75), CesCounts(3, 18, 108))
    assert change.delta == pytest.approx(1.0) and change.p_value is None and change.undefined


def test_ces_change_with_unknown_squares_is_undefined_not_confident() -> None:
    # rollups stored before squares were kept hold 0: less than sum²/n is impossible for real answers
    change = ces_change(CesCounts(4, 20, 0), CesCounts(4, 24, 146))
    assert change.p_value is None and change.undefined


def test_an_nps_change_between_degenerate_months_is_undefined() -> None:
    # 40 promoters → 40 passives: −100 points, but neither month has any spread, so Wald has se = 0
    change = nps_change(nps_from_counts(40, 0, 0), nps_from_counts(0, 40, 0))
    assert change.delta == -100.0 and change.p_value is None and change.undefined and not change.significant


def test_an_ordinary_nps_change_is_not_undefined() -> None:
    assert not nps_change(nps_from_counts(50, 30, 20), nps_from_counts(40, 30, 30)).undefined


def test_an_nps_change_keeps_its_figures_in_the_shared_form() -> None:
    nps = nps_change(nps_from_counts(50, 30, 20), nps_from_counts(40, 30, 30))
    change = from_nps(nps)
    assert (change.delta, change.statistic, change.p_value, change.test) == (nps.delta, nps.z, nps.p_value, NPS_TEST)
