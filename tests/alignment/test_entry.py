"""Entering a round: validation, one answer per leader per round, replacement, roles, audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash.edits.alignment import (
    DONT_KNOW_ANSWER,
    AlignmentInputError,
    create_round,
    enter_answers,
    import_csv,
    set_cx_owner,
)
from cxdash.models import AlignmentRating, AlignmentRound, OwnershipBelief, Setting
from cxdash.permissions import Actor, PermissionDenied
from cxdash.queries import alignment as q
from tests.alignment.conftest import ALL_FOURS, CCO, CFO_EXEC, audit_events


def _enter(session: Session, actor: Actor = CCO, **changes: object) -> None:
    values: dict[str, object] = {
        "round_label": "2026-Q3",
        "leader": "CFO",
        "scores": ALL_FOURS,
        "named_owner": "CCO",
    } | changes
    enter_answers(session, actor=actor, **values)  # type: ignore[arg-type]


def _scores(session: Session) -> dict[str, int]:
    return {r.dimension: r.score for r in session.exec(select(AlignmentRating)).all()}


def test_a_leader_answers_once_with_every_dimension_and_an_audit_event(team: Session) -> None:
    _enter(team)
    assert _scores(team) == ALL_FOURS
    belief = team.exec(select(OwnershipBelief)).one()
    assert belief.named_owner_id is not None
    [event] = audit_events(team)
    assert (event.username, event.action, event.entity, event.key) == (
        "carla",
        "enter",
        "alignment_rating",
        "2026-Q3/CFO",
    )


def test_a_second_answer_for_the_same_round_is_refused_and_changes_nothing(team: Session) -> None:
    _enter(team)
    with pytest.raises(AlignmentInputError, match="already answered round 2026-Q3"):
        _enter(team, scores=dict.fromkeys(ALL_FOURS, 2))
    assert _scores(team) == ALL_FOURS
    assert len(audit_events(team)) == 1


def test_replacing_on_purpose_overwrites_and_is_audited(team: Session) -> None:
    _enter(team)
    _enter(team, scores=dict.fromkeys(ALL_FOURS, 2), named_owner=DONT_KNOW_ANSWER, replace=True)
    assert _scores(team) == dict.fromkeys(ALL_FOURS, 2)
    assert team.exec(select(OwnershipBelief)).one().named_owner_id is None
    event = audit_events(team)[-1]
    assert event.action == "replace" and "was customer_vision=4" in event.detail and "owner=dont_know" in event.detail


def test_every_dimension_must_be_answered(team: Session) -> None:
    partial: dict[str, int | None] = {**ALL_FOURS, "resourcing": None}
    del partial["empowerment"]
    with pytest.raises(AlignmentInputError, match="Resourcing, Employee empowerment"):
        _enter(team, scores=partial)
    assert _scores(team) == {} and audit_events(team) == []


@pytest.mark.parametrize("bad", [0, 6, 3.5, "4", True])
def test_scores_are_whole_numbers_from_1_to_5(team: Session, bad: object) -> None:
    with pytest.raises(AlignmentInputError, match="whole numbers from 1 to 5; check Customer vision"):
        _enter(team, scores={**ALL_FOURS, "customer_vision": bad})
    assert _scores(team) == {}


def test_unknown_dimensions_are_refused(team: Session) -> None:
    with pytest.raises(AlignmentInputError, match="Unknown dimension"):
        _enter(team, scores={**ALL_FOURS, "happiness": 5})


def test_the_ownership_question_must_be_answered(team: Session) -> None:
    with pytest.raises(AlignmentInputError, match="who owns CX here"):
        _enter(team, named_owner=None)
    with pytest.raises(AlignmentInputError, match="no leader to name as owner 'NOBODY'"):
        _enter(team, named_owner="NOBODY")
    assert _scores(team) == {}


def test_unknown_round_or_leader_is_refused(team: Session) -> None:
    with pytest.raises(AlignmentInputError, match="no round '2030-Q1'"):
        _enter(team, round_label="2030-Q1")
    with pytest.raises(AlignmentInputError, match="no leader 'CTO'"):
        _enter(team, leader="CTO")


def test_an_executive_enters_only_their_own_ratings(team: Session) -> None:
    with pytest.raises(PermissionDenied, match="only your own"):
        _enter(team, actor=CFO_EXEC, leader="CCO")
    _enter(team, actor=CFO_EXEC, leader="CFO")
    assert audit_events(team)[-1].username == "frank"


@pytest.mark.parametrize(
    "actor", [Actor("e", "executive"), Actor("v", "viewer"), Actor("r", "regional_manager", region="NORTH")]
)
def test_others_cannot_enter_ratings(team: Session, actor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        _enter(team, actor=actor)
    assert _scores(team) == {}


def test_creating_a_round_is_audited(team: Session) -> None:
    create_round(team, actor=CCO, label="  2026-Q4 ", held_on=date(2026, 12, 9))
    labels = [r.label for r in team.exec(select(AlignmentRound)).all()]
    assert "2026-Q4" in labels
    assert audit_events(team)[-1].action == "create" and audit_events(team)[-1].key == "2026-Q4"


@pytest.mark.parametrize(
    ("label", "message"), [("2026-q3", "already exists"), ("  ", "1 to 32"), ("x" * 33, "1 to 32")]
)
def test_bad_round_labels_are_refused(team: Session, label: str, message: str) -> None:
    with pytest.raises(AlignmentInputError, match=message):
        create_round(team, actor=CCO, label=label, held_on=date(2026, 12, 9))
    assert len(team.exec(select(AlignmentRound)).all()) == 1 and audit_events(team) == []


def test_executives_cannot_create_rounds(team: Session) -> None:
    with pytest.raises(PermissionDenied):
        create_round(team, actor=CFO_EXEC, label="2026-Q4", held_on=date(2026, 12, 9))


def test_the_cco_chooses_the_designated_owner(team: Session) -> None:
    assert q.designated_owner(team) == q.DesignatedOwner("CCO", False)
    set_cx_owner(team, actor=CCO, leader="CEO")
    assert q.designated_owner(team) == q.DesignatedOwner("CEO", True)
    assert team.get(Setting, "cx_owner") is not None
    event = audit_events(team)[-1]
    assert (event.entity, event.key, event.detail) == ("setting", "cx_owner", "(default) -> CEO")


def test_choosing_an_unknown_owner_or_without_the_right_is_refused(team: Session) -> None:
    with pytest.raises(AlignmentInputError, match="no leader 'NOBODY'"):
        set_cx_owner(team, actor=CCO, leader="NOBODY")
    with pytest.raises(PermissionDenied):
        set_cx_owner(team, actor=CFO_EXEC, leader="CFO")
    assert team.get(Setting, "cx_owner") is None and audit_events(team) == []


def test_importing_ratings_needs_the_right_to_manage_rounds(team: Session, engine: Engine) -> None:
    csv = b"round,leader,dimension,score\n2026-Q3,CEO,customer_vision,5\n"
    with pytest.raises(PermissionDenied):
        import_csv(engine, actor=CFO_EXEC, kind="alignment_ratings", data=csv, file_name="r.csv")
    with pytest.raises(AlignmentInputError, match="Choose one of"):
        import_csv(engine, actor=CCO, kind="responses", data=csv, file_name="r.csv")
    report = import_csv(engine, actor=CCO, kind="alignment_ratings", data=csv, file_name="r.csv")
    assert report.ok and report.inserted == 1


def test_an_import_with_a_bad_row_loads_nothing(team: Session, engine: Engine) -> None:
    csv = b"round,leader,dimension,score\n2026-Q3,CEO,customer_vision,5\n2026-Q3,CFO,customer_vision,9\n"
    report = import_csv(engine, actor=CCO, kind="alignment_ratings", data=csv, file_name="r.csv")
    assert not report.ok and report.problems[0].column == "score"
    assert _scores(team) == {}


def test_a_round_needs_a_date(team: Session) -> None:
    with pytest.raises(AlignmentInputError, match="date the round was held"):
        create_round(team, actor=CCO, label="2026-Q4", held_on=None)  # type: ignore[arg-type]
