"""A database made before rollups kept CES squares gains the column, filled from its responses; one made before
follow-up cases gains their table."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import select

from cxdash import db, ingest
from cxdash.models import FollowUpCase
from tests.conftest import SAMPLE_DIR


def _squares(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT month, region_id, touchpoint_id, ces_sumsq FROM response_rollup ORDER BY 1, 2, 3")
        )
        return [tuple(r) for r in rows]


def test_rollups_without_ces_squares_get_them_from_the_responses(engine: Engine, backend: str, tmp_path: Path) -> None:
    pg_url = engine.url.render_as_string(hide_password=False)
    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else pg_url
    engine = db.make_engine(url)
    assert all(r.ok for r in ingest.load_dir(engine, SAMPLE_DIR, username="tests"))
    kept = _squares(engine)
    assert sum(int(str(r[3])) for r in kept) > 0
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE response_rollup DROP COLUMN ces_sumsq"))
    engine.dispose()
    reopened = db.make_engine(url)
    assert _squares(reopened) == kept
    reopened.dispose()


def test_a_database_made_before_follow_up_cases_gains_their_table_and_queue_index(
    engine: Engine, backend: str, tmp_path: Path
) -> None:
    pg_url = engine.url.render_as_string(hide_password=False)
    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else pg_url
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE followup_case"))
    engine.dispose()
    reopened = db.make_engine(url)
    assert "ix_followup_case_queue" in {ix["name"] for ix in inspect(reopened).get_indexes("followup_case")}
    with db.session(reopened) as session:
        assert session.exec(select(FollowUpCase)).all() == []
    reopened.dispose()
