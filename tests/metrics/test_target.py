"""The one target rule: below only when the whole interval is below, at the displayed precision."""

import pytest

from cxdash.metrics.target import target_status


def test_point_and_interval_above() -> None:
    assert target_status(42.0, 40.0, ci_low=38.0, ci_high=46.0) == "on"


def test_point_below_interval_reaching_target_is_at_risk() -> None:
    assert target_status(38.0, 40.0, ci_low=33.0, ci_high=43.0) == "at risk"


def test_whole_interval_below_is_below() -> None:
    assert target_status(30.0, 40.0, ci_low=25.0, ci_high=35.0) == "below"


def test_equal_at_displayed_precision_is_on() -> None:
    # Retention 98.45% shown as 98.5% against a 98.5% target reads "on", never "below".
    assert target_status(98.45, 98.5, decimals=1) == "on"
    assert target_status(98.44, 98.5, decimals=1) == "below"


def test_interval_top_compared_at_displayed_precision() -> None:
    assert target_status(38.0, 40.0, ci_low=30.0, ci_high=39.96) == "at risk"


def test_missing_target_or_value() -> None:
    assert target_status(40.0, None) == "no target"
    assert target_status(None, 40.0) == "no data"


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_rejects_non_finite(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        target_status(bad, 40.0)
