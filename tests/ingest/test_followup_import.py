"""python -m cxdash import followup_cases FILE: every row checked, all loaded or none, a row-level report."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import func, select
from typer.testing import CliRunner, Result

from cxdash import db, ingest
from cxdash.__main__ import app
from cxdash.models import FollowUpCase
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, snapshot

HEADER = "response_key,status,opened_at,first_contact_at,closed_at\n"


@pytest.fixture
def url(engine: Engine, backend: str, tmp_path: Path) -> str:
    """DATABASE_URL holding the small data set (R2: a detractor in SOUTH, October 2026; R1 a promoter) and four
    more detractors, R3 to R6."""
    if backend == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    load_base(engine)
    more = "".join(f"R{i},C{i},SOUTH,PHONE,phone,2026-10-12,2,,,\n" for i in range(3, 7))
    assert ingest.import_file(engine, "responses", (RESPONSE_HEADER + more).encode(), today=TODAY).ok
    return engine.url.render_as_string(hide_password=False)


def _import(url: str, path: Path, *more: str) -> Result:
    return CliRunner().invoke(app, ["import", "followup_cases", str(path), *more], env={"DATABASE_URL": url})


def _cases(url: str) -> list[tuple[str, str]]:
    engine = db.make_engine(url)
    with db.session(engine) as session:
        rows = [(c.response_key, c.status) for c in session.exec(select(FollowUpCase)).all()]
    engine.dispose()
    return rows


def test_a_good_file_loads_once_with_columns_in_any_order(url: str, tmp_path: Path) -> None:
    good = tmp_path / "cases.csv"
    good.write_text("status,response_key,opened_at,first_contact_at,closed_at\n"
                    "contacted,R2,2026-10-11 08:00,2026-10-11 10:00,\n", encoding="utf-8")  # fmt: skip
    first = _import(url, good)
    assert first.exit_code == 0 and "cases.csv: 1 new" in first.output, first.output
    assert _cases(url) == [("R2", "contacted")]
    again = _import(url, good)
    assert again.exit_code == 0 and "nothing changed" in again.output and len(_cases(url)) == 1


def test_a_bad_file_loads_nothing_and_reports_every_row(url: str, tmp_path: Path) -> None:
    bad, report = tmp_path / "bad.csv", tmp_path / "report.csv"
    bad.write_text(
        HEADER
        + "R2,new,2026-10-11 08:00,,\n"  # fine on its own
        + "R2,new,2026-10-11 08:00,,\n"  # the same response twice
        + "R1,new,2026-10-11 08:00,,\n"  # a promoter
        + "R9,new,2026-10-11 08:00,,\n"  # no such response
        + "R3,contacted,2026-10-13 08:00,2099-01-01 00:00,\n"  # the future
        + "R4,contacted,2026-10-13 08:00,11/10/2026,\n"  # not a time
        + "R5,new\n"  # too few cells
        + "R6,new,2026-10-13 08:00,,\n",  # fine
        encoding="utf-8",
    )
    engine = db.make_engine(url)
    before = snapshot(engine)
    done = _import(url, bad, "--report", str(report))
    assert done.exit_code == 1 and "nothing was loaded because of 6 problem(s)" in done.output, done.output
    for said in ("line 3, column response_key (value 'R2'): appears twice in the file (first on line 2)",
                 "line 4, column response_key (value 'R1'): is not a stored detractor's response",
                 "line 5, column response_key (value 'R9')",
                 "line 6, column first_contact_at (value '2099-01-01 00:00'): is in the future",
                 "line 7, column first_contact_at (value '11/10/2026'): times are written YYYY-MM-DD HH:MM",
                 "line 8 (value 'R5,new'): has 2 cell(s); the header has 5"):  # fmt: skip
        assert said in done.output
    assert report.read_text(encoding="utf-8-sig").count("\n") == 7  # the header and six problems
    assert snapshot(engine) == before
    with db.session(engine) as session:
        assert session.exec(select(func.count()).select_from(FollowUpCase)).one() == 0
    engine.dispose()


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfe\x00r", "not UTF-8"),
        (b"response_key,status,opened_at,first_contact_at\n", "missing column(s) closed_at"),
        (b"response_key,status,opened_at,first_contact_at,closed_at,score\n", "unknown column(s) score"),
    ],
)
def test_a_file_that_is_not_a_cases_file_says_why(url: str, tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "cases.csv"
    path.write_bytes(content)
    done = _import(url, path)
    assert done.exit_code == 1 and said in done.output and _cases(url) == []
