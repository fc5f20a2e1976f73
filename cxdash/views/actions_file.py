"""The actions as a CSV file in the format `python -m cxdash import actions` reads, so that an export loads back
unchanged: the import's columns in its order, months as YYYY-MM, days as YYYY-MM-DD, empty cells for "none", and text
a spreadsheet would run as a formula neutralised (the import reads such a cell back as it was)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash.ingest.formats import FORMATS
from cxdash.queries import actions as reads


def _day(value: date | None, pattern: str) -> str:
    return "" if value is None else f"{value:{pattern}}"


def actions_frame(session: Session) -> pd.DataFrame:
    """Every stored action, one row each in the import's columns (expected effect stays a number: ``csv_bytes``
    neutralises text only, and a negative effect is a number, not a formula)."""
    stored = reads.actions(session)
    text = {c: stored[c].fillna("").astype(str) for c in ("region", "touchpoint", "dimension", "drop_reason", "notes")}
    frame = stored.assign(
        **text,
        raised_month=[_day(m, "%Y-%m") for m in stored["raised_month"]],
        due_on=[_day(d, "%Y-%m-%d") for d in stored["due_on"]],
        done_on=[_day(d, "%Y-%m-%d") for d in stored["done_on"]],
        expected_effect=pd.to_numeric(stored["expected_effect"], errors="coerce").astype(float),
    )
    return frame[FORMATS["actions"].header]
