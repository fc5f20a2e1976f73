"""Yearly targets: one value per metric, scope (a region or the company) and year, in the units people read.

Values are stored as the targets import stores them (NPS in points, retention and CSAT as shares
from 0 to 1, CES as a mean on the 1–7 scale) and written for people as the Overview writes them
(retention and CSAT in percent). Setting and removing a target is in ``cxdash.edits.targets``.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxdash.ingest.formats import FORMATS
from cxdash.ingest.rules import TARGET_RANGES

ENTITY = "targets"  # the audit entity of the targets import, so one filter shows imports and edits
LABELS = {"nps": "NPS", "retention": "Retention", "csat": "CSAT", "ces": "CES"}
WORDS = LABELS | {"retention": "retention"}  # as a sentence names them
PERCENT = frozenset({"retention", "csat"})
_YEAR = next(c for c in FORMATS["targets"].columns if c.name == "year")
EARLIEST_YEAR, LATEST_YEAR = int(_YEAR.minimum or 2000), int(_YEAR.maximum or 2100)


class TargetInputError(ValueError):
    """Input the user can correct; the message says how. Nothing was changed."""


class TargetConflict(TargetInputError):
    """Someone changed the target after the form was opened; nothing was changed."""


class TargetUnchanged(TargetInputError):
    """The save would store the value already stored; nothing was changed."""


@dataclass(frozen=True)
class LoadedTarget:
    """A target as the form opened it; ``value`` (stored units) is None when no target was set then."""

    metric: str
    region: str | None
    year: int
    value: float | None

    @property
    def audit_key(self) -> str:
        return f"{self.metric}/{self.region or 'company'}/{self.year}"

    @property
    def title(self) -> str:
        """How sentences name this target: "the company-wide NPS target for 2026"."""
        label = WORDS.get(self.metric, self.metric)
        if self.region is None:
            return f"the company-wide {label} target for {self.year}"
        return f"the {label} target of {self.region} for {self.year}"


def shown(metric: str, value: float) -> float:
    """A stored value in the unit people read: percent for retention and CSAT, as stored otherwise."""
    return round(value * 100, 6) if metric in PERCENT else value


def stored(metric: str, value: float) -> float:
    """A value typed in the unit people read, in the unit the database and the import use."""
    return round(value / 100, 8) if metric in PERCENT else value


def number_text(metric: str, value: float) -> str:
    """A stored value as people read it, without its unit word: "38", "98.5%"."""
    return f"{round(shown(metric, value), 4):g}" + ("%" if metric in PERCENT else "")


def describe(metric: str, value: float) -> str:
    """A stored value with its unit: "38 points", "98.5%", "5.2 on the 1–7 scale"."""
    number = number_text(metric, value)
    if metric in PERCENT:
        return number
    return f"{number} points" if metric == "nps" else f"{number} on the 1–7 scale"


def range_text(metric: str) -> str:
    """The values a target may take, in the unit people read: "-100 to 100 points", "0% to 100%", "1 to 7"."""
    low, high = TARGET_RANGES[metric]
    return f"{number_text(metric, low)} to {number_text(metric, high)}" + (" points" if metric == "nps" else "")
