"""The Data page's Survey export tab through app.py: a profile built in the app works on the command line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from cxdash.__main__ import app as cli
from tests import apptest
from tests.sources.helpers import EXAMPLES, load_reference, stored

QUALTRICS = (EXAMPLES / "qualtrics.csv").read_bytes()


@pytest.fixture
def reference(engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A database holding two regions and two touchpoints, that the app may write to."""
    yield from apptest.own_database(engine, backend, tmp_path, monkeypatch, load_reference)


def _upload(data: bytes, name: str = "qualtrics.csv") -> AppTest:
    at = apptest.open_page("data", tab="Survey export")
    at.file_uploader(key="sources_upload").set_value((name, data, "text/csv")).run()
    assert not at.exception
    return at


def _map_countries(at: AppTest) -> AppTest:
    for box in at.selectbox:
        if box.key and box.key.startswith("sources_map_region_") and box.label.split(" (")[0] != "France":
            box.set_value("DACH")
    return at.run()


def test_the_proposal_recognises_qualtrics_and_lists_the_countries(reference: Engine) -> None:
    at = _upload(QUALTRICS)
    assert at.selectbox(key="sources_start").value == "qualtrics"
    assert at.selectbox(key="sources_map_col_nps").value == "Q1"
    assert at.selectbox(key="sources_map_col_responded_on").value == "RecordedDate"
    regions = {b.label: b.value for b in at.selectbox if b.key and b.key.startswith("sources_map_region_")}
    assert regions == {"Germany (2 rows)": "(not mapped)", "Austria (1 row)": "(not mapped)",
                       "Switzerland (1 row)": "(not mapped)", "France (1 row)": "FR"}  # fmt: skip
    assert "2 row(s) have this region" in " ".join(apptest.table(at, "line")["reason"])
    assert apptest.table(at, "source line")["nps"].tolist() == ["10", "9", "6", "0", "8"]


def test_a_profile_built_in_the_app_gives_the_same_import_on_the_command_line(reference: Engine) -> None:
    at = _map_countries(_upload(QUALTRICS))
    at.button(key="sources_check").click().run()
    assert "qualtrics.csv: 5 new, 0 updated" in apptest.said(at.success)
    assert stored(reference) == []  # the check writes nothing
    at.text_input(key="sources_name").set_value("qualtrics-q3")
    at.button(key="sources_save").click().run()
    assert "Profile qualtrics-q3 saved." in apptest.said(at.success)
    url = reference.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(cli, ["import", "responses", str(EXAMPLES / "qualtrics.csv"), "--profile",
                                      "qualtrics-q3"], env={"DATABASE_URL": url})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [(r[0], r[2], r[3], r[6]) for r in stored(reference)] == [
        ("R_1a2B3c4D5e6F7g8", "DACH", "PHONE", 10),
        ("R_2b3C4d5E6f7G8h9", "DACH", "WEB", 9),
        ("R_3c4D5e6F7g8H9i0", "DACH", "PHONE", 6),
        ("R_4d5E6f7G8h9I0j1", "FR", "WEB", 0),
        ("R_5e6F7g8H9i0J1k2", "DACH", "WEB", 8),
    ]


def test_import_from_the_app_and_an_unreadable_file_gets_a_sentence(reference: Engine) -> None:
    at = _map_countries(_upload(QUALTRICS))
    at.button(key="sources_import").click().run()
    assert "qualtrics.csv: 5 new" in apptest.said(at.success)
    assert len(stored(reference)) == 5
    at = _upload(b"\xd0\xcf\x11\xe0 old workbook", "renamed.csv")
    assert "an old Excel workbook (.xls)" in apptest.said(at.error)
