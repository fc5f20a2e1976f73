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


def _cells(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, touchpoint_id, leader_id, role, version FROM ownership ORDER BY id"))
        return [tuple(r) for r in rows]


def test_a_map_stored_when_a_cell_held_one_role_can_hold_a_plus_r_after_an_upgrade(
    engine: Engine, backend: str, tmp_path: Path
) -> None:
    pg_url = engine.url.render_as_string(hide_password=False)
    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else pg_url
    engine = db.make_engine(url)
    assert all(r.ok for r in ingest.load_dir(engine, SAMPLE_DIR, username="tests"))
    kept = _cells(engine)
    with engine.begin() as conn:  # the schema as it was: one role per (touchpoint, leader)
        if backend == "sqlite":
            conn.execute(text("DROP TABLE ownership"))
            conn.execute(
                text(
                    "CREATE TABLE ownership (id INTEGER NOT NULL PRIMARY KEY, touchpoint_id INTEGER NOT NULL "
                    "REFERENCES touchpoint (id), leader_id INTEGER NOT NULL REFERENCES leader (id), "
                    "role VARCHAR(1) NOT NULL, version INTEGER NOT NULL, UNIQUE (touchpoint_id, leader_id))"
                )
            )
            conn.execute(text("CREATE INDEX ix_ownership_touchpoint_id ON ownership (touchpoint_id)"))
            conn.execute(text("CREATE INDEX ix_ownership_leader_id ON ownership (leader_id)"))
            for row in kept:
                conn.execute(
                    text("INSERT INTO ownership VALUES (:a, :b, :c, :d, :e)"), dict(zip("abcde", row, strict=True))
                )
        else:
            conn.execute(text("ALTER TABLE ownership DROP CONSTRAINT uq_ownership_cell_role"))
            conn.execute(text("ALTER TABLE ownership ADD CONSTRAINT old_cell UNIQUE (touchpoint_id, leader_id)"))
    engine.dispose()
    reopened = db.make_engine(url)
    assert _cells(reopened) == kept
    first = kept[0]
    other = "R" if first[3] != "R" else "A"
    with reopened.begin() as conn:
        conn.execute(
            text("INSERT INTO ownership (touchpoint_id, leader_id, role, version) VALUES (:t, :l, :r, 1)"),
            {"t": first[1], "l": first[2], "r": other},
        )
    assert len(_cells(reopened)) == len(kept) + 1
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
