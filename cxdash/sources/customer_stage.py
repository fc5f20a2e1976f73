"""Customer records on their way in: a temporary table inside the import's transaction, checked and merged in SQL.

A CRM or billing export can hold millions of customers. Its rows are written here as they are read, so the
import's memory does not grow with the file; repeated keys, and the stored records a file changes, are found by
queries rather than by holding every key in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, exists, func, insert, or_, select, update
from sqlmodel import Session

from cxdash.ingest.report import ImportReport
from cxdash.models import CustomerRecord

CHUNK = 2_000  # rows per executemany: a few hundred kilobytes in Python at a time
STORED: Table = CustomerRecord.__table__  # type: ignore[attr-defined]
STAGE = Table(
    "cxdash_stage_customers",
    MetaData(),
    Column("line", Integer),
    Column("customer_key", String(64)),
    Column("region_id", Integer),
    Column("started_on", Date),
    Column("ended_on", Date),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)
# One staged row: line, customer key, region id, start, end (None where the row has a problem; it never loads).
Staged = tuple[int, str, int | None, date | None, date | None]


def duplicate(first_line: int) -> str:
    """Why a row whose key an earlier row has cannot load."""
    return f"duplicate key; line {first_line} too"


class CustomerStage:
    """The staged rows of one customer file, in the session's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._conn = session.connection()

    def create(self) -> None:
        STAGE.drop(self._conn, checkfirst=True)
        STAGE.create(self._conn)

    def drop(self) -> None:
        STAGE.drop(self._conn, checkfirst=True)

    def write(self, rows: Iterable[Staged]) -> None:
        """Stream the rows into the staging table, a chunk at a time."""
        names = [c.name for c in STAGE.columns]
        it: Iterator[Staged] = iter(rows)
        while chunk := list(islice(it, CHUNK)):
            self._conn.execute(insert(STAGE), [dict(zip(names, row, strict=True)) for row in chunk])

    def report_duplicates(self, report: ImportReport, column: str) -> None:
        """Every line whose customer key an earlier line of the file already has."""
        first = func.min(STAGE.c.line).over(partition_by=STAGE.c.customer_key).label("first_line")
        repeated = select(STAGE.c.customer_key).group_by(STAGE.c.customer_key).having(func.count() > 1)
        keyed = select(STAGE.c.line, STAGE.c.customer_key, first).where(STAGE.c.customer_key.in_(repeated)).subquery()
        query = select(keyed).where(keyed.c.line > keyed.c.first_line).order_by(keyed.c.line)
        for line, key, first_line in self._conn.execute(query):
            report.add(line, column, key, duplicate(first_line))

    def merge(self, *, update_stored: bool, report: ImportReport) -> set[int]:
        """Insert new keys and (updating) change stored records that differ; count each in the report.

        Returns the ids of the regions whose records changed: a moved customer's old region and its new one.
        """
        same_key = STORED.c.customer_key == STAGE.c.customer_key
        differs = or_(STORED.c.region_id != STAGE.c.region_id, STORED.c.started_on != STAGE.c.started_on,
                      STORED.c.ended_on.is_distinct_from(STAGE.c.ended_on))  # fmt: skip
        fresh = ~exists().where(same_key)
        touched = set(self._scalars(select(STAGE.c.region_id).where(fresh).distinct()))
        report.inserted = self._count(select(STAGE.c.line).where(fresh))
        if update_stored:
            changed = select(STORED.c.region_id, STAGE.c.region_id.label("moved_to")).where(same_key, differs)
            for old, new in self._conn.execute(changed.distinct()):
                touched |= {old, new}
            report.updated = self._count(changed)
            values = {name: STAGE.c[name] for name in ("region_id", "started_on", "ended_on")}
            self._conn.execute(update(STORED).where(same_key, differs).values(values))
        columns = ["customer_key", "region_id", "started_on", "ended_on"]
        rows = select(*(STAGE.c[name] for name in columns)).where(fresh).order_by(STAGE.c.line)
        self._conn.execute(insert(STORED).from_select(columns, rows))
        return touched

    def _scalars(self, query: Any) -> list[int]:
        return [int(value) for value in self._conn.execute(query).scalars()]

    def _count(self, query: Any) -> int:
        return int(self._conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())
