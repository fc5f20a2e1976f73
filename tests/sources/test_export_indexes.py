"""A big survey export loaded the fast way sets SQLite's plain indexes aside and builds them after its rows, as a
responses CSV does; a refused export changes nothing, indexes included."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from cxdash.sources import import_source
from tests.ingest.helpers import record_paths, snapshot
from tests.ingest.index_helpers import assert_built_again, record_dropped, record_rebuilt, stored_indexes
from tests.sources.helpers import EXAMPLES, TODAY, load_reference, preset_profile, stored

QUALTRICS = (EXAMPLES / "qualtrics.csv").read_bytes()
HEAD = QUALTRICS[: QUALTRICS.index(b"2026-10-01 09:10:03")]  # the example's three header rows
ROW = QUALTRICS[QUALTRICS.index(b"2026-10-07 09:10:03") :]  # its last row
LAST = b"R_5e6F7g8H9i0J1k2"  # its key


def _export(rows: int, *, first: int = 0, repeat: int = -1) -> bytes:
    """The Qualtrics example's header rows and ``rows`` copies of its last row, under keys numbered from ``first``
    (row ``repeat`` under the first row's key)."""
    body = [ROW.replace(LAST, b"R_%015d" % (first + (0 if i == repeat else i))) for i in range(rows)]
    return HEAD + b"".join(body)


PROFILE = preset_profile("qualtrics", QUALTRICS)


def test_a_big_export_into_few_rows_builds_the_plain_indexes_after_its_rows(
    engine: Engine, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_reference(engine)
    before = stored_indexes(engine)
    rebuilt, dropped, paths = record_rebuilt(monkeypatch), record_dropped(monkeypatch), record_paths(monkeypatch)
    report = import_source(engine, _export(3_000), PROFILE, today=TODAY)
    assert report.ok and report.inserted == 3_000 and paths[0].startswith("direct")
    assert dropped == [backend == "sqlite"]
    assert_built_again(engine, backend, rebuilt, before)
    assert len(stored(engine)) == 3_000


def test_an_export_smaller_than_the_stored_rows_keeps_the_indexes_up_to_date(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_reference(engine)
    assert import_source(engine, _export(3_000), PROFILE, today=TODAY).inserted == 3_000
    rebuilt = record_rebuilt(monkeypatch)
    assert import_source(engine, _export(1_000, first=3_000), PROFILE, today=TODAY).inserted == 1_000
    assert rebuilt == [[]]


def test_an_export_refused_after_the_indexes_were_dropped_changes_nothing(
    engine: Engine, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key repeated late in the export: the database refuses it, the direct load is rolled back with the
    indexes it dropped, the exact way reports the line, nothing is stored."""
    load_reference(engine)
    before, indexes = snapshot(engine), stored_indexes(engine)
    rebuilt, dropped = record_rebuilt(monkeypatch), record_dropped(monkeypatch)
    report = import_source(engine, _export(20_000, repeat=19_999), PROFILE, today=TODAY)
    assert not report.ok
    assert [p.reason for p in report.problems] == ["duplicate key; line 4 has the same response_key"]
    assert [p.line for p in report.problems] == [20_003]
    assert dropped == [backend == "sqlite"] and rebuilt == [[]]
    assert snapshot(engine) == before
    assert stored_indexes(engine) == indexes
