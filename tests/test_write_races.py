"""Two saves of the same thing at the same instant: exactly one lands, the other is told (ownership, alignment)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from cxdash import db
from cxdash.edits.alignment import AlignmentInputError, create_round, enter_answers
from cxdash.edits.ownership import change_role
from cxdash.models import ALIGNMENT_DIMENSIONS, AlignmentRating, AlignmentRound
from cxdash.permissions import Actor
from cxdash.queries import ownership as q
from tests.ingest.helpers import load_base
from tests.race import shared_engine, together

REPEATS = 50
ADMIN = Actor("ada", "admin")


@pytest.fixture
def shared(engine: Engine, backend: str, tmp_path: Path) -> Engine:
    """The small import data set in a database that threads can share."""
    target = shared_engine(engine, backend, tmp_path)
    load_base(target)
    return target


def test_two_simultaneous_ownership_saves_from_the_same_version_one_lands(shared: Engine) -> None:
    for i in range(REPEATS):
        with db.session(shared) as session:
            loaded = q.cell(session, touchpoint="PHONE", leader="CEO")
        wanted = [r for r in ("R", "C", "I") if r != loaded.role]

        def save(j: int, loaded: q.LoadedCell = loaded, wanted: list[str] = wanted) -> str:
            with db.session(shared) as session:
                return change_role(session, actor=ADMIN, loaded=loaded, role=wanted[j]).status

        assert sorted(together(2, save)) == ["refused", "saved"], i


def _answer(shared: Engine, label: str, resourcing: int, *, replace: bool) -> bool:
    """One leader's answers for a round, all dimensions 3 but resourcing; True when they were saved."""
    scores = {**dict.fromkeys(ALIGNMENT_DIMENSIONS, 3), "resourcing": resourcing}
    with db.session(shared) as session:
        try:
            enter_answers(session, actor=ADMIN, round_label=label, leader="CCO", replace=replace, scores=scores,
                          named_owner="CCO")  # fmt: skip
        except AlignmentInputError:
            return False
    return True


def _stored_resourcing(shared: Engine, label: str) -> list[int]:
    with db.session(shared) as session:
        rows = session.exec(
            select(AlignmentRating.score)
            .join(AlignmentRound, col(AlignmentRound.id) == AlignmentRating.round_id)
            .where(col(AlignmentRound.label) == label, col(AlignmentRating.dimension) == "resourcing")
        ).all()
    return list(rows)


def test_two_simultaneous_first_answers_for_one_leader_one_lands(shared: Engine) -> None:
    for i in range(REPEATS):
        label = f"race-{i}"
        with db.session(shared) as session:
            create_round(session, actor=ADMIN, label=label, held_on=date(2026, 1, 1))
        landed = together(2, lambda j, label=label: _answer(shared, label, j + 1, replace=False))
        assert sum(landed) == 1, i
        assert _stored_resourcing(shared, label) == [landed.index(True) + 1]


def test_two_simultaneous_replacements_leave_one_whole_set_of_answers(shared: Engine) -> None:
    for i in range(REPEATS):
        label = f"race-{i}"
        with db.session(shared) as session:
            create_round(session, actor=ADMIN, label=label, held_on=date(2026, 1, 1))
        assert _answer(shared, label, 5, replace=False)
        landed = together(2, lambda j, label=label: _answer(shared, label, j + 1, replace=True))
        assert sum(landed) >= 1, i
        assert _stored_resourcing(shared, label) in ([1], [2])
