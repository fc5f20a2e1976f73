"""The PPTX deck opened with python-pptx: 16:9, findings as titles, native tables and charts, notes, 12 pt or more."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Inches, Pt

from cxdash import db, present
from cxdash.boardpack.sections import SECTIONS
from cxdash.overview import previous_month
from cxdash.views import overview as overview_view
from tests.boardpack.conftest import MONTH, PLAIN, Built, at

KICKERS = [
    "EXECUTIVE SUMMARY · OCTOBER 2026",
    "KPI SCORECARD · OCTOBER 2026",
    "REGIONS · OCTOBER 2026",
    "WHY NPS MOVED · SEPTEMBER 2026 → OCTOBER 2026",
    "OWNERSHIP MAP",
    "GOVERNANCE: OPERATING MODELS · NOVEMBER 2025 – OCTOBER 2026",
    "LEADERSHIP ALIGNMENT · ROUND 2026-Q3",
    "ACTIONS ON FINDINGS",
    "APPENDIX · DEFINITIONS AND METHODS",
    "APPENDIX · DATA COVERAGE AND FRESHNESS",
]


def _deck(built: Built) -> Any:
    return Presentation(io.BytesIO(built.pptx))


def _texts(slide: Any) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _table(slide: Any) -> list[list[str]]:
    tables = [s.table for s in slide.shapes if s.has_table]
    assert len(tables) == 1
    return [[cell.text for cell in row.cells] for row in tables[0].rows]


def _runs(slide: Any) -> Iterator[Any]:
    """Every run of text on a slide: text boxes, placeholders and table cells."""
    for shape in slide.shapes:
        frames = [shape.text_frame] if shape.has_text_frame else []
        if shape.has_table:
            frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
        for frame in frames:
            for para in frame.paragraphs:
                yield from para.runs


def test_the_deck_is_16_9_with_a_title_slide_and_one_slide_per_section(built: Built) -> None:
    prs = _deck(built)
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(prs.slides) == len(built.deck.slides) + 1 == len(SECTIONS) + 1
    assert prs.slides[0].shapes.title.text == "Customer experience: board pack"
    kickers = [next(s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text in KICKERS)
               for slide in list(prs.slides)[1:]]  # fmt: skip
    assert kickers == KICKERS


def test_titles_state_the_finding_not_the_topic(built: Built) -> None:
    titles = {s.section: s.title for s in built.deck.slides}
    assert titles["attention"].startswith("DACH: NPS fell 19.9")
    assert titles["overview"].startswith("NPS fell 5.2 points to 35.5 (can't tell from last month)")
    assert titles["regions"].endswith("DACH fell significantly")
    assert titles["ownership"].startswith("2 touchpoints have no one accountable; 1 has two or more")
    assert "cannot be told apart on NPS with 8 regions" in titles["governance"]
    assert titles["alignment"].startswith("Leaders are red on Resourcing and Customer data sharing")
    slides = list(_deck(built).slides)[1:]
    assert [s.shapes.title.text for s in slides] == list(titles.values())


def test_no_text_on_any_slide_is_smaller_than_12_pt(built: Built) -> None:
    for number, slide in enumerate(_deck(built).slides, start=1):
        for run in _runs(slide):
            assert run.font.size is not None and run.font.size >= Pt(12), (number, run.text)


def test_trend_and_bar_charts_are_native_charts(built: Built) -> None:
    prs = _deck(built)
    regions = [s.chart for s in prs.slides[at(built, "regions")].shapes if s.has_chart]
    assert [c.chart_type for c in regions] == [XL_CHART_TYPE.BAR_CLUSTERED]
    assert list(regions[0].plots[0].categories)[:1] == ["NAE"]
    sparks = [s.chart for s in prs.slides[at(built, "overview")].shapes if s.has_chart]
    assert [c.chart_type for c in sparks] == [XL_CHART_TYPE.LINE] * 4
    assert all(len(list(c.plots[0].series[0].values)) == 12 for c in sparks)


def test_pictures_are_crisp_and_described(built: Built) -> None:
    for slide in list(_deck(built).slides)[1:]:
        for picture in (s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE):
            assert picture.image.content_type == "image/png"
            assert picture.image.size[0] / Emu(picture.width).inches >= 150
            assert picture._element.nvPicPr.cNvPr.get("descr")


def test_every_slide_has_speaker_notes_with_the_method(built: Built) -> None:
    prs = _deck(built)
    assert "Each title states the finding" in prs.slides[0].notes_slide.notes_text_frame.text
    for slide, content in zip(list(prs.slides)[1:], built.deck.slides, strict=True):
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith(PLAIN) if content.commentary else notes
        assert f"Method: {content.method}" in notes


def test_scorecard_values_are_the_overview_tiles(built: Built, sample_url: str) -> None:
    rows = _table(_deck(built).slides[at(built, "overview")])
    assert rows[0] == ["KPI", "This month", "Change", "Target", "Status", "Last 12 months"]
    with db.session(db.make_engine(sample_url)) as session:
        view = overview_view.overview(session, MONTH)
    tiles = [present.tile(k, previous_month(MONTH).strftime("%b")) for k in view.kpis[:4]]
    assert [(r[0], r[1]) for r in rows[1:]] == [(t.label.rstrip(" ✱"), t.value) for t in tiles]
    assert rows[1][2] == "-5.2 pts vs Sep, can't tell apart"
    assert [r[4] for r in rows[1:]] == ["At risk", "On target", "On target", "On target"]


def test_ownership_slide_holds_the_raci_matrix_with_its_gaps(built: Built) -> None:
    rows = _table(_deck(built).slides[at(built, "ownership")])
    assert rows[0][:3] == ["Stage", "Touchpoint", "CEO"] and rows[0][-1] == "Check"
    by_touchpoint = {r[1]: r for r in rows[1:]}
    assert len(by_touchpoint) == 14
    assert by_touchpoint["Events & webinars"][-1] == "No A"
    assert by_touchpoint["Chat support"][-1] == "2+ A"
    assert by_touchpoint["Account review"][-1] == "No R"
    assert [r[0] for r in rows[1:3]] == ["Awareness", ""]


def test_alignment_slide_is_the_rag_table_by_dimension(built: Built) -> None:
    rows = _table(_deck(built).slides[at(built, "alignment")])
    assert rows[0] == ["Dimension", "RAG", "Mean (1–5)", "Agreement (0–1)", "CEO − others"]
    assert rows[4][:4] == ["Resourcing", "Red", "2.83", "0.29 lacking"]
    assert len(rows) == 9


def test_commentary_is_plain_text_with_its_author_and_time(built: Built) -> None:
    text = _texts(_deck(built).slides[1])
    assert PLAIN in text
    assert "What we ask of the board" in text
    assert "cco, 02 Nov 2026 17:05 UTC" in text


def test_every_slide_has_the_footer_and_keeps_inside_the_page(built: Built) -> None:
    prs = _deck(built)
    for number, slide in enumerate(prs.slides, start=1):
        text = _texts(slide)
        assert "Data: October 2026 · Exported 03 Nov 2026 09:30 UTC" in text
        assert f"{number} / {len(SECTIONS) + 1}" in text
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)


def test_tables_and_charts_end_above_the_footer(built: Built) -> None:
    for number, slide in enumerate(list(_deck(built).slides)[1:], start=2):
        for shape in slide.shapes:
            if shape.has_table or shape.has_chart:
                assert shape.top + shape.height <= Inches(7.05), (number, shape.name)


def test_a_chart_beside_a_table_ends_before_it(built: Built) -> None:
    slides = list(_deck(built).slides)
    for section in ("regions", "governance"):
        shapes = slides[at(built, section)].shapes
        (chart,) = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE or s.has_chart]
        (table,) = [s for s in shapes if s.has_table]
        assert chart.left + chart.width <= table.left


def test_body_text_stays_within_60_words_a_slide(built: Built) -> None:
    for slide in built.deck.slides:
        words = " ".join([*slide.bullets, *slide.marks]).split()
        assert len(words) <= 60, (slide.section, len(words))
