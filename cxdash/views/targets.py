"""The Targets tab of the Data page: stored targets in the units people read, and setting or removing one.

Retention and CSAT are typed and shown in percent, as the Overview writes them; ``cxdash.targets`` stores
shares from 0 to 1, as the targets import does. Every write goes through ``cxdash.edits.targets``, which checks
the role again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

import pandas as pd
from sqlalchemy.engine import Engine
from sqlmodel import Session

from cxdash import db, permissions, queries, targets
from cxdash.edits import targets as edits
from cxdash.models import TARGET_METRICS
from cxdash.queries.core import stored_targets
from cxdash.targets import LoadedTarget
from cxdash.views.regions import region_choices

COMPANY = ""  # the scope picker's value for a company-wide target (no region code is empty)
ALL_YEARS = 0
UNITS = {"nps": "points", "retention": "%", "csat": "%", "ces": "mean, 1–7"}
_MEANING = {
    "nps": "NPS target in points",
    "retention": "Retention target in % of customers kept",
    "csat": "CSAT target in % answering 4 or 5",
    "ces": "CES target as a mean effort score",
}
STEPS = {"nps": 1.0, "retention": 0.1, "csat": 0.1, "ces": 0.1}
Status = Literal["saved", "removed", "unchanged", "invalid", "conflict", "refused"]


@dataclass(frozen=True)
class Outcome:
    """What a save or removal did, as a sentence; ``status`` says how to show it."""

    status: Status
    message: str

    @property
    def reload(self) -> bool:
        """After a change, or a refusal because someone else changed it, the form must show what is stored now."""
        return self.status in ("saved", "removed", "conflict")


@dataclass(frozen=True)
class TargetChoices:
    """What the tab offers: metrics and scopes (value → label), years to filter by, and the form's year range."""

    metrics: dict[str, str]
    scopes: dict[str, str]
    years: list[int]
    default_year: int
    earliest: int = targets.EARLIEST_YEAR
    latest: int = targets.LATEST_YEAR


def shown_to(actor: permissions.Actor) -> bool:
    """The tab is for roles that may edit targets (admin and CCO; everyone else reads targets on the Overview)."""
    return permissions.can(actor, "edit_targets")


def choices(session: Session) -> TargetChoices:
    """Metrics, the company and every region, the years that have targets, and the year the form starts on."""
    months = queries.months_with_data(session)
    years = sorted(set(stored_targets(session)["year"].astype(int)), reverse=True)
    return TargetChoices(
        metrics={m: targets.LABELS[m] for m in TARGET_METRICS},
        scopes={COMPANY: "Company (all regions)"} | {c: f"{c} · {n}" for c, n in region_choices(session).items()},
        years=[ALL_YEARS, *years],
        default_year=months[-1].year if months else date.today().year,
    )


def year_label(year: int) -> str:
    return "All years" if year == ALL_YEARS else str(year)


def display(frame: pd.DataFrame) -> pd.DataFrame:
    """Stored targets as people read them: metric, scope (region name or Company), year, value and unit."""
    order = {m: i for i, m in enumerate(TARGET_METRICS)}
    rows = frame.assign(
        _company=frame["region"].notna(),
        _metric=frame["metric"].map(order),
        _scope=frame["region_name"].fillna("Company"),
    ).sort_values(["year", "_company", "_scope", "_metric"], ascending=[False, True, True, True])
    return pd.DataFrame(
        {
            "Metric": rows["metric"].map(targets.LABELS),
            "Scope": rows["_scope"],
            "Year": rows["year"].astype(int),
            "Target": [targets.shown(m, float(v)) for m, v in zip(rows["metric"], rows["value"], strict=True)],
            "Unit": rows["metric"].map(UNITS),
        }
    ).reset_index(drop=True)


def table(session: Session, year: int = ALL_YEARS) -> pd.DataFrame:
    """The stored targets of ``year`` (every year for ``ALL_YEARS``), newest year first, company-wide first."""
    return display(stored_targets(session, year=None if year == ALL_YEARS else year))


def _region(scope: str) -> str | None:
    return None if scope == COMPANY else scope


def opened_for(loaded: LoadedTarget) -> tuple[str, str, int]:
    """The form's metric, scope and year that ``loaded`` was opened for."""
    return loaded.metric, loaded.region or COMPANY, loaded.year


def load(engine: Engine, metric: str, scope: str, year: int) -> LoadedTarget:
    """The target as the form opens it; a key the save would refuse opens as "not set" (the save says why)."""
    try:
        with db.session(engine) as session:
            return edits.load(session, metric=metric, region=_region(scope), year=year)
    except targets.TargetInputError:
        return LoadedTarget(metric, _region(scope), year, None)


def form_value(loaded: LoadedTarget) -> float | None:
    """What the value field starts with: the stored target in the unit people type, or empty."""
    return None if loaded.value is None else targets.shown(loaded.metric, loaded.value)


def value_label(metric: str) -> str:
    return f"{_MEANING[metric]} ({targets.range_text(metric)})"


def lock_note(loaded: LoadedTarget) -> str:
    """What the form promises about someone else's change to the same target."""
    now = "is not set" if loaded.value is None else f"was {targets.describe(loaded.metric, loaded.value)}"
    return (
        f"When you opened it, {loaded.title} {now}. If someone else changes it before you save, "
        "your save is refused instead of overwriting their change."
    )


def remove_label(loaded: LoadedTarget) -> str:
    return f"Yes, remove {loaded.title}"


def _attempt(engine: Engine, done: Status, write: Callable[[Session], str]) -> Outcome:
    """Run one write in its own session; a refusal is an outcome with its sentence, never an error."""
    try:
        with db.session(engine) as session:
            return Outcome(done, write(session))
    except permissions.PermissionDenied as denied:
        return Outcome("refused", str(denied))
    except targets.TargetConflict as conflict:
        return Outcome("conflict", str(conflict))
    except targets.TargetUnchanged as unchanged:
        return Outcome("unchanged", str(unchanged))
    except targets.TargetInputError as invalid:
        return Outcome("invalid", str(invalid))


def save(engine: Engine, actor: permissions.Actor, loaded: LoadedTarget, value: float | None) -> Outcome:
    """Set the target to ``value`` typed in the unit people read (percent for retention and CSAT)."""

    def write(session: Session) -> str:
        permissions.require(actor, "edit_targets")
        if value is None:
            raise targets.TargetInputError("Enter a target value, then save.")
        return edits.set_target(session, actor=actor, loaded=loaded, value=targets.stored(loaded.metric, value))

    return _attempt(engine, "saved", write)


def remove(engine: Engine, actor: permissions.Actor, loaded: LoadedTarget, confirm: bool) -> Outcome:
    """Remove the target once the user has ticked the confirmation."""

    def write(session: Session) -> str:
        permissions.require(actor, "edit_targets")
        if not confirm:
            raise targets.TargetInputError(f"Tick the box to confirm that {loaded.title} should be removed.")
        return edits.remove_target(session, actor=actor, loaded=loaded)

    return _attempt(engine, "removed", write)
