"""Business rules per kind: ranges, allowed values and references to known codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cxdash.models import (
    ALIGNMENT_DIMENSIONS,
    GOVERNANCE_MODELS,
    JOURNEY_STAGES,
    RACI_ROLES,
    TARGET_METRICS,
)

_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")

Issue = tuple[str, Any, str]


@dataclass
class Lookups:
    """Codes already in the database (plus those a file itself defines) mapped to ids."""

    regions: dict[str, int] = field(default_factory=dict)
    touchpoints: dict[str, int] = field(default_factory=dict)
    leaders: dict[str, int] = field(default_factory=dict)
    rounds: dict[str, int] = field(default_factory=dict)
    file_leaders: set[str] = field(default_factory=set)


def _ref(issues: list[Issue], table: dict[str, int], column: str, value: str | None, what: str) -> None:
    if value is not None and value not in table:
        issues.append((column, value, f"unknown {what}; load it first or fix the code"))


def _range(issues: list[Issue], column: str, value: float | None, low: float, high: float) -> None:
    if value is not None and not low <= value <= high:
        issues.append((column, value, f"must be between {low:g} and {high:g}"))


def _code(issues: list[Issue], column: str, value: str) -> None:
    if not _CODE.match(value):
        issues.append((column, value, "must be 1-32 letters, digits, '_', '-' or '.'"))


def _regions(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    _code(issues, "code", row["code"])
    return issues


def _touchpoints(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    _code(issues, "code", row["code"])
    if row["stage"] not in JOURNEY_STAGES:
        issues.append(("stage", row["stage"], f"must be one of {', '.join(JOURNEY_STAGES)}"))
    _range(issues, "position", row["position"], 0, 10_000)
    return issues


def _leaders(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    _code(issues, "key", row["key"])
    boss = row["reports_to"]
    if boss is not None:
        if boss == row["key"]:
            issues.append(("reports_to", boss, "a leader cannot report to themselves"))
        elif boss not in lk.leaders and boss not in lk.file_leaders:
            issues.append(("reports_to", boss, "unknown leader key; add that leader first"))
    return issues


def _governance(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    _ref(issues, lk.regions, "region", row["region"], "region code")
    if row["model"] not in GOVERNANCE_MODELS:
        issues.append(("model", row["model"], f"must be one of {', '.join(GOVERNANCE_MODELS)}"))
    return issues


def _ownership(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    _ref(issues, lk.touchpoints, "touchpoint", row["touchpoint"], "touchpoint code")
    _ref(issues, lk.leaders, "leader", row["leader"], "leader key")
    if row["role"] not in RACI_ROLES:
        issues.append(("role", row["role"], "must be one of R, A, C, I"))
    return issues


def _responses(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    _ref(issues, lk.regions, "region", row["region"], "region code")
    _ref(issues, lk.touchpoints, "touchpoint", row["touchpoint"], "touchpoint code")
    _range(issues, "nps", row["nps"], 0, 10)
    _range(issues, "csat", row["csat"], 1, 5)
    _range(issues, "ces", row["ces"], 1, 7)
    if row["responded_on"] > today:
        issues.append(("responded_on", row["responded_on"], "is in the future"))
    if len(row["response_key"]) > 64:
        issues.append(("response_key", row["response_key"], "is longer than 64 characters"))
    if row["comment"] is not None and len(row["comment"]) > 4000:
        issues.append(("comment", row["comment"][:40], "is longer than 4000 characters"))
    return issues


def _retention(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    _ref(issues, lk.regions, "region", row["region"], "region code")
    start, end, new = row["customers_start"], row["customers_end"], row["new_customers"]
    for name in ("customers_start", "customers_end", "new_customers"):
        if row[name] < 0:
            issues.append((name, row[name], "cannot be negative"))
    if new > end:
        issues.append(("new_customers", new, "is more than the customers at the end of the month"))
    elif end - new > start:
        issues.append(("customers_end", end, "keeps more existing customers than there were at the start"))
    if row["month"] > today.replace(day=1):
        issues.append(("month", row["month"].strftime("%Y-%m"), "is in the future"))
    return issues


def _rounds(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    if len(row["label"]) > 32:
        issues.append(("label", row["label"], "is longer than 32 characters"))
    return issues


def _ratings(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    _ref(issues, lk.rounds, "round", row["round"], "round label")
    _ref(issues, lk.leaders, "leader", row["leader"], "leader key")
    if row["dimension"] not in ALIGNMENT_DIMENSIONS:
        issues.append(("dimension", row["dimension"], f"must be one of {', '.join(ALIGNMENT_DIMENSIONS)}"))
    _range(issues, "score", row["score"], 1, 5)
    return issues


def _beliefs(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    _ref(issues, lk.rounds, "round", row["round"], "round label")
    _ref(issues, lk.leaders, "leader", row["leader"], "leader key")
    _ref(issues, lk.leaders, "named_owner", row["named_owner"], "leader key")
    return issues


_TARGET_RANGES = {"nps": (-100.0, 100.0), "retention": (0.0, 1.0), "csat": (0.0, 1.0), "ces": (1.0, 7.0)}


def _targets(row: dict[str, Any], lk: Lookups, today: date) -> list[Issue]:
    issues: list[Issue] = []
    metric = row["metric"]
    if metric not in TARGET_METRICS:
        issues.append(("metric", metric, f"must be one of {', '.join(TARGET_METRICS)}"))
    else:
        _range(issues, "value", row["value"], *_TARGET_RANGES[metric])
    _ref(issues, lk.regions, "region", row["region"], "region code")
    _range(issues, "year", row["year"], 2000, 2100)
    return issues


RULES: dict[str, Callable[[dict[str, Any], Lookups, date], list[Issue]]] = {
    "regions": _regions,
    "touchpoints": _touchpoints,
    "leaders": _leaders,
    "governance": _governance,
    "ownership": _ownership,
    "responses": _responses,
    "retention": _retention,
    "alignment_rounds": _rounds,
    "alignment_ratings": _ratings,
    "ownership_beliefs": _beliefs,
    "targets": _targets,
}
