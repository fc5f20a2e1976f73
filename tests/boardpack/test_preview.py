"""How the Board pack page lays out a slide's preview."""

from __future__ import annotations

from cxdash.boardpack.preview import grid_frame, grid_styles, side_by_side
from cxdash.boardpack.slide import Cell, Figure, NativeChart, Slide, Table

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


def test_a_native_chart_sits_beside_its_table() -> None:
    chart = NativeChart("bar", "NPS", ("A",), (("NPS", (1.0,)),))
    table = Table(("Region",), ((Cell("A"),),), (1.0,))
    assert side_by_side(Slide("regions", "A leads", table=table, native=chart))


def test_table_cells_keep_their_tint_and_text_stays_literal() -> None:
    table = Table(("Region", "NPS"), ((Cell("**A**", fill="F3CDB8", bold=True), Cell("1.0", muted=True)),), (1, 1))
    assert grid_frame(table).iloc[0, 0] == "\\*\\*A\\*\\*"
    assert grid_styles(table) == [["background-color: #F3CDB8; font-weight: 600", "color: #6e6e6e"]]


def test_a_table_drawn_as_a_dataframe_keeps_its_text_as_typed() -> None:
    table = Table(("Change", "Trend"), ((Cell("-5.2 pts"), Cell("")),), (1.0, 1.0), sparks=((1.0, None, 2.0),))
    frame = grid_frame(table, markdown=False)
    assert frame.iloc[0].tolist() == ["-5.2 pts", [1.0, 2.0]]
