"""The trend across rounds: index, agreement and ownership clarity per round."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cxdash.alignment import alignment_trend

ROUNDS = pd.DataFrame({"round": ["R1", "R2", "R3"], "held_on": [date(2026, 3, 1), date(2026, 6, 1), date(2026, 9, 1)]})
RATINGS = pd.DataFrame(
    [("R1", w, "customer_vision", s) for w, s in zip("ABC", (1, 3, 5), strict=True)]
    + [("R2", w, "customer_vision", 4) for w in "ABC"],
    columns=["round", "leader", "dimension", "score"],
)
BELIEFS = pd.DataFrame(
    [("R1", "A", "CCO"), ("R1", "B", None), ("R2", "A", "CCO"), ("R2", "B", "CCO")],
    columns=["round", "leader", "named_owner"],
).astype(object)


def test_one_row_per_round_oldest_first() -> None:
    trend = alignment_trend(ROUNDS, RATINGS, BELIEFS, "CCO")
    assert list(trend["round"]) == ["R1", "R2", "R3"]
    # R1: mean 3, s² = 4 > 2 so r_wg 0 (mean r_wg 0); half name the owner. R2: all 4s, everyone names the owner.
    assert trend.loc[0, ["index", "agreement", "clarity", "raters"]].tolist() == [3.0, 0.0, 0.5, 3]
    assert trend.loc[1, ["index", "agreement", "clarity", "raters"]].tolist() == [4.0, 1.0, 1.0, 3]


def test_a_round_without_answers_shows_gaps_not_zeros() -> None:
    last = alignment_trend(ROUNDS, RATINGS, BELIEFS, "CCO").iloc[2]
    assert pd.isna(last["index"]) and pd.isna(last["agreement"]) and pd.isna(last["clarity"])
    assert last["raters"] == 0


def test_clarity_follows_the_designated_owner() -> None:
    trend = alignment_trend(ROUNDS, RATINGS, BELIEFS, "CEO")
    assert trend["clarity"].iloc[:2].tolist() == pytest.approx([0.0, 0.0])
