"""Assigning an action from a finding (an attention item, a region, a touchpoint): the live action already on it,
or a form prefilled with the owner the ownership map names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import permissions, queries
from cxdash.actions.owner import OwnerDefault, owner_for
from cxdash.actions.subject import Subject
from cxdash.edits.actions import may_create
from cxdash.models import ALIGNMENT_DIMENSIONS
from cxdash.queries import actions as reads
from cxdash.queries import ownership as ownership_reads

LIVE = ("open", "in_progress")
STATUS_WORDS = {"open": "open", "in_progress": "in progress"}


@dataclass(frozen=True)
class OpenAction:
    """A live action on a finding, as the finding shows it instead of offering a second one."""

    id: int
    title: str
    owner: str
    due_on: date
    status: str

    def sentence(self, today: date) -> str:
        """“Open action: <title> — <owner>, due 31 Jan 2027, in progress” (overdue said when it is)."""
        late = " (overdue)" if self.due_on < today else ""
        return (
            f"Open action: {self.title} — {self.owner}, due {self.due_on:%d %b %Y}{late}, "
            f"{STATUS_WORDS.get(self.status, self.status)}"
        )


def subject_of(row: pd.Series) -> Subject:
    """The finding an action row addresses."""
    return Subject(
        *(None if pd.isna(row[c]) or row[c] == "" else str(row[c]) for c in ("region", "touchpoint", "dimension"))
    )


def open_actions(session: Session) -> dict[str, tuple[OpenAction, ...]]:
    """Live actions (open or in progress) by the key of the finding they address, earliest due first."""
    frame = reads.actions(session)
    found: dict[str, list[OpenAction]] = {}
    for _, row in frame[frame["status"].isin(LIVE)].iterrows():
        action = OpenAction(
            int(row["id"]), str(row["title"]), str(row["owner_name"]), row["due_on"], str(row["status"])
        )
        found.setdefault(subject_of(row).key, []).append(action)
    return {key: tuple(actions) for key, actions in found.items()}


def subject_names(session: Session) -> dict[str, str]:
    """Touchpoint and alignment-dimension names by code, for saying what a finding is about."""
    tps = ownership_reads.touchpoints(session)
    return {**dict(zip(tps["touchpoint"], tps["touchpoint_name"], strict=True)), **ALIGNMENT_DIMENSIONS}


@dataclass(frozen=True)
class AssignForm:
    """What the assign form shows for one finding: its subject in words, the leaders and the owner to preselect."""

    subject: Subject
    label: str
    leaders: dict[str, str]
    owner: OwnerDefault


def assign_form(session: Session, subject: Subject) -> AssignForm:
    """The prefilled form: the owner is the touchpoint's Accountable leader, else the region's manager."""
    team = ownership_reads.leaders(session)
    owner = owner_for(queries.raci_assignments(session), reads.region_managers(session), subject)
    return AssignForm(
        subject, subject.label(subject_names(session)), dict(zip(team["key"], team["name"], strict=True)), owner
    )


def creatable(actor: permissions.Actor, subjects: tuple[Subject, ...]) -> tuple[Subject, ...]:
    """The subjects ``actor`` may open an action on (the same rule cxdash.edits enforces when saving)."""
    return tuple(s for s in subjects if may_create(actor, s.region))


def region_names(session: Session) -> dict[str, str]:
    """Region codes and names, for a company-wide finding's form."""
    regions = queries.regions(session)
    return dict(zip(regions["region"], regions["region_name"], strict=True))


def touchpoint_codes(session: Session) -> tuple[str, ...]:
    """Touchpoint codes in journey order."""
    return tuple(ownership_reads.touchpoints(session)["touchpoint"])
