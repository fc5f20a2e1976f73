"""Checks shared by the sign-in tests: everything stored as text, and every logger captured at DEBUG."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel


def stored_text(engine: Engine) -> str:
    """Every cell of every table as text (audit details, keys and hashes included), one per line."""
    with engine.connect() as conn:
        return "\n".join(
            str(value)
            for table in SQLModel.metadata.sorted_tables
            for row in conn.execute(select(table)).all()
            for value in row
            if value is not None
        )


def capture_every_logger(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every logger at DEBUG into ``caplog``: SQLAlchemy then logs each statement with its parameters, and
    loggers that do not propagate (Streamlit's) are made to, for the test only."""
    caplog.set_level(logging.DEBUG)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger):
            caplog.set_level(logging.DEBUG, logger=name)
            monkeypatch.setattr(logger, "propagate", True)


def logged_text(caplog: pytest.LogCaptureFixture) -> str:
    """What was logged, messages with their arguments and any exception text."""
    return "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''} {getattr(r, 'sql', '')}" for r in caplog.records)
