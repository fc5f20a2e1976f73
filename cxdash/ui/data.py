"""The database as pages see it: one engine per URL (sample data on first start), reads cached per data version."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from streamlit.runtime.scriptrunner import get_script_run_ctx

from cxdash import db, ingest, queries
from cxdash.views import overview as overview_view

log = logging.getLogger("cxdash")
SAMPLE_DIR = Path(__file__).resolve().parent.parent.parent / "sample_data"
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


# Bumped by every ORM flush in this process. Every write records an import batch or an audit event through the
# session, so a flush is how a write within a page's own run shows itself.
_flushes = [0]
# Per script thread: the data version read in its current run, as (the run's cursor map, flushes then, URL, version).
_seen = threading.local()


@event.listens_for(Session, "after_flush")
def _count_flush(*_: Any) -> None:
    _flushes[0] += 1


def _version(url: str) -> tuple[int, int]:
    """The data version, read once per script run: a page with a dozen cached reads (say, one per attention item)
    asked the database a dozen times per click. Streamlit gives every run a new cursor map, so holding the map
    proves the run is the same; a write in between (a flush) reads it again."""
    ctx = get_script_run_ctx(suppress_warning=True)
    run = ctx.cursors if ctx is not None else None
    last = getattr(_seen, "last", None)
    if run is not None and last is not None and last[0] is run and last[1:3] == (_flushes[0], url):
        return last[3]  # type: ignore[no-any-return]
    with db.session(engine()) as session:
        version = queries.data_version(session)
    _seen.last = (run, _flushes[0], url, version) if run is not None else None
    return version


def cached(name: str, fn: Callable[..., T], *args: Any) -> T:
    """Run a read for the current database, cached until the data changes."""
    url = db.database_url()
    return _cached_call(url, _version(url), name, fn, args)  # type: ignore[no-any-return]


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_call(url: str, version: tuple[int, int], name: str, _fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    with db.session(engine()) as session:
        return _fn(session, *args)


def overview(month: date) -> overview_view.OverviewView:
    return cached("overview", overview_view.overview, month)


def months() -> list[date]:
    return cached("months", queries.months_with_data)


def no_data_message() -> None:
    """What to do when the database holds no responses yet."""
    st.info(
        "There is no survey data yet. Load the sample with `python -m cxdash load sample_data`, "
        "or import your own files with `python -m cxdash import responses FILE`."
    )
