"""What the Customer records tab shows: a proposed mapping of a CRM or billing export, a preview, the check.

The import itself is ``cxdash.sources.customers.import_customers``, the same the command line runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy.engine import Engine

from cxdash import permissions
from cxdash.ingest.report import ImportReport
from cxdash.sources import inspect
from cxdash.sources.customers import import_customers, preview_customers
from cxdash.sources.presets import CUSTOMERS_PRESET, propose_customers
from cxdash.sources.profile import CUSTOMER_FIELDS, Profile
from cxdash.sources.store import saved_profile

NONE = "(not in the file)"
OPTIONAL = ("ended_on",)
PREVIEW_COLUMNS = ("source line", "customer_key", "region", "started_on", "ended_on")


@dataclass(frozen=True)
class Start:
    """An uploaded customer file as first read: its format, column names, and the profile proposed for it."""

    format_name: str
    names: tuple[str, ...]
    profile: Profile


def start(engine: Engine, data: bytes, choice: str | None, *, sheet: str = "") -> Start:
    """The file's columns and the chosen profile, its columns proposed where they are not in the file.

    Raises SourceError for a file that cannot be read.
    """
    base = CUSTOMERS_PRESET
    if choice and choice.startswith("profile:"):
        base = saved_profile(engine, choice.removeprefix("profile:")) or base
    base = replace(base, sheet=sheet or base.sheet)
    head = inspect.sample(data, sheet=base.sheet)
    names = head.names(base.header_rows)
    proposed = propose_customers(names)
    columns = {}
    for field in CUSTOMER_FIELDS:
        saved = base.columns.get(field, "")
        column = saved if saved in names else proposed.get(field)
        if column:
            columns[field] = column
    return Start(head.format_name, tuple(names), replace(base, columns=columns))


def field_label(field: str) -> str:
    return CUSTOMER_FIELDS[field] + (" (optional)" if field in OPTIONAL else "")


def columns_from(picked: dict[str, str]) -> dict[str, str]:
    """Field -> chosen column (or NONE) as a profile's columns."""
    return {field: column for field, column in picked.items() if column and column != NONE}


def preview(engine: Engine, data: bytes, profile: Profile) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first records as they will load, and the problems found in those rows (raises SourceError)."""
    records, report = preview_customers(engine, data, profile)
    rows = [(r.line, r.key, r.region, r.started_on.isoformat(), r.ended_on.isoformat() if r.ended_on else "")
            for r in records]  # fmt: skip
    return pd.DataFrame(rows, columns=list(PREVIEW_COLUMNS)), report.frame()


def run(
    engine: Engine, data: bytes, profile: Profile, name: str, mode: str, actor: permissions.Actor, *, check: bool
) -> ImportReport:
    """Check, or import in one transaction, every record of the file; the regions' monthly retention follows."""
    return import_customers(engine, data, profile, file_name=name, mode=mode, actor=actor, check_only=check)
