"""Shared look of every chart: colours per region, muted small samples, projector-sized type."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt

# Okabe-Ito's hues (distinguishable with the common colour-vision deficiencies and on a projector), the light ones
# darkened until every line and mark has the 3:1 contrast against white that WCAG AA asks of graphics.
PALETTE = ("#0072B2", "#C17A00", "#009E73", "#D55E00", "#C0569A", "#3C8DC5", "#9A8700", "#000000")
MUTED = "#8C8C8C"
BACKGROUND = "#FFFFFF"
FONT_SIZE = 14
# Fixed-width charts (small multiples, side-by-side panels) are sized to fit the narrowest main column designed
# for: 820 px in a 1280 px window with the sidebar open. Vega-Lite cannot stretch those to their container.
MAIN_WIDTH = 800
SAMPLE_LABELS = {"ok": "n ≥ 30", "low": "low sample (n < 30)", "suppressed": "suppressed (n < 5)"}


def region_colors(codes: Sequence[str]) -> alt.Scale:
    """The same colour for a region on every page: assigned by sorted region code."""
    ordered = sorted(codes)
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(ordered))]
    return alt.Scale(domain=ordered, range=colors)


def sample_label(sample: str) -> str:
    """Legend and tooltip wording for a sample class (ok, low, suppressed)."""
    return SAMPLE_LABELS.get(sample, sample)


def projector(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Large, consistent type for reading on a projector."""
    configured: alt.TopLevelMixin = (
        chart.configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
        .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, orient="bottom")
        .configure_title(fontSize=FONT_SIZE + 2, anchor="start")
    )
    return configured
