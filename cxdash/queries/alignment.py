"""Reads for the Alignment page: rounds, ratings, "who owns CX?" answers, leaders and the designated owner."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from cxdash import permissions
from cxdash.alignment import rater_names, rating_points
from cxdash.alignment.scorecard import chief_executive
from cxdash.models import AlignmentRating, AlignmentRound, Leader, OwnershipBelief, Setting
from cxdash.queries.core import _frame
from cxdash.queries.ownership import CX_OWNER_SETTING, designated_cx_owner
from cxdash.queries.ownership import leaders as org_chart


@dataclass(frozen=True)
class DesignatedOwner:
    """The leader clarity is measured against; ``chosen`` is False when it is the default rule's pick."""

    leader: str | None
    chosen: bool


def rounds(session: Session) -> pd.DataFrame:
    """Survey rounds, oldest first: round label and date held."""
    stmt = select(col(AlignmentRound.label), col(AlignmentRound.held_on)).order_by(
        col(AlignmentRound.held_on), col(AlignmentRound.label)
    )
    return _frame(session.exec(stmt).all(), ["round", "held_on"])


def ratings(session: Session, round_label: str | None = None) -> pd.DataFrame:
    """Ratings of one round or of all (round, leader, dimension, score); identified, so never shown as is."""
    stmt = (
        select(col(AlignmentRound.label), col(Leader.key), col(AlignmentRating.dimension), col(AlignmentRating.score))
        .select_from(AlignmentRating)
        .join(AlignmentRound, col(AlignmentRound.id) == AlignmentRating.round_id)
        .join(Leader, col(Leader.id) == AlignmentRating.leader_id)
    )
    if round_label is not None:
        stmt = stmt.where(col(AlignmentRound.label) == round_label)
    frame = _frame(session.exec(stmt).all(), ["round", "leader", "dimension", "score"])
    return frame.astype({"score": "int64"})


def beliefs(session: Session) -> pd.DataFrame:
    """Every answer to "who owns CX here?" (round, leader, named_owner; None means "don't know")."""
    named = aliased(Leader)
    stmt = (
        select(col(AlignmentRound.label), col(Leader.key), col(named.key))
        .select_from(OwnershipBelief)
        .join(AlignmentRound, col(AlignmentRound.id) == OwnershipBelief.round_id)
        .join(Leader, col(Leader.id) == OwnershipBelief.leader_id)
        .join(named, col(named.id) == OwnershipBelief.named_owner_id, isouter=True)
    )
    return _frame(session.exec(stmt).all(), ["round", "leader", "named_owner"]).astype(object)


def leaders(session: Session) -> pd.DataFrame:
    """The leadership team in load order: leader key, name, title and the key of their manager."""
    team = org_chart(session).rename(columns={"key": "leader"})
    columns: pd.DataFrame = team[["leader", "name", "title", "reports_to"]]
    return columns.astype(object)


def designated_owner(session: Session) -> DesignatedOwner:
    """The ``cx_owner`` setting, else the leader accountable (A) for most touchpoints, ties broken by key."""
    leader = designated_cx_owner(session)
    setting = session.get(Setting, CX_OWNER_SETTING)
    return DesignatedOwner(leader, leader is not None and setting is not None and setting.value == leader)


def leader_ratings(session: Session, *, actor: permissions.Actor, round_label: str) -> pd.DataFrame:
    """Each leader's ratings in a round; leaders are "Leader n" unless ``actor`` may view individual ratings."""
    team = leaders(session)
    return rating_points(
        ratings(session, round_label),
        rater_names(team),
        identified=permissions.can(actor, "view_individual_ratings"),
        ceo=chief_executive(team),
        viewer=actor.leader_key,
    )
