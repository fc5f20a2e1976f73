"""The change bridge: rate and mix parts that add up exactly to the pooled change."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdash.why.bridge import COUNTS, OTHERS, nps_bridge, shown_bridge


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


counts = st.tuples(st.integers(0, 400), st.integers(0, 400), st.integers(0, 400))
sides = st.dictionaries(st.sampled_from(list("ABCDEFG")), counts, min_size=1, max_size=7)
# Two months with responses in each: a before and an after frame.
months = (
    st.tuples(sides, sides)
    .map(lambda pair: (_frame(pair[0]), _frame(pair[1])))
    .filter(lambda pair: all(frame[list(COUNTS)].to_numpy().sum() > 0 for frame in pair))
)


@settings(max_examples=300, deadline=None)
@given(months)
def test_parts_sum_exactly_to_the_change(pair: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    before, after = pair
    bridge = nps_bridge(before, after, key="region")
    assert bridge.parts["total"].sum() == pytest.approx(bridge.change, abs=1e-9)
    assert (bridge.parts["rate"] + bridge.parts["mix"]).to_numpy() == pytest.approx(bridge.parts["total"].to_numpy())


def test_a_pooled_group_shows_one_figure_and_no_rate_or_mix() -> None:
    before = _frame({"A": (50, 30, 20), "B": (2, 1, 0), "C": (1, 0, 2)})
    after = _frame({"A": (40, 30, 30), "B": (3, 0, 0), "C": (20, 10, 10)})
    bridge = shown_bridge(before, after, key="region")
    assert bridge is not None and bridge.left_out == ()
    pool = bridge.parts.set_index("region").loc[OTHERS]
    # B and C together, 6 responses before and 43 after: their sum is shown, their split is not.
    assert pd.isna(pool["rate"]) and pd.isna(pool["mix"])
    assert pool["total"] == pytest.approx(nps_bridge(before, after, key="region").parts.iloc[-1]["total"])
    assert bridge.parts["total"].sum() == pytest.approx(bridge.change, abs=1e-9)


def test_a_small_group_that_would_be_pooled_alone_is_left_out() -> None:
    before = _frame({"A": (50, 30, 20), "B": (20, 20, 20), "C": (1, 1, 0)})
    after = _frame({"A": (40, 30, 30), "B": (20, 10, 20), "C": (1, 0, 2)})
    bridge = shown_bridge(before, after, key="region")
    assert bridge is not None and bridge.left_out == ("C",)
    # The pool's one figure would be C's own, and so would the gap between the other parts and the change: the
    # bridge runs between A and B's NPS, with nothing of C in it.
    assert set(bridge.parts["region"]) == {"A", "B"}
    assert bridge.before == pytest.approx(100 * (70 - 40) / 160)
    assert bridge.after == pytest.approx(100 * (60 - 50) / 150)
    assert bridge.parts["total"].sum() == pytest.approx(bridge.change, abs=1e-9)


def test_a_pool_under_five_responses_in_a_month_is_left_out() -> None:
    before = _frame({"A": (50, 30, 20), "B": (1, 0, 0), "C": (1, 1, 0)})
    after = _frame({"A": (40, 30, 30), "B": (3, 2, 1), "C": (3, 3, 0)})
    bridge = shown_bridge(before, after, key="region")
    assert bridge is not None and bridge.left_out == ("B", "C")
    assert list(bridge.parts["region"]) == ["A"]


def test_nothing_left_to_bridge_is_none() -> None:
    assert shown_bridge(_frame({"C": (1, 1, 0)}), _frame({"C": (1, 0, 2)}), key="region") is None


@settings(max_examples=300, deadline=None)
@given(months)
def test_shown_parts_sum_to_the_shown_change_and_hide_every_small_group(
    pair: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    before, after = pair
    bridge = shown_bridge(before, after, key="region")
    if bridge is None:
        return
    parts = bridge.parts
    assert parts["total"].sum() == pytest.approx(bridge.change, abs=1e-9)
    shown = parts[parts["region"] != OTHERS]
    # Every group with its own line has 5+ responses in each month it has any; the pool, if any, has 5+ responses
    # together in each month it has any, and carries a total only.
    assert ((shown["n_before"] == 0) | (shown["n_before"] >= 5)).all()
    assert ((shown["n_after"] == 0) | (shown["n_after"] >= 5)).all()
    pool = parts[parts["region"] == OTHERS]
    assert pool["rate"].isna().all() and pool["mix"].isna().all()
    for side in ("n_before", "n_after"):
        assert ((pool[side] == 0) | (pool[side] >= 5)).all()
    assert not set(bridge.left_out) & set(parts["region"])
