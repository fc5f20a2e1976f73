"""Exports longer than one batch: mapped a column at a time, with the row-by-row mapping's words and lines."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.engine import Engine

from cxdash.ingest.report import ImportReport
from cxdash.sources import import_source
from cxdash.sources.batches import BATCH_ROWS
from cxdash.sources.mapping import DateReader
from tests.ingest.helpers import snapshot
from tests.sources.helpers import TODAY, load_reference, preset_profile, stored

HEADER = "Response ID,Score,Comment,Created At,Person ID,Country,Touchpoint\n"
COUNTRIES = ("Germany", "Austria", "France", "Switzerland")
ROWS = 2 * BATCH_ROWS + 500


def _row(i: int) -> str:
    score = "10 - Extremely likely" if i % 7 == 0 else str(i % 11)
    day = f"2026-{1 + i % 10:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:07 +0200"
    comment = '"Slow,\nthen fine."' if i % 50 == 0 else ("" if i % 3 else "ok")
    return f"{50_000 + i},{score},{comment},{day},P{i % 900},{COUNTRIES[i % 4]},{('Website', 'PHONE')[i % 2]}\n"


def _export(rows: list[str]) -> bytes:
    return (HEADER + "".join(rows)).encode()


def _line_of(index: int) -> int:
    """The export line of row ``index``: the header, then a line per row, two for every comment with a break."""
    return 2 + index + sum(1 for i in range(index) if i % 50 == 0)


@pytest.fixture
def reference(engine: Engine) -> Engine:
    load_reference(engine)
    return engine


def _import(engine: Engine, data: bytes, mode: str = "skip") -> ImportReport:
    profile = preset_profile("delighted", _export([_row(0)]))
    return import_source(engine, data, profile, today=TODAY, mode=mode)


def test_every_row_of_a_long_export_is_stored_as_its_cells_say(reference: Engine) -> None:
    report = _import(reference, _export([_row(i) for i in range(ROWS)]))
    assert (report.ok, report.inserted, report.rows_read) == (True, ROWS, ROWS), report.problems[:3]
    rows = {r[0]: r for r in stored(reference)}
    for i in (0, 7, 50, BATCH_ROWS, ROWS - 1):
        _, customer, region, touchpoint, _, day, nps, _, _, comment = rows[str(50_000 + i)]
        region_code = "FR" if i % 4 == 2 else "DACH"
        assert (customer, region, touchpoint) == (f"P{i % 900}", region_code, ("WEB", "PHONE")[i % 2])
        assert (day, nps) == (date(2026, 1 + i % 10, 1 + i % 28), 10 if i % 7 == 0 else i % 11)
        assert comment == ("Slow,\nthen fine." if i % 50 == 0 else None if i % 3 else "ok")


def test_problems_deep_in_a_long_export_carry_its_own_lines(reference: Engine) -> None:
    rows = [_row(i) for i in range(ROWS)]
    far, farther, last = BATCH_ROWS + 3, 2 * BATCH_ROWS + 10, ROWS - 1
    rows[far] = rows[far].replace(f",2026-{1 + far % 10:02d}-", ",2026-13-", 1)
    rows[farther] = rows[farther].replace(f"{50_000 + farther},", f"{50_000 + farther},eleven", 1)
    rows[last] = rows[last].replace(f"{50_000 + last},", "50001,", 1)  # the key of row 1
    before = snapshot(reference)
    report = _import(reference, _export(rows))
    found = [(p.line, p.column, p.reason.split(";")[0]) for p in report.problems]
    assert found == [
        (_line_of(far), "Created At", "is not a date in the profile's format YYYY-MM-DD (a time after it is ignored)"),
        (_line_of(farther), "Score", "is not a score"),
        (_line_of(last), "response_key", "duplicate key"),
    ]
    assert report.problems[-1].reason.endswith(f"line {_line_of(1)} has the same response_key")
    assert snapshot(reference) == before


def test_unmapped_values_are_counted_over_every_batch(reference: Engine) -> None:
    rows = [_row(i).replace(",France,", ",Belgium,") for i in range(ROWS)]
    report = _import(reference, _export(rows))
    assert [(p.line, p.value, p.reason.split(" row")[0]) for p in report.problems] == [
        (_line_of(2), "Belgium", str(sum(1 for i in range(ROWS) if i % 4 == 2)))
    ]
    assert stored(reference) == []


def test_a_long_export_imported_again_changes_nothing(reference: Engine) -> None:
    data = _export([_row(i) for i in range(ROWS)])
    assert _import(reference, data).inserted == ROWS
    again = _import(reference, data, mode="update")
    assert (again.ok, again.inserted, again.updated, again.skipped) == (True, 0, 0, ROWS)
    assert again.already_imported_at is not None


def _old_iso(text: str) -> str:
    """The ISO reading before dates were remembered by their first ten characters."""
    if not text:
        return ""
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return date.fromisoformat(text[:10]).isoformat()


@pytest.mark.parametrize(
    "text",
    ["", "2026-10-01", "2026-10-01 09:15:42", "2026-10-01T09:15:42+02:00", "2026-10-01 25:99", "2026-10-01xyz",
     "20261001", "2026-13-01 10:00", "2026-02-30", "2026-10-1", "1.10.2026", "2026-W40-4"],
)  # fmt: skip
def test_iso_dates_read_by_their_day_as_a_full_parse_reads_them(text: str) -> None:
    try:
        expected: str | None = _old_iso(text)
    except ValueError:
        expected = None
    if expected is None:
        with pytest.raises(ValueError, match="is not a date"):
            DateReader("")(text)
        assert DateReader("").column([text]) is None
    else:
        assert DateReader("")(text) == expected
        assert DateReader("").column([text, text]) == [expected, expected]
