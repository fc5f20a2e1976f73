"""The change bridge: rate and mix parts that add up exactly to the pooled change."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdash.why.bridge import OTHERS, nps_bridge


def _frame(rows: dict[str, tuple[int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(k, p, s, d) for k, (p, s, d) in rows.items()], columns=["region", "promoters", "passives", "detractors"]
    )


def test_hand_worked_rate_and_mix() -> None:
    # A: 100 responses at NPS 50 → 200 at NPS 50 (same NPS, double the weight); B: 100 at 0 → 100 at −20.
    before = _frame({"A": (60, 30, 10), "B": (30, 40, 30)})
    after = _frame({"A": (120, 60, 20), "B": (20, 40, 40)})
    bridge = nps_bridge(before, after, key="region")
    assert bridge.before == pytest.approx(25.0)
    assert bridge.after == pytest.approx((2 * 50 - 20) / 3)
    parts = bridge.parts.set_index("region")
    # Midpoint weights: A 0.5 → 2/3, B 0.5 → 1/3; centre c = (25 + 26.667)/2 = 25.833.
    assert parts.loc["A", "rate"] == pytest.approx(0.0)
    assert parts.loc["B", "rate"] == pytest.approx((0.5 + 1 / 3) / 2 * -20)
    assert parts.loc["A", "mix"] == pytest.approx((2 / 3 - 0.5) * (50 - 25.8333333))
    assert parts["total"].sum() == pytest.approx(bridge.change)


def test_a_group_on_one_side_only_is_all_mix() -> None:
    bridge = nps_bridge(_frame({"A": (50, 30, 20)}), _frame({"A": (50, 30, 20), "B": (10, 10, 80)}), key="region")
    parts = bridge.parts.set_index("region")
    assert parts.loc["B", "rate"] == 0.0
    assert parts.loc["B", "mix"] < 0
    assert parts["total"].sum() == pytest.approx(bridge.change)


def test_small_groups_are_pooled_so_no_small_nps_can_be_read_back() -> None:
    before = _frame({"A": (50, 30, 20), "B": (2, 1, 0), "C": (1, 0, 2)})
    after = _frame({"A": (40, 30, 30), "B": (3, 0, 0), "C": (20, 10, 10)})
    parts = nps_bridge(before, after, key="region").parts
    assert set(parts["region"]) == {"A", OTHERS}
    assert parts.set_index("region").loc[OTHERS, "n_before"] == 6


def test_no_responses_is_refused() -> None:
    with pytest.raises(ValueError, match="no responses"):
        nps_bridge(_frame({}), _frame({"A": (1, 1, 1)}), key="region")


Counts = tuple[int, int, int]
counts = st.tuples(st.integers(0, 400), st.integers(0, 400), st.integers(0, 400))
sides = st.dictionaries(st.sampled_from(list("ABCDEFG")), counts, min_size=1, max_size=7)


@settings(max_examples=300, deadline=None)
@given(sides, sides)
def test_parts_sum_exactly_to_the_change(
    one: dict[str, tuple[int, int, int]], two: dict[str, tuple[int, int, int]]
) -> None:
    before, after = _frame(one), _frame(two)
    if before[["promoters", "passives", "detractors"]].to_numpy().sum() == 0:
        return
    if after[["promoters", "passives", "detractors"]].to_numpy().sum() == 0:
        return
    bridge = nps_bridge(before, after, key="region")
    assert bridge.parts["total"].sum() == pytest.approx(bridge.change, abs=1e-9)
    assert (bridge.parts["rate"] + bridge.parts["mix"]).to_numpy() == pytest.approx(bridge.parts["total"].to_numpy())
