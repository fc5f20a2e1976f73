"""Entering an alignment round: create it, record each leader's answers, choose the designated CX owner."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from datetime import date

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cxdash import ingest, permissions
from cxdash.edits.audited import commit_audited
from cxdash.models import ALIGNMENT_DIMENSIONS, AlignmentRating, AlignmentRound, Leader, OwnershipBelief, Setting
from cxdash.queries.ownership import CX_OWNER_SETTING

# The answer "I don't know who owns CX", as in the ownership_beliefs CSV (an empty named owner).
DONT_KNOW_ANSWER = ""
IMPORT_KINDS = {
    "alignment_rounds": "Survey rounds (label, date held)",
    "alignment_ratings": "Ratings (round, leader, dimension, score)",
    "ownership_beliefs": 'Answers to "who owns CX here?"',
}


class AlignmentInputError(ValueError):
    """Input the user can correct; the message says how. Nothing was changed."""


def _round(session: Session, label: str) -> AlignmentRound:
    found = session.exec(select(AlignmentRound).where(AlignmentRound.label == label)).first()
    if found is None:
        raise AlignmentInputError(f"There is no round {label!r}; create it first or choose an existing round.")
    return found


def _leader(session: Session, key: str, what: str = "leader") -> Leader:
    found = session.exec(select(Leader).where(Leader.key == key)).first()
    if found is None:
        raise AlignmentInputError(f"There is no {what} {key!r}; choose one from the list.")
    return found


def create_round(session: Session, *, actor: permissions.Actor, label: str, held_on: date) -> AlignmentRound:
    """Add a survey round; labels are unique, compared without regard to case."""
    permissions.require(actor, "manage_alignment_rounds")
    label = label.strip()
    if not label or len(label) > 32:
        raise AlignmentInputError("Give the round a label of 1 to 32 characters, for example 2026-Q4.")
    if not isinstance(held_on, date):
        raise AlignmentInputError("Choose the date the round was held.")
    taken = session.exec(select(AlignmentRound).where(func.lower(col(AlignmentRound.label)) == label.lower())).first()
    if taken is not None:
        raise AlignmentInputError(f"A round called {taken.label} already exists; choose another label.")
    created = AlignmentRound(label=label, held_on=held_on)
    session.add(created)
    clash = AlignmentInputError(f"A round called {label} already exists; choose another label.")
    detail = f"held on {held_on}"
    commit_audited(
        session, actor=actor, action="create", entity="alignment_round", key=label, detail=detail, clash=clash
    )
    return created


def _check_scores(scores: Mapping[str, object]) -> dict[str, int]:
    unknown = sorted(set(scores) - set(ALIGNMENT_DIMENSIONS))
    if unknown:
        raise AlignmentInputError(f"Unknown dimension(s) {', '.join(unknown)}; rate only the listed dimensions.")
    missing = [label for dim, label in ALIGNMENT_DIMENSIONS.items() if scores.get(dim) is None]
    if missing:
        raise AlignmentInputError(f"Rate every dimension; still without a score: {', '.join(missing)}.")
    bad = [
        f"{ALIGNMENT_DIMENSIONS[dim]} ({value})"
        for dim, value in scores.items()
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not 1 <= int(value) <= 5
    ]
    if bad:
        raise AlignmentInputError(f"Scores are whole numbers from 1 to 5; check {', '.join(bad)}.")
    return {dim: int(scores[dim]) for dim in ALIGNMENT_DIMENSIONS}  # type: ignore[call-overload]


def _answers(scores: Mapping[str, int], owner: str) -> str:
    """One leader's answers for the audit log, dimensions in their usual order."""
    rated = ", ".join(f"{dim}={scores[dim]}" for dim in ALIGNMENT_DIMENSIONS if dim in scores)
    return f"{rated or 'no ratings'}; owner={owner or 'dont_know'}"


def _may_enter_for(actor: permissions.Actor, leader: str) -> None:
    permissions.require(actor, "enter_alignment_ratings")
    if permissions.can(actor, "manage_alignment_rounds"):
        return
    if actor.leader_key is None:
        raise permissions.PermissionDenied(
            "Your account is not linked to a leader, so there are no ratings of yours to enter; "
            "ask your cxdash admin to link it."
        )
    if actor.leader_key != leader:
        raise permissions.PermissionDenied("You can enter only your own ratings.")


def enter_answers(
    session: Session,
    *,
    actor: permissions.Actor,
    round_label: str,
    leader: str,
    scores: Mapping[str, object],
    named_owner: str | None,
    replace: bool = False,
) -> None:
    """Record one leader's rating (1–5) of every dimension and their answer to "who owns CX here?" for a round."""
    _may_enter_for(actor, leader)
    survey = _round(session, round_label)
    rater = _leader(session, leader)
    checked = _check_scores(scores)
    if named_owner is None:
        raise AlignmentInputError('Answer "who owns CX here?"; choose "Don\'t know" if you are not sure.')
    owner_id = None if named_owner == DONT_KNOW_ANSWER else _leader(session, named_owner, "leader to name as owner").id
    old_ratings = session.exec(
        select(AlignmentRating).where(AlignmentRating.round_id == survey.id, AlignmentRating.leader_id == rater.id)
    ).all()
    old_belief = session.exec(
        select(OwnershipBelief).where(OwnershipBelief.round_id == survey.id, OwnershipBelief.leader_id == rater.id)
    ).first()
    already = f"{rater.title} has already answered round {survey.label}; each leader answers once per round."
    answered = bool(old_ratings or old_belief)
    if answered and not replace:
        raise AlignmentInputError(already + " Choose to replace the earlier answers if they are wrong.")
    old_owner = session.get(Leader, old_belief.named_owner_id) if old_belief and old_belief.named_owner_id else None
    before = _answers({r.dimension: r.score for r in old_ratings}, old_owner.key if old_owner else DONT_KNOW_ANSWER)
    # Delete exactly the answers read above: if someone replaced them meanwhile, fewer rows match and nothing
    # changes (the inserts below would otherwise overwrite their answers unseen).
    conn, rating_ids = session.connection(), [r.id for r in old_ratings]
    gone = conn.execute(delete(AlignmentRating).where(col(AlignmentRating.id).in_(rating_ids))).rowcount
    if old_belief is not None:
        gone += conn.execute(delete(OwnershipBelief).where(col(OwnershipBelief.id) == old_belief.id)).rowcount
    if gone != len(rating_ids) + (old_belief is not None):
        session.rollback()
        raise AlignmentInputError("Someone replaced these answers at the same moment; reload the page to see them.")
    for row in [*old_ratings, *([old_belief] if old_belief else [])]:
        session.expunge(row)  # their ids may come back for the new rows (SQLite reuses them)
    assert survey.id is not None and rater.id is not None
    session.add_all(
        AlignmentRating(round_id=survey.id, leader_id=rater.id, dimension=dim, score=score)
        for dim, score in checked.items()
    )
    session.add(OwnershipBelief(round_id=survey.id, leader_id=rater.id, named_owner_id=owner_id))
    commit_audited(
        session,
        actor=actor,
        action="replace" if answered else "enter",
        entity="alignment_rating",
        key=f"{survey.label}/{rater.key}",
        detail=f"was {before}; now {_answers(checked, named_owner)}" if answered else _answers(checked, named_owner),
        clash=AlignmentInputError(already + " Reload the page to see their answers."),
    )


def set_cx_owner(session: Session, *, actor: permissions.Actor, leader: str) -> None:
    """Make ``leader`` the designated CX owner that ownership clarity is measured against."""
    permissions.require(actor, "edit_settings")
    chosen = _leader(session, leader)
    setting = session.get(Setting, CX_OWNER_SETTING)
    before = setting.value if setting else "(default)"
    if setting is None:
        setting = Setting(key=CX_OWNER_SETTING, value=chosen.key)
    setting.value = chosen.key
    session.add(setting)
    clash = AlignmentInputError(
        "Someone else changed the designated CX owner at the same time; reload the page and try again."
    )
    detail = f"{before} -> {chosen.key}"
    commit_audited(
        session, actor=actor, action="update", entity="setting", key=CX_OWNER_SETTING, detail=detail, clash=clash
    )


def import_csv(
    engine: Engine, *, actor: permissions.Actor, kind: str, data: bytes, file_name: str
) -> ingest.ImportReport:
    """Load an alignment CSV (rounds, ratings or ownership answers) atomically, with its row-level report."""
    permissions.require(actor, "manage_alignment_rounds")
    if kind not in IMPORT_KINDS:
        raise AlignmentInputError(f"Choose one of: {'; '.join(IMPORT_KINDS.values())}.")
    return ingest.import_file(engine, kind, data, file_name=file_name, username=actor.username)
