"""A small stored data set and a snapshot of every table, shared by the import tests."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from cxdash import ingest
from cxdash.ingest.bulk import Stage

TODAY = date(2026, 11, 23)
RESPONSE_HEADER = "response_key,customer_key,region,touchpoint,channel,responded_on,nps,csat,ces,comment\n"
BASE: dict[str, str] = {
    "regions": "code,name\nNORTH,North\nSOUTH,South\n",
    "touchpoints": "code,name,stage,position\nWEB,Website,Awareness,1\nPHONE,Phone support,Support,2\n",
    "leaders": "key,name,title,function,reports_to\nCEO,Chief Executive,CEO,Exec,\nCCO,Chief Customer,CCO,CX,CEO\n",
    "governance": "region,model,effective_from\nNORTH,centralized,2024-01-01\n",
    "ownership": "touchpoint,leader,role\nWEB,CCO,A\nPHONE,CEO,I\n",
    "responses": RESPONSE_HEADER
    + "R1,C1,NORTH,WEB,web,2026-09-03,10,5,7,\nR2,C2,SOUTH,PHONE,phone,2026-10-10,6,2,,slow\n",
    "retention": "region,month,customers_start,customers_end,new_customers\nNORTH,2026-10,100,98,5\n",
    "alignment_rounds": "label,held_on\n2026-Q3,2026-09-15\n",
    "alignment_ratings": "round,leader,dimension,score\n2026-Q3,CEO,customer_vision,4\n",
    "ownership_beliefs": "round,leader,named_owner\n2026-Q3,CEO,CCO\n",
    "targets": "metric,region,year,value\nnps,,2026,35\nretention,NORTH,2026,0.9\n",
    "actions": "title,region,touchpoint,dimension,raised_month,owner,due_on,status,drop_reason,done_on,"
    "expected_effect,notes\nCall back detractors,SOUTH,PHONE,,2026-10,CEO,2026-12-31,open,,,,\n",
}


def load_base(engine: Engine) -> None:
    """Store the small data set, every kind in dependency order."""
    for kind in ingest.LOAD_ORDER:
        report = ingest.import_file(engine, kind, BASE[kind].encode(), today=TODAY)
        assert report.ok, report.problems


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to prove that a refused import changed nothing."""
    with engine.connect() as conn:
        return {
            table.name: sorted((tuple(row) for row in conn.execute(select(table)).all()), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


def record_paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the path each responses import's rows take (``Stage.path``: direct or staged)."""
    seen: list[str] = []
    real = Stage.finish

    def finish(self: Stage) -> None:
        seen.append(self.path)
        real(self)

    monkeypatch.setattr(Stage, "finish", finish)
    return seen
