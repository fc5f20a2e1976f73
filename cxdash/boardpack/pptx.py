"""The board pack as a 16:9 PowerPoint deck: native text and tables for the figures, charts as crisp pictures."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from cxdash.boardpack import images
from cxdash.boardpack.layout import (
    ACCENT,
    BYLINE_PT,
    FOOTER_PT,
    HEIGHT,
    KICKER_PT,
    MARKS_PT,
    MUTED,
    PANEL,
    TEXT,
    TITLE_PT,
    WIDTH,
    Box,
    figures_height,
    layout,
    lines,
    rgb,
    row_heights,
    text_height,
)
from cxdash.boardpack.pptx_charts import native_chart, sparkline
from cxdash.boardpack.slide import Cell, Deck, Slide, Table, plain

TITLE_ONLY, TITLE_SLIDE = 5, 0
HEADER = ("Figure", "Value", "Note")


def _color(hex_color: str) -> RGBColor:
    return RGBColor(*rgb(hex_color))  # type: ignore[no-untyped-call]  # python-pptx leaves it unannotated


def _place(shape: Any, box: Box) -> None:
    shape.left, shape.top = Inches(box.left), Inches(box.top)
    shape.width, shape.height = Inches(box.width), Inches(box.height)


def _style(run: Any, pt: float, color: str = TEXT, bold: bool = False, italic: bool = False) -> None:
    run.font.size = Pt(pt)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = _color(color)


def _paragraphs(frame: Any, texts: Sequence[tuple[str, float, str, bool]], space: float = 4) -> None:
    """Fill a text frame with (text, size, colour, italic) paragraphs, as plain text."""
    frame.word_wrap = True
    for i, (text, pt, color, italic) in enumerate(texts):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(space)
        run = para.add_run()
        run.text = plain(text)
        _style(run, pt, color, italic=italic)


def _text(slide: Any, box: Box, texts: Sequence[tuple[str, float, str, bool]], align: Any = PP_ALIGN.LEFT) -> Any:
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    _paragraphs(shape.text_frame, texts)
    for para in shape.text_frame.paragraphs:
        para.alignment = align
    return shape


def _title(slide: Any, text: str, box: Box, pt: float = TITLE_PT) -> None:
    shape = slide.shapes.title
    _place(shape, box)
    shape.text_frame.text = plain(text)
    shape.text_frame.word_wrap = True
    para = shape.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    _style(para.runs[0], pt, TEXT, bold=True)
    bar = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(box.left), Inches(box.top + box.height), Inches(1.2), Inches(0.06)
    )
    _fill(bar, ACCENT)


def _fill(shape: Any, color: str) -> None:
    shape.fill.solid()
    shape.fill.fore_color.rgb = _color(color)
    shape.line.fill.background()


def _footer(slide: Any, deck: Deck, exported_at: datetime, number: int, total: int, box: Box) -> None:
    _text(slide, box, [(deck.footer(exported_at), FOOTER_PT, MUTED, False)])
    _text(slide, box, [(f"{number} / {total}", FOOTER_PT, MUTED, False)], align=PP_ALIGN.RIGHT)


def _figures(slide: Any, content: Slide, box: Box, pt: int, columns: tuple[float, float, float]) -> None:
    """The key figures as a native table: figure, value (bold), note; small samples in grey."""
    rows = len(content.figures) + 1
    height = min(figures_height(content, box.width, pt), box.height)
    shape = slide.shapes.add_table(rows, 3, Inches(box.left), Inches(box.top), Inches(box.width), Inches(height))
    table = shape.table
    for column, share in zip(table.columns, columns, strict=True):
        column.width = Inches(box.width * share)
    cells = [HEADER, *((f.label, f.value, f.note) for f in content.figures)]
    for r, values in enumerate(cells):
        muted = r > 0 and content.figures[r - 1].muted
        wrapped = max(
            lines(values[0], box.width * columns[0] - 0.1, pt), lines(values[2], box.width * columns[2] - 0.1, pt)
        )
        table.rows[r].height = Inches(text_height(1 if r == 0 else wrapped, pt) + 0.12)
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            cell.margin_left = cell.margin_right = Inches(0.05)
            cell.text_frame.word_wrap = True
            para = cell.text_frame.paragraphs[0]
            run = para.add_run()
            run.text = plain(value)
            color = "FFFFFF" if r == 0 else (MUTED if muted else TEXT)
            _style(run, pt, color, bold=r == 0 or c == 1)
            _fill_cell(cell, ACCENT if r == 0 else ("FFFFFF" if r % 2 else PANEL))


def _grid(slide: Any, grid: Table, box: Box, pt: int) -> None:
    """A slide's table as a native table: header in the accent colour, cells filled as the section asks,
    small samples in grey; a row's sparkline is a native line chart over its last cell."""
    heights = row_heights(grid, box.width, pt)
    shape = slide.shapes.add_table(
        len(grid.rows) + 1, len(grid.header), Inches(box.left), Inches(box.top), Inches(box.width), Inches(sum(heights))
    )
    table = shape.table
    widths = [box.width * w / sum(grid.widths) for w in grid.widths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)
    for r, height in enumerate(heights):
        table.rows[r].height = Inches(height)
    for r, cells in enumerate([tuple(Cell(t) for t in grid.header), *grid.rows]):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            cell.margin_left = cell.margin_right = Inches(0.05)
            cell.text_frame.word_wrap = True
            run = cell.text_frame.paragraphs[0].add_run()
            run.text = plain(value.text)
            color = "FFFFFF" if r == 0 else (MUTED if value.muted else TEXT)
            _style(run, pt, color, bold=r == 0 or value.bold)
            fill = ACCENT if r == 0 else value.fill or ("FFFFFF" if r % 2 else PANEL)
            _fill_cell(cell, fill)
            if r == 0 and grid.vertical:
                cell._tc.get_or_add_tcPr().set("vert", "vert270")
    top = box.top + heights[0]
    for row, values, height in zip(grid.rows, grid.sparks, heights[1:], strict=False):
        left = box.left + sum(widths[:-1])
        sparkline(slide, values, Box(left + 0.03, top + 0.03, widths[-1] - 0.06, height - 0.06), row[0].text)
        top += height


def _fill_cell(cell: Any, color: str) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = _color(color)


def _chart(slide: Any, content: Slide, box: Box) -> None:
    assert content.chart is not None
    picture = images.png(content.chart, box)
    width, height = _png_size(picture)
    scale = images.PNG_SCALE * 72
    place = images.fit(width / scale, height / scale, box)
    shape = slide.shapes.add_picture(
        io.BytesIO(picture), Inches(place.left), Inches(place.top), Inches(place.width), Inches(place.height)
    )
    shape._element.nvPicPr.cNvPr.set("descr", plain(content.chart_title))


def _png_size(data: bytes) -> tuple[int, int]:
    """Pixel width and height from a PNG's header."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _commentary(slide: Any, content: Slide, box: Box, pt: int) -> None:
    panel = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )
    _fill(panel, PANEL)
    texts = [(content.commentary_heading, pt, ACCENT, False)] if content.commentary_heading else []
    for note in content.commentary:
        texts += [(note.text, pt, TEXT, False), (f"— {note.byline}", BYLINE_PT, MUTED, True)]
    inner = Box(box.left + 0.15, box.top + 0.05, box.width - 0.3, box.height - 0.1)
    _text(slide, inner, texts)


def _section(prs: Any, deck: Deck, content: Slide, exported_at: datetime, number: int, total: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    boxes = layout(content)
    _title(slide, content.title, boxes.title, boxes.title_pt)
    if content.kicker:
        _text(slide, boxes.kicker, [(content.kicker.upper(), KICKER_PT, ACCENT, False)])
    if boxes.chart is not None and content.native is not None:
        native_chart(slide, content.native, boxes.chart)
    elif boxes.chart is not None:
        _chart(slide, content, boxes.chart)
    if boxes.table is not None and content.table is not None:
        _grid(slide, content.table, boxes.table, boxes.table_pt)
    if boxes.figures is not None:
        _figures(slide, content, boxes.figures, boxes.figures_pt, boxes.columns)
    if boxes.bullets is not None:
        _text(slide, boxes.bullets, [(f"•  {b}", boxes.bullets_pt, TEXT, False) for b in content.bullets])
    if boxes.commentary is not None:
        _commentary(slide, content, boxes.commentary, boxes.commentary_pt)
    if boxes.marks is not None:
        _text(slide, boxes.marks, [(m, MARKS_PT, MUTED, False) for m in content.marks])
    _footer(slide, deck, exported_at, number, total, boxes.footer)
    slide.notes_slide.notes_text_frame.text = plain(content.speaker_notes)


def _cover(prs: Any, deck: Deck, exported_at: datetime, total: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    _title(slide, deck.title, Box(0.8, 2.0, WIDTH - 1.6, 1.1), pt=40)
    subtitle = slide.placeholders[1]
    _place(subtitle, Box(0.8, 3.35, WIDTH - 1.6, 0.8))
    subtitle.text_frame.text = deck.subtitle
    subtitle.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    _style(subtitle.text_frame.paragraphs[0].runs[0], 28, ACCENT)
    agenda = [(f"{i}. {s.kicker or s.title}", 16, TEXT, False) for i, s in enumerate(deck.slides, start=2)]
    _text(slide, Box(0.8, 4.3, WIDTH - 1.6, 2.5), agenda)
    _footer(slide, deck, exported_at, 1, total, Box(0.5, 7.05, WIDTH - 1.0, 0.3))
    slide.notes_slide.notes_text_frame.text = deck.cover_notes


def render_pptx(deck: Deck, exported_at: datetime) -> bytes:
    """The deck as PPTX bytes: a title slide, then one slide per section, each with the data's month and export time."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH), Inches(HEIGHT)
    total = len(deck.slides) + 1
    _cover(prs, deck, exported_at, total)
    for number, content in enumerate(deck.slides, start=2):
        _section(prs, deck, content, exported_at, number, total)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
