"""Where things go on a 16:9 slide, in inches, shared by the PPTX and the PDF so both show the same page."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from cxdash.boardpack.slide import Slide, Table

WIDTH, HEIGHT = 13.333, 7.5
MARGIN = 0.5
CONTENT = WIDTH - 2 * MARGIN
KICKER_TOP, TITLE_TOP, TITLE_HEIGHT = 0.3, 0.62, 0.95
BODY_TOP = 1.8
FOOTER_TOP = 7.05
GAP = 0.15
# Nothing on a slide is smaller than READABLE_PT: the back row of a board room reads 12 pt on a projector.
READABLE_PT = 12
TITLE_PT, KICKER_PT, FOOTER_PT, MARKS_PT, BYLINE_PT = 28, 14, 12, 12, 12
TITLE_PTS = (28, 24, 22, 20)
# Okabe-Ito blue (the app's primary colour), near-black text, a grey that keeps 4.5:1 on white, a light panel.
ACCENT, TEXT, MUTED, PANEL = "0072B2", "222222", "6E6E6E", "F2F4F7"
# Widest a figures column grows (characters) before its text wraps, and the narrowest it gets.
_COLUMN_CHARS = ((8, 18), (6, 9), (14, 34))
_CELL_PAD = 0.1
# Inches the commentary panel may take, its type sizes, and the smallest type the figures keep if they can.
COMMENTARY_ROOM = 2.4
COMMENTARY_PTS = (16, 14, 12)


def rgb(hex_color: str) -> tuple[int, int, int]:
    """An RRGGBB colour as an (r, g, b) tuple."""
    return int(hex_color[0:2], 16), int(hex_color[2:4], 16), int(hex_color[4:6], 16)


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Layout:
    """Boxes of one section slide (a part the slide does not have gets none), with the type sizes that fit."""

    title: Box
    kicker: Box
    title_pt: int
    table: Box | None
    table_pt: int
    footer: Box
    marks: Box | None
    commentary: Box | None
    chart: Box | None
    figures: Box | None
    bullets: Box | None
    columns: tuple[float, float, float]
    commentary_pt: int
    figures_pt: int
    bullets_pt: int


def lines(text: str, width: float, pt: float) -> int:
    """Lines a text needs at ``pt`` points in a box ``width`` inches wide (a generous estimate)."""
    per_line = max(int(width * 72 / (pt * 0.52)), 1)
    return sum(max(math.ceil(len(part) / per_line), 1) for part in text.split("\n"))


def text_height(count: int, pt: float) -> float:
    """Inches taken by ``count`` lines at ``pt`` points."""
    return count * pt * 1.25 / 72


def _fit(options: tuple[int, ...], fits: Callable[[int], bool]) -> int:
    """The largest type size in ``options`` that fits (the smallest when none does)."""
    return next((pt for pt in options if fits(pt)), options[-1])


def _column_inches(slide: Slide, pt: int = 14) -> tuple[float, float, float]:
    """Inches each figures column wants for its longest text, within the column's limits (value in bold)."""
    texts = [(f.label, f.value, f.note) for f in slide.figures] + [("Figure", "Value", "Note")]
    chars = [min(max(max(len(row[i]) for row in texts), low), high) for i, (low, high) in enumerate(_COLUMN_CHARS)]
    sizes = ((pt, 0.65), (pt, 0.8), (pt, 0.6))
    label, value, note = (n * size * em / 72 + _CELL_PAD for n, (size, em) in zip(chars, sizes, strict=True))
    return label, value, note


def column_widths(slide: Slide, width: float) -> tuple[float, float, float]:
    """Shares of a figures table ``width`` inches wide: figure and value as wide as they want, the note the rest."""
    label, value, _ = _column_inches(slide)
    note = max(width - label - value, 1.2)
    total = label + value + note
    return label / total, value / total, note / total


def figures_width(slide: Slide) -> float:
    """Inches the figures table wants beside a chart: enough for its text, between 3.2 and 5.2 inches."""
    return min(max(sum(_column_inches(slide)), 3.2), 5.2)


def figures_height(slide: Slide, width: float, pt: int) -> float:
    """Inches the figures table takes: a header row and each figure's wrapped label and note."""
    shares = column_widths(slide, width)
    rows = [
        max(lines(f.label, width * shares[0] - _CELL_PAD, pt), lines(f.note, width * shares[2] - _CELL_PAD, pt))
        for f in slide.figures
    ]
    return text_height(1, pt) + 0.12 + sum(text_height(n, pt) + 0.12 for n in rows)


def _commentary_height(slide: Slide, pt: int) -> float:
    """Inches the commentary panel takes at ``pt`` points: every note with its byline, and padding."""
    body = sum(text_height(lines(n.text, CONTENT - 0.3, pt), pt) for n in slide.commentary)
    heading = text_height(1, pt) + 0.05 if slide.commentary_heading else 0.0
    return heading + body + len(slide.commentary) * (text_height(1, BYLINE_PT) + 0.1) + 0.2


def row_heights(table: Table, width: float, pt: int) -> list[float]:
    """Inches each row of a table takes at ``pt`` points (header first): as tall as its most wrapped cell,
    and tall enough for a sparkline where the table has them."""
    shares = [w / sum(table.widths) for w in table.widths]
    rows = [table.header, *(tuple(c.text for c in row) for row in table.rows)]
    least = 0.55 if table.sparks else 0.0
    # Table text is often bold: measured wider than running text, so a cell never wraps more than planned.
    wide = pt * 1.35
    heights = [
        max(
            text_height(
                max(lines(t, width * share - _CELL_PAD, wide) for t, share in zip(row, shares, strict=True)), pt
            )
            + 0.06,
            least if i else 0.0,
        )
        for i, row in enumerate(rows)
    ]
    if table.vertical:
        heights[0] = max(len(t) for t in table.header) * pt * 0.6 / 72 + 0.12
    return heights


def table_height(table: Table, width: float, pt: int) -> float:
    """Inches a table takes at ``pt`` points."""
    return sum(row_heights(table, width, pt))


def title_pt(title: str) -> int:
    """The largest title size at which the finding fits its two lines."""
    return _fit(TITLE_PTS, lambda pt: text_height(lines(title, CONTENT, pt), pt) <= TITLE_HEIGHT)


def _arrange(slide: Slide, marks_top: float, marks_h: float, commentary_pt: int) -> Layout:
    """The boxes of a section slide with its commentary at ``commentary_pt``; the body takes the room above.

    A chart (picture or native) goes left of the figures or table when a slide has both, else takes the body."""
    commentary_h = min(_commentary_height(slide, commentary_pt), COMMENTARY_ROOM) if slide.commentary else 0.0
    commentary_top = marks_top - (commentary_h + GAP if commentary_h else 0.0)
    body = Box(MARGIN, BODY_TOP, CONTENT, commentary_top - GAP - BODY_TOP)
    chart = figures = table = bullets = None
    visual = slide.chart is not None or slide.native is not None
    if visual and (slide.figures or slide.table):
        side = figures_width(slide) if slide.figures else CONTENT * 0.6
        chart = Box(MARGIN, BODY_TOP, CONTENT - side - 0.3, body.height)
        block = Box(MARGIN + CONTENT - side, BODY_TOP, side, body.height)
        figures, table = (block, None) if slide.figures else (None, block)
    elif visual:
        chart = body
    elif slide.figures:
        figures = body
    elif slide.table is not None:
        table = body
    figures_pt = table_pt = 14
    if figures is not None:
        room = figures
        figures_pt = _fit((14, 13, 12), lambda pt: figures_height(slide, room.width, pt) <= room.height)
    if table is not None and slide.table is not None:
        grid, space = slide.table, table
        table_pt = _fit((14, 13, 12), lambda pt: table_height(grid, space.width, pt) <= space.height)
    text = "\n".join(slide.bullets)
    bullets_pt = _fit(
        (20, 18, 16, 14, 12), lambda pt: text_height(lines(text, CONTENT - 0.4, pt), pt) * 1.3 <= body.height
    )
    if slide.bullets:
        bullets = body
    return Layout(
        title=Box(MARGIN, TITLE_TOP, CONTENT, TITLE_HEIGHT),
        kicker=Box(MARGIN, KICKER_TOP, CONTENT, 0.3),
        title_pt=title_pt(slide.title),
        table=table,
        table_pt=table_pt,
        footer=Box(MARGIN, FOOTER_TOP, CONTENT, 0.3),
        marks=Box(MARGIN, marks_top, CONTENT, marks_h) if slide.marks else None,
        commentary=Box(MARGIN, commentary_top, CONTENT, commentary_h) if slide.commentary else None,
        chart=chart,
        figures=figures,
        bullets=bullets,
        columns=column_widths(slide, figures.width if figures else CONTENT),
        commentary_pt=commentary_pt,
        figures_pt=figures_pt,
        bullets_pt=bullets_pt,
    )


def layout(slide: Slide) -> Layout:
    """The boxes of a section slide: marks over the footer, commentary over the marks, the body above.

    Commentary takes the largest type that fits its room and still leaves the figures and bullets readable
    (the figures at READABLE_PT or more); when none does, the smallest."""
    marks_h = sum(text_height(lines(m, CONTENT, MARKS_PT), MARKS_PT) for m in slide.marks)
    marks_top = FOOTER_TOP - GAP - marks_h
    sizes = [pt for pt in COMMENTARY_PTS if _commentary_height(slide, pt) <= COMMENTARY_ROOM] or [COMMENTARY_PTS[-1]]
    for pt in sizes if slide.commentary else [COMMENTARY_PTS[1]]:
        arranged = _arrange(slide, marks_top, marks_h, pt)
        if (arranged.figures is None or arranged.figures_pt >= 13) and (
            arranged.bullets is None or arranged.bullets_pt >= 14
        ):
            break
    return arranged
