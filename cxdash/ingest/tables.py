"""Loading the small entities (everything but responses): read whole, check, write through the ORM."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any

from sqlmodel import Session, select

from cxdash.ingest.formats import CsvFormat
from cxdash.ingest.parse import read_rows
from cxdash.ingest.report import ImportReport
from cxdash.ingest.rules import RULES, Lookups
from cxdash.ingest.writers import write_rows
from cxdash.models import Leader


def checked(
    rows: Iterable[tuple[int, dict[str, Any]]], fmt: CsvFormat, lk: Lookups, report: ImportReport
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows that pass the kind's cross-cell rules and whose key no earlier line of the file has."""
    rule = RULES[fmt.kind]
    first_seen: dict[tuple[Any, ...], int] = {}
    columns = ",".join(fmt.key)
    for line, row in rows:
        key = tuple(row[c] for c in fmt.key)
        if key in first_seen:
            shown = "/".join("" if k is None else str(k) for k in key)
            report.add(line, columns, shown, f"duplicate key; line {first_seen[key]} has the same {columns}")
            continue
        first_seen[key] = line
        issues = rule(row, lk)
        for column, value, reason in issues:
            report.add(line, column, value, reason)
        if not issues:
            yield line, row


def _leader_cycle(session: Session, rows: list[dict[str, Any]], update: bool, report: ImportReport) -> None:
    stored = session.exec(select(Leader)).all()
    keys = {leader.id: leader.key for leader in stored}
    boss: dict[str, str | None] = {
        leader.key: keys.get(leader.reports_to_id) if leader.reports_to_id else None for leader in stored
    }
    boss.update({r["key"]: r["reports_to"] for r in rows if update or r["key"] not in boss})
    for start in (r["key"] for r in rows):
        path, node = [start], boss.get(start)
        while node is not None and node not in path:
            path.append(node)
            node = boss.get(node)
        if node is not None:
            report.add(0, "reports_to", " -> ".join([*path, node]), "reporting lines would form a cycle")
            return


def load_table(
    session: Session, raw: IO[bytes], fmt: CsvFormat, lk: Lookups, today: date, report: ImportReport, *, update: bool
) -> None:
    """Validate a whole small file, then write it (only if every row is valid)."""
    parsed = list(read_rows(raw, fmt, report, lk, today))
    if fmt.kind == "leaders":
        lk.file_leaders = {row["key"] for _, row in parsed}
    rows = [row for _, row in checked(parsed, fmt, lk, report)]
    if fmt.kind == "leaders" and report.ok:
        _leader_cycle(session, rows, update, report)
    if report.ok:
        write_rows(session, fmt.kind, rows, lk, update=update, report=report)
