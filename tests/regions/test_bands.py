"""Rank ranges from 95% intervals, by hand."""

from __future__ import annotations

import pytest

from cxdash.regions.bands import rank_label, rank_ranges


def test_overlapping_intervals_share_ranks_and_separated_ones_do_not() -> None:
    # A [40, 60] and B [35, 55] overlap; C [10, 30] lies below both; D [50, 52] sits inside A and B.
    lows, highs = [40.0, 35.0, 10.0, 50.0], [60.0, 55.0, 30.0, 52.0]
    assert rank_ranges(lows, highs, [True] * 4) == [(1, 3), (1, 3), (4, 4), (1, 3)]


def test_a_region_left_out_is_unranked_and_does_not_count_for_the_others() -> None:
    lows, highs = [40.0, 35.0, 10.0], [60.0, 55.0, 30.0]
    assert rank_ranges(lows, highs, [True, False, True]) == [(1, 1), None, (2, 2)]


def test_labels_write_a_single_rank_a_range_or_the_reason() -> None:
    assert rank_label((3, 3), "unranked") == "3"
    assert rank_label((1, 4), "unranked") == "1–4"
    assert rank_label(None, "unranked: low sample") == "unranked: low sample"


def test_lists_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="one entry per region"):
        rank_ranges([1.0], [2.0, 3.0], [True])
