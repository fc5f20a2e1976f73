"""Overlapping keys follow the user's choice (skip or update); importing the same file twice changes nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash import ingest
from cxdash.models import ImportBatch, Leader, Ownership, ResponseRollup, RetentionMonth, SurveyResponse
from tests.ingest.helpers import BASE, RESPONSE_HEADER, TODAY, load_base, snapshot


@pytest.mark.parametrize("kind", list(ingest.LOAD_ORDER))
def test_every_kind_loads_again_without_changes(engine: Engine, kind: str) -> None:
    load_base(engine)
    before = snapshot(engine)
    for mode in ingest.MODES:
        again = ingest.import_file(engine, kind, BASE[kind].encode(), mode=mode, today=TODAY)
        assert again.ok and not again.changed and again.skipped == again.rows_read > 0
        assert "nothing changed" in again.summary() and again.already_imported_at
    assert snapshot(engine) == before


def test_skip_keeps_stored_rows_and_adds_new_ones(engine: Engine) -> None:
    load_base(engine)
    data = b"region,month,customers_start,customers_end,new_customers\nNORTH,2026-10,100,90,0\nSOUTH,2026-10,50,50,2\n"
    report = ingest.import_file(engine, "retention", data, today=TODAY)
    assert (report.inserted, report.updated, report.skipped) == (1, 0, 1)
    with Session(engine) as s:
        north = s.exec(select(RetentionMonth).where(RetentionMonth.region_id == 1)).one()
    assert north.customers_end == 98


def test_update_overwrites_stored_rows(engine: Engine) -> None:
    load_base(engine)
    data = b"region,month,customers_start,customers_end,new_customers\nNORTH,2026-10,100,90,0\n"
    report = ingest.import_file(engine, "retention", data, mode="update", today=TODAY)
    assert (report.inserted, report.updated, report.skipped) == (0, 1, 0)
    with Session(engine) as s:
        assert s.exec(select(RetentionMonth.customers_end)).all() == [90]


def test_updating_a_raci_cell_bumps_its_version(engine: Engine) -> None:
    load_base(engine)
    report = ingest.import_file(engine, "ownership", b"touchpoint,leader,role\nWEB,CCO,R\n", mode="update", today=TODAY)
    assert report.updated == 1
    with Session(engine) as s:
        cell = s.exec(select(Ownership).where(Ownership.role == "R")).one()
    assert cell.version == 2


def test_a_new_manager_counts_as_an_update(engine: Engine) -> None:
    load_base(engine)
    data = b"key,name,title,function,reports_to\nCCO,Chief Customer,CCO,CX,\n"
    report = ingest.import_file(engine, "leaders", data, mode="update", today=TODAY)
    assert (report.updated, report.skipped) == (1, 0)
    with Session(engine) as s:
        assert s.exec(select(Leader.reports_to_id).where(Leader.key == "CCO")).one() is None


def test_responses_update_moves_rollups_and_counts_only_real_changes(engine: Engine) -> None:
    load_base(engine)
    data = (RESPONSE_HEADER + "R1,C1,SOUTH,WEB,web,2026-10-03,10,5,7,\nR2,C2,SOUTH,PHONE,phone,2026-10-10,6,2,,slow\n"
            "R3,C3,NORTH,WEB,web,2026-10-11,8,,,\n")  # fmt: skip
    report = ingest.import_file(engine, "responses", data.encode(), mode="update", today=TODAY)
    assert (report.inserted, report.updated, report.skipped) == (1, 1, 1)
    with Session(engine) as s:
        cells = [(r.month, r.region_id, r.n) for r in s.exec(select(ResponseRollup)).all()]
        assert s.exec(select(SurveyResponse.region_id).where(SurveyResponse.response_key == "R1")).one() == 2
    assert date(2026, 9, 1) not in {c[0] for c in cells}
    assert sum(c[2] for c in cells) == 3


def test_each_changing_import_is_recorded_once(engine: Engine) -> None:
    load_base(engine)
    with Session(engine) as s:
        batches = s.exec(select(ImportBatch)).all()
    assert sorted(b.kind for b in batches) == sorted(ingest.LOAD_ORDER)
    responses = next(b for b in batches if b.kind == "responses")
    assert (responses.rows_read, responses.rows_inserted, responses.username) == (2, 2, "cli")
    assert len(responses.sha256) == 64


def test_a_file_object_is_read_from_its_start(engine: Engine) -> None:
    load_base(engine)
    stream = io.BytesIO(b"code,name\nEAST,East\n")
    stream.read(5)
    report = ingest.import_file(engine, "regions", stream, file_name="east.csv", today=TODAY)
    assert report.ok and report.inserted == 1 and not stream.closed


def test_a_file_cell_reading_a_plus_r_stores_two_roles_and_updates_back(engine: Engine) -> None:
    load_base(engine)
    both = ingest.import_file(engine, "ownership", b"touchpoint,leader,role\nWEB,CCO,A+R\n", mode="update", today=TODAY)
    assert (both.updated, both.inserted) == (1, 0)
    with Session(engine) as s:
        assert sorted(s.exec(select(Ownership.role).where(Ownership.role != "I")).all()) == ["A", "R"]
    one = ingest.import_file(engine, "ownership", b"touchpoint,leader,role\nWEB,CCO,C\n", mode="update", today=TODAY)
    assert one.updated == 1
    with Session(engine) as s:
        assert s.exec(select(Ownership.role).where(Ownership.role != "I")).all() == ["C"]
