"""A catalogue of broken files: each gets a report that names the fault, and the database stays as it was."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from cxdash import ingest
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, snapshot

R = RESPONSE_HEADER
RETENTION = "region,month,customers_start,customers_end,new_customers\n"
GOOD_ROW = "R9,C9,NORTH,WEB,web,2026-10-01,9,4,6,fine\n"

# (fault, kind, file, [(line, column, words in the reason)])
CATALOGUE: list[tuple[str, str, bytes, list[tuple[int, str, str]]]] = [
    ("empty file", "regions", b"", [(0, "", "the file is empty")]),
    ("only blank lines", "regions", b"\n\r\n\n", [(0, "", "the file is empty")]),
    ("header without rows", "retention", RETENTION.encode(), [(0, "", "no data rows")]),
    ("unknown column", "regions", b"code,name,colour\nEAST,East,red\n", [(1, "colour", "unknown column")]),
    (
        "missing column",
        "responses",
        b"response_key,customer_key,region,touchpoint,channel,responded_on\nR9,C9,NORTH,WEB,web,2026-10-01\n",
        [(1, "nps", "required column is missing")],
    ),
    ("column twice", "regions", b"code,name,name\nEAST,East,East\n", [(1, "name", "appears twice")]),
    ("column without a name", "regions", b"code,name,\nEAST,East,\n", [(1, "", "column 3 has no name")]),
    ("semicolons", "regions", b"code;name\nEAST;East\n", [(1, "", "separated by commas")]),
    ("latin-1 text", "regions", "code,name\nZRH,Zürich\n".encode("latin-1"), [(0, "", "not UTF-8")]),
    ("UTF-16 text", "regions", "code,name\nZRH,Zürich\n".encode("utf-16"), [(0, "", "UTF-16")]),
    ("Excel workbook", "regions", b"PK\x03\x04\x14\x00\x06\x00workbook", [(0, "", "Excel workbook")]),
    ("quote never closed", "regions", b'code,name\nEAST,"East\nWEST,West\n', [(3, "", "never closed")]),
    ("too few fields", "responses", (R + "R9,C9,NORTH,WEB,web,2026-10-01,9,4,6\n").encode(), [(2, "", "has 9 fields")]),
    (
        "required cell empty",
        "responses",
        (R + "R9,C9,NORTH,WEB,web,2026-10-01,,4,6,\n").encode(),
        [(2, "nps", "empty but required")],
    ),
    (
        "score not a number",
        "responses",
        (R + "R9,C9,NORTH,WEB,web,2026-10-01,ten,4,6,\n").encode(),
        [(2, "nps", "not a whole number")],
    ),
    (
        "NPS above 10",
        "responses",
        (R + GOOD_ROW + "R10,C9,NORTH,WEB,web,2026-10-01,11,4,6,\n").encode(),
        [(3, "nps", "between 0 and 10")],
    ),
    (
        "CSAT below 1",
        "responses",
        (R + "R9,C9,NORTH,WEB,web,2026-10-01,9,0,6,\n").encode(),
        [(2, "csat", "between 1 and 5")],
    ),
    (
        "CES above 7",
        "responses",
        (R + "R9,C9,NORTH,WEB,web,2026-10-01,9,4,8,\n").encode(),
        [(2, "ces", "between 1 and 7")],
    ),
    (
        "date in another form",
        "responses",
        (R + "R9,C9,NORTH,WEB,web,01/10/2026,9,4,6,\n").encode(),
        [(2, "responded_on", "YYYY-MM-DD")],
    ),
    (
        "date that does not exist",
        "responses",
        (R + "R9,C9,NORTH,WEB,web,2026-02-30,9,4,6,\n").encode(),
        [(2, "responded_on", "not a real calendar date")],
    ),
    (
        "response in the future",
        "responses",
        (R + "R9,C9,NORTH,WEB,web,2026-11-24,9,4,6,\n").encode(),
        [(2, "responded_on", "in the future")],
    ),
    (
        "unknown region",
        "responses",
        (R + "R9,C9,EAST,WEB,web,2026-10-01,9,4,6,\n").encode(),
        [(2, "region", "unknown region code")],
    ),
    (
        "unknown touchpoint",
        "ownership",
        b"touchpoint,leader,role\nCHAT,CCO,R\n",
        [(2, "touchpoint", "unknown touchpoint")],
    ),
    ("unknown leader", "ownership", b"touchpoint,leader,role\nWEB,CFO,R\n", [(2, "leader", "unknown leader key")]),
    (
        "unknown round",
        "alignment_ratings",
        b"round,leader,dimension,score\n2025-Q1,CEO,resourcing,3\n",
        [(2, "round", "unknown round label")],
    ),
    (
        "unknown named owner",
        "ownership_beliefs",
        b"round,leader,named_owner\n2026-Q3,CCO,CMO\n",
        [(2, "named_owner", "unknown leader key")],
    ),
    (
        "duplicate response key",
        "responses",
        (R + GOOD_ROW + "R8,C8,NORTH,WEB,web,2026-10-02,7,,,\n" + GOOD_ROW).encode(),
        [(4, "response_key", "duplicate key; line 2")],
    ),
    (
        "duplicate region and month",
        "retention",
        (RETENTION + "SOUTH,2026-09,10,10,0\nSOUTH,2026-09,10,11,1\n").encode(),
        [(3, "region,month", "duplicate key; line 2")],
    ),
    (
        "duplicate company-wide target",
        "targets",
        b"metric,region,year,value\nces,,2027,5\nces,,2027,5.5\n",
        [(3, "metric,region,year", "duplicate key")],
    ),
    (
        "more new customers than at the end",
        "retention",
        (RETENTION + "SOUTH,2026-09,10,4,5\n").encode(),
        [(2, "new_customers", "more than the 4 customers at the end")],
    ),
    (
        "more kept customers than at the start",
        "retention",
        (RETENTION + "SOUTH,2026-09,10,20,5\n").encode(),
        [(2, "customers_end", "month started with 10")],
    ),
    (
        "negative count",
        "retention",
        (RETENTION + "SOUTH,2026-09,-1,0,0\n").encode(),
        [(2, "customers_start", "between 0 and")],
    ),
    (
        "retention month in the future",
        "retention",
        (RETENTION + "SOUTH,2026-12,10,10,0\n").encode(),
        [(2, "month", "in the future")],
    ),
    (
        "month given as a date",
        "retention",
        (RETENTION + "SOUTH,2026-09-01,10,10,0\n").encode(),
        [(2, "month", "YYYY-MM")],
    ),
    (
        "round held in the future",
        "alignment_rounds",
        b"label,held_on\n2027-Q1,2027-01-15\n",
        [(2, "held_on", "in the future")],
    ),
    (
        "unknown journey stage",
        "touchpoints",
        b"code,name,stage,position\nCHAT,Chat,Sales,3\n",
        [(2, "stage", "must be one of Awareness")],
    ),
    (
        "unknown operating model",
        "governance",
        b"region,model,effective_from\nSOUTH,federal,2025-01-01\n",
        [(2, "model", "must be one of centralized")],
    ),
    ("RACI role that does not exist", "ownership", b"touchpoint,leader,role\nWEB,CEO,X\n", [(2, "role", "R, A, C, I")]),
    (
        "alignment score 6",
        "alignment_ratings",
        b"round,leader,dimension,score\n2026-Q3,CCO,resourcing,6\n",
        [(2, "score", "between 1 and 5")],
    ),
    (
        "unknown alignment dimension",
        "alignment_ratings",
        b"round,leader,dimension,score\n2026-Q3,CCO,vibes,3\n",
        [(2, "dimension", "must be one of")],
    ),
    ("unknown target metric", "targets", b"metric,region,year,value\nebitda,,2026,3\n", [(2, "metric", "one of nps")]),
    (
        "retention target above 1",
        "targets",
        b"metric,region,year,value\nretention,,2027,1.5\n",
        [(2, "value", "between 0 and 1")],
    ),
    (
        "target that is not a number",
        "targets",
        b"metric,region,year,value\nnps,,2027,nan\n",
        [(2, "value", "not a number")],
    ),
    (
        "leader reporting to themselves",
        "leaders",
        b"key,name,title,function,reports_to\nCFO,Finance,CFO,Finance,CFO\n",
        [(2, "reports_to", "cannot report to themselves")],
    ),
    (
        "reporting cycle",
        "leaders",
        b"key,name,title,function,reports_to\nA,Alpha,VP,Ops,B\nB,Beta,VP,Ops,A\n",
        [(0, "reports_to", "cycle")],
    ),
    (
        "unknown manager",
        "leaders",
        b"key,name,title,function,reports_to\nCFO,Finance,CFO,Finance,BOSS\n",
        [(2, "reports_to", "unknown leader key")],
    ),
    ("code with a space", "regions", b"code,name\nNO RTH,North\n", [(2, "code", "without spaces")]),
    ("code too long", "regions", b"code,name\nABCDEFGHIJKLMNOPQ,Long\n", [(2, "code", "longer than 16")]),
    ("name too long", "regions", ("code,name\nLONG," + "x" * 121 + "\n").encode(), [(2, "name", "longer than 120")]),
    ("NUL character", "regions", b"code,name\nNUL,Nu\x00ll\n", [(2, "name", "NUL character")]),
]


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
    assert len({c[0] for c in CATALOGUE}) >= 20
    assert {c[1] for c in CATALOGUE} == set(ingest.FORMATS)


def test_every_problem_of_a_file_is_reported_not_just_the_first(engine: Engine) -> None:
    load_base(engine)
    rows = "".join(f"R{i},C{i},EAST,WEB,web,2026-10-01,{i},4,6,\n" for i in range(5, 15))
    report = ingest.import_file(engine, "responses", (R + rows).encode(), today=TODAY)
    # Ten unknown regions, and nps 11..14 on the last four lines.
    assert report.problem_count == 14
    assert sorted((p.line, p.column) for p in report.problems if p.column == "nps") == [
        (i, "nps") for i in range(8, 12)
    ]
    assert {p.line for p in report.problems if p.column == "region"} == set(range(2, 12))
