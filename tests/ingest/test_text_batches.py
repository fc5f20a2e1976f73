"""Responses that arrive as text columns load as a responses CSV does: the same checks, words, and one transaction."""

from __future__ import annotations

import csv

from sqlalchemy.engine import Engine

from cxdash import ingest
from cxdash.ingest.report import ImportReport
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, snapshot

ROWS = [
    "N1,C1,NORTH,WEB,web,2026-10-01,9,5,,fine",
    "N2,C2,EAST,WEB,web,2026-10-02,9,,,",  # unknown region
    "N3,C3,SOUTH,PHONE,phone,2026-10-03,11,6,,",  # score and CSAT out of range
    "N4,C4,SOUTH,PHONE,phone,2099-01-01,7,,,",  # a date in the future
    "N1,C5,NORTH,WEB,web,2026-10-04,3,,,",  # the key of the first row
    ",C6,NORTH,WEB,web,2026-10-05,,,,",  # no key, no score
]


def _batches(rows: list[str], lines: list[int], size: int) -> list[ingest.TextBatch]:
    cells = [next(csv.reader([row])) for row in rows]
    return [(lines[i : i + size], list(zip(*cells[i : i + size], strict=True))) for i in range(0, len(cells), size)]


def _from_batches(engine: Engine, batches: list[ingest.TextBatch], rows: int) -> ImportReport:
    report = ImportReport(kind="responses", file_name="export", sha256="0" * 64)
    report.rows_read = rows
    return ingest.import_response_batches(engine, batches, report, username="test", today=TODAY)


def test_problems_are_worded_as_for_the_csv_at_the_lines_given(engine: Engine) -> None:
    load_base(engine)
    before = snapshot(engine)
    from_csv = ingest.import_file(engine, "responses", (RESPONSE_HEADER + "\n".join(ROWS)).encode(), today=TODAY)
    shifted = [10 * n for n in range(1, len(ROWS) + 1)]  # a row's line in the file it came from
    batched = _from_batches(engine, _batches(ROWS, shifted, size=4), len(ROWS))
    csv_lines = {line: 10 * (line - 1) for line in range(2, len(ROWS) + 2)}
    expected = [
        (csv_lines[p.line], p.column, p.value, p.reason.replace("line 2 ", "line 10 ")) for p in from_csv.problems
    ]
    assert [(p.line, p.column, p.value, p.reason) for p in batched.problems] == expected
    assert len(expected) == 7 and not batched.ok
    assert snapshot(engine) == before


def test_good_batches_load_in_one_transaction_with_their_rollups(engine: Engine) -> None:
    load_base(engine)
    rows = ["N1,C1,NORTH,WEB,web,2026-10-01,9,5,,fine", "N2,C2,SOUTH,PHONE,phone,2026-10-02,3,,,"]
    report = _from_batches(engine, _batches(rows, [4, 7], size=1), len(rows))
    assert (report.ok, report.inserted, report.skipped) == (True, 2, 0), report.problems
    again = _from_batches(engine, _batches(rows, [4, 7], size=1), len(rows))
    assert (again.ok, again.inserted, again.skipped, again.already_imported_at is not None) == (True, 0, 2, True)


def test_a_problem_the_caller_found_stops_the_load(engine: Engine) -> None:
    load_base(engine)
    before = snapshot(engine)
    report = ImportReport(kind="responses", file_name="export")
    report.add(3, "Score", "eleven", "is not a score")
    batches = _batches(["N1,C1,NORTH,WEB,web,2026-10-01,9,5,,fine"], [2], size=1)
    assert not ingest.import_response_batches(engine, batches, report, username="test", today=TODAY).ok
    assert snapshot(engine) == before
