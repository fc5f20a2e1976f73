"""A page's cached reads ask the database for its data version once per script run, and again after a write."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest


def _reads_twice_then_writes_then_reads() -> None:
    import streamlit as st

    from cxdash import audit, db, queries, ui

    asked = []
    original = queries.data_version

    def counted(session):  # type: ignore[no-untyped-def]
        asked.append(1)
        return original(session)

    queries.data_version = counted
    try:
        first = ui.cached("test_regions", queries.months_with_data)
        ui.cached("test_regions", queries.months_with_data)
        st.write(f"asked before the write: {len(asked)}")
        with db.session(ui.engine()) as session:
            audit.record(session, username="tests", action="test", entity="test", key="1")
            session.commit()
        ui.cached("test_regions", queries.months_with_data)
        st.write(f"asked after the write: {len(asked)}")
        st.write(f"months: {len(first)}")
    finally:
        queries.data_version = original


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_one_version_query_per_run_and_a_fresh_one_after_a_write(
    sample_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(sample_url.removeprefix("sqlite:///")).read_bytes())
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    at = AppTest.from_function(_reads_twice_then_writes_then_reads)
    for _ in range(2):  # the second run starts with the first run's version remembered: it must ask again
        at.run()
        lines = [m.value for m in at.markdown]
        assert lines[:2] == ["asked before the write: 1", "asked after the write: 2"], lines
        assert lines[2] != "months: 0"
