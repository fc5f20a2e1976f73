"""Models side by side, on datasets where the answer is known."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy import stats

from cxdash.governance import compare_models, region_months, regional, switched_regions, with_models
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


def test_the_model_level_is_the_mean_of_its_region_months_with_a_region_clustered_interval() -> None:
    central = _row(compare_models(_cells(), _retention(), TH), C)
    # Region-months 40 and 20: mean 30; residuals ±10, CR1 variance 2/1 × 200/4 = 100, t with 1 degree of freedom:
    # 30 ± 127.1, which the NPS scale cuts at −97.1 and +100.
    assert central["region_nps"] == pytest.approx(30.0) and central["region_months"] == 2
    half = stats.t.ppf(0.975, 1) * 10.0
    assert (central["region_ci_low"], central["region_ci_high"]) == pytest.approx((30.0 - half, 100.0))


def test_the_pooled_nps_stays_as_description() -> None:
    central = _row(compare_models(_cells(), _retention(), TH), C)
    expected = nps_from_counts(220, 80, 100)
    assert central["regions"] == 2 and central["region_codes"] == "A, B" and central["n"] == 400
    assert central["nps"] == pytest.approx(30.0)
    assert (central["ci_low"], central["ci_high"]) == pytest.approx((expected.ci_low, expected.ci_high))


def test_the_comparison_carries_retention_csat_ces_and_spreads() -> None:
    central = _row(compare_models(_cells(), _retention(), TH), C)
    assert central["retention"] == pytest.approx((1990 - 60) / 2000)
    assert central["csat"] == pytest.approx(0.8) and central["ces"] == pytest.approx(5.5)
    # Regional NPS 40 and 20 (s² = 200) less mean sampling variance (32 + 38) / 2.
    assert central["region_spread"] == pytest.approx(math.sqrt(200 - 35))
    assert central["touchpoint_spread"] == pytest.approx(0.0)


def test_a_model_with_a_single_region_has_a_level_but_no_interval() -> None:
    table = compare_models(_cells(), _retention(), TH)
    single = _row(table, D)
    assert single["regions"] == 1 and single["region_nps"] == pytest.approx(10.0)
    assert pd.isna(single["region_ci_low"]) and pd.isna(single["region_spread"])


def test_a_suppressed_model_shows_its_count_but_no_score() -> None:
    rows = [cell("A", M1, (60, 20, 20), model=C), cell("C", M1, (1, 1, 1), model=D)]
    table = compare_models(pd.DataFrame(rows), pd.DataFrame(columns=["model", *_retention().columns[:-1]]), TH)
    hidden = _row(table, D)
    assert hidden["n"] == 3 and hidden["sample"] == "suppressed"
    assert pd.isna(hidden["nps"]) and pd.isna(hidden["region_nps"])


def test_region_months_leave_out_suppressed_months() -> None:
    rows = [cell("A", M1, (60, 20, 20), model=C), cell("A", M2, (2, 1, 1), model=C)]
    months = region_months(pd.DataFrame(rows), TH)
    assert list(months["month"]) == [M1] and months.loc[0, "nps"] == pytest.approx(40.0)


def test_a_region_that_switched_counts_under_each_model_for_its_months() -> None:
    raw = pd.DataFrame([cell("A", M1, (60, 20, 20)), cell("A", M2, (20, 20, 60)), cell("B", M1, (50, 20, 30))])
    tagged = with_models(raw, timeline({"A": [D, C], "B": [C, C]}, [M1, M2]))
    regions = regional(tagged, TH)
    assert sorted(zip(regions["model"], regions["region"], strict=True)) == [(C, "A"), (C, "B"), (D, "A")]
    assert _row(regions[regions["region"] == "A"], C)["nps"] == pytest.approx(-40.0)
    assert switched_regions(tagged) == ["A"]
    table = compare_models(tagged, _retention().iloc[:0], TH)
    assert _row(table, C)["switched"] == "A" and _row(table, D)["switched"] == "A"


def test_months_without_a_recorded_model_are_left_out() -> None:
    raw = pd.DataFrame([cell("A", M1, (60, 20, 20)), cell("A", M2, (20, 20, 60))])
    tl = timeline({"A": [C, C]}, [M1, M2]).assign(model=[None, C])
    assert list(with_models(raw, tl)["month"]) == [M2]
