"""How the Board pack page lays out a slide's preview."""

from __future__ import annotations

from cxdash.boardpack.preview import side_by_side
from cxdash.boardpack.slide import Figure, Slide

FIGURES = (Figure("1. NAE", "49.8"),)
SINGLE = {"mark": "point", "data": {"values": []}}
FACETED = {"facet": {"field": "panel"}, "spec": {"mark": "line"}, "columns": 4}


def test_a_single_chart_sits_beside_its_figures_as_on_the_slide() -> None:
    assert side_by_side(Slide("overview", "Overview", FIGURES, SINGLE))


def test_small_multiples_take_the_full_width_with_their_figures_below() -> None:
    assert not side_by_side(Slide("regions", "Regions", FIGURES, FACETED))


def test_a_slide_without_figures_or_without_a_chart_is_not_split() -> None:
    assert not side_by_side(Slide("overview", "Overview", (), SINGLE))
    assert not side_by_side(Slide("attention", "Needs attention", FIGURES, None))
