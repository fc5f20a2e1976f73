"""Touchpoint impact: share × gap to the rest, with a Wald interval and BH-adjusted verdicts."""

import math

import pandas as pd
import pytest

from cxdash.why.impact import touchpoint_impact


def _counts(rows: dict[str, tuple[int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(k, p, s, d) for k, (p, s, d) in rows.items()], columns=["touchpoint", "promoters", "passives", "detractors"]
    )


def test_hand_worked_impact() -> None:
    frame = touchpoint_impact(_counts({"x": (100, 50, 50), "y": (50, 50, 100), "z": (60, 40, 30)}), {"x": "CEO"})
    x = frame.set_index("touchpoint").loc["x"]
    # x: NPS 25 on 200 responses; the rest: (110 − 130)/330 = −6.06; share 200/530.
    assert x["nps"] == pytest.approx(25.0)
    assert x["nps_rest"] == pytest.approx(-20 / 330 * 100)
    assert x["impact"] == pytest.approx(200 / 530 * (25.0 + 2000 / 330))
    var_x = 0.5 + 0.25 - 0.25**2
    var_rest = 240 / 330 - (20 / 330) ** 2
    se = 100 * 200 / 530 * math.sqrt(var_x / 200 + var_rest / 330)
    assert x["ci_high"] - x["impact"] == pytest.approx(1.959964 * se, rel=1e-5)
    assert x["owner"] == "CEO" and x["verdict"] == f"adds {x['impact']:.1f} points"


def test_worst_first_and_unowned_named() -> None:
    frame = touchpoint_impact(_counts({"x": (100, 50, 50), "y": (50, 50, 100), "z": (60, 40, 30)}), {})
    assert frame["touchpoint"].iloc[0] == "y"
    assert frame["verdict"].iloc[0].startswith("costs")
    assert frame["owner"].iloc[0] == "no Accountable leader"


def test_small_touchpoints_are_left_out_and_low_ones_get_no_verdict() -> None:
    frame = touchpoint_impact(_counts({"x": (100, 50, 50), "tiny": (3, 0, 0), "few": (10, 5, 5)}), {})
    assert "tiny" not in set(frame["touchpoint"])
    assert frame.set_index("touchpoint").loc["few", "verdict"] == "too few responses to tell"


def test_a_difference_within_noise_is_said_so() -> None:
    frame = touchpoint_impact(_counts({"x": (50, 30, 20), "y": (48, 32, 20)}), {})
    assert set(frame["verdict"]) == {"can't tell from the rest"}
