"""The Overview page through app.py, as a user would drive it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def test_overview_shows_every_kpi_for_the_latest_month(app_env: str) -> None:
    at = _app().run()
    assert not at.exception
    assert [m.label.rstrip(" ✱") for m in at.metric] == ["NPS", "Retention", "CSAT", "CES", "Responses"]
    assert at.sidebar.selectbox(key="filter_month").value == "2026-10"
    assert at.query_params["month"] == ["2026-10"] or at.query_params["month"] == "2026-10"


def test_changing_the_month_changes_the_figures(app_env: str) -> None:
    at = _app().run()
    october = [m.value for m in at.metric]
    at.sidebar.selectbox(key="filter_month").select("2025-10").run()
    assert not at.exception
    assert [m.value for m in at.metric] != october


def test_attention_list_names_the_significant_drop(app_env: str) -> None:
    at = _app().run()
    text = " ".join(md.value for md in at.markdown)
    assert "DACH" in text and "NPS fell" in text


def test_open_demo_banner_is_shown_without_users(app_env: str) -> None:
    at = _app().run()
    assert any("Open demo" in w.value for w in at.warning)


def test_a_configured_empty_database_explains_how_to_load_data(
    engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'configured.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    at = _app().run()
    assert not at.exception
    assert any("python -m cxdash load sample_data" in i.value for i in at.info)
    assert len(at.metric) == 0


def test_unreachable_database_gives_a_sentence_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    at = _app().run()
    assert not at.exception
    assert any("cannot reach its database" in e.value for e in at.error)


def test_first_start_without_configuration_loads_the_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    assert not at.exception
    assert (tmp_path / "cxdash.db").exists()
    assert len(at.metric) == 5
