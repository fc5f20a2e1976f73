"""Every malformed file, through a profile, on each database: a sentence in the report and nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from cxdash.ingest.report import ImportReport
from cxdash.sources import import_source
from cxdash.sources.customers import import_customers
from cxdash.sources.mapping import UNMAPPED_LIMIT
from tests.ingest.helpers import snapshot
from tests.sources.helpers import EXAMPLES, TODAY, load_reference, preset_profile
from tests.sources.test_customers import CRM, HEADER, PROFILE

DELIGHTED = (EXAMPLES / "delighted.csv").read_bytes()
HEAD = DELIGHTED.split(b"\n", 1)[0] + b"\n"
# file -> a phrase of the sentence its report gives; ids are the keys, in this order.
BAD: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "blank lines only": (b"\n \n\n", "the file is empty"),
    "binary": (b"\x00\x01\x02\x03binary\x00", "the file is binary"),
    "zip not xlsx": (b"PK\x03\x04 not a workbook", "ZIP archive but not an Excel workbook"),
    "old xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old", "old Excel workbook (.xls)"),
    "utf-16": ("a,b\n1,2\n".encode("utf-16"), "UTF-16 text"),
    "pdf": (b"%PDF-1.7\n...", "PDF document"),
    "not utf-8": (HEAD + "r9,9,Très bien,2026-10-01,Lübeck\n".encode("cp1252"), "is not UTF-8 text"),
    "unclosed quote": (HEAD + b'r9,9,"never closed,2026-10-01\n', "cannot be read as CSV"),
}


@pytest.fixture
def reference(engine: Engine) -> Engine:
    load_reference(engine)
    return engine


def _refused(engine: Engine, report: ImportReport, phrase: str, before: object) -> None:
    assert not report.ok
    assert any(phrase in p.reason for p in report.problems), report.problems
    assert report.summary().endswith("fix them and import the file again.")
    assert snapshot(engine) == before


@pytest.mark.parametrize("case", list(BAD))
def test_a_survey_export_that_cannot_be_read(reference: Engine, case: str) -> None:
    data, phrase = BAD[case]
    before = snapshot(reference)
    report = import_source(reference, data, preset_profile("delighted", DELIGHTED), today=TODAY)
    _refused(reference, report, phrase, before)


@pytest.mark.parametrize("case", list(BAD))
def test_a_customer_file_that_cannot_be_read(reference: Engine, case: str) -> None:
    data, phrase = BAD[case]
    if case in ("not utf-8", "unclosed quote"):
        data = data.replace(HEAD, HEADER.replace(";", ",").encode())
    before = snapshot(reference)
    _refused(reference, import_customers(reference, data, PROFILE, today=TODAY), phrase, before)


def test_a_customer_file_with_a_header_and_no_rows(reference: Engine) -> None:
    before = snapshot(reference)
    report = import_customers(reference, HEADER.encode(), PROFILE, today=TODAY)
    _refused(reference, report, "header row(s) but no data rows", before)


def test_a_customer_file_without_a_mapped_column(reference: Engine) -> None:
    before = snapshot(reference)
    report = import_customers(reference, CRM.replace("Country", "Land").encode(), PROFILE, today=TODAY)
    _refused(reference, report, "Region: the file has no such column", before)


def test_a_column_mapped_by_mistake_lists_the_first_values_and_counts_the_rest(reference: Engine) -> None:
    rows = "".join(f"K{i};Region {i};01.01.2026;\n" for i in range(UNMAPPED_LIMIT + 5))
    before = snapshot(reference)
    report = import_customers(reference, (HEADER + rows).encode(), PROFILE, today=TODAY)
    assert report.problem_count == UNMAPPED_LIMIT + 1
    last = report.problems[-1]
    assert last.line == UNMAPPED_LIMIT + 2
    assert last.reason.startswith("5 more row(s) have region values the profile maps to no region code")
    assert snapshot(reference) == before
