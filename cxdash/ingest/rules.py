"""Rules that span several cells of a row; single-cell limits are declared in formats.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Issue = tuple[str, Any, str]
Rule = Callable[[dict[str, Any], "Lookups"], list[Issue]]


@dataclass
class Lookups:
    """Codes already in the database mapped to ids (plus leader keys a leaders file itself defines)."""

    regions: dict[str, int] = field(default_factory=dict)
    touchpoints: dict[str, int] = field(default_factory=dict)
    leaders: dict[str, int] = field(default_factory=dict)
    rounds: dict[str, int] = field(default_factory=dict)
    file_leaders: set[str] = field(default_factory=set)

    def table(self, ref: str) -> tuple[dict[str, int], str]:
        """The codes a reference column may use, and what to call them in a message."""
        return {
            "regions": (self.regions, "region code"),
            "touchpoints": (self.touchpoints, "touchpoint code"),
            "leaders": (self.leaders, "leader key"),
            "rounds": (self.rounds, "round label"),
        }[ref]


def _none(row: dict[str, Any], lk: Lookups) -> list[Issue]:
    return []


def _leaders(row: dict[str, Any], lk: Lookups) -> list[Issue]:
    boss = row["reports_to"]
    if boss is None:
        return []
    if boss == row["key"]:
        return [("reports_to", boss, "a leader cannot report to themselves")]
    if boss not in lk.leaders and boss not in lk.file_leaders:
        return [("reports_to", boss, "unknown leader key; add that leader first or in the same file")]
    return []


def _retention(row: dict[str, Any], lk: Lookups) -> list[Issue]:
    start, end, new = row["customers_start"], row["customers_end"], row["new_customers"]
    if new > end:
        return [("new_customers", new, f"is more than the {end} customers at the end of the month")]
    if end - new > start:
        return [("customers_end", end, f"keeps {end - new} existing customers but the month started with {start}")]
    return []


TARGET_RANGES = {"nps": (-100.0, 100.0), "retention": (0.0, 1.0), "csat": (0.0, 1.0), "ces": (1.0, 7.0)}


def _targets(row: dict[str, Any], lk: Lookups) -> list[Issue]:
    low, high = TARGET_RANGES[row["metric"]]
    if not low <= row["value"] <= high:
        return [("value", row["value"], f"a {row['metric']} target must be between {low:g} and {high:g}")]
    return []


def _actions(row: dict[str, Any], lk: Lookups) -> list[Issue]:
    if row["region"] is None and row["touchpoint"] is None and row["dimension"] is None:
        return [("region", None, "say what the action addresses: a region, a touchpoint or a dimension")]
    if (row["done_on"] is not None) != (row["status"] == "done"):
        return [("done_on", row["done_on"], "give done_on exactly when the status is done")]
    if row["status"] == "dropped" and row["drop_reason"] is None:
        return [("drop_reason", None, "say why the action was dropped")]
    if row["due_on"] < row["raised_month"]:
        return [("due_on", row["due_on"], "is before the month the finding was raised")]
    return []


RULES: dict[str, Rule] = {
    "regions": _none,
    "touchpoints": _none,
    "leaders": _leaders,
    "governance": _none,
    "ownership": _none,
    "responses": _none,
    "retention": _retention,
    "alignment_rounds": _none,
    "alignment_ratings": _none,
    "ownership_beliefs": _none,
    "targets": _targets,
    "actions": _actions,
}
