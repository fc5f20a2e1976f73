"""Commentary per section and month: who may write it, what is stored, and what is refused (changing nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash import commentary, db
from cxdash.commentary import CommentaryError
from cxdash.models import AuditEvent, Commentary, Region
from cxdash.permissions import Actor, PermissionDenied

OCT = date(2026, 10, 1)
CCO = Actor("cco", "cco")
CFO = Actor("cfo", "executive")
NORTH_MANAGER = Actor("nm", "regional_manager", region="NORTH")
BOARD = Actor("board", "viewer")


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A database with regions NORTH and SOUTH; the session is closed before the tables are emptied."""
    with db.session(engine) as s:
        s.add_all([Region(code="NORTH", name="North"), Region(code="SOUTH", name="South")])
        s.commit()
        yield s


def _stored(session: Session) -> list[tuple[str, str, str]]:
    return [(c.section, c.text, c.author) for c in session.exec(select(Commentary)).all()]


def test_saving_stores_text_author_and_time_and_audits_it(session: Session) -> None:
    note = commentary.save(session, actor=CCO, month=OCT, section="overview", text="  NPS held up.\r\n")
    assert note is not None and note.text == "NPS held up." and note.author == "cco"
    assert commentary.notes(session, OCT) == [note]
    (event,) = session.exec(select(AuditEvent)).all()
    assert (event.action, event.entity, event.key, event.username) == (
        "create",
        "commentary",
        "2026-10/overview/company",
        "cco",
    )


def test_editing_from_the_current_version_replaces_the_text(session: Session) -> None:
    first = commentary.save(session, actor=CCO, month=OCT, section="overview", text="Draft")
    assert first is not None
    second = commentary.save(session, actor=CFO, month=OCT, section="overview", text="Final", expected_at=first.at)
    assert second is not None and second.at > first.at
    assert _stored(session) == [("overview", "Final", "cfo")]


def test_a_save_over_someone_elses_newer_text_is_refused(session: Session) -> None:
    first = commentary.save(session, actor=CCO, month=OCT, section="overview", text="Mine")
    assert first is not None
    commentary.save(session, actor=CFO, month=OCT, section="overview", text="Theirs", expected_at=first.at)
    with pytest.raises(CommentaryError, match="cfo changed this commentary"):
        commentary.save(session, actor=CCO, month=OCT, section="overview", text="Mine again", expected_at=first.at)
    with pytest.raises(CommentaryError, match="after you opened it"):
        commentary.save(session, actor=CCO, month=OCT, section="overview", text="Mine again")
    assert _stored(session) == [("overview", "Theirs", "cfo")]


def test_a_save_over_commentary_removed_since_is_refused(session: Session) -> None:
    first = commentary.save(session, actor=CCO, month=OCT, section="overview", text="Mine")
    assert first is not None
    commentary.save(session, actor=CFO, month=OCT, section="overview", text="", expected_at=first.at)
    with pytest.raises(CommentaryError, match="removed after you opened it"):
        commentary.save(session, actor=CCO, month=OCT, section="overview", text="Mine again", expected_at=first.at)
    assert _stored(session) == []


def test_a_viewer_may_not_write_commentary(session: Session) -> None:
    with pytest.raises(PermissionDenied, match="viewer"):
        commentary.save(session, actor=BOARD, month=OCT, section="overview", text="Looks fine")
    assert _stored(session) == []


def test_a_regional_manager_writes_only_their_own_regions_commentary(session: Session) -> None:
    assert commentary.scope_for(NORTH_MANAGER) == "NORTH" and commentary.scope_for(CCO) is None
    note = commentary.save(session, actor=NORTH_MANAGER, month=OCT, section="regions", text="North", region="NORTH")
    assert note is not None and note.region == "NORTH" and note.byline.startswith("NORTH, nm, ")
    for region in ("SOUTH", None):
        with pytest.raises(PermissionDenied):
            commentary.save(session, actor=NORTH_MANAGER, month=OCT, section="regions", text="x", region=region)
    assert _stored(session) == [("regions", "North", "nm")]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"section": "finance"}, "no board-pack section"),
        ({"region": "WEST"}, "no region"),
        ({"text": "x" * (commentary.MAX_LENGTH + 1)}, "1,000 characters"),
        ({"text": " \n "}, "Nothing to save"),
        ({"month": date(2026, 10, 15)}, "whole month"),
    ],
)
def test_bad_input_is_refused_with_a_sentence_and_changes_nothing(
    session: Session, changes: dict[str, object], message: str
) -> None:
    values: dict[str, object] = {"month": OCT, "section": "overview", "text": "Fine"} | changes
    with pytest.raises(CommentaryError, match=message):
        commentary.save(session, actor=CCO, **values)  # type: ignore[arg-type]
    assert _stored(session) == []
    assert session.exec(select(AuditEvent)).all() == []


def test_saving_empty_text_removes_the_commentary(session: Session) -> None:
    note = commentary.save(session, actor=CCO, month=OCT, section="attention", text="Watch DACH")
    assert note is not None
    assert commentary.save(session, actor=CCO, month=OCT, section="attention", text="", expected_at=note.at) is None
    assert _stored(session) == []
    assert [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()] == ["create", "delete"]


def test_text_is_kept_as_typed_but_without_control_characters(session: Session) -> None:
    typed = "**Bold?** <script>alert(1)</script>\x00\x1b[31m\ttabbed"
    note = commentary.save(session, actor=CCO, month=OCT, section="overview", text=typed)
    assert note is not None and note.text == "**Bold?** <script>alert(1)</script>[31m\ttabbed"


def test_notes_come_in_section_order_company_first(session: Session) -> None:
    commentary.save(session, actor=NORTH_MANAGER, month=OCT, section="regions", text="North", region="NORTH")
    commentary.save(session, actor=CCO, month=OCT, section="regions", text="Company")
    commentary.save(session, actor=CCO, month=OCT, section="overview", text="Top")
    commentary.save(session, actor=CCO, month=date(2026, 9, 1), section="overview", text="Other month")
    assert [(n.section, n.region, n.text) for n in commentary.notes(session, OCT)] == [
        ("overview", None, "Top"),
        ("regions", None, "Company"),
        ("regions", "NORTH", "North"),
    ]
