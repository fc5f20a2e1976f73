"""The engine factory: schema, and indexes that later versions add to existing databases."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from cxdash import db
from cxdash.models import Target

COMMENTS_INDEX = "ix_survey_response_comments"


def _indexes(engine: Engine) -> set[str]:
    return {ix["name"] for ix in inspect(engine).get_indexes("survey_response") if ix["name"]}


def test_a_new_database_has_the_partial_comments_index(engine: Engine) -> None:
    assert COMMENTS_INDEX in _indexes(engine)


def test_an_existing_database_without_a_newer_index_gets_it_on_start(
    engine: Engine, backend: str, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'older.db'}" if backend == "sqlite" else engine.url.render_as_string(False)
    older = db.make_engine(url)
    with older.begin() as conn:
        conn.execute(text(f"DROP INDEX {COMMENTS_INDEX}"))
    assert COMMENTS_INDEX not in _indexes(older)
    older.dispose()
    upgraded = db.make_engine(url)
    assert COMMENTS_INDEX in _indexes(upgraded)
    upgraded.dispose()


def test_two_company_wide_targets_for_one_metric_and_year_cannot_both_be_stored(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(Target(metric="nps", region_id=None, year=2026, value=40.0))
        session.commit()
        session.add(Target(metric="nps", region_id=None, year=2026, value=45.0))
        with pytest.raises(IntegrityError):
            session.commit()


def test_a_database_whose_old_rows_break_a_new_unique_index_still_starts_and_says_why(
    engine: Engine, backend: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'older.db'}" if backend == "sqlite" else engine.url.render_as_string(False)
    older = db.make_engine(url)
    with older.begin() as conn:
        conn.execute(text("DROP INDEX ux_target_company"))
        for value in (40.0, 45.0):
            conn.execute(text("INSERT INTO target (metric, region_id, year, value) VALUES ('nps', NULL, 2026, :v)"),
                         {"v": value})  # fmt: skip
    older.dispose()
    with caplog.at_level(logging.ERROR, logger="cxdash"):
        started = db.make_engine(url)
    assert "ux_target_company" in caplog.text and "duplicate rows" in caplog.text
    with Session(started) as session:
        assert len(session.exec(select(Target)).all()) == 2
    started.dispose()
