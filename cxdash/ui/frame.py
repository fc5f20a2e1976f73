"""What every page shares: the demo banner, formula-safe tables, KPI tiles, errors as sentences, and writes that
may be refused."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy.exc import OperationalError

from cxdash import db, permissions, queries
from cxdash.present import Tile, escape_markdown
from cxdash.ui.data import engine
from cxdash.ui.heap import settle_after_first_run

log = logging.getLogger("cxdash")
UNREACHABLE = (
    "cxdash cannot reach its database right now. Check that the database is running and that DATABASE_URL is "
    "right, then reload the page."
)

# Streamlit's own "Download as CSV" on every table (and on a chart's "Show data") does not neutralise formulas
# and has no switch (streamlit/streamlit#8402): hidden app-wide; tables offer ui.download_csv instead.
# Search and fullscreen stay. KPI tiles wrap their label, value and change instead of cutting them off with an
# ellipsis (five tiles share 700 px at 1280 px), and the value's type shrinks a little on narrow windows.
# A tile's, a link's or a button's text wraps rather than ending in an ellipsis at narrow widths.
# Captions are darker than Streamlit's grey, which has 3.9:1 contrast on white where WCAG AA asks 4.5:1.
# A container keyed wide_… (a chart of fixed cell size, like the RACI matrix) scrolls sideways instead of clipping.
# Static style of ours, never user text.
APP_STYLE = """<style>
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Download as CSV"]) {display: none !important;}
[data-testid="stMetric"] .stMarkdownEllipsis, [data-testid="stMetric"] .stMarkdownEllipsis p,
[data-testid="stPageLink-NavLink"] span, [data-testid="stPageLink-NavLink"] p,
[data-testid="stPageLink-NavLink"] [data-testid="stMarkdownContainer"],
:is(.stButton, .stFormSubmitButton) .stMarkdownEllipsis, :is(.stButton, .stFormSubmitButton) .stMarkdownEllipsis p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere;
}
[data-testid="stMetricValue"] {font-size: clamp(1.5rem, 2.3vw, 2.25rem) !important;}
[data-testid="stMetricDelta"] {max-width: 100%; height: auto !important;}
[data-testid="stCaptionContainer"] {opacity: 1 !important;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {color: #5F5E5C !important;}
[class*="st-key-wide_"] {overflow-x: auto !important; max-width: 100%;}
</style>"""


def demo_banner() -> None:
    """Open demo mode: say so on every page while no user accounts exist."""
    with db.session(engine()) as session:
        users = queries.user_count(session)
    if users == 0:
        st.warning(
            "Open demo: no user accounts exist, so anyone who can reach this server can see everything. "
            "Create the first admin with `python -m cxdash users add`.",
            icon=":material/lock_open:",
        )


def kpi_tile(tile: Tile) -> None:
    st.metric(tile.label, tile.value, delta=tile.delta, delta_color=tile.delta_color, help=tile.help, border=True)  # type: ignore[arg-type]
    if tile.note:
        st.caption(tile.note)


def run_page(page: Any) -> None:
    """Run a page under the demo banner, without Streamlit's unsafe table download; a failure is logged and the user
    gets a sentence, never a traceback."""
    try:
        st.html(APP_STYLE)
        demo_banner()
        page.run()
    except OperationalError as error:
        log.exception("database error on page %s", getattr(page, "title", page))
        st.error(db.trouble(error, UNREACHABLE))
    except Exception:
        log.exception("error on page %s", getattr(page, "title", page))
        st.error(
            "Something went wrong while drawing this page. Reload it; if it happens again, "
            "tell your cxdash admin (the details are in the server log)."
        )
    settle_after_first_run(str(getattr(page, "url_path", page)))


def attempt(write: Callable[..., Any], actor: permissions.Actor, **values: Any) -> bool:
    """Run one write as ``actor`` in its own session; a refusal (PermissionDenied, a ValueError whose message
    tells the user what to do, or a busy database) is shown as that sentence, and False says nothing changed."""
    try:
        with db.session(engine()) as session:
            write(session, actor=actor, **values)
    except (ValueError, permissions.PermissionDenied) as refusal:
        st.error(escape_markdown(str(refusal)))
        return False
    except OperationalError as error:
        log.warning("write refused by the database: %s", error)
        st.error(db.trouble(error, UNREACHABLE))
        return False
    return True
