"""The board pack as a PDF without LibreOffice: pages written by fpdf2, vector charts by vl-convert, merged by pypdf."""

from __future__ import annotations

import io
from datetime import datetime

from fpdf import FPDF
from fpdf.fonts import FontFace
from pypdf import PdfReader, PdfWriter, Transformation

from cxdash.boardpack import images
from cxdash.boardpack.fonts import DeckFont, deck_font
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
    layout,
    rgb,
    row_heights,
    text_height,
)
from cxdash.boardpack.native_spec import picture
from cxdash.boardpack.pptx_charts import SERIES_COLORS
from cxdash.boardpack.slide import Deck, Slide, Table, plain

FAMILY = "deck"


class _Pages:
    """An fpdf2 document of 16:9 pages in inches, writing plain text in the deck's font."""

    def __init__(self, deck: Deck) -> None:
        self.font: DeckFont = deck_font()
        self.pdf = FPDF(orientation="L", unit="in", format=(HEIGHT, WIDTH))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        self.pdf.set_title(f"{deck.title}, {deck.subtitle}")
        self.pdf.set_creator("cxdash")
        if self.font.regular and self.font.bold:
            self.pdf.add_font(FAMILY, "", self.font.regular)
            self.pdf.add_font(FAMILY, "B", self.font.bold)
        self.family = FAMILY if self.font.regular else "helvetica"

    def text(self, box: Box, text: str, pt: float, color: str = TEXT, bold: bool = False, align: str = "L") -> None:
        """Plain text wrapped to the box's width, from its top-left corner down."""
        self.pdf.set_font(self.family, "B" if bold else "", pt)
        self.pdf.set_text_color(rgb(color))
        self.pdf.set_xy(box.left, box.top)
        self.pdf.multi_cell(box.width, text_height(1, pt), self.font.safe(plain(text)), align=align)

    def rect(self, box: Box, color: str) -> None:
        self.pdf.set_fill_color(rgb(color))
        self.pdf.rect(box.left, box.top, box.width, box.height, style="F")

    def title(self, box: Box, text: str, pt: float = TITLE_PT) -> None:
        self.text(box, text, pt, bold=True)
        self.rect(Box(box.left, box.top + box.height, 1.2, 0.06), ACCENT)

    def footer(self, deck: Deck, exported_at: datetime, number: int, total: int, box: Box) -> None:
        self.text(box, deck.footer(exported_at), FOOTER_PT, MUTED)
        self.text(box, f"{number} / {total}", FOOTER_PT, MUTED, align="R")

    def figures(self, content: Slide, box: Box, pt: int, columns: tuple[float, float, float]) -> None:
        """The key figures as a real table of text: figure, value, note; small samples in grey."""
        self.pdf.set_font(self.family, "", pt)
        self.pdf.set_text_color(rgb(TEXT))
        self.pdf.set_xy(box.left, box.top)
        self.pdf.set_left_margin(box.left)
        header = FontFace(emphasis="BOLD", color=rgb("FFFFFF"), fill_color=rgb(ACCENT))
        with self.pdf.table(
            width=box.width,
            col_widths=columns,
            align="LEFT",
            text_align="LEFT",
            line_height=text_height(1, pt),
            headings_style=header,
            borders_layout="NONE",
            padding=0.04,
        ) as table:
            table.row(["Figure", "Value", "Note"])
            for i, figure in enumerate(content.figures):
                color = rgb(MUTED if figure.muted else TEXT)
                fill = rgb(PANEL if i % 2 else "FFFFFF")
                row = table.row()
                row.cell(self.font.safe(plain(figure.label)), style=FontFace(color=color, fill_color=fill))
                row.cell(
                    self.font.safe(plain(figure.value)), style=FontFace(color=color, fill_color=fill, emphasis="BOLD")
                )
                row.cell(self.font.safe(plain(figure.note)), style=FontFace(color=color, fill_color=fill, size_pt=pt))
        self.pdf.set_left_margin(0)

    def grid(self, grid: Table, box: Box, pt: int) -> None:
        """A slide's table cell by cell, in the same rows and columns as the PPTX's, with its sparklines."""
        heights = row_heights(grid, box.width, pt)
        widths = [box.width * w / sum(grid.widths) for w in grid.widths]
        top = box.top
        header = tuple((text, ACCENT, "FFFFFF", True) for text in grid.header)
        body = [
            tuple((c.text, c.fill or ("FFFFFF" if r % 2 else PANEL), MUTED if c.muted else TEXT, c.bold) for c in row)
            for r, row in enumerate(grid.rows, start=1)
        ]
        for r, (cells, height) in enumerate(zip([header, *body], heights, strict=True)):
            left = box.left
            for (text, fill, color, bold), width in zip(cells, widths, strict=True):
                self.rect(Box(left, top, width, height), fill)
                if r == 0 and grid.vertical:
                    self._upright(text, Box(left, top, width, height), pt)
                else:
                    self.text(Box(left + 0.05, top + 0.04, width - 0.1, height), text, pt, color, bold)
                left += width
            if r and r - 1 < len(grid.sparks):
                self._spark(
                    grid.sparks[r - 1], Box(left - widths[-1] + 0.08, top + 0.08, widths[-1] - 0.16, height - 0.16)
                )
            top += height

    def _upright(self, text: str, box: Box, pt: int) -> None:
        """A header written bottom to top, as the PPTX's vertical header cells."""
        self.pdf.set_font(self.family, "B", pt)
        self.pdf.set_text_color(rgb("FFFFFF"))
        x, y = box.left + box.width / 2 + pt * 0.35 / 72, box.top + box.height - 0.08
        with self.pdf.rotation(90, x, y):
            self.pdf.text(x, y, self.font.safe(plain(text)))

    def _spark(self, values: tuple[float | None, ...], box: Box) -> None:
        """A row's trend as a polyline across its cell, the last value marked, as the PPTX's sparkline."""
        known = [(i, v) for i, v in enumerate(values) if v is not None]
        if len(known) < 2:
            return
        low, high = min(v for _, v in known), max(v for _, v in known)
        span = (high - low) or 1.0
        step = box.width / max(len(values) - 1, 1)
        points = [(box.left + i * step, box.top + box.height * (1 - (v - low) / span)) for i, v in known]
        self.pdf.set_draw_color(rgb(SERIES_COLORS[0]))
        self.pdf.set_line_width(0.02)
        self.pdf.polyline(points)
        self.pdf.set_fill_color(rgb(SERIES_COLORS[0]))
        x, y = points[-1]
        self.pdf.ellipse(x - 0.04, y - 0.04, 0.08, 0.08, style="F")

    def commentary(self, content: Slide, box: Box, pt: int) -> None:
        self.rect(box, PANEL)
        inner = Box(box.left + 0.15, box.top + 0.1, box.width - 0.3, box.height)
        if content.commentary_heading:
            self.text(inner, content.commentary_heading, pt, ACCENT, bold=True)
            inner = Box(inner.left, self.pdf.get_y() + 0.05, inner.width, inner.height)
        for note in content.commentary:
            self.text(inner, note.text, pt)
            byline = Box(inner.left, self.pdf.get_y() + 0.02, inner.width, inner.height)
            self.text(byline, f"— {note.byline}", BYLINE_PT, MUTED)
            inner = Box(inner.left, self.pdf.get_y() + 0.08, inner.width, inner.height)


def _cover(pages: _Pages, deck: Deck, exported_at: datetime, total: int) -> None:
    pages.pdf.add_page()
    pages.title(Box(0.8, 2.0, WIDTH - 1.6, 1.1), deck.title, pt=40)
    pages.text(Box(0.8, 3.35, WIDTH - 1.6, 0.8), deck.subtitle, 28, ACCENT)
    agenda = "\n".join(f"{i}. {s.kicker or s.title}" for i, s in enumerate(deck.slides, start=2))
    pages.text(Box(0.8, 4.3, WIDTH - 1.6, 2.5), agenda, 16)
    pages.footer(deck, exported_at, 1, total, Box(0.5, 7.05, WIDTH - 1.0, 0.3))


def _section(pages: _Pages, deck: Deck, content: Slide, exported_at: datetime, number: int, total: int) -> Box | None:
    """Write one section page; returns where its chart goes (drawn afterwards as vector graphics)."""
    pages.pdf.add_page()
    boxes = layout(content)
    pages.title(boxes.title, content.title, boxes.title_pt)
    if content.kicker:
        pages.text(boxes.kicker, content.kicker.upper(), KICKER_PT, ACCENT)
    if boxes.table is not None and content.table is not None:
        pages.grid(content.table, boxes.table, boxes.table_pt)
    if boxes.figures is not None:
        pages.figures(content, boxes.figures, boxes.figures_pt, boxes.columns)
    if boxes.bullets is not None:
        pages.text(boxes.bullets, "\n".join(f"•  {b}" for b in content.bullets), boxes.bullets_pt)
    if boxes.commentary is not None:
        pages.commentary(content, boxes.commentary, boxes.commentary_pt)
    if boxes.marks is not None:
        pages.text(boxes.marks, "\n".join(content.marks), MARKS_PT, MUTED)
    pages.footer(deck, exported_at, number, total, boxes.footer)
    return boxes.chart


def _draw_chart(writer: PdfWriter, index: int, chart: bytes, box: Box) -> None:
    page = PdfReader(io.BytesIO(chart)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    place = images.fit(width / 72, height / 72, box)
    scale = place.width * 72 / width
    bottom = (HEIGHT - place.top - place.height) * 72
    move = Transformation().translate(-float(page.mediabox.left), -float(page.mediabox.bottom))
    writer.pages[index].merge_transformed_page(page, move.scale(scale, scale).translate(place.left * 72, bottom))


def render_pdf(deck: Deck, exported_at: datetime) -> bytes:
    """The deck as PDF bytes: the same pages as the PPTX, with charts as vector graphics and text as text."""
    pages = _Pages(deck)
    total = len(deck.slides) + 1
    _cover(pages, deck, exported_at, total)
    charts: list[tuple[int, bytes, Box]] = []
    for number, content in enumerate(deck.slides, start=2):
        box = _section(pages, deck, content, exported_at, number, total)
        spec = picture(content)
        if box is not None and spec is not None:
            charts.append((number - 1, images.pdf(spec, box), box))
    writer = PdfWriter(clone_from=io.BytesIO(bytes(pages.pdf.output())))
    for index, chart, box in charts:
        _draw_chart(writer, index, chart, box)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
