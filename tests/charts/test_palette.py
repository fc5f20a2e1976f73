"""Chart colours meet WCAG AA's 3:1 contrast for graphics against the page's white background."""

from __future__ import annotations

import pytest

from cxdash.charts.palette import BACKGROUND, MUTED, PALETTE


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2: (L1 + 0.05) / (L2 + 0.05), L the relative luminance of a ``#RRGGBB`` colour."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_matches_the_wcag_worked_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", [*PALETTE, MUTED])
def test_every_chart_colour_stands_out_from_the_background(colour: str) -> None:
    assert contrast_ratio(colour, BACKGROUND) >= 3.0


def test_region_colours_stay_distinct() -> None:
    assert len(set(PALETTE)) == len(PALETTE)
