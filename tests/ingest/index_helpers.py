"""What a big direct load does to survey_response's indexes: set aside and built again (SQLite) or kept, shared by the
responses and the survey-export import tests."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from cxdash.ingest import bulk
from cxdash.ingest.bulk import Stage

PLAIN = ["ix_survey_response_comments", "ix_survey_response_region_month"]


def stored_indexes(engine: Engine) -> list[tuple[str, ...]]:
    """survey_response's indexes as the database describes them (name, columns, uniqueness, partial condition)."""
    found = inspect(engine).get_indexes("survey_response")
    described = []
    for ix in found:
        partial = (f"{option}={value}" for option, value in ix.get("dialect_options", {}).items())
        described.append((str(ix["name"]), *map(str, ix["column_names"]), str(ix["unique"]), *partial))
    return sorted(described)


def record_rebuilt(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The indexes each import built again after its rows were in."""
    seen: list[list[str]] = []
    real = Stage.finish

    def finish(self: Stage) -> None:
        seen.append(list(self.rebuilt))
        real(self)

    monkeypatch.setattr(Stage, "finish", finish)
    return seen


def record_dropped(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each direct load dropped the plain indexes."""
    dropped: list[bool] = []
    real = bulk.Stage.set_aside_indexes

    def set_aside(self: Stage, **kwargs: int) -> bool:
        dropped.append(real(self, **kwargs))
        return dropped[-1]

    monkeypatch.setattr(bulk.Stage, "set_aside_indexes", set_aside)
    return dropped


def integrity(engine: Engine) -> list[str]:
    """SQLite's own check that every index holds exactly the table's rows."""
    with engine.connect() as conn:
        return [str(row[0]) for row in conn.exec_driver_sql("PRAGMA integrity_check").all()]


def assert_built_again(engine: Engine, backend: str, rebuilt: list[list[str]], before: list[tuple[str, ...]]) -> None:
    """After one big direct load: SQLite set its plain indexes aside and built them again, PostgreSQL kept them; the
    indexes are those there were before, and SQLite's file is sound."""
    # PostgreSQL keeps its indexes: dropping one would lock survey_response against every reader.
    assert [sorted(names) for names in rebuilt] == [PLAIN if backend == "sqlite" else []]
    assert stored_indexes(engine) == before
    if backend == "sqlite":
        assert integrity(engine) == ["ok"]
