"""Reads for the Alignment page, on SQLite and PostgreSQL."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session, select

from cxdash.edits.alignment import enter_answers
from cxdash.models import Leader, Ownership, Setting
from cxdash.permissions import Actor
from cxdash.queries import alignment as q
from tests.alignment.conftest import ALL_FOURS, CCO, CFO_EXEC


def _answer(session: Session, leader: str, score: int, owner: str) -> None:
    scores = dict.fromkeys(ALL_FOURS, score)
    enter_answers(session, actor=CCO, round_label="2026-Q3", leader=leader, scores=scores, named_owner=owner)


def test_the_default_owner_is_accountable_for_most_touchpoints(team: Session) -> None:
    assert q.designated_owner(team) == q.DesignatedOwner("CCO", False)


def test_a_setting_naming_a_leader_who_left_falls_back_to_the_default(team: Session) -> None:
    team.add(Setting(key="cx_owner", value="GONE"))
    team.commit()
    assert q.designated_owner(team) == q.DesignatedOwner("CCO", False)


def test_without_any_accountable_leader_there_is_no_owner(team: Session) -> None:
    for row in team.exec(select(Ownership)).all():
        team.delete(row)
    team.commit()
    assert q.designated_owner(team) == q.DesignatedOwner(None, False)


def test_rounds_leaders_ratings_and_beliefs(team: Session) -> None:
    _answer(team, "CFO", 2, "")
    _answer(team, "CEO", 5, "CCO")
    assert list(q.rounds(team)["round"]) == ["2026-Q3"]
    team_frame = q.leaders(team)
    assert list(team_frame["leader"]) == ["CEO", "CCO", "CFO"]
    assert pd.isna(team_frame.set_index("leader").loc["CEO", "reports_to"])
    ratings = q.ratings(team, "2026-Q3")
    assert len(ratings) == 2 * len(ALL_FOURS) and ratings["score"].dtype == "int64"
    assert q.ratings(team, "1999-Q1").empty
    beliefs = q.beliefs(team).set_index("leader")["named_owner"]
    assert beliefs["CEO"] == "CCO" and pd.isna(beliefs["CFO"])


def test_individual_ratings_are_identified_only_for_those_allowed(team: Session) -> None:
    _answer(team, "CFO", 2, "")
    _answer(team, "CEO", 5, "CCO")
    _answer(team, "CCO", 3, "CCO")
    shown = q.leader_ratings(team, actor=CCO, round_label="2026-Q3")
    assert set(shown["rater"]) == {"CEO", "CCO", "CFO"}
    assert set(shown.loc[shown["rater"] == "CEO", "group"]) == {"CEO"}
    hidden = q.leader_ratings(team, actor=CFO_EXEC, round_label="2026-Q3")
    assert set(hidden["rater"]) == {"Leader 1", "Leader 2", "You"}
    assert set(hidden.loc[hidden["rater"] == "You", "score"]) == {2}
    assert set(hidden.loc[hidden["rater"] == "Leader 1", "score"]) == {5}
    names = {leader.title for leader in team.exec(select(Leader)).all()}
    manager = Actor("rm", "regional_manager", region="NORTH")
    assert not names & set(q.leader_ratings(team, actor=manager, round_label="2026-Q3")["rater"])
