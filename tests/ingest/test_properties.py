"""Random rows and random bytes never crash the validator, and a refused file never changes the database."""

from __future__ import annotations

import csv
import io
from datetime import date
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from cxdash import ingest
from cxdash.ingest import columns
from cxdash.ingest.formats import Column, CsvFormat
from cxdash.ingest.parse import read_rows
from cxdash.ingest.report import ImportReport
from cxdash.ingest.rules import Lookups
from tests.ingest.helpers import TODAY, load_base, snapshot

KNOWN = {
    "regions": ["NORTH", "SOUTH"],
    "touchpoints": ["WEB", "PHONE"],
    "leaders": ["CEO", "CCO"],
    "rounds": ["2026-Q3"],
}
NASTY = st.text(alphabet=st.sampled_from(list("ab1-_ ,;\"\n\r\t\x00é€=+@'")), max_size=8)
DAYS = st.dates(min_value=date(1999, 1, 1), max_value=date(2027, 12, 31))
DB_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _valid(column: Column) -> st.SearchStrategy[str]:
    """Values that pass the column's own checks (a whole file of them can still break a rule or repeat a key)."""
    if column.ref:
        return st.sampled_from(KNOWN[column.ref])
    if column.allowed:
        return st.sampled_from(column.allowed)
    if column.minimum is not None and column.maximum is not None:
        low = int(column.minimum)
        return st.integers(low, min(int(column.maximum), low + 50)).map(str)
    return {
        "float": st.floats(0, 1).map(str),
        "date": st.dates(max_value=TODAY).map(date.isoformat),
        "month": st.dates(max_value=TODAY).map(lambda d: d.strftime("%Y-%m")),
    }.get(column.type, st.text(alphabet="ABCXYZ_019", min_size=1, max_size=6))


def _cell(column: Column, garbage: bool) -> st.SearchStrategy[str]:
    if not garbage:
        return _valid(column)
    wrong = {"int": st.integers(-3, 1_500).map(str), "float": st.floats().map(str), "date": DAYS.map(str)}
    return st.one_of(_valid(column), wrong.get(column.type, st.just("EAST")), st.just(""), NASTY)


@st.composite
def csv_files(draw: st.DrawFn, fmt: CsvFormat) -> bytes:
    """A CSV of ``fmt`` with mostly plausible cells, some garbage, and sometimes a damaged header or row."""
    columns, garbage = list(fmt.columns), draw(st.booleans())
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))
    header = [c.name for c in columns]
    if garbage and draw(st.booleans()):
        header.append(draw(NASTY))
    rows = draw(st.lists(st.tuples(*[_cell(c, garbage) for c in columns]).map(list), max_size=6))
    if garbage and rows and draw(st.booleans()):
        rows[-1] = rows[-1][:-1]
    out = io.StringIO()
    csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows([header, *rows])
    prefix = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    encoding = draw(st.sampled_from(["utf-8", "latin-1"])) if garbage else "utf-8"
    return prefix + out.getvalue().encode(encoding, errors="replace")


KIND_AND_FILE = st.sampled_from(list(ingest.FORMATS)).flatmap(
    lambda kind: st.tuples(st.just(kind), csv_files(ingest.FORMATS[kind]))
)


@DB_SETTINGS
@given(case=KIND_AND_FILE, mode=st.sampled_from(ingest.MODES))
def test_random_rows_never_crash_an_import(engine: Engine, case: tuple[str, bytes], mode: str) -> None:
    kind, data = case
    if not snapshot(engine)["region"]:
        load_base(engine)
    before = snapshot(engine)
    report = ingest.import_file(engine, kind, data, mode=mode, today=TODAY)
    if report.ok:
        assert report.inserted + report.updated + report.skipped == report.rows_read
    else:
        assert report.problems and all(p.reason for p in report.problems)
        assert snapshot(engine) == before


@DB_SETTINGS
@given(data=st.binary(max_size=300), kind=st.sampled_from(list(ingest.FORMATS)))
def test_random_bytes_never_crash_an_import(engine: Engine, data: bytes, kind: str) -> None:
    before = snapshot(engine)
    report = ingest.import_file(engine, kind, data, today=TODAY)
    assert report.ok or snapshot(engine) == before


@settings(max_examples=200, deadline=None)
@given(case=KIND_AND_FILE)
def test_rows_that_pass_the_reader_are_typed_as_documented(case: tuple[str, bytes]) -> None:
    kind, data = case
    fmt = ingest.FORMATS[kind]
    lookups = Lookups(**{name: {code: i for i, code in enumerate(codes)} for name, codes in KNOWN.items()})
    report = ImportReport(kind, "random.csv")
    rows = list(read_rows(io.BytesIO(data), fmt, report, lookups, TODAY))
    assert len(rows) <= report.rows_read
    expected = {"text": str, "code": str, "int": int, "float": float, "date": date, "month": date}
    for _line, row in rows:
        assert set(row) == set(fmt.header)
        for column in fmt.columns:
            value = row[column.name]
            assert (value is None and not column.required) or isinstance(value, expected[column.type])


@settings(max_examples=300, deadline=None)
@given(case=KIND_AND_FILE, batch=st.sampled_from([1, 2, 64]))
def test_the_column_reader_reads_and_reports_exactly_as_the_row_reader(case: tuple[str, bytes], batch: int) -> None:
    """Big responses files are checked a column at a time; the rows kept and every problem reported are the same."""
    kind, data = case
    fmt = ingest.FORMATS[kind]
    lookups = Lookups(**{name: {code: i for i, code in enumerate(codes)} for name, codes in KNOWN.items()})
    by_row, by_column = ImportReport(kind, "random.csv"), ImportReport(kind, "random.csv")
    rows = list(read_rows(io.BytesIO(data), fmt, by_row, lookups, TODAY))
    with patch.object(columns, "BATCH_ROWS", batch):
        batches = list(columns.read_batches(io.BytesIO(data), fmt, by_column, lookups, TODAY))
    as_rows = [(line, {n: b.values[n][i] for n in fmt.header}) for b in batches for i, line in enumerate(b.lines)]
    assert as_rows == rows
    assert (by_column.problems, by_column.rows_read) == (by_row.problems, by_row.rows_read)
