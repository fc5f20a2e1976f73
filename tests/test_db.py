"""The engine factory: schema, and indexes that later versions add to existing databases."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from cxdash import db

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
