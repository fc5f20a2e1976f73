"""Rank bands on the Regions slide: regions whose intervals overlap the band leader's share its band."""

from __future__ import annotations

from cxdash.boardpack.sections.regions import band_names, bands


def _row(low: float, high: float) -> dict[str, float]:
    return {"ci_low": low, "ci_high": high}


def test_overlapping_intervals_share_a_band_and_a_clear_gap_starts_the_next() -> None:
    # Leader 40-60; 35-55 overlaps it; 20-39 lies wholly below 40: a new band led by 20-39; 25-45 overlaps that.
    rows = [_row(40, 60), _row(35, 55), _row(20, 39), _row(25, 45)]
    assert bands(rows) == [1, 1, 2, 2]


def test_bands_are_named_in_words() -> None:
    assert band_names(1) == ["All alike"]
    assert band_names(3) == ["Top", "Mid", "Low"]
    assert band_names(4) == ["Band 1", "Band 2", "Band 3", "Band 4"]
