"""Setting and removing yearly targets: nothing is written unless the whole change is valid and permitted,
and every change records an audit event in the same transaction.

Lost updates: a save or removal compares the value the form opened with the stored one, and the write
itself matches that value (``UPDATE``/``DELETE ... WHERE value = <checked value>``), so a change someone
made in between is refused, not overwritten. Two people creating the same target at once: the second
insert breaks the unique (metric, region, year) constraint, or for company-wide targets (NULL regions
never collide) the partial unique index ``ux_target_company``, and is refused.
"""

from __future__ import annotations

import math

from sqlalchemy import ColumnElement, delete, update
from sqlmodel import Session, col, select

from cxdash import permissions
from cxdash.edits.audited import commit_audited
from cxdash.ingest.rules import TARGET_RANGES
from cxdash.models import TARGET_METRICS, Region, Target
from cxdash.targets import (
    EARLIEST_YEAR,
    ENTITY,
    LABELS,
    LATEST_YEAR,
    WORDS,
    LoadedTarget,
    TargetConflict,
    TargetInputError,
    TargetUnchanged,
    describe,
    number_text,
    range_text,
)


def _region_id(session: Session, metric: str, region: str | None, year: int) -> int | None:
    """Check the target's key; the region's id, or None for a company-wide target."""
    if metric not in TARGET_METRICS:
        names = ", ".join(LABELS[m] for m in TARGET_METRICS)
        raise TargetInputError(f"{metric!r} is not a metric with targets; choose one of {names}.")
    if isinstance(year, bool) or not isinstance(year, int) or not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise TargetInputError(f"Choose a year between {EARLIEST_YEAR} and {LATEST_YEAR}.")
    if region is None:
        return None
    found = session.exec(select(Region.id).where(Region.code == region)).first()
    if found is None:
        raise TargetInputError(f"There is no region {region!r}; choose one from the list or the whole company.")
    return found


def _check_value(metric: str, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TargetInputError("Enter the target as a number.")
    low, high = TARGET_RANGES[metric]
    if not low <= value <= high:
        article = "An" if metric == "nps" else "A"
        raise TargetInputError(
            f"{article} {WORDS[metric]} target must be from {range_text(metric)}; "
            f"{number_text(metric, value)} is outside that range."
        )


def _find(session: Session, metric: str, region_id: int | None, year: int) -> Target | None:
    scope = col(Target.region_id).is_(None) if region_id is None else col(Target.region_id) == region_id
    return session.exec(select(Target).where(Target.metric == metric, Target.year == year, scope)).first()


def _still(current: Target) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """The row as it was checked: a write matching nothing means someone changed it in between."""
    return col(Target.id) == current.id, col(Target.value) == current.value


def load(session: Session, *, metric: str, region: str | None, year: int) -> LoadedTarget:
    """The target of this metric, scope and year as stored now (value None: none is set)."""
    found = _find(session, metric, _region_id(session, metric, region, year), year)
    return LoadedTarget(metric, region, year, None if found is None else found.value)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _check_unchanged(loaded: LoadedTarget, current: Target | None) -> None:
    now = None if current is None else current.value
    if _same(loaded.value, now):
        return
    if now is None:
        what = "removed it"
    elif loaded.value is None:
        what = f"set it to {describe(loaded.metric, now)}"
    else:
        what = f"changed it from {describe(loaded.metric, loaded.value)} to {describe(loaded.metric, now)}"
    raise TargetConflict(
        f"Not saved: someone {what} after you opened {loaded.title}. The form now shows the stored target; "
        "check it and save again if your change still applies."
    )


def _write(
    session: Session, actor: permissions.Actor, loaded: LoadedTarget, action: str, detail: str, changed: int = 1
) -> None:
    """Record the change and commit it; ``changed`` is 0 when a conditional write found the row changed."""
    at_once = TargetConflict(
        f"Not saved: someone changed {loaded.title} at the same moment. Reload the page and check it."
    )
    key = loaded.audit_key
    commit_audited(
        session, actor=actor, action=action, entity=ENTITY, key=key, detail=detail, clash=at_once, changed=changed
    )


def set_target(session: Session, *, actor: permissions.Actor, loaded: LoadedTarget, value: float) -> str:
    """Create or change the target ``loaded`` names (``value`` in stored units); returns what was done."""
    permissions.require(actor, "edit_targets")
    try:
        region_id = _region_id(session, loaded.metric, loaded.region, loaded.year)
        _check_value(loaded.metric, value)
        current = _find(session, loaded.metric, region_id, loaded.year)
        _check_unchanged(loaded, current)
        if current is not None and _same(current.value, value):
            raise TargetUnchanged(f"Nothing to save: {loaded.title} is already {describe(loaded.metric, value)}.")
    except TargetInputError:
        session.rollback()
        raise
    value = float(value)
    if current is None:
        session.add(Target(metric=loaded.metric, region_id=region_id, year=loaded.year, value=value))
        _write(session, actor, loaded, "create", describe(loaded.metric, value))
    else:
        detail = f"{describe(loaded.metric, current.value)} -> {describe(loaded.metric, value)}"
        changed = session.exec(update(Target).where(*_still(current)).values(value=value)).rowcount
        _write(session, actor, loaded, "update", detail, changed)
    return f"Saved: {loaded.title} is now {describe(loaded.metric, value)}."


def remove_target(session: Session, *, actor: permissions.Actor, loaded: LoadedTarget) -> str:
    """Remove the target ``loaded`` names, if it is still what the form showed; returns what was done."""
    permissions.require(actor, "edit_targets")
    try:
        region_id = _region_id(session, loaded.metric, loaded.region, loaded.year)
        if loaded.value is None:
            raise TargetInputError(f"Nothing to remove: {loaded.title} is not set.")
        current = _find(session, loaded.metric, region_id, loaded.year)
        _check_unchanged(loaded, current)
    except TargetInputError:
        session.rollback()
        raise
    assert current is not None  # _check_unchanged refused a target removed meanwhile
    detail = describe(loaded.metric, current.value)
    changed = session.exec(delete(Target).where(*_still(current))).rowcount
    _write(session, actor, loaded, "delete", detail, changed)
    return f"Removed {loaded.title}."
