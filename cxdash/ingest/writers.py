"""Writing validated rows of the small entities: insert, update or skip by natural key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session, SQLModel, select

from cxdash.ingest.report import ImportReport
from cxdash.ingest.rules import Lookups
from cxdash.models import (
    Action,
    AlignmentRating,
    AlignmentRound,
    GovernanceChange,
    Leader,
    Ownership,
    OwnershipBelief,
    Region,
    RetentionMonth,
    Target,
    Touchpoint,
)
from cxdash.ownership.cells import split_roles

Fields = Callable[[dict[str, Any], Lookups], dict[str, Any]]


def _opt(table: dict[str, int], code: str | None) -> int | None:
    return None if code is None else table[code]


TABLES: dict[str, tuple[type[SQLModel], tuple[str, ...], Fields]] = {
    "regions": (Region, ("code",), lambda r, lk: {"code": r["code"], "name": r["name"]}),
    "touchpoints": (
        Touchpoint,
        ("code",),
        lambda r, lk: {k: r[k] for k in ("code", "name", "stage", "position")},
    ),
    "leaders": (
        Leader,
        ("key",),
        lambda r, lk: {k: r[k] for k in ("key", "name", "title", "function")},
    ),
    "governance": (
        GovernanceChange,
        ("region_id", "effective_from"),
        lambda r, lk: {
            "region_id": lk.regions[r["region"]],
            "effective_from": r["effective_from"],
            "model": r["model"],
        },
    ),
    "ownership": (
        Ownership,
        ("touchpoint_id", "leader_id"),
        lambda r, lk: {
            "touchpoint_id": lk.touchpoints[r["touchpoint"]],
            "leader_id": lk.leaders[r["leader"]],
            "role": r["role"],
        },
    ),
    "retention": (
        RetentionMonth,
        ("region_id", "month"),
        lambda r, lk: (
            {"region_id": lk.regions[r["region"]]}
            | {k: r[k] for k in ("month", "customers_start", "customers_end", "new_customers")}
        ),
    ),
    "alignment_rounds": (
        AlignmentRound,
        ("label",),
        lambda r, lk: {"label": r["label"], "held_on": r["held_on"]},
    ),
    "alignment_ratings": (
        AlignmentRating,
        ("round_id", "leader_id", "dimension"),
        lambda r, lk: {
            "round_id": lk.rounds[r["round"]],
            "leader_id": lk.leaders[r["leader"]],
            "dimension": r["dimension"],
            "score": r["score"],
        },
    ),
    "ownership_beliefs": (
        OwnershipBelief,
        ("round_id", "leader_id"),
        lambda r, lk: {
            "round_id": lk.rounds[r["round"]],
            "leader_id": lk.leaders[r["leader"]],
            "named_owner_id": _opt(lk.leaders, r["named_owner"]),
        },
    ),
    "targets": (
        Target,
        ("metric", "region_id", "year"),
        lambda r, lk: {
            "metric": r["metric"],
            "region_id": _opt(lk.regions, r["region"]),
            "year": r["year"],
            "value": r["value"],
        },
    ),
    "actions": (
        Action,
        ("title", "raised_month"),
        lambda r, lk: (
            {
                "region_id": _opt(lk.regions, r["region"]),
                "touchpoint_id": _opt(lk.touchpoints, r["touchpoint"]),
                "owner_id": lk.leaders[r["owner"]],
                "drop_reason": r["drop_reason"] or "",
                "notes": r["notes"] or "",
                "created_by": "import",
            }
            | {
                k: r[k]
                for k in ("title", "dimension", "raised_month", "due_on", "status", "done_on", "expected_effect")
            }
        ),
    ),
}


def write_rows(
    session: Session, kind: str, rows: list[dict[str, Any]], lk: Lookups, *, update: bool, report: ImportReport
) -> None:
    """Insert new keys; for existing keys update (when asked and different) or skip; count each."""
    if kind == "ownership":
        _write_cells(session, rows, lk, update=update, report=report)
        return
    model, key_cols, fields = TABLES[kind]
    existing = {tuple(getattr(obj, c) for c in key_cols): obj for obj in session.exec(select(model)).all()}
    fresh: set[tuple[Any, ...]] = set()
    changed: set[tuple[Any, ...]] = set()
    for row in rows:
        values = fields(row, lk)
        key = tuple(values[c] for c in key_cols)
        obj = existing.get(key)
        if obj is None:
            obj = model(**values)
            existing[key] = obj
            fresh.add(key)
        elif update and any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            if isinstance(obj, Ownership | Action):
                obj.version += 1
            changed.add(key)
        else:
            continue
        session.add(obj)
    session.flush()
    if kind == "leaders":
        changed |= _link_managers(session, rows, existing, writable=set(existing) if update else fresh) - fresh
    report.inserted += len(fresh)
    report.updated += len(changed)
    report.skipped += len(rows) - len(fresh) - len(changed)


def _write_cells(
    session: Session, rows: list[dict[str, Any]], lk: Lookups, *, update: bool, report: ImportReport
) -> None:
    """RACI rows are cells: "A+R" is stored as two roles, and an update turns the stored roles into the file's."""
    stored: dict[tuple[int, int], list[Ownership]] = {}
    for obj in session.exec(select(Ownership).order_by(Ownership.id)).all():  # type: ignore[arg-type]
        stored.setdefault((obj.touchpoint_id, obj.leader_id), []).append(obj)
    for row in rows:
        touchpoint_id, leader_id = lk.touchpoints[row["touchpoint"]], lk.leaders[row["leader"]]
        wanted, have = split_roles(row["role"]), stored.get((touchpoint_id, leader_id), [])
        if have and (not update or sorted(o.role for o in have) == sorted(wanted)):
            report.skipped += 1
            continue
        coming = [r for r in wanted if r not in {o.role for o in have}]
        for obj in have:
            if obj.role in wanted:
                continue
            if coming:
                obj.role, obj.version = coming.pop(0), obj.version + 1
                session.add(obj)
            else:
                session.delete(obj)
        for role in coming:
            session.add(Ownership(touchpoint_id=touchpoint_id, leader_id=leader_id, role=role, version=1))
        if have:
            report.updated += 1
        else:
            report.inserted += 1
    session.flush()


def _link_managers(
    session: Session,
    rows: list[dict[str, Any]],
    leaders: dict[tuple[Any, ...], Any],
    writable: set[tuple[Any, ...]],
) -> set[tuple[Any, ...]]:
    """Point each written leader at their manager (ids exist only after the flush); returns the keys changed."""
    ids = {key[0]: obj.id for key, obj in leaders.items()}
    linked: set[tuple[Any, ...]] = set()
    for row in rows:
        key = (row["key"],)
        boss_id = _opt(ids, row["reports_to"])
        if key in writable and leaders[key].reports_to_id != boss_id:
            leaders[key].reports_to_id = boss_id
            session.add(leaders[key])
            linked.add(key)
    session.flush()
    return linked
