"""How the Board pack page shows a slide: its figures as a small table, marked as the deck marks them, and its look
when presenting."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from cxdash.boardpack.slide import Note, Slide
from cxdash.present import escape_markdown

MUTED_TEXT = "color: #8a8a8a"
# Static text only: presenting hides the sidebar and header and enlarges the type.
PRESENTING_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {
  display: none !important;
}
[data-testid="stMainBlockContainer"] {max-width: 100% !important; padding: 1.5rem 3rem !important;}
[data-testid="stMarkdownContainer"] p, [data-testid="stText"], [data-testid="stTable"] td,
[data-testid="stTable"] th {font-size: 1.45rem !important;}
h1 {font-size: 3.4rem !important;} h2 {font-size: 2.6rem !important;}
</style>"""


def figures_table(slide: Slide) -> Styler:
    """Figure, value and note per row, escaped for a Markdown table, small samples greyed as in the deck."""
    frame = pd.DataFrame(
        {
            "Figure": [escape_markdown(f.label) for f in slide.figures],
            "Value": [escape_markdown(f.value) for f in slide.figures],
            "Note": [escape_markdown(f.note) for f in slide.figures],
        }
    )
    grey = [f.muted for f in slide.figures]

    def style(row: pd.Series) -> list[str]:
        return [MUTED_TEXT if grey[int(str(row.name))] else "" for _ in row]

    return frame.style.apply(style, axis=1).hide(axis="index")


def side_by_side(slide: Slide) -> bool:
    """Chart and figures side by side, as on the slide; small multiples need the page's full width, so their
    figures go below them (a fixed-width facet chart would otherwise run over the figures)."""
    return slide.chart is not None and bool(slide.figures) and "facet" not in slide.chart


def own_note(slide: Slide, region: str | None) -> Note | None:
    """The commentary of this slide in the given scope (company-wide when ``region`` is None), if any."""
    return next((n for n in slide.commentary if n.region == region), None)
