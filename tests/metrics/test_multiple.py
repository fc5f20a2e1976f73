"""Benjamini–Hochberg adjustment, checked against a hand-worked family and statsmodels."""

import pytest
from statsmodels.stats.multitest import multipletests

from cxdash.metrics.multiple import bh_adjust, significant_after_bh


def test_hand_worked_family() -> None:
    # Sorted p: 0.01, 0.02, 0.03, 0.04 with m = 4: p·m/rank = 0.04, 0.04, 0.04, 0.04.
    assert bh_adjust([0.04, 0.01, 0.03, 0.02]) == pytest.approx([0.04, 0.04, 0.04, 0.04])


def test_a_lone_borderline_result_does_not_survive_a_family_of_nine() -> None:
    family = [0.042, 0.30, 0.50, 0.61, 0.72, 0.80, 0.85, 0.90, 0.95]
    assert significant_after_bh(family) == [False] * 9


def test_matches_statsmodels_and_keeps_untested_slots() -> None:
    ps = [0.001, None, 0.2, 0.03, None, 0.04]
    expected = multipletests([0.001, 0.2, 0.03, 0.04], method="fdr_bh")[1]
    got = bh_adjust(ps)
    assert got[1] is None and got[4] is None
    assert [got[0], got[2], got[3], got[5]] == pytest.approx(list(expected))


def test_empty_family() -> None:
    assert bh_adjust([]) == []
    assert bh_adjust([None]) == [None]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -0.1, 1.5])
def test_rejects_impossible_p_values(bad: float) -> None:
    with pytest.raises(ValueError, match="p_values"):
        bh_adjust([0.01, bad])
