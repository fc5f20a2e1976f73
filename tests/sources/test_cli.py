"""`python -m cxdash import responses FILE --profile/--preset` and `python -m cxdash profiles …`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner, Result

from cxdash import db
from cxdash.__main__ import app
from tests.sources.helpers import EXAMPLES, load_reference, stored


@pytest.fixture
def url(engine: Engine, backend: str, tmp_path: Path) -> str:
    """DATABASE_URL of a database holding the reference regions and touchpoints."""
    if backend == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    load_reference(engine)
    return engine.url.render_as_string(hide_password=False)


def _run(url: str, *args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"DATABASE_URL": url})


def test_a_preset_refuses_unmapped_countries_with_their_row_counts(url: str) -> None:
    result = _run(url, "import", "responses", str(EXAMPLES / "qualtrics.csv"), "--preset", "qualtrics")
    assert result.exit_code == 1
    assert "line 4, column Region (value 'Germany'): 2 row(s) have this region" in result.output
    assert "line 6, column Region (value 'Switzerland'): 1 row(s)" in result.output


def test_save_a_profile_from_a_preset_then_import_with_it(url: str) -> None:
    saved = _run(url, "profiles", "save", "qualtrics-q3", "--preset", "qualtrics", "--sample",
                 str(EXAMPLES / "qualtrics.csv"), "--region", "Germany=DACH", "--region", "Austria=DACH",
                 "--region", "Switzerland=DACH")  # fmt: skip
    assert saved.exit_code == 0, saved.output
    result = _run(url, "import", "responses", str(EXAMPLES / "qualtrics.csv"), "--profile", "qualtrics-q3")
    assert result.exit_code == 0, result.output
    assert "qualtrics.csv: 5 new, 0 updated, 0 unchanged or skipped, of 5 row(s)." in result.output
    assert [r[2] for r in stored(db.make_engine(url))] == ["DACH", "DACH", "DACH", "FR", "DACH"]


def test_show_prints_json_that_save_reads_back(url: str, tmp_path: Path) -> None:
    _run(url, "profiles", "save", "dl", "--preset", "delighted", "--column", "region=Country",
         "--column", "touchpoint=Touchpoint", "--column", "channel==email")  # fmt: skip
    shown = _run(url, "profiles", "show", "dl")
    assert json.loads(shown.output)["columns"]["channel"] == "=email"
    (tmp_path / "dl.json").write_text(shown.output, encoding="utf-8")
    assert _run(url, "profiles", "save", "dl-copy", "--from", str(tmp_path / "dl.json")).exit_code == 0
    copy = json.loads(_run(url, "profiles", "show", "dl-copy").output)
    assert copy == {**json.loads(shown.output), "name": "dl-copy"}


def test_list_names_saved_profiles_and_presets(url: str) -> None:
    _run(url, "profiles", "save", "tf", "--preset", "typeform")
    listed = _run(url, "profiles", "list").output
    assert listed.startswith("tf  (responses, 1 header row(s)): response_key=#, responded_on=Submitted At")
    assert "preset surveymonkey:" in listed


def test_an_unknown_profile_names_the_saved_ones(url: str) -> None:
    _run(url, "profiles", "save", "tf", "--preset", "typeform")
    result = _run(url, "import", "responses", str(EXAMPLES / "typeform.csv"), "--profile", "nope")
    assert result.exit_code == 2
    assert "No saved profile is called 'nope'; saved profiles: tf." in result.output
