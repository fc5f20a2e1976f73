"""python -m cxdash import / load / sample: the same report as the app, and an exit code scripts can trust."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner, Result

from cxdash import ingest
from cxdash.__main__ import app
from tests.ingest.helpers import BASE, RESPONSE_HEADER, snapshot


@pytest.fixture
def url(engine: Engine, backend: str, tmp_path: Path) -> str:
    """DATABASE_URL for the command line: the test's PostgreSQL database, or a SQLite file."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'cli.db'}"
    return engine.url.render_as_string(hide_password=False)


def _run(url: str, *args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"DATABASE_URL": url})


def _folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    for kind, text in files.items():
        (folder / ingest.FORMATS[kind].file_name).write_text(text, encoding="utf-8")
    return folder


def test_load_a_folder_then_load_it_again(url: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path, **BASE)
    first = _run(url, "load", str(folder))
    assert first.exit_code == 0, first.output
    assert "responses.csv: 2 new" in first.output and "100.0%" in first.output
    again = _run(url, "load", str(folder))
    assert again.exit_code == 0 and again.output.count("nothing changed") == len(BASE)


def test_a_bad_file_exits_non_zero_with_every_problem_and_a_csv_report(url: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path, regions=BASE["regions"], touchpoints=BASE["touchpoints"])
    assert _run(url, "load", str(folder)).exit_code == 0
    bad = tmp_path / "bad.csv"
    rows = 'R1,C1,EAST,WEB,web,2026-10-01,11,,,\nR2,C2,NORTH,WEB,web,2026-10-01,9,,,=HYPERLINK("x")\n'
    bad.write_text(RESPONSE_HEADER + rows + "R3,C3,=cmd,WEB,web,2026-10-01,9,,,\n", encoding="utf-8")
    out = tmp_path / "report.csv"
    result = _run(url, "import", "responses", str(bad), "--report", str(out))
    assert result.exit_code == 1
    assert "nothing was loaded because of 3 problem(s)" in result.output
    assert "line 2, column region (value 'EAST'): unknown region code" in result.output
    assert "line 2, column nps (value '11'): must be between 0 and 10" in result.output
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "line,column,value,reason" and len(lines) == 4
    assert lines[3].startswith("4,region,'=cmd,")


def test_update_flag_overwrites(url: str, tmp_path: Path, engine: Engine) -> None:
    folder = _folder(tmp_path, regions=BASE["regions"])
    assert _run(url, "load", str(folder)).exit_code == 0
    renamed = tmp_path / "renamed.csv"
    renamed.write_text("code,name\nNORTH,The North\n", encoding="utf-8")
    assert (
        "nothing changed; the keys of all 1 row(s) are already stored"
        in _run(url, "import", "regions", str(renamed)).output
    )
    assert "0 new, 1 updated" in _run(url, "import", "regions", str(renamed), "--update").output


def test_load_stops_at_the_first_file_that_cannot_load(url: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path, regions="code,name\nNO RTH,North\n", touchpoints=BASE["touchpoints"])
    result = _run(url, "load", str(folder))
    assert result.exit_code == 1 and "regions.csv: nothing was loaded" in result.output
    assert "touchpoints.csv" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "colours", "x.csv"], "Unknown kind 'colours'"),
        (["import", "regions", "/nonexistent/regions.csv"], "is not a file"),
        (["load", "/nonexistent"], "is not a folder"),
    ],
)
def test_usage_errors_exit_with_2(url: str, args: list[str], message: str) -> None:
    result = _run(url, *args)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("command", ["import", "load"])
def test_an_unreachable_database_gets_a_sentence_not_a_traceback(tmp_path: Path, command: str) -> None:
    folder = _folder(tmp_path, regions=BASE["regions"])
    args = ["import", "regions", str(folder / "regions.csv")] if command == "import" else ["load", str(folder)]
    result = _run("postgresql://postgres@127.0.0.1:1/nowhere", *args)
    assert result.exit_code == 1 and "cannot reach its database; nothing was loaded" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, OperationalError)


def test_an_empty_folder_is_explained(url: str, tmp_path: Path) -> None:
    result = _run(url, "load", str(tmp_path))
    assert result.exit_code == 2 and "holds none of the expected files" in result.output


def test_sample_writes_files_that_load(url: str, tmp_path: Path, engine: Engine) -> None:
    result = _run(url, "sample", "--out", str(tmp_path / "s"), "--scale", "0.02")
    assert result.exit_code == 0 and "responses.csv:" in result.output
    assert _run(url, "load", str(tmp_path / "s")).exit_code == 0
    if url.startswith("postgresql"):
        assert snapshot(engine)["survey_response"]


def test_delete_removes_an_imports_responses(url: str, tmp_path: Path, engine: Engine) -> None:
    assert _run(url, "load", str(_folder(tmp_path, **BASE))).exit_code == 0
    extra = tmp_path / "extra.csv"
    extra.write_text(RESPONSE_HEADER + "R7,C7,NORTH,WEB,web,2026-10-02,9,,,\n", encoding="utf-8")
    assert _run(url, "import", "responses", str(extra)).exit_code == 0
    keys = tmp_path / "keys.txt"
    keys.write_text("R7\n", encoding="utf-8")
    refused = _run(url, "delete", "responses", "--keys", str(keys), "--from", "2026-10-01", "--yes")
    assert refused.exit_code == 1 and "one way" in refused.output
    done = _run(url, "delete", "responses", "--keys", str(keys), "--yes")
    assert done.exit_code == 0, done.output
    assert "Deleted 1 response(s)" in done.output


def test_delete_asks_before_it_deletes(url: str, tmp_path: Path) -> None:
    assert _run(url, "load", str(_folder(tmp_path, **BASE))).exit_code == 0
    declined = CliRunner().invoke(app, ["delete", "responses", "--to", "2026-12-31"], input="n\n",
                                  env={"DATABASE_URL": url})  # fmt: skip
    assert declined.exit_code == 1 and "Delete 2 response(s)" in declined.output
    assert "Deleted" not in declined.output
