"""Turning one row of an export into cxdash's canonical responses row, as text the responses import validates."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from cxdash.ingest.formats import FORMATS
from cxdash.ingest.report import ImportReport
from cxdash.sources.profile import FIELDS, REQUIRED, SCORES, VALUE_MAPPED, Profile

CANONICAL: tuple[str, ...] = tuple(FORMATS["responses"].header)
KEY, CUSTOMER = CANONICAL.index("response_key"), CANONICAL.index("customer_key")
CONVERTED = frozenset({*SCORES, "responded_on", *VALUE_MAPPED})
# "10", "10.0", "10 - Extremely likely", "4: Satisfied": the number is what loads.
_SCORE = re.compile(r"\s*([0-9]{1,2})(?:\.0+)?(?:\s*[-–:.)]\s*\D.*)?\s*", re.DOTALL)
MEMO_LIMIT = 100_000
UNMAPPED_LIMIT = 1_000


def score_text(text: str) -> str:
    """The score a cell holds, as digits; raises ValueError when it holds no leading number."""
    if not text:
        return ""
    match = _SCORE.fullmatch(text)
    if not match:
        raise ValueError(
            "is not a score; export numeric values, or choice text that starts with the number "
            '("10 - Extremely likely")'
        )
    return str(int(match.group(1)))


class DateReader:
    """A cell's date in ``fmt`` (strftime codes; empty = ISO with or without a time) to YYYY-MM-DD.

    Dates repeat (a year of responses holds 365 days) but timestamps rarely do: an ISO timestamp is read by its
    first ten characters, which decide its day whatever follows them (a time after the date is ignored), so each
    day is parsed once. A strftime format is read once per distinct text.
    """

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.shown = fmt or "YYYY-MM-DD (a time after it is ignored)"
        self.memo: dict[str, str] = {"": ""}

    def _parse(self, text: str) -> str:
        try:
            if self.fmt:
                return datetime.strptime(text, self.fmt).date().isoformat()
            try:
                return datetime.fromisoformat(text).date().isoformat()
            except ValueError:
                return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            raise ValueError(f"is not a date in the profile's format {self.shown}") from None

    def _key(self, text: str) -> str:
        return text[:10] if not self.fmt and text[4:5] == "-" == text[7:8] else text

    def __call__(self, text: str) -> str:
        key = self._key(text)
        if key in self.memo:
            return self.memo[key]
        value = self._parse(key)
        if len(self.memo) < MEMO_LIMIT:
            self.memo[key] = value
        return value

    def column(self, texts: list[str]) -> list[str] | None:
        """The dates of a column of cells, or None when one of them is not a date (or the memo is full)."""
        keys = [t[:10] if t[4:5] == "-" == t[7:8] else t for t in texts] if not self.fmt else texts
        memo = self.memo
        for key in set(keys).difference(memo):
            if len(memo) >= MEMO_LIMIT:
                return None
            try:
                memo[key] = self._parse(key)
            except ValueError:
                return None
        return list(map(memo.__getitem__, keys))


def date_reader(fmt: str) -> Callable[[str], str]:
    """A cell's date in ``fmt`` to YYYY-MM-DD (see DateReader); raises ValueError with the format in words."""
    return DateReader(fmt)


@dataclass
class Unmapped:
    """Source values of a region or touchpoint column that map to no code: rows and first line per value.

    Past UNMAPPED_LIMIT distinct values (a column mapped by mistake, say e-mail addresses as regions) further
    values are only counted together, so memory does not grow with the file.
    """

    rows: Counter[str] = field(default_factory=Counter)
    first_line: dict[str, int] = field(default_factory=dict)
    more_rows: int = 0
    more_line: int = 0

    def add(self, value: str, line: int) -> None:
        if value not in self.rows and len(self.rows) >= UNMAPPED_LIMIT:
            self.more_rows += 1
            self.more_line = self.more_line or line
            return
        self.rows[value] += 1
        self.first_line.setdefault(value, line)

    def report(self, report: ImportReport, column: str, name: str, advice: str) -> int:
        """One problem per unmapped value, with its row count and first line; returns how many were listed."""
        for value, rows in self.rows.most_common():
            report.add(self.first_line[value], column, value,
                       f"{rows} row(s) have this {name}, which the profile maps to no {name} code{advice}")  # fmt: skip
        if self.more_rows:
            reason = (f"{self.more_rows} more row(s) have {name} values the profile maps to no {name} code "
                      f"(only the first {UNMAPPED_LIMIT:,} values are listed){advice}")  # fmt: skip
            report.add(self.more_line, column, "", reason)
        return len(self.rows) + bool(self.more_rows)


class RowMapper:
    """Maps the rows of one export through a profile; problems and unmapped values are collected as it goes.

    ``codes`` holds, per region and touchpoint, each stored code and name in lower case -> the code:
    a value that is a region's own code or name needs no value mapping; any other value is unmapped.
    """

    def __init__(
        self, profile: Profile, names: list[str], codes: dict[str, dict[str, str]], report: ImportReport
    ) -> None:
        self.profile, self.names, self.report = profile, names, report
        self.unmapped = {name: Unmapped() for name in VALUE_MAPPED}
        self.unmapped_row = False  # whether the last row mapped had a region or touchpoint value mapped to no code
        self._codes = codes
        self.dates = DateReader(profile.date_format)
        self._position = {name: position for position, name in reversed(list(enumerate(names)))}
        self.steps = self._plan()
        self.key_for_customer = profile.source("customer_key") is None and profile.constant("customer_key") is None
        # Scores and codes, each read once per distinct text; a code is None for a value the profile maps to none.
        self.converters: dict[str, Callable[[str], str | None]] = {
            **{score: score_text for score in SCORES},
            **{name: functools.partial(self._code_of, name) for name in VALUE_MAPPED},
        }
        self.memo: dict[str, dict[str, str | None]] = {name: {} for name in self.converters}

    def check_header(self, line: int) -> bool:
        """Every mapped column is in the file and every required field is mapped; problems go to the report."""
        before, known = self.report.problem_count, ", ".join(n for n in self.names if n)
        for name in FIELDS:
            column = self.profile.source(name)
            if column is not None and column not in self._position:
                self.report.add(line, column, column, f"the profile reads {FIELDS[name]} from this column, "
                                f"but the file has no such column; its columns are {known}"[:400])  # fmt: skip
            elif column is None and self.profile.constant(name) is None and name in REQUIRED:
                self.report.add(line, "", name, f"the profile maps no column (and no fixed value) to {FIELDS[name]}")
        return self.report.problem_count == before

    def _plan(self) -> list[tuple[str, int | None, str]]:
        """Per canonical field: the column position it is read from (None for a constant) and the constant."""
        plan = []
        for name in CANONICAL:
            column = self.profile.source(name)
            position = self._position.get(column) if column is not None else None
            plan.append((name, position, self.profile.constant(name) or ""))
        return plan

    def _code_of(self, name: str, value: str) -> str | None:
        """The code of a region or touchpoint value: mapped by the profile, a stored code or name, or None."""
        mapped = self.profile.values(name).get(value)
        if mapped is not None or not value:
            return mapped or ""
        return self._codes[name].get(value.lower())

    def _convert(self, name: str, value: str, line: int) -> str | None:
        """A score, date or coded value; None after reporting a problem. An unmapped value is counted on every row."""
        try:
            if name == "responded_on":
                return self.dates(value)
            memo = self.memo[name]
            if value in memo:
                converted = memo[value]
            else:
                converted = self.converters[name](value)
                if len(memo) < MEMO_LIMIT:
                    memo[value] = converted
        except ValueError as exc:
            self.report.add(line, self.profile.source(name) or name, value, str(exc))
            return None
        if converted is None:
            self.unmapped[name].add(value, line)
            self.unmapped_row = True
            return value
        return converted

    def row(self, line: int, cells: list[str], ragged: bool) -> tuple[str, ...] | None:
        """The canonical row of a source row, or None (its problems are in the report)."""
        width, self.unmapped_row = len(self.names), False
        if len(cells) > width or (len(cells) < width and not ragged):
            self.report.add(line, "", "", f"has {len(cells)} fields, the header has {width}")
            return None
        values, ok, count = [], True, len(cells)
        for name, position, constant in self.steps:
            value = constant if position is None else cells[position].strip() if position < count else ""
            if name in CONVERTED:
                converted = self._convert(name, value, line)
                ok = ok and converted is not None
                value = converted or ""
            values.append(value)
        if self.key_for_customer and not values[CUSTOMER]:
            values[CUSTOMER] = values[KEY]
        return tuple(values) if ok else None

    def refuse_unmapped(self) -> int:
        """Report every unmapped region and touchpoint value with its row count; returns how many there are."""
        listed = 0
        for name, found in self.unmapped.items():
            advice = f"; add it to the profile's {name} values"
            listed += found.report(self.report, self.profile.source(name) or name, name, advice)
        return listed
