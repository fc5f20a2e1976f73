"""Importing customer records and deriving monthly retention from them (the seven customers of test_tenure)."""

from __future__ import annotations

import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from cxdash import db, ingest
from cxdash.__main__ import app as cli
from cxdash.models import CustomerRecord, Region, RetentionMonth
from cxdash.sources import Profile
from cxdash.sources.customers import import_customers
from cxdash.sources.tenure import retention_from_records
from tests.ingest.helpers import snapshot
from tests.sources.helpers import load_reference

TODAY = date(2026, 4, 15)  # the last complete month is March 2026
HEADER = "Account ID;Country;Customer Since;Cancelled On\n"
LARGE = 100_000  # customers in the large file: about 4 MB of CSV
MARGIN_MB = 1.5
CRM = HEADER + (
    "A;Germany;10.06.2025;\n"
    "B;Germany;01.11.2025;15.02.2026\n"
    "C;Germany;05.01.2026;20.01.2026\n"
    "D;Austria;10.01.2026;\n"
    "E;Germany;01.02.2026;10.03.2026\n"
    "F;Germany;31.12.2025;01.01.2026\n"
    "G;Switzerland;31.03.2026;\n"
    "H;France;01.03.2026;\n"
)
PROFILE = Profile(
    name="crm",
    kind="customers",
    columns={"customer_key": "Account ID", "region": "Country", "started_on": "Customer Since",
             "ended_on": "Cancelled On"},
    regions={"Germany": "DACH", "Austria": "DACH", "Switzerland": "DACH"},
    date_format="%d.%m.%Y",
)  # fmt: skip


@pytest.fixture
def reference(engine: Engine) -> Engine:
    load_reference(engine)
    return engine


def months(engine: Engine, region: str) -> list[tuple[date, int, int, int]]:
    query = (
        select(RetentionMonth.month, RetentionMonth.customers_start, RetentionMonth.customers_end,
               RetentionMonth.new_customers)
        .join(Region, Region.id == RetentionMonth.region_id)  # type: ignore[arg-type]
        .where(Region.code == region)
        .order_by(RetentionMonth.month)
    )  # fmt: skip
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query).all()]  # type: ignore[misc]


def test_monthly_counts_are_derived_and_replace_the_region_months(reference: Engine) -> None:
    stale = "region,month,customers_start,customers_end,new_customers\nDACH,2026-01,100,90,5\n"
    assert ingest.import_file(reference, "retention", stale.encode(), today=TODAY).ok
    report = import_customers(reference, CRM.encode(), PROFILE, today=TODAY)
    assert (report.ok, report.inserted, report.rows_read) == (True, 8, 8), report.problems
    dach = months(reference, "DACH")
    assert dach[0] == (date(2025, 6, 1), 0, 1, 1)
    assert len(dach) == 10  # June 2025 to March 2026
    assert dach[-3:] == [(date(2026, 1, 1), 3, 3, 1), (date(2026, 2, 1), 3, 3, 1), (date(2026, 3, 1), 3, 3, 1)]
    assert months(reference, "FR") == [(date(2026, 3, 1), 0, 1, 1)]


def test_unmapped_countries_refuse_the_file_with_their_rows(reference: Engine) -> None:
    before = snapshot(reference)
    report = import_customers(reference, (CRM + "I;Italy;01.03.2026;\nJ;Italy;02.03.2026;\n").encode(), PROFILE,
                              today=TODAY)  # fmt: skip
    assert [(p.line, p.value, p.reason.split(" row")[0]) for p in report.problems] == [(10, "Italy", "2")]
    assert snapshot(reference) == before


def test_bad_rows_are_reported_at_their_lines(reference: Engine) -> None:
    bad = HEADER + "A;Germany;10.06.2025;01.01.2025\nB;Germany;01.05.2026;\nA;France;2025-01-01;\n"
    report = import_customers(reference, bad.encode(), PROFILE, today=TODAY)
    assert [(p.line, p.column) for p in report.problems] == [
        (2, "Cancelled On"), (3, "Customer Since"), (4, "Account ID"), (4, "Customer Since")]  # fmt: skip
    assert "is before the start date" in report.problems[0].reason
    with db.session(reference) as session:
        assert session.exec(select(CustomerRecord)).all() == []  # type: ignore[call-overload]


def test_importing_the_same_records_again_changes_nothing(reference: Engine) -> None:
    import_customers(reference, CRM.encode(), PROFILE, today=TODAY)
    again = import_customers(reference, CRM.encode(), PROFILE, today=TODAY)
    assert (again.ok, again.changed, again.skipped) == (True, False, 8)


def test_command_line_with_a_saved_customers_profile(engine: Engine, backend: str, tmp_path: Path) -> None:
    if backend == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    load_reference(engine)
    url = engine.url.render_as_string(hide_password=False)
    run = CliRunner().invoke
    saved = run(cli, ["profiles", "save", "crm", "--preset", "customers", "--column", "customer_key=Account ID",
                      "--column", "region=Country", "--column", "started_on=Customer Since", "--column",
                      "ended_on=Cancelled On", "--date-format", "%d.%m.%Y", "--region", "Germany=DACH",
                      "--region", "Austria=DACH", "--region", "Switzerland=DACH"],
                env={"DATABASE_URL": url})  # fmt: skip
    assert saved.exit_code == 0, saved.output
    path = tmp_path / "crm.csv"
    path.write_text(CRM, encoding="utf-8")
    result = run(cli, ["import", "customers", str(path), "--profile", "crm"], env={"DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    assert "crm.csv: 8 new" in result.output


def test_exact_retention_over_a_window_from_the_stored_records(reference: Engine) -> None:
    import_customers(reference, CRM.encode(), PROFILE, today=TODAY)
    with db.session(reference) as session:
        dach = session.exec(select(Region.id).where(Region.code == "DACH")).one()  # type: ignore[call-overload]
        window = retention_from_records(session, date(2026, 1, 1), date(2026, 3, 1), [dach[0]])
        everyone = retention_from_records(session, date(2026, 1, 1), date(2026, 3, 1))
        before = retention_from_records(session, date(2026, 1, 1), date(2026, 3, 1), [])
    assert window is not None and (window.customers_start, window.retained) == (3, 1)
    assert everyone is not None and everyone.rate == 1 / 3  # H (France) joins in March: not at the start
    assert before is None


def _crm(rows: int, first: int = 0) -> bytes:
    """``rows`` customers from key K``first``: Germany and France in turn, a third of them cancelled in March."""
    lines = (f"K{i:07d};{('Germany', 'France')[i % 2]};{1 + i % 28:02d}.{1 + i % 12:02d}.2025;"
             f"{'' if i % 3 else '01.03.2026'}\n" for i in range(first, first + rows))  # fmt: skip
    return (HEADER + "".join(lines)).encode()


def _peak_mb(engine: Engine, data: bytes) -> float:
    """Peak Python memory of one import, in MB."""
    tracemalloc.start()
    try:
        report = import_customers(engine, data, PROFILE, today=TODAY)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
    assert report.ok, report.problems[:3]
    return peak


def test_a_large_customer_file_streams_in_flat_memory(reference: Engine) -> None:
    small, large = _crm(5_000), _crm(LARGE, first=5_000)
    small_peak, large_peak = _peak_mb(reference, small), _peak_mb(reference, large)
    # Held whole, the large file's bytes alone would be more than the margin; its records many times more.
    assert len(large) / 1e6 > 2 * MARGIN_MB
    assert large_peak < small_peak + MARGIN_MB, (small_peak, large_peak)
    counts = months(reference, "DACH")
    assert counts[-1][2] == sum(1 for i in range(5_000 + LARGE) if i % 2 == 0 and i % 3)  # still customers in March


def test_a_customer_who_moves_region_updates_both_regions(reference: Engine) -> None:
    import_customers(reference, CRM.encode(), PROFILE, today=TODAY)
    moved = CRM.replace("H;France;01.03.2026;", "H;Germany;01.03.2026;")
    report = import_customers(reference, moved.encode(), PROFILE, today=TODAY, mode="update")
    assert (report.ok, report.inserted, report.updated, report.skipped) == (True, 0, 1, 7), report.problems
    assert months(reference, "FR") == []  # its only customer left: nothing to derive its months from
    assert months(reference, "DACH")[-1] == (date(2026, 3, 1), 3, 4, 2)


def test_a_duplicate_key_far_apart_is_reported_at_both_lines(reference: Engine) -> None:
    data = _crm(3_000) + b"K0000007;Germany;01.01.2026;\n"
    report = import_customers(reference, data, PROFILE, today=TODAY)
    assert [(p.line, p.column, p.value, p.reason) for p in report.problems] == [
        (3_002, "Account ID", "K0000007", "duplicate key; line 9 too")]  # fmt: skip
