"""Looking into an export before importing it: its columns, first rows, values, and the rows as they will load."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from cxdash.ingest.report import ImportReport
from cxdash.sources.load import Source, header_and_rows, open_source
from cxdash.sources.mapping import CANONICAL, RowMapper
from cxdash.sources.presets import detect, propose
from cxdash.sources.profile import Profile, column_names
from cxdash.sources.read import SourceFile

if TYPE_CHECKING:
    import pandas as pd

DISTINCT_LIMIT = 500


@dataclass(frozen=True)
class Sample:
    """The head of an export: its format, the first rows as read, and the preset its layout matches."""

    format_name: str
    first_rows: tuple[tuple[str, ...], ...]
    preset: str | None

    def names(self, header_rows: int) -> list[str]:
        return column_names([list(r) for r in self.first_rows[:header_rows]]) if self.first_rows else []

    def descriptions(self, header_rows: int) -> list[str]:
        """Question texts under the column IDs (Qualtrics' second row), when the header has three rows."""
        return list(self.first_rows[1]) if header_rows >= 3 and len(self.first_rows) > 1 else []


def sample(source: Source, *, sheet: str = "", rows: int = 25) -> Sample:
    """The first rows of a file (raises SourceError for a file that cannot be read)."""
    raw = open_source(source)
    file = SourceFile(raw, sheet=sheet)
    try:
        head = [tuple(cells) for _, (_, cells) in zip(range(rows), file.rows(), strict=False)]
    finally:
        file.close()
    return Sample(file.format_name, tuple(head), detect([list(r) for r in head]))


def distinct_values(source: Source, profile: Profile, field: str) -> Counter[str]:
    """Every value of the column a field is read from, with its row count (the first DISTINCT_LIMIT values)."""
    column = profile.source(field)
    found: Counter[str] = Counter()
    if column is None:
        return found
    file = SourceFile(open_source(source), sheet=profile.sheet)
    try:
        names, _, rows = header_and_rows(file, profile, ImportReport("responses", ""))
        if column not in names:
            return found
        position = names.index(column)
        for _, cells in rows:
            value = cells[position].strip() if position < len(cells) else ""
            if value in found or len(found) < DISTINCT_LIMIT:
                found[value] += 1
    finally:
        file.close()
    return found


def preview(
    source: Source, profile: Profile, codes: dict[str, dict[str, str]], rows: int = 20
) -> tuple[pd.DataFrame, ImportReport]:
    """The first rows as they will load, and the problems the mapping finds in them."""
    import pandas as pd  # here: the command line imports this module, and only the app previews a file

    report = ImportReport("responses", "preview")
    file = SourceFile(open_source(source), sheet=profile.sheet)
    mapped: list[tuple[str, ...]] = []
    try:
        names, header_line, data = header_and_rows(file, profile, report)
        mapper = RowMapper(profile, names, codes, report)
        if names and mapper.check_header(header_line):
            for _, (line, cells) in zip(range(rows), data, strict=False):
                row = mapper.row(line, cells, file.excel)
                if row is not None:
                    mapped.append((str(line), *row))
            mapper.refuse_unmapped()
    finally:
        file.close()
    return pd.DataFrame(mapped, columns=["source line", *CANONICAL]), report


def proposed_profile(source: Source, preset: Profile, *, name: str | None = None, sheet: str = "") -> Profile:
    """The preset with every other field mapped from the file's column names, as the app first proposes it."""
    head = sample(source, sheet=sheet or preset.sheet)
    columns = propose(head.names(preset.header_rows), head.descriptions(preset.header_rows), preset)
    return replace(preset, name=name or preset.name, columns=columns, sheet=sheet or preset.sheet)
