"""Slide layout: with a paragraph of commentary on every slide, nothing on a section slide runs into anything else."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from cxdash.boardpack.layout import BODY_TOP, FOOTER_TOP, HEIGHT, WIDTH, Box, figures_height, layout
from cxdash.boardpack.slide import Note, Slide
from tests.boardpack.conftest import Built

PARAGRAPH = ("Ownership of chat support is split between two leaders; we will settle it this quarter. " * 6)[:500]


def _bottom(box: Box) -> float:
    return box.top + box.height


def _with_note(slide: Slide) -> Slide:
    return replace(slide, commentary=(Note(slide.section, None, PARAGRAPH, "cco", datetime(2026, 11, 2, tzinfo=UTC)),))


@pytest.mark.parametrize("section", ["overview", "attention", "regions", "ownership", "governance", "alignment"])
def test_body_commentary_marks_and_footer_stack_without_overlap(built: Built, section: str) -> None:
    slide = _with_note(next(s for s in built.deck.slides if s.section == section))
    boxes = layout(slide)
    assert boxes.commentary is not None and boxes.commentary_pt >= 12
    below = boxes.commentary.top
    for part in (boxes.chart, boxes.figures, boxes.bullets):
        if part is not None:
            assert part.top >= BODY_TOP and _bottom(part) <= below
            assert part.left >= 0 and part.left + part.width <= WIDTH
    if boxes.figures is not None:
        assert BODY_TOP + figures_height(slide, boxes.figures.width, boxes.figures_pt) <= _bottom(boxes.figures)
        assert boxes.figures_pt >= 10
    assert _bottom(boxes.commentary) <= (boxes.marks.top if boxes.marks else FOOTER_TOP)
    if boxes.marks is not None:
        assert _bottom(boxes.marks) <= FOOTER_TOP
    assert _bottom(boxes.footer) <= HEIGHT
