"""Editing the governance history: add, change or remove a region's model change, validated and audited."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from cxdash import permissions
from cxdash.edits.audited import commit_audited
from cxdash.models import GOVERNANCE_MODELS, GovernanceChange, Region

EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)
ENTITY = "governance"
_GONE = "That change no longer exists (someone may have removed it); reload the page."


class GovernanceInputError(ValueError):
    """Input the user can correct; the message says how. Nothing was changed."""


def _region(session: Session, code: str) -> Region:
    found = session.exec(select(Region).where(Region.code == code)).first()
    if found is None or found.id is None:
        raise GovernanceInputError(f"There is no region {code!r}; choose one from the list.")
    return found


def _change(session: Session, change_id: int) -> GovernanceChange:
    found = session.get(GovernanceChange, change_id)
    if found is None:
        raise GovernanceInputError(_GONE)
    return found


def _validate(session: Session, region: Region, model: str, effective_from: date, ignore: int | None = None) -> None:
    """Known model, sensible date, one change per region and date, and a real switch from the model before."""
    if model not in GOVERNANCE_MODELS:
        raise GovernanceInputError(
            f"{model!r} is not a governance model; choose one of {', '.join(GOVERNANCE_MODELS)}."
        )
    if not isinstance(effective_from, date) or not EARLIEST <= effective_from <= LATEST:
        raise GovernanceInputError(f"Choose an effective date between {EARLIEST} and {LATEST}.")
    history = session.exec(
        select(GovernanceChange)
        .where(GovernanceChange.region_id == region.id)
        .order_by(col(GovernanceChange.effective_from))
    ).all()
    others = [c for c in history if c.id != ignore]
    for other in others:
        if other.effective_from == effective_from:
            raise GovernanceInputError(
                f"{region.code} already has a change on {effective_from} (to {other.model}); "
                "edit that change or choose another date."
            )
    before = [c for c in others if c.effective_from < effective_from]
    if before and before[-1].model == model:
        raise GovernanceInputError(
            f"{region.code} already runs under {model} on {effective_from} (since {before[-1].effective_from}); "
            "choose a different model or date."
        )


def _taken(region: str, effective_from: date) -> GovernanceInputError:
    """The refusal when someone recorded a change for the same region and date at the same moment."""
    return GovernanceInputError(
        f"{region} already has a change on {effective_from}; reload the page and edit that change instead."
    )


def add_change(
    session: Session, *, actor: permissions.Actor, region: str, model: str, effective_from: date
) -> GovernanceChange:
    """Record that ``region`` runs under ``model`` from ``effective_from`` on."""
    permissions.require(actor, "edit_governance")
    found = _region(session, region)
    assert found.id is not None  # _region only returns stored regions
    _validate(session, found, model, effective_from)
    change = GovernanceChange(region_id=found.id, model=model, effective_from=effective_from)
    session.add(change)
    key, clash = f"{region}/{effective_from}", _taken(region, effective_from)
    commit_audited(session, actor=actor, action="create", entity=ENTITY, key=key, detail=f"model {model}", clash=clash)
    return change


def update_change(
    session: Session, *, actor: permissions.Actor, change_id: int, model: str, effective_from: date
) -> GovernanceChange:
    """Correct the model or the date of a recorded change."""
    permissions.require(actor, "edit_governance")
    change = _change(session, change_id)
    region = session.get(Region, change.region_id)
    assert region is not None  # the foreign key guarantees it
    if (change.model, change.effective_from) == (model, effective_from):
        raise GovernanceInputError("Nothing to save: the model and the date are unchanged.")
    _validate(session, region, model, effective_from, ignore=change_id)
    detail = f"{change.model} from {change.effective_from} -> {model} from {effective_from}"
    change.model, change.effective_from = model, effective_from
    session.add(change)
    key, clash = f"{region.code}/{effective_from}", _taken(region.code, effective_from)
    commit_audited(session, actor=actor, action="update", entity=ENTITY, key=key, detail=detail, clash=clash)
    return change


def delete_change(session: Session, *, actor: permissions.Actor, change_id: int) -> None:
    """Remove a recorded change; the model before it then stays in force."""
    permissions.require(actor, "edit_governance")
    change = _change(session, change_id)
    region = session.get(Region, change.region_id)
    code = region.code if region is not None else str(change.region_id)
    key, detail = f"{code}/{change.effective_from}", f"model {change.model}"
    session.delete(change)
    gone = GovernanceInputError(_GONE)
    commit_audited(session, actor=actor, action="delete", entity=ENTITY, key=key, detail=detail, clash=gone)
