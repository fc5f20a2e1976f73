"""What an import tells its user: every problem found, or what changed."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LISTED_PROBLEMS = 1000


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
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    already_imported_at: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def changed(self) -> bool:
        return self.inserted + self.updated > 0

    def add(self, line: int, column: str, value: object, reason: str) -> None:
        """Record a problem; past the listing cap only the count grows."""
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            text = "" if value is None else str(value)
            self.problems.append(Problem(line, column, text[:200], reason))

    def summary(self) -> str:
        """One sentence a user can act on."""
        if not self.ok:
            return (
                f"{self.file_name}: nothing was loaded because of {self.problem_count} "
                f"problem(s); fix them and import the file again."
            )
        if not self.changed:
            when = f" (first imported {self.already_imported_at})" if self.already_imported_at else ""
            return f"{self.file_name}: nothing changed; all {self.rows_read} row(s) are already in the database{when}."
        return (
            f"{self.file_name}: {self.inserted} new, {self.updated} updated, "
            f"{self.skipped} unchanged or skipped, of {self.rows_read} row(s)."
        )


class ImportRefused(Exception):
    """Raised inside an import transaction so that nothing of the file is kept."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(report.summary())
        self.report = report
