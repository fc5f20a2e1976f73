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
class Slide:
    """One section for one month: title, key figures, a chart (Vega-Lite spec) or bullets, marks and commentary."""

    section: str
    title: str
    figures: tuple[Figure, ...] = ()
    chart: dict[str, Any] | None = None
    bullets: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    commentary: tuple[Note, ...] = ()

    @property
    def chart_title(self) -> str:
        """The chart's own title, used as the picture's description for screen readers."""
        if self.chart is None:
            return ""
        title = self.chart.get("title", "")
        return str(title.get("text", "") if isinstance(title, dict) else title) or self.title


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

    def footer(self, exported_at: datetime) -> str:
        """The data's month and the time of export, on every slide."""
        return f"Data: {month_label(self.month)} · Exported {exported_at:%d %b %Y %H:%M} UTC · cxdash"
