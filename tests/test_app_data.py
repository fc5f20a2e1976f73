"""The Data page through app.py: import with a report, templates, import history and the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from cxdash import auth, db, ingest
from cxdash.ingest import parse
from cxdash.ingest.docs import template_bytes
from cxdash.models import Region
from cxdash.permissions import Actor
from cxdash.views import data as view
from tests import apptest
from tests.ingest.helpers import RESPONSE_HEADER, load_base, snapshot

ROOT = Path(__file__).resolve().parent.parent


def _open(at: AppTest | None = None, tab: str | None = None) -> AppTest:
    at = apptest.open_page("data", at, tab=tab)
    assert not at.exception and at.title[0].value == "Data"
    return at


@pytest.fixture
def writable(engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A small database of this test's own that the page may import into."""
    yield from apptest.own_database(engine, backend, tmp_path, monkeypatch, load_base)


def test_the_page_has_its_sections_a_template_and_the_format(app_env: str) -> None:
    at = _open()
    tabs = ["Import", "Survey export", "Customer records", "Targets", "Import history", "Audit log"]
    assert [t.label for t in at.tabs] == tabs
    # Only the open section is drawn: the import form and its column list, nothing of the other sections.
    assert [d.value.columns[0] for d in at.dataframe] == ["Column"]
    assert {w.key for w in at.get("file_uploader")} == {"data_upload"}
    assert at.selectbox(key="data_kind").value == "responses"
    columns = apptest.table(at, "Column")
    assert columns["Column"].tolist() == ingest.FORMATS["responses"].header
    assert "Download the template" in [b.label for b in at.get("download_button")]
    at.selectbox(key="data_kind").set_value("retention").run()
    assert apptest.table(at, "Column")["Column"].tolist() == ingest.FORMATS["retention"].header
    assert "new_customers <= customers_end" in apptest.said(at.caption)
    assert template_bytes("retention").startswith(b"\xef\xbb\xbfregion,month")


def test_history_and_audit_log_show_the_sample_imports(app_env: str) -> None:
    at = _open(tab="Import history")
    history = apptest.table(at, "When (UTC)")
    assert {view.label(k) for k in ingest.FORMATS} <= set(history["What"]) and set(history["By"]) == {"tests"}
    assert "alignment_rounds" not in set(history["What"]) and "Alignment rounds" in set(history["What"])
    assert "Download the history (CSV)" in [b.label for b in at.get("download_button")]
    at = apptest.open_tab(at, "data", "Audit log")
    audit = next(d.value for d in at.dataframe if "Detail" in d.value.columns)
    assert len(audit) >= len(ingest.FORMATS)
    at.selectbox(key="data_audit_entity").set_value("responses").run()
    audit = next(d.value for d in at.dataframe if "Detail" in d.value.columns)
    assert audit["What"].tolist() == ["Survey responses"]
    assert "Download the audit log (CSV)" in [b.label for b in at.get("download_button")]


def test_importing_a_file_through_the_page(writable: Engine) -> None:
    at = _open()
    data = RESPONSE_HEADER + "P1,C1,NORTH,WEB,web,2026-10-05,9,5,,great\nP2,C2,SOUTH,WEB,app,2026-10-06,3,,2,\n"
    at.file_uploader(key="data_upload").set_value(("october.csv", data.encode(), "text/csv")).run()
    at.button(key="data_import").click().run()
    assert not at.exception
    assert "october.csv: 2 new, 0 updated, 0 unchanged or skipped, of 2 row(s)." in apptest.said(at.success)
    at.button(key="data_import").click().run()
    assert "nothing changed" in apptest.said(at.info)
    assert apptest.table(apptest.open_tab(at, "data", "Import history"), "When (UTC)")["File"].iloc[0] == "october.csv"


def test_update_mode_is_chosen_on_the_page(writable: Engine) -> None:
    at = _open()
    at.selectbox(key="data_kind").set_value("regions").run()
    at.file_uploader(key="data_upload").set_value(("regions.csv", b"code,name\nNORTH,Far North\n", "text/csv")).run()
    at.button(key="data_import").click().run()
    assert "the keys of all 1 row(s) are already stored, so they were skipped" in apptest.said(at.info)
    at.radio(key="data_mode").set_value("update").run()
    at.button(key="data_import").click().run()
    assert "regions.csv: 0 new, 1 updated" in apptest.said(at.success)
    with db.session(writable) as session:
        assert session.exec(select(Region.name).where(Region.code == "NORTH")).one() == "Far North"


def test_the_page_moves_a_progress_bar_while_importing(writable: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[float] = []
    real = ingest.import_file

    def recording(*args: Any, progress: ingest.Progress, **kwargs: Any) -> ingest.ImportReport:
        def both(fraction: float) -> None:
            seen.append(fraction)
            progress(fraction)

        return real(*args, progress=both, **kwargs)

    monkeypatch.setattr(ingest, "import_file", recording)
    monkeypatch.setattr(parse, "TICK_ROWS", 100)
    rows = "".join(f"Q{i},C{i},NORTH,WEB,web,2026-10-05,{i % 11},,,\n" for i in range(1_000))
    at = _open()
    at.file_uploader(key="data_upload").set_value(("big.csv", (RESPONSE_HEADER + rows).encode(), "text/csv")).run()
    at.button(key="data_import").click().run()
    assert not at.exception and "big.csv: 1,000 new" in apptest.said(at.success)
    assert len(seen) >= 10 and seen == sorted(seen) and seen[-1] == 1.0
    assert not at.get("progress")


def test_history_is_filtered_on_the_page(app_env: str) -> None:
    at = _open(tab="Import history")
    at.selectbox(key="data_history_kind").set_value("retention").run()
    history = apptest.table(at, "When (UTC)")
    assert history["What"].tolist() == ["Retention counts"]
    labels = [b.label for b in at.get("download_button")]
    assert "Download the history (CSV)" in labels and "Download the column list (CSV)" not in labels


def test_a_bad_file_shows_its_report_and_changes_nothing(writable: Engine) -> None:
    before = snapshot(writable)
    at = _open()
    data = RESPONSE_HEADER + "P1,C1,EAST,WEB,web,2026-10-05,12,5,,\n"
    at.file_uploader(key="data_upload").set_value(("bad *name*.csv", data.encode(), "text/csv")).run()
    at.button(key="data_import").click().run()
    assert not at.exception
    assert "bad *name*.csv: nothing was loaded because of 2 problem(s)" in apptest.said(at.error)
    report = apptest.table(at, "line")
    assert report[["line", "column", "value"]].values.tolist() == [[2, "region", "EAST"], [2, "nps", "12"]]
    assert "Download the report (CSV)" in [b.label for b in at.get("download_button")]
    assert snapshot(writable) == before


def test_a_cco_sees_history_and_audit_but_cannot_import(writable: Engine) -> None:
    with db.session(writable) as session:
        auth.add_user(
            session, actor=Actor("setup", "admin"), username="cora", display_name="Cora", role="cco", password="x" * 12
        )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["auth_username"] = "cora"
    at = _open(at)
    assert "Only an admin can import data" in apptest.said(at.info)
    assert "data_upload" not in {w.key for w in at.get("file_uploader")}
    assert not apptest.table(apptest.open_tab(at, "data", "Import history"), "When (UTC)").empty


def test_an_admin_deletes_an_import_after_confirming(writable: Engine) -> None:
    at = _open()
    data = RESPONSE_HEADER + "P1,C1,NORTH,WEB,web,2026-10-05,9,5,,great\n"
    at.file_uploader(key="data_upload").set_value(("mistake.csv", data.encode(), "text/csv")).run()
    at.button(key="data_import").click().run()
    at = apptest.open_tab(at, "data", "Import history")
    newest = at.selectbox(key="data_delete_batch").options[0]
    assert "mistake.csv" in newest and "1 new response(s)" in newest
    at.selectbox(key="data_delete_batch").select_index(0).run()
    at.button(key="data_delete").click().run()
    assert not at.exception
    before = snapshot(writable)
    at.button(key="data_delete_confirm").click().run()
    assert not at.exception
    assert "Deleted the responses of import" in apptest.said(at.success)
    after = snapshot(writable)
    assert len(after["survey_response"]) == len(before["survey_response"]) - 1
    assert ("delete", "responses") in {(e[3], e[4]) for e in after["audit_event"]}


def test_each_section_draws_when_opened_and_a_link_opens_one(app_env: str) -> None:
    at = _open()
    for tab, first_column in (("Import history", "When (UTC)"), ("Audit log", "When (UTC)")):
        at = apptest.open_tab(at, "data", tab)
        assert not at.exception and [d.value.columns[0] for d in at.dataframe] == [first_column], tab
        assert "data_upload" not in {w.key for w in at.get("file_uploader")}
    at = apptest.open_page("data", data_tab="Targets")
    assert not at.exception and "data_target_save" in {b.key for b in at.button}
    assert "data_upload" not in {w.key for w in at.get("file_uploader")}
