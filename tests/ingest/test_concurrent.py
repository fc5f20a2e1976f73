"""Two imports of the same months at the same instant both load, and the rollups count every response once."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from cxdash import ingest
from cxdash.models import ImportedResponses, ResponseRollup
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base
from tests.race import shared_engine, together

REPEATS = 10
ROWS = 200


def _file(prefix: str) -> bytes:
    rows = (f"{prefix}{n},C{n},{'NORTH' if n % 2 else 'SOUTH'},WEB,web,2026-10-{n % 28 + 1:02d},{n % 11},,,\n"
            for n in range(ROWS))  # fmt: skip
    return (RESPONSE_HEADER + "".join(rows)).encode()


def test_two_imports_of_the_same_months_at_once_both_load(engine: Engine, backend: str, tmp_path: Path) -> None:
    target = shared_engine(engine, backend, tmp_path)
    load_base(target)
    for i in range(REPEATS):
        files = [_file(f"A{i}-"), _file(f"B{i}-")]
        reports = together(2, lambda j, files=files: ingest.import_file(target, "responses", files[j], today=TODAY))
        assert [(r.ok, r.inserted) for r in reports] == [(True, ROWS), (True, ROWS)], [r.problems for r in reports]
    with target.connect() as conn:
        counted = conn.execute(select(func.sum(ResponseRollup.n))).scalar_one()
        ranges = conn.execute(select(ImportedResponses.after_id, ImportedResponses.last_id)).all()
    assert counted == 2 + 2 * REPEATS * ROWS
    spans = sorted(ranges)
    assert all(last - after == ROWS for after, last in spans if after > 2)
    assert all(a_last <= b_after for (_, a_last), (b_after, _) in pairwise(spans))
