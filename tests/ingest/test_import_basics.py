"""Imports are atomic, idempotent and keep rollups in step with responses."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from cxdash import ingest
from cxdash.ingest import rollups
from cxdash.models import AuditEvent, ImportBatch, ResponseRollup, SurveyResponse

TODAY = date(2026, 11, 23)
REGIONS = b"code,name\nNORTH,North\nSOUTH,South\n"
TOUCHPOINTS = b"code,name,stage,position\nWEB,Website,Awareness,1\nPHONE,Phone support,Support,2\n"
RESPONSES = (
    b"response_key,customer_key,region,touchpoint,channel,responded_on,nps,csat,ces,comment\n"
    b"R1,C1,NORTH,WEB,web,2026-09-03,10,5,7,\n"
    b"R2,C2,NORTH,WEB,web,2026-09-10,6,2,,slow\n"
    b"R3,C3,NORTH,PHONE,phone,2026-10-01,8,4,5,\n"
    b"R4,C4,SOUTH,PHONE,phone,2026-10-15,9,,3,\n"
)


def _setup(engine: Engine) -> None:
    for kind, data in (("regions", REGIONS), ("touchpoints", TOUCHPOINTS)):
        assert ingest.import_file(engine, kind, data, today=TODAY).ok


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


def _rollups(engine: Engine) -> list[tuple[object, ...]]:
    with Session(engine) as s:
        rows = s.exec(select(ResponseRollup)).all()
        return sorted((r.month, r.region_id, r.touchpoint_id, r.n, r.promoters, r.passives, r.detractors,
                       r.csat_n, r.csat_top2, r.ces_n, r.ces_sum) for r in rows)  # fmt: skip


def test_responses_load_with_their_rollups(engine: Engine) -> None:
    _setup(engine)
    report = ingest.import_file(engine, "responses", RESPONSES, today=TODAY)
    assert report.ok and report.inserted == 4
    rollups = _rollups(engine)
    september = [r for r in rollups if r[0] == date(2026, 9, 1)]
    # Two September answers on NORTH/WEB: one promoter (10), one detractor (6).
    assert [r[3:] for r in september] == [(2, 1, 0, 1, 2, 1, 1, 7)]
    assert sum(r[3] for r in rollups) == 4


def test_importing_the_same_file_twice_changes_nothing_and_says_so(engine: Engine) -> None:
    _setup(engine)
    ingest.import_file(engine, "responses", RESPONSES, today=TODAY)
    before = _rollups(engine), _count(engine, ImportBatch), _count(engine, AuditEvent)
    again = ingest.import_file(engine, "responses", RESPONSES, today=TODAY)
    assert again.ok and again.inserted == 0 and again.skipped == 4
    assert "nothing changed" in again.summary() and again.already_imported_at
    assert (_rollups(engine), _count(engine, ImportBatch), _count(engine, AuditEvent)) == before


def test_update_mode_overwrites_and_moves_rollups(engine: Engine) -> None:
    _setup(engine)
    ingest.import_file(engine, "responses", RESPONSES, today=TODAY)
    moved = b"response_key,customer_key,region,touchpoint,channel,responded_on,nps\nR2,C2,SOUTH,WEB,web,2026-10-10,10\n"
    report = ingest.import_file(engine, "responses", moved, mode="update", today=TODAY)
    assert report.ok and report.updated == 1
    september = [r for r in _rollups(engine) if r[0] == date(2026, 9, 1)]
    assert [r[3:7] for r in september] == [(1, 1, 0, 0)]


def test_a_file_with_one_bad_row_loads_nothing(engine: Engine) -> None:
    _setup(engine)
    bad = RESPONSES + b"R5,C5,NORTH,WEB,web,2026-10-02,11,,,\n"
    report = ingest.import_file(engine, "responses", bad, today=TODAY)
    assert not report.ok
    assert [(p.line, p.column, p.value) for p in report.problems] == [(6, "nps", "11")]
    assert _count(engine, SurveyResponse) == 0 and _count(engine, ResponseRollup) == 0


def test_an_import_that_dies_midway_leaves_the_database_as_before(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(engine)
    batches = _count(engine, ImportBatch)

    def explode(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rollups, "refresh_rollups", explode)
    monkeypatch.setattr(rollups, "add_counts", explode)
    with pytest.raises(RuntimeError):
        ingest.import_file(engine, "responses", RESPONSES, today=TODAY)
    assert _count(engine, SurveyResponse) == 0 and _count(engine, ImportBatch) == batches


def test_every_problem_is_reported_not_just_the_first(engine: Engine) -> None:
    _setup(engine)
    bad = (
        b"response_key,customer_key,region,touchpoint,channel,responded_on,nps,csat,ces,comment\n"
        b"R1,C1,EAST,WEB,web,2026-09-03,10,5,7,\n"
        b"R2,C2,NORTH,WEB,web,2027-01-01,6,9,,\n"
        b"R1,C3,NORTH,PHONE,phone,2026-10-01,x,4,5,\n"
    )
    report = ingest.import_file(engine, "responses", bad, today=TODAY)
    reasons = {(p.line, p.column) for p in report.problems}
    assert reasons == {(2, "region"), (3, "responded_on"), (3, "csat"), (4, "nps")}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"code,name\n", "no data rows"),
        (b"code,name,colour\nN,North,red\n", "unknown column"),
        (b"name\nNorth\n", "required column is missing"),
        ("code,name\nZ\u00fcR,Z\u00fcrich\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_broken_files_get_a_clear_reason(engine: Engine, data: bytes, reason: str) -> None:
    report = ingest.import_file(engine, "regions", data, today=TODAY)
    assert not report.ok
    assert any(reason in p.reason for p in report.problems), report.problems


def test_utf8_with_bom_is_accepted(engine: Engine) -> None:
    report = ingest.import_file(engine, "regions", b"\xef\xbb\xbf" + REGIONS, today=TODAY)
    assert report.ok and report.inserted == 2


def test_reporting_cycles_are_refused(engine: Engine) -> None:
    leaders = b"key,name,title,function,reports_to\nA,Alpha,CEO,Exec,B\nB,Beta,COO,Ops,A\n"
    report = ingest.import_file(engine, "leaders", leaders, today=TODAY)
    assert not report.ok and "cycle" in report.problems[0].reason
