"""What the Survey export tab shows: a proposed profile for an uploaded export, its values, a preview, the check."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy.engine import Engine

from cxdash import permissions
from cxdash.ingest.report import ImportReport
from cxdash.sources import inspect
from cxdash.sources.load import Progress, import_source, known_codes
from cxdash.sources.presets import CUSTOMERS_PRESET, PRESET_NOTES, PRESETS, propose
from cxdash.sources.profile import CONSTANT, FIELDS, REQUIRED, Profile
from cxdash.sources.store import saved_profile, saved_profiles

NONE, FIXED = "(not in the file)", "(a fixed value)"
VALUE_LIMIT = 60  # values listed for mapping; a file with more is better mapped on the command line
UNMAPPED = "(not mapped)"


@dataclass(frozen=True)
class Start:
    """An uploaded export as first read: its format, column names, and the profile the app proposes."""

    format_name: str
    detected: str | None
    names: tuple[str, ...]
    profile: Profile


def shown_to(actor: permissions.Actor) -> bool:
    return permissions.can(actor, "import_data")


def starts(engine: Engine, kind: str = "responses") -> list[str]:
    """What a mapping of ``kind`` can start from: the presets, then the saved profiles (as 'profile:NAME')."""
    presets = list(PRESETS) if kind == "responses" else [CUSTOMERS_PRESET.name]
    return [*presets, *(f"profile:{p.name}" for p in saved_profiles(engine) if p.kind == kind)]


def start_label(start: str) -> str:
    if start.startswith("profile:"):
        return f"Saved profile {start.removeprefix('profile:')}"
    return f"Preset: {start}"


def start_note(start: str) -> str:
    """What a preset expects of the file; empty for a saved profile."""
    return PRESET_NOTES.get(start, "")


def start(engine: Engine, data: bytes, choice: str | None, *, sheet: str = "", header_rows: int | None = None) -> Start:
    """The head of ``data`` and the profile proposed from ``choice`` or the detected preset (raises SourceError)."""
    head = inspect.sample(data, sheet=sheet)
    chosen = choice or head.preset or "typeform"
    if chosen.startswith("profile:"):
        base = saved_profile(engine, chosen.removeprefix("profile:")) or PRESETS["typeform"]
        base = replace(base, sheet=sheet or base.sheet, header_rows=header_rows or base.header_rows)
        return Start(head.format_name, head.preset, tuple(head.names(base.header_rows)), base)
    base = replace(PRESETS[chosen], sheet=sheet, header_rows=header_rows or PRESETS[chosen].header_rows)
    names = head.names(base.header_rows)
    columns = propose(names, head.descriptions(base.header_rows), base)
    return Start(head.format_name, head.preset, tuple(names), replace(base, name="", columns=columns))


def choice_of(profile: Profile, field: str) -> str:
    """The column picker's value for ``field``: a column, FIXED, or NONE."""
    if profile.constant(field) is not None:
        return FIXED
    return profile.source(field) or NONE


def columns_from(picked: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Field -> (picker value, fixed text) as a profile's columns."""
    columns = {}
    for field, (choice, fixed) in picked.items():
        if choice == FIXED and fixed.strip():
            columns[field] = CONSTANT + fixed.strip()
        elif choice not in (NONE, FIXED):
            columns[field] = choice
    return columns


def field_label(field: str) -> str:
    return FIELDS[field] + ("" if field in REQUIRED else " (optional)")


@dataclass(frozen=True)
class ValueRow:
    """One value of the region or touchpoint column: how many rows have it, and the code it maps to."""

    value: str
    rows: int
    code: str | None


def value_counts(data: bytes, profile: Profile, field: str) -> Counter[str]:
    """How many rows have each value of the field's column (reads the whole file)."""
    return inspect.distinct_values(data, profile, field)


def values(engine: Engine, found: Counter[str], profile: Profile, field: str) -> tuple[list[ValueRow], list[str]]:
    """The field's values (most rows first) with the profile's or proposed codes, and the codes to choose from."""
    codes, mapped = known_codes(engine)[field], profile.values(field)
    rows = [ValueRow(v, n, mapped.get(v, codes.get(v.lower()))) for v, n in found.most_common(VALUE_LIMIT) if v]
    return rows, sorted(set(codes.values()))


def preview(engine: Engine, data: bytes, profile: Profile) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first rows as they will load, and the problems the mapping finds in them."""
    rows, report = inspect.preview(data, profile, known_codes(engine))
    return rows, report.frame()


def check(engine: Engine, data: bytes, profile: Profile, name: str, actor: permissions.Actor) -> ImportReport:
    """Every problem importing the whole file would meet, with nothing written."""
    return import_source(engine, data, profile, file_name=name, actor=actor, check_only=True)


def run_import(
    engine: Engine, data: bytes, profile: Profile, name: str, mode: str, actor: permissions.Actor, progress: Progress
) -> ImportReport:
    return import_source(engine, data, profile, file_name=name, mode=mode, actor=actor, progress=progress)
