"""What an import tells its user: every problem found, or what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

MAX_LISTED_PROBLEMS = 10_000
REPORT_COLUMNS = ("line", "column", "value", "reason")


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot load; line 1 is the header, 0 the file as a whole."""

    line: int
    column: str
    value: str
    reason: str


@dataclass
class ImportReport:
    kind: str
    file_name: str
    sha256: str = ""
    mode: str = "skip"
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    already_imported_at: str | None = None
    # Ids of the responses this import added, as (after, last]: an import's responses are deleted by it.
    new_ids: tuple[int, int] | None = None

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def changed(self) -> bool:
        return self.inserted + self.updated > 0

    def add(self, line: int, column: str, value: object, reason: str) -> None:
        """Record a problem; past the listing cap only the count grows, so memory stays bounded."""
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            text = "" if value is None else str(value)
            self.problems.append(Problem(line, column, text[:200], reason))

    def summary(self) -> str:
        """One sentence a user can act on."""
        if not self.ok:
            listed = f" (the first {len(self.problems)} are listed)" if self.problem_count > len(self.problems) else ""
            return (
                f"{self.file_name}: nothing was loaded because of {self.problem_count:,} "
                f"problem(s){listed}; fix them and import the file again."
            )
        if not self.changed:
            when = f" (first imported {self.already_imported_at})" if self.already_imported_at else ""
            if self.mode == "update":
                same = f"all {self.rows_read:,} row(s) are stored with these values"
                return f"{self.file_name}: nothing changed; {same}{when}."
            return (
                f"{self.file_name}: nothing changed; the keys of all {self.rows_read:,} row(s) are already stored, "
                f"so they were skipped{when}."
            )
        return (
            f"{self.file_name}: {self.inserted:,} new, {self.updated:,} updated, "
            f"{self.skipped:,} unchanged or skipped, of {self.rows_read:,} row(s)."
        )

    def frame(self) -> pd.DataFrame:
        """The listed problems as a table of line, column, value and reason."""
        import pandas as pd  # here: a command-line import never needs pandas, and loading it costs a fifth of a second

        return pd.DataFrame([(p.line, p.column, p.value, p.reason) for p in self.problems], columns=REPORT_COLUMNS)
