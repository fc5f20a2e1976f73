"""The PPTX deck opened with python-pptx: 16:9, one slide per section, charts as pictures, figures as text."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Inches

from cxdash import db, present
from cxdash.overview import previous_month
from cxdash.views import overview as overview_view
from tests.boardpack.conftest import MONTH, PLAIN, Built, at
from tests.boardpack.expected import nps_text

TITLES = [
    "Customer experience: board pack",
    "Overview",
    "Needs attention",
    "Regions",
    "Ownership map",
    "Governance: operating models",
    "Leadership alignment, round 2026-Q3",
]


def _deck(built: Built) -> Any:
    return Presentation(io.BytesIO(built.pptx))


def _texts(slide: Any) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _table(slide: Any) -> list[list[str]]:
    tables = [s.table for s in slide.shapes if s.has_table]
    assert len(tables) == 1
    return [[cell.text for cell in row.cells] for row in tables[0].rows]


def test_the_deck_is_16_9_with_a_title_slide_and_one_slide_per_section(built: Built) -> None:
    prs = _deck(built)
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(prs.slides) == len(built.deck.slides) + 1 == 7
    assert [slide.shapes.title.text for slide in prs.slides] == TITLES


def test_charts_are_crisp_pictures_and_bullet_slides_have_none(built: Built) -> None:
    prs = _deck(built)
    for slide, content in zip(list(prs.slides)[1:], built.deck.slides, strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == (1 if content.chart else 0), content.title
        for picture in pictures:
            assert picture.image.content_type == "image/png"
            pixels_wide = picture.image.size[0]
            assert pixels_wide / Emu(picture.width).inches >= 150  # dots per inch as shown
            assert picture._element.nvPicPr.cNvPr.get("descr")


def test_overview_figures_are_native_text_matching_the_app(built: Built, sample_url: str) -> None:
    rows = _table(_deck(built).slides[1])
    assert rows[0] == ["Figure", "Value", "Note"]
    engine = db.make_engine(sample_url)
    with db.session(engine) as session:
        view = overview_view.overview(session, MONTH)
        nps, n = nps_text(session, MONTH)
    tiles = [present.tile(k, previous_month(MONTH).strftime("%b")) for k in view.kpis]
    assert [(r[0], r[1]) for r in rows[1:]] == [(t.label, t.value) for t in tiles]
    assert rows[1][0].startswith("NPS") and rows[1][1] == nps
    assert rows[5][:2] == ["Responses", f"{n:,}"]
    assert "(adjusted p = " in rows[1][2]


def test_regions_table_marks_the_significant_drop_and_the_low_sample(built: Built, sample_url: str) -> None:
    rows = {r[0].split(". ")[-1]: r for r in _table(_deck(built).slides[at(built, "regions")])[1:]}
    engine = db.make_engine(sample_url)
    with db.session(engine) as session:
        dach, dach_n = nps_text(session, MONTH, "DACH")
        anz, anz_n = nps_text(session, MONTH, "ANZ")
    assert len(rows) == 8
    assert rows["DACH"][1] == f"{dach} ✱" and f"n = {dach_n}" in rows["DACH"][2]
    assert rows["ANZ"][1] == anz and anz_n < 30 and "low sample" in rows["ANZ"][2]


def test_low_sample_rows_are_grey_and_others_are_not(built: Built) -> None:
    table = next(s.table for s in _deck(built).slides[at(built, "regions")].shapes if s.has_table)
    colours = {
        row.cells[0].text.split(". ")[-1]: str(row.cells[1].text_frame.paragraphs[0].runs[0].font.color.rgb)
        for row in list(table.rows)[1:]
    }
    assert colours["ANZ"] == "8A8A8A"
    assert colours["DACH"] == "222222"


def test_attention_slide_lists_the_items_as_text(built: Built) -> None:
    text = _texts(_deck(built).slides[at(built, "attention")])
    assert "Significant drop: DACH: NPS fell" in text
    assert "Unowned touchpoints" in text


def test_commentary_is_plain_text_with_its_author_and_time(built: Built) -> None:
    text = _texts(_deck(built).slides[1])
    assert PLAIN in text
    assert "cco, 02 Nov 2026 17:05 UTC" in text


def test_every_slide_has_the_footer_and_keeps_inside_the_page(built: Built) -> None:
    prs = _deck(built)
    for number, slide in enumerate(prs.slides, start=1):
        text = _texts(slide)
        assert "Data: October 2026 · Exported 03 Nov 2026 09:30 UTC" in text
        assert f"{number} / 7" in text
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)


def test_on_slides_with_a_chart_the_chart_and_table_do_not_overlap(built: Built) -> None:
    for slide in list(_deck(built).slides)[1:]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        tables = [s for s in slide.shapes if s.has_table]
        if pictures and tables:
            assert pictures[0].left + pictures[0].width <= tables[0].left


@pytest.mark.parametrize("section", ["overview", "regions", "ownership", "governance", "alignment"])
def test_marks_travel_with_their_slide(built: Built, section: str) -> None:
    text = _texts(_deck(built).slides[at(built, section)])
    marks = built.deck.slides[at(built, section) - 1].marks
    assert marks
    for mark in marks:
        assert mark in text
