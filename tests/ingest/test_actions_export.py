"""python -m cxdash export actions writes what python -m cxdash import actions reads: export, delete, import and
export again gives the same file, formulas neutralised on the way out and read back as typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import delete, select
from typer.testing import CliRunner, Result

from cxdash import db, ingest
from cxdash.__main__ import app
from cxdash.ingest.formats import FORMATS
from cxdash.models import Action
from tests.ingest.helpers import BASE, TODAY

# Every state, every optional column empty and filled, a formula-like title, a negative effect, a note with a comma,
# a quote and a line break.
ACTIONS = BASE["actions"] + (
    '"=HYPERLINK(""x"")",NORTH,,customer_vision,2026-08,CCO,2026-09-30,done,,2026-10-02,-2.5,"one, ""two""\nthree"\n'
    "-5 points in SOUTH,SOUTH,,,2026-09,CEO,2026-11-30,dropped,@budget cut,,,\n"
    "+Phone queue,,PHONE,,2026-07,CEO,2026-12-15,in_progress,,,4,\n"
)


@pytest.fixture
def url(engine: Engine, backend: str, tmp_path: Path) -> str:
    """DATABASE_URL of the small data set with four actions: the test's PostgreSQL database, or a SQLite file."""
    if backend == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    for kind in ingest.LOAD_ORDER:
        text = ACTIONS if kind == "actions" else BASE[kind]
        report = ingest.import_file(engine, kind, text.encode(), today=TODAY)
        assert report.ok, report.problems
    return engine.url.render_as_string(hide_password=False)


def _run(url: str, *args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"DATABASE_URL": url})


def _titles(url: str) -> set[str]:
    engine = db.make_engine(url)
    with db.session(engine) as session:
        titles = set(session.exec(select(Action.title)).all())
    engine.dispose()
    return titles


def test_export_then_import_round_trips(url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    done = _run(url, "export", "actions", "--out", str(first))
    assert done.exit_code == 0 and f"Wrote {first} (4 action(s))." in done.output, done.output
    text = first.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ",".join(FORMATS["actions"].header)
    assert "'=HYPERLINK" in text and "'-5 points" in text and "'@budget cut" in text and ",-2.5," in text
    assert "first.csv: nothing changed" in _run(url, "import", "actions", str(first)).output
    engine = db.make_engine(url)
    with db.session(engine) as session:
        session.exec(delete(Action))  # type: ignore[call-overload]
        session.commit()
    engine.dispose()
    loaded = _run(url, "import", "actions", str(first))
    assert loaded.exit_code == 0 and "4 new" in loaded.output, loaded.output
    assert {'=HYPERLINK("x")', "-5 points in SOUTH", "+Phone queue"} < _titles(url)
    assert _run(url, "export", "actions", "--out", str(second)).exit_code == 0
    assert second.read_bytes() == first.read_bytes()


def test_an_output_that_is_not_csv_is_refused(url: str, tmp_path: Path) -> None:
    done = _run(url, "export", "actions", "--out", str(tmp_path / "actions.xlsx"))
    assert done.exit_code == 2 and "Name the output file .csv" in done.output
    missing = _run(url, "export", "actions", "--out", str(tmp_path / "nowhere" / "actions.csv"))
    assert missing.exit_code == 2 and "does not exist" in missing.output
