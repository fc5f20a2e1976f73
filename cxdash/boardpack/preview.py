"""How the Board pack page shows a slide: its figures as a small table, marked as the deck marks them, and its look
when presenting."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from cxdash.boardpack.slide import Note, Slide, Table
from cxdash.present import escape_markdown

MUTED_TEXT = "color: #6e6e6e"
# Static text only: presenting hides the sidebar, header and any banner (the demo notice included: the slide is
# all the room shows), keeps the slide within one screen and enlarges the type.
PRESENTING_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stElementContainer"]:has([data-testid="stAlert"]) {
  display: none !important;
}
[data-testid="stMainBlockContainer"] {max-width: 100% !important; padding: 0.75rem 2.5rem !important;}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li, [data-testid="stText"],
[data-testid="stTable"] td, [data-testid="stTable"] th {font-size: 1.3rem !important;}
h1 {font-size: 2.4rem !important; padding-top: 0 !important;}
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


def grid_frame(table: Table, markdown: bool = True) -> pd.DataFrame:
    """A slide's table as the page shows it: its header and cell text (escaped when drawn as Markdown, as
    st.table does; st.dataframe shows text as it is), sparklines as lists."""
    keep = escape_markdown if markdown else str
    rows = [[keep(c.text) for c in row] for row in table.rows]
    frame = pd.DataFrame(rows, columns=[keep(h) for h in table.header])
    if table.sparks:
        frame[frame.columns[-1]] = [[v for v in spark if v is not None] for spark in table.sparks]
    return frame


def grid_styles(table: Table) -> list[list[str]]:
    """Each cell's CSS as on the slide: its fill, bold, grey for small samples."""
    return [
        [
            "; ".join(
                part
                for part in (
                    f"background-color: #{c.fill}" if c.fill else "",
                    "font-weight: 600" if c.bold else "",
                    MUTED_TEXT if c.muted else "",
                )
                if part
            )
            for c in row
        ]
        for row in table.rows
    ]


def side_by_side(slide: Slide) -> bool:
    """Chart and figures side by side, as on the slide; small multiples need the page's full width, so their
    figures go below them (a fixed-width facet chart would otherwise run over the figures)."""
    visual = slide.native is not None or (slide.chart is not None and "facet" not in slide.chart)
    return visual and (bool(slide.figures) or slide.table is not None)


def own_note(slide: Slide, region: str | None) -> Note | None:
    """The commentary of this slide in the given scope (company-wide when ``region`` is None), if any."""
    return next((n for n in slide.commentary if n.region == region), None)
