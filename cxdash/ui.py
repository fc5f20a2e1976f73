"""The Streamlit edge: cached engine, first-start sample load, filters, shared widgets.

This is the only module of the package that imports streamlit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from cxdash import db, ingest, permissions, queries
from cxdash.present import Tile, month_label
from cxdash.views import overview as overview_view

log = logging.getLogger("cxdash")
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
T = TypeVar("T")


@st.cache_resource(show_spinner="Preparing the database…")
def _engine(url: str, fill_with_sample: bool) -> Engine:
    engine = db.make_engine(url)
    if fill_with_sample:
        with db.session(engine) as session:
            empty = queries.is_empty(session)
        if empty and SAMPLE_DIR.is_dir():
            log.info("empty embedded database: loading sample data from %s", SAMPLE_DIR)
            ingest.load_dir(engine, SAMPLE_DIR, username="first-start")
    return engine


def engine() -> Engine:
    """The engine for DATABASE_URL, cached per URL; the embedded default starts with sample data."""
    return _engine(db.database_url(), not db.is_configured())


def cached(name: str, fn: Callable[..., T], *args: Any) -> T:
    """Run a read for the current database, cached until the data changes."""
    url = db.database_url()
    with db.session(engine()) as session:
        version = queries.data_version(session)
    return _cached_call(url, version, name, fn, args)  # type: ignore[no-any-return]


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_call(url: str, version: tuple[int, int], name: str, _fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    with db.session(engine()) as session:
        return _fn(session, *args)


def overview(month: date) -> overview_view.OverviewView:
    return cached("overview", overview_view.overview, month)


def months() -> list[date]:
    return cached("months", queries.months_with_data)


def month_picker(key: str = "month") -> date | None:
    """Sidebar month picker kept in the URL; defaults to the latest month with data."""
    available = months()
    if not available:
        return None
    wanted = st.query_params.get(key)
    labels = [m.strftime("%Y-%m") for m in available]
    index = labels.index(wanted) if wanted in labels else len(labels) - 1
    chosen = st.sidebar.selectbox(
        "Month",
        labels,
        index=index,
        key=f"filter_{key}",
        format_func=lambda s: month_label(date.fromisoformat(s + "-01")),
    )
    st.query_params[key] = chosen
    return date.fromisoformat(chosen + "-01")


def no_data_message() -> None:
    """What to do when the database holds no responses yet."""
    st.info(
        "There is no survey data yet. Load the sample with `python -m cxdash load sample_data`, "
        "or import your own files with `python -m cxdash import responses FILE`."
    )


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
    """Run a page under the demo banner; a failure is logged and the user gets a sentence, never a traceback."""
    try:
        demo_banner()
        page.run()
    except OperationalError:
        log.exception("database error on page %s", getattr(page, "title", page))
        st.error(
            "cxdash cannot reach its database right now. Check that the database is running and that "
            "DATABASE_URL is right, then reload the page."
        )
    except Exception:
        log.exception("error on page %s", getattr(page, "title", page))
        st.error(
            "Something went wrong while drawing this page. Reload it; if it happens again, "
            "tell your cxdash admin (the details are in the server log)."
        )


def current_actor() -> permissions.Actor:
    """The person using this session; in open demo mode (no users) everyone acts as an admin."""
    return permissions.DEMO_ACTOR
