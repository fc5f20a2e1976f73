"""What a board pack holds: slides built from the same views and charts the pages draw."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cxdash.present import month_label

# Control characters have no place in plain text and are not allowed in the deck's XML; newlines and tabs stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def plain(text: str) -> str:
    """Text as the deck writes it: Unix newlines and no control characters (never markup of any kind)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class Figure:
    """One key figure as the deck writes it: what, how much, and what to bear in mind (muted: a small sample)."""

    label: str
    value: str
    note: str = ""
    muted: bool = False


@dataclass(frozen=True)
class Note:
    """A section's commentary for a month, company-wide (no region) or for one region, as last saved."""

    section: str
    region: str | None
    text: str
    author: str
    at: datetime

    @property
    def byline(self) -> str:
        """Who wrote it and when, for the slide and the page."""
        scope = f"{self.region}, " if self.region else ""
        return f"{scope}{self.author}, {self.at:%d %b %Y %H:%M} UTC"


@dataclass(frozen=True)
class Cell:
    """One cell of a slide's table: its text, an optional fill (RRGGBB), bold or grey (a small sample)."""

    text: str
    fill: str | None = None
    bold: bool = False
    muted: bool = False


@dataclass(frozen=True)
class Table:
    """A grid of text the deck writes as a native table: a header, rows, column shares of the width.

    ``sparks`` (when given) holds one series per row, drawn as a small line in the last column; a ``vertical``
    header reads bottom to top, so that many narrow columns keep 12-pt headings."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    sparks: tuple[tuple[float | None, ...], ...] = ()
    vertical: bool = False


@dataclass(frozen=True)
class NativeChart:
    """A bar, column or line chart the PPTX holds as an editable chart (and the PDF and page draw alike)."""

    kind: str  # "bar" (horizontal), "column" or "line"
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    number_format: str = "0.0"
    axis_title: str = ""


@dataclass(frozen=True)
class Slide:
    """One slide for one month: the finding as its title under a topic kicker, and figures, a table, a chart
    (Vega-Lite picture or native chart) or bullets, marks, commentary and the speaker's method note."""

    section: str
    title: str
    figures: tuple[Figure, ...] = ()
    chart: dict[str, Any] | None = None
    bullets: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    commentary: tuple[Note, ...] = ()
    kicker: str = ""
    table: Table | None = None
    native: NativeChart | None = None
    method: str = ""
    commentary_heading: str = ""

    @property
    def chart_title(self) -> str:
        """The chart's own title, used as the picture's description for screen readers."""
        if self.chart is None:
            return ""
        title = self.chart.get("title", "")
        return str(title.get("text", "") if isinstance(title, dict) else title) or self.title

    @property
    def speaker_notes(self) -> str:
        """What the presenter reads: the commentary (with its byline), then how the figures were made."""
        parts = [f"{n.text}\n— {n.byline}" for n in self.commentary]
        parts += [m for m in self.marks if m]
        if self.method:
            parts.append(f"Method: {self.method}")
        return "\n\n".join(parts) or self.title


@dataclass(frozen=True)
class Deck:
    """The board pack of one month: a title slide (drawn by the renderers) and one slide per chosen section."""

    month: date
    slides: tuple[Slide, ...]

    @property
    def title(self) -> str:
        return "Customer experience: board pack"

    @property
    def subtitle(self) -> str:
        return month_label(self.month)

    @property
    def cover_notes(self) -> str:
        """The title slide's speaker notes: what the deck holds and how to read it."""
        return (
            f"Board pack for {self.subtitle}: {len(self.slides)} slides. Each title states the finding; the small "
            "line above it names the topic. Figures follow the app's rules: 95% intervals, changes tested and "
            "corrected for multiple testing, fewer than 30 responses muted, fewer than 5 hidden."
        )

    def footer(self, exported_at: datetime) -> str:
        """The data's month and the time of export, on every slide."""
        return f"Data: {month_label(self.month)} · Exported {exported_at:%d %b %Y %H:%M} UTC · cxdash"
