"""Customer comments beside a region's figures (the Regions page): paged, and refused with a sentence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlmodel import Session

from cxdash import db
from cxdash.permissions import Actor
from cxdash.queries.comments import PAGE_SIZE
from cxdash.views.comments import comments

START, END = date(2025, 11, 1), date(2026, 10, 1)


@pytest.fixture
def session(sample_url: str) -> Iterator[Session]:
    engine = db.make_engine(sample_url)
    with db.session(engine) as s:
        yield s
    engine.dispose()


def test_pages_run_newest_first_and_a_page_past_the_end_shows_the_last(session: Session) -> None:
    admin = Actor("a", "admin")
    first = comments(session, admin, "DACH", START, END, 0)
    assert first.refusal is None and first.total > PAGE_SIZE and len(first.table) == PAGE_SIZE
    assert list(first.table.columns) == ["Date", "Touchpoint", "Channel", "NPS", "Comment"]
    assert first.caption == f"Comments 1–{PAGE_SIZE} of {first.total:,}, newest first."
    beyond = comments(session, admin, "DACH", START, END, first.pages + 3)
    assert beyond.page == first.pages - 1
    assert len(beyond.table) == first.total - PAGE_SIZE * (first.pages - 1)
    assert beyond.table["Date"].max() <= first.table["Date"].min()


@pytest.mark.parametrize(
    ("actor", "sentence"),
    [
        (Actor("m", "regional_manager", region="DACH"), "your own region (DACH) only"),
        (Actor("v", "viewer"), "Your role does not include customer comments."),
    ],
)
def test_those_who_may_not_read_a_region_get_a_sentence_and_no_rows(
    session: Session, actor: Actor, sentence: str
) -> None:
    view = comments(session, actor, "NAE", START, END, 0)
    assert view.refusal is not None and sentence in view.refusal
    assert view.table.empty and view.total == 0


def test_a_regional_manager_reads_their_own_region(session: Session) -> None:
    view = comments(session, Actor("m", "regional_manager", region="DACH"), "DACH", START, END, 0)
    assert view.refusal is None and view.total > 0
