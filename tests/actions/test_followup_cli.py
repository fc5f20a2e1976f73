"""python -m cxdash followup open, and follow-up cases loaded from a folder: counts printed, bad input in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import func, select
from typer.testing import CliRunner, Result

from cxdash import db, ingest
from cxdash.__main__ import app
from cxdash.models import FollowUpCase
from tests.ingest.helpers import BASE, load_base


@pytest.fixture
def url(engine: Engine, backend: str, tmp_path: Path) -> str:
    """DATABASE_URL holding the small data set (one detractor, SOUTH, October 2026)."""
    if backend == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    load_base(engine)
    return engine.url.render_as_string(hide_password=False)


def _run(url: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["followup", *args], env={"DATABASE_URL": url})


def _count(url: str) -> int:
    with db.session(db.make_engine(url)) as session:
        return int(session.exec(select(func.count()).select_from(FollowUpCase)).one())


def test_open_prints_how_many_and_opens_nothing_twice(url: str) -> None:
    first = _run(url, "open", "--month", "2026-10")
    assert first.exit_code == 0, first.output
    assert "Opened 1 follow-up case(s) for the detractors of 2026-10." in first.output
    again = _run(url, "open", "--month", "2026-10")
    assert "Opened 0 follow-up case(s)" in again.output and _count(url) == 1


@pytest.mark.parametrize(
    ("month", "said"),
    [("2026-13", "write it as YYYY-MM"), ("2030-01", "There are no responses in 2030-01")],
)
def test_a_bad_month_exits_2_with_a_sentence(url: str, month: str, said: str) -> None:
    result = _run(url, "open", "--month", month)
    assert result.exit_code == 2 and said in result.output and _count(url) == 0


def test_one_region_only(url: str) -> None:
    assert "Opened 0" in _run(url, "open", "--month", "2026-10", "--region", "NORTH").output
    assert "no region 'EAST'" in _run(url, "open", "--month", "2026-10", "--region", "EAST").output


def _folder(tmp_path: Path, cases: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for kind, text in BASE.items():
        (folder / ingest.FORMATS[kind].file_name).write_text(text, encoding="utf-8")
    (folder / "followup_cases.csv").write_text(cases, encoding="utf-8")
    return folder


HEADER = "response_key,status,opened_at,first_contact_at,closed_at\n"


def test_a_folder_loads_its_cases_once(engine: Engine, tmp_path: Path) -> None:
    folder = _folder(tmp_path, HEADER + "R2,resolved,2026-10-11 08:00,2026-10-11 10:00,2026-10-12 09:00\n")
    reports = ingest.load_dir(engine, folder, username="t")
    assert reports[-1].kind == "followup_cases" and reports[-1].inserted == 1
    assert ingest.load_dir(engine, folder, username="t")[-1].skipped == 1
    with db.session(engine) as session:
        case = session.exec(select(FollowUpCase)).one()
    assert (case.status, case.nps, case.first_contact_at is not None) == ("resolved", 6, True)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("R1,new,2026-10-11 08:00,,", "is not a stored detractor's response"),  # R1 scored 10
        ("R2,called,2026-10-11 08:00,,", "must be one of new"),
        ("R2,new,2026-10-11 08:00,2026-10-11 09:00,", "exactly when the status is not new"),
        ("R2,contacted,2026-10-11 08:00,2026-10-10 09:00,", "times must run"),
        ("R2,resolved,2026-10-11 08:00,2026-10-11 09:00,", "exactly when the status is resolved"),
        ("R2,new,11/10/2026,,", "YYYY-MM-DD HH:MM"),
    ],
)
def test_a_bad_case_loads_nothing_and_says_why(engine: Engine, tmp_path: Path, row: str, reason: str) -> None:
    report = ingest.load_dir(engine, _folder(tmp_path, HEADER + row + "\n"), username="t")[-1]
    assert not report.ok and reason in report.problems[0].reason and report.problems[0].line == 2
    with db.session(engine) as session:
        assert session.exec(select(func.count()).select_from(FollowUpCase)).one() == 0
