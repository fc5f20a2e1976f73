"""Source profiles: how one survey platform's export maps onto cxdash's responses."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

FIELDS: dict[str, str] = {
    "response_key": "Response key",
    "responded_on": "Date",
    "nps": "Score (0-10)",
    "region": "Region",
    "touchpoint": "Touchpoint",
    "channel": "Channel",
    "customer_key": "Customer key",
    "csat": "CSAT (1-5)",
    "ces": "CES (1-7)",
    "comment": "Comment",
}
CUSTOMER_FIELDS: dict[str, str] = {
    "customer_key": "Customer key",
    "region": "Region",
    "started_on": "Start date",
    "ended_on": "End or cancellation date",
}
REQUIRED = ("response_key", "responded_on", "nps", "region", "touchpoint", "channel")
SCORES = ("nps", "csat", "ces")
VALUE_MAPPED = ("region", "touchpoint")
CONSTANT = "="  # a mapping "=email" means the fixed value "email" on every row
KINDS = ("responses", "customers")
# Columns whose second header row only says "this is the answer" (SurveyMonkey), not which option.
PLAIN_ANSWER = frozenset({"", "response", "open-ended response"})


def _frozen(values: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(values or {}))


@dataclass(frozen=True)
class Profile:
    """A saved mapping: each cxdash field from a column (or a constant), source values to codes, a date format.

    ``header_rows`` is how many rows the export puts above its data; column names come from the
    first of them (with two rows, as SurveyMonkey writes them, "question / answer option").
    An empty ``date_format`` reads ISO dates with or without a time ("2026-10-01 09:15:42").
    """

    name: str
    columns: Mapping[str, str] = field(default_factory=_frozen)
    regions: Mapping[str, str] = field(default_factory=_frozen)
    touchpoints: Mapping[str, str] = field(default_factory=_frozen)
    date_format: str = ""
    header_rows: int = 1
    sheet: str = ""
    kind: str = "responses"

    def source(self, name: str) -> str | None:
        """The file's column feeding ``name``, or None when it is a constant or not mapped."""
        mapped = self.columns.get(name, "")
        return mapped if mapped and not mapped.startswith(CONSTANT) else None

    def constant(self, name: str) -> str | None:
        mapped = self.columns.get(name, "")
        return mapped[len(CONSTANT) :] if mapped.startswith(CONSTANT) else None

    def values(self, name: str) -> Mapping[str, str]:
        """The value mapping of a region or touchpoint field."""
        return self.regions if name == "region" else self.touchpoints

    def renamed(self, name: str) -> Profile:
        return replace(self, name=name)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "columns": dict(self.columns),
            "regions": dict(self.regions),
            "touchpoints": dict(self.touchpoints),
            "date_format": self.date_format,
            "header_rows": self.header_rows,
            "sheet": self.sheet,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Profile:
        return cls(
            name=str(data["name"]),
            kind=str(data.get("kind", "responses")),
            columns=_frozen(data.get("columns")),
            regions=_frozen(data.get("regions")),
            touchpoints=_frozen(data.get("touchpoints")),
            date_format=str(data.get("date_format", "")),
            header_rows=int(data.get("header_rows", 1)),
            sheet=str(data.get("sheet", "")),
        )


def dumps(values: Mapping[str, Any]) -> str:
    return json.dumps(dict(values), ensure_ascii=False, sort_keys=True)


def column_names(header: list[list[str]]) -> list[str]:
    """Column names from the export's header rows (see Profile): the first row, or question / option."""
    if len(header) != 2:
        return [name.strip() for name in header[0]]
    names, question = [], ""
    for position, first in enumerate(header[0]):
        question = first.strip() or question
        option = header[1][position].strip() if position < len(header[1]) else ""
        names.append(question if option.lower() in PLAIN_ANSWER else f"{question} / {option}")
    return names
