"""CSAT share and CES mean with their 95% intervals, by hand."""

from __future__ import annotations

import pytest

from cxdash.metrics.rates import CesCounts, ces_mean, csat_share


def test_csat_share_has_a_wilson_interval() -> None:
    # 80/100: centre = (0.8 + 1.96²/200) / (1 + 1.96²/100) = 0.78891
    # half = 1.96 / 1.038416 · √(0.8 · 0.2/100 + 1.96²/40000) = 0.07773 → [0.71117, 0.86664]
    share = csat_share(80, 100)
    assert share.value == pytest.approx(0.8)
    assert share.ci_low == pytest.approx(0.71117, abs=1e-5)
    assert share.ci_high == pytest.approx(0.86663, abs=1e-5)


def test_csat_without_answers_has_no_value() -> None:
    assert csat_share(0, 0).value is None


@pytest.mark.parametrize(
    ("top2", "n", "name"), [(float("nan"), 10, "csat_top2"), (3, 2.5, "csat_n"), (11, 10, "csat_top2")]
)
def test_csat_refuses_impossible_counts(top2: object, n: object, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        csat_share(top2, n)  # type: ignore[arg-type]


def test_ces_mean_has_a_student_t_interval() -> None:
    # 4, 4, 6, 6: mean 5, s² = 4/3; half = t(0.975, 3) · √(4/3/4) = 3.18245 · 0.57735 = 1.83739
    mean = ces_mean(CesCounts(4, 20, 104))
    assert mean.value == pytest.approx(5.0)
    assert mean.ci_low == pytest.approx(3.16261, abs=1e-5)
    assert mean.ci_high == pytest.approx(6.83739, abs=1e-5)


def test_ces_from_one_answer_has_no_interval() -> None:
    mean = ces_mean(CesCounts(1, 6, 36))
    assert (mean.value, mean.ci_low, mean.ci_high) == (6.0, None, None)


@pytest.mark.parametrize(
    ("counts", "name"),
    [((2, 15, 113), "ces_sum"), ((2, 1, 1), "ces_sum"), ((2.0, 8, 32), "ces_n"), ((2, 8, -1), "ces_sumsq")],
)
def test_ces_counts_off_the_scale_are_refused(counts: tuple[int, int, int], name: str) -> None:
    with pytest.raises(ValueError, match=name):
        CesCounts(*counts)
