"""The scorecard against rounds worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.alignment import (
    MIN_RATERS,
    RAG_RULE,
    agreement_band,
    alignment_index,
    dimension_scores,
    rag_status,
    scorecard,
)
from cxdash.alignment.scorecard import chief_executive
from cxdash.models import ALIGNMENT_DIMENSIONS


def _ratings(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["leader", "dimension", "score"])


# Four leaders; each dimension shows one case:
# customer_vision   all 4s: zero variance, r_wg = 1, mean 4 -> green
# ownership_clarity 5,1,5,1: s² = 16/3 = 5.33 > σ²_EU = 2, r_wg clipped to 0 -> red
# resourcing        C did not answer: 3,4,5 -> mean 4, s² = 1, r_wg = 1 - 1/2 = 0.50 -> amber
# collaboration     a single rater -> no r_wg, no status
# data_sharing      two raters -> no r_wg, no status
ROUND = _ratings(
    [
        *[(who, "customer_vision", 4) for who in ("CEO", "A", "B", "C")],
        ("CEO", "ownership_clarity", 5),
        ("A", "ownership_clarity", 1),
        ("B", "ownership_clarity", 5),
        ("C", "ownership_clarity", 1),
        ("CEO", "resourcing", 3),
        ("A", "resourcing", 4),
        ("B", "resourcing", 5),
        ("A", "collaboration", 3),
        ("A", "data_sharing", 2),
        ("B", "data_sharing", 4),
    ]
)
# customer_vision before: 3,3,4,4 -> mean 3.5, s² = 1/3, r_wg = 1 - (1/3)/2 = 5/6
PREVIOUS = _ratings(
    [
        ("CEO", "customer_vision", 3),
        ("A", "customer_vision", 3),
        ("B", "customer_vision", 4),
        ("C", "customer_vision", 4),
    ]
)


def _row(card: pd.DataFrame, dimension: str) -> pd.Series:
    return card.set_index("dimension").loc[dimension]


def test_every_dimension_is_listed_in_order() -> None:
    card = scorecard(ROUND, PREVIOUS, "CEO")
    assert list(card["dimension"]) == list(ALIGNMENT_DIMENSIONS)
    assert list(card["label"]) == list(ALIGNMENT_DIMENSIONS.values())


def test_zero_variance_is_full_agreement_and_green() -> None:
    row = _row(scorecard(ROUND, PREVIOUS, "CEO"), "customer_vision")
    assert (row["raters"], row["mean"], row["rwg"], row["status"]) == (4, 4.0, 1.0, "green")
    assert row["ceo"] == 4.0 and row["others"] == 4.0 and row["ceo_gap"] == 0.0


def test_change_since_the_previous_round() -> None:
    row = _row(scorecard(ROUND, PREVIOUS, "CEO"), "customer_vision")
    assert row["mean_change"] == pytest.approx(0.5)
    assert row["rwg_change"] == pytest.approx(1.0 - 5 / 6)


def test_variance_above_the_uniform_null_clips_rwg_to_zero_and_is_red() -> None:
    row = _row(scorecard(ROUND, PREVIOUS, "CEO"), "ownership_clarity")
    assert row["mean"] == 3.0 and row["rwg"] == 0.0 and row["status"] == "red"
    # The CEO says 5 while the others average (1 + 5 + 1) / 3.
    assert row["ceo_gap"] == pytest.approx(5 - 7 / 3)
    assert pd.isna(row["mean_change"]) and pd.isna(row["rwg_change"])


def test_a_missing_rating_leaves_the_others_to_count() -> None:
    row = _row(scorecard(ROUND, None, "CEO"), "resourcing")
    assert row["raters"] == 3 and row["mean"] == 4.0
    assert row["rwg"] == pytest.approx(0.5)
    # Mean 4 would be green, but agreement 0.50 is below 0.70; not below 0.50, so amber.
    assert row["status"] == "amber"


def test_a_single_rater_shows_no_agreement_and_says_why() -> None:
    row = _row(scorecard(ROUND, None, "CEO"), "collaboration")
    assert row["raters"] == 1 and row["mean"] == 3.0
    assert pd.isna(row["rwg"]) and row["status"] == "n/a"
    assert "only 1 rater" in row["note"] and f"at least {MIN_RATERS}" in row["note"]
    assert pd.isna(row["ceo"]) and pd.isna(row["ceo_gap"])


def test_two_raters_are_still_too_few() -> None:
    row = _row(scorecard(ROUND, None, "CEO"), "data_sharing")
    assert row["raters"] == 2 and pd.isna(row["rwg"]) and row["status"] == "n/a"


def test_an_unrated_dimension_says_so() -> None:
    row = _row(scorecard(ROUND, None, "CEO"), "ceo_commitment")
    assert row["raters"] == 0 and pd.isna(row["mean"]) and row["note"] == "no ratings yet"


def test_without_a_known_ceo_everyone_counts_as_others() -> None:
    row = _row(scorecard(ROUND, None, None), "ownership_clarity")
    assert pd.isna(row["ceo"]) and row["others"] == 3.0


def test_scorecard_leaves_its_inputs_alone() -> None:
    before = ROUND.copy()
    scorecard(ROUND, PREVIOUS, "CEO")
    pd.testing.assert_frame_equal(ROUND, before)


@pytest.mark.parametrize(
    ("mean", "agreement", "status"),
    [
        (4.0, 0.70, "green"),
        (5.0, 1.0, "green"),
        (3.99, 0.95, "amber"),
        (4.5, 0.69, "amber"),
        (3.0, 0.50, "amber"),
        (2.99, 0.95, "red"),
        (4.5, 0.49, "red"),
        (None, 0.9, "n/a"),
        (4.5, None, "n/a"),
    ],
)
def test_rag_rule(mean: float | None, agreement: float | None, status: str) -> None:
    assert rag_status(mean, agreement) == status


def test_the_rule_written_on_the_page_matches_the_thresholds() -> None:
    assert "mean ≥ 4.0 and agreement ≥ 0.70" in RAG_RULE and "mean < 3.0 or agreement < 0.50" in RAG_RULE


def test_index_is_the_mean_of_dimension_means() -> None:
    index = alignment_index(ROUND)
    # Rated dimensions' means: 4, 3, 4, 3, 3.
    assert index.mean == pytest.approx(17 / 5)
    assert index.raters == 4
    # Items with 3+ raters have variances 0, 16/3 and 1: r_wg 1, 0 (clipped) and 0.5; mean 0.5, one of three ≥ 0.70.
    assert index.mean_rwg == pytest.approx(0.5)
    assert (index.strong, index.rated) == (1, 3) and index.strong_share == pytest.approx(1 / 3)
    # r_wg(j): mean variance 19/9 is above σ²_EU = 2, so no agreement.
    assert index.rwg_j == 0.0


def test_index_keeps_rwg_j_for_detail_by_hand() -> None:
    ratings = _ratings(
        [
            *[(w, "customer_vision", 4) for w in "ABCD"],
            ("A", "resourcing", 3),
            ("B", "resourcing", 4),
            ("C", "resourcing", 5),
        ]
    )
    # s̄² = (0 + 1) / 2 = 0.5; ratio 0.25; J = 2: 2 × 0.75 / (2 × 0.75 + 0.25) = 6/7, above the mean r_wg 0.75:
    # r_wg(j) rises with the number of items.
    index = alignment_index(ratings)
    assert index.rwg_j == pytest.approx(6 / 7) and index.mean_rwg == pytest.approx(0.75)


def test_index_of_a_single_rater_has_no_agreement_and_says_why() -> None:
    index = alignment_index(_ratings([("A", d, 3) for d in ALIGNMENT_DIMENSIONS]))
    assert index.mean == 3.0 and index.mean_rwg is None and index.rwg_j is None and index.raters == 1
    assert "3 or more raters" in index.note


def test_index_of_an_empty_round() -> None:
    index = alignment_index(_ratings([]))
    assert (index.mean, index.mean_rwg, index.strong_share, index.raters, index.note) == (
        None,
        None,
        None,
        0,
        "no ratings yet",
    )


@pytest.mark.parametrize(
    ("agreement", "words"),
    [
        (0.0, "lack of agreement"),
        (0.30, "lack of agreement"),
        (0.31, "weak agreement"),
        (0.50, "weak agreement"),
        (0.684, "moderate agreement"),
        (0.70, "moderate agreement"),
        (0.704, "moderate agreement"),
        (0.71, "strong agreement"),
        (0.90, "strong agreement"),
        (0.92, "very strong agreement"),
        (None, ""),
    ],
)
def test_agreement_bands_follow_lebreton_and_senter_at_two_decimals(agreement: float | None, words: str) -> None:
    assert agreement_band(agreement) == words


def test_each_dimension_carries_its_band_in_words() -> None:
    card = dimension_scores(ROUND).set_index("dimension")
    assert card.loc["customer_vision", "band"] == "very strong agreement"
    assert card.loc["ownership_clarity", "band"] == "lack of agreement"
    assert card.loc["resourcing", "band"] == "weak agreement"
    assert card.loc["collaboration", "band"] == ""


def _team(rows: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["leader", "title", "reports_to"]).astype(object)


def test_the_ceo_is_the_top_of_the_org_chart() -> None:
    assert chief_executive(_team([("BOSS", "Managing Director", None), ("CCO", "CCO", "BOSS")])) == "BOSS"


def test_with_several_tops_the_ceo_is_the_one_titled_ceo() -> None:
    team = _team([("CHAIR", "Chair", None), ("ANNA", "CEO", None), ("CCO", "CCO", "ANNA")])
    assert chief_executive(team) == "ANNA"
    assert chief_executive(_team([("X", "Chair", None), ("Y", "Founder", None)])) is None
