"""A catalogue of broken files: each gets a report that names the fault, and the database stays as it was."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from cxdash import ingest
from tests.ingest.catalogue import CATALOGUE
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, snapshot


@pytest.mark.parametrize(("kind", "data", "expected"), [c[1:] for c in CATALOGUE], ids=[c[0] for c in CATALOGUE])
def test_a_broken_file_is_reported_and_changes_nothing(
    engine: Engine, kind: str, data: bytes, expected: list[tuple[int, str, str]]
) -> None:
    load_base(engine)
    before = snapshot(engine)
    report = ingest.import_file(engine, kind, data, file_name="broken.csv", today=TODAY)
    assert not report.ok and report.inserted == report.updated == 0
    found = [(p.line, p.column, p.reason) for p in report.problems]
    for line, column, words in expected:
        assert any(p[:2] == (line, column) and words in p[2] for p in found), found
    assert "nothing was loaded" in report.summary()
    assert snapshot(engine) == before


def test_the_catalogue_covers_every_kind_and_enough_faults() -> None:
    names = [c[0] for c in CATALOGUE]
    assert len(set(names)) == len(names) >= 20
    assert {c[1] for c in CATALOGUE} == set(ingest.FORMATS)


def test_every_problem_of_a_file_is_reported_not_just_the_first(engine: Engine) -> None:
    load_base(engine)
    rows = "".join(f"R{i},C{i},EAST,WEB,web,2026-10-01,{i},4,6,\n" for i in range(5, 15))
    report = ingest.import_file(engine, "responses", (RESPONSE_HEADER + rows).encode(), today=TODAY)
    # Ten unknown regions, and nps 11..14 on the last four lines.
    assert report.problem_count == 14
    assert sorted((p.line, p.column) for p in report.problems if p.column == "nps") == [
        (i, "nps") for i in range(8, 12)
    ]
    assert {p.line for p in report.problems if p.column == "region"} == set(range(2, 12))
