"""Two people saving the same commentary at the same instant: exactly one is saved, the other is told."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cxdash import commentary, db
from cxdash.commentary import CommentaryError
from cxdash.models import Commentary, Region
from cxdash.permissions import Actor
from tests.race import shared_engine, together

REPEATS = 50
PEOPLE = (Actor("cco", "cco"), Actor("cfo", "executive"))


def _race(target: Engine, month: date, expected_at: datetime | None, region: str | None) -> list[bool]:
    """Both people save their own text at once, from the same starting point; True for each save that landed."""

    def save(i: int) -> bool:
        with db.session(target) as session:
            try:
                commentary.save(session, actor=PEOPLE[i], month=month, section="overview", region=region,
                                text=f"text of {PEOPLE[i].username}", expected_at=expected_at)  # fmt: skip
            except CommentaryError as refusal:
                assert "at the same moment" in str(refusal) or "after you opened it" in str(refusal)
                return False
        return True

    return together(2, save)


@pytest.mark.parametrize("region", [None, "NORTH"])
def test_of_two_simultaneous_saves_exactly_one_lands(engine: Engine, backend: str, tmp_path: Path,
                                                     region: str | None) -> None:  # fmt: skip
    target = shared_engine(engine, backend, tmp_path)
    with Session(target) as session:
        session.add(Region(code="NORTH", name="North"))
        session.commit()
    for i in range(REPEATS):
        month = date(2010 + i // 12, i % 12 + 1, 1)
        first = _race(target, month, None, region)
        with Session(target) as session:
            stored = session.exec(select(Commentary).where(col(Commentary.month) == month)).all()
        assert sum(first) == 1 and len(stored) == 1, (i, first)
        winner = PEOPLE[first.index(True)].username
        assert (stored[0].text, stored[0].author) == (f"text of {winner}", winner)
        second = _race(target, month, stored[0].at, region)
        with Session(target) as session:
            now = session.exec(select(Commentary).where(col(Commentary.month) == month)).one()
        assert sum(second) == 1, (i, second)
        winner = PEOPLE[second.index(True)].username
        assert (now.text, now.author) == (f"text of {winner}", winner)
