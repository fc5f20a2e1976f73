"""One read sums the rollups for every page: by month, region and touchpoint in any combination."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from cxdash import db, queries
from cxdash.queries.core import rollup_sums

OCT, SEP = date(2026, 10, 1), date(2026, 9, 1)


@pytest.fixture
def session(sample_url: str):  # type: ignore[no-untyped-def]
    engine = db.make_engine(sample_url)
    with Session(engine) as s:
        yield s
    engine.dispose()


def test_every_grouping_adds_up_to_the_same_total(session: Session) -> None:
    months = [SEP, OCT]
    total = rollup_sums(session, months=months, keys=[])["n"].sum()
    for keys in (["month"], ["region"], ["touchpoint"], ["month", "region", "touchpoint"]):
        frame = rollup_sums(session, months=months, keys=keys)
        assert list(frame.columns[: len(keys)]) == keys and not frame.duplicated(keys).any()
        assert frame["n"].sum() == total > 0 and frame["n"].dtype == "int64"


def test_counts_can_be_narrowed_and_totals_keep_their_shape(session: Session) -> None:
    narrow = rollup_sums(session, months=[OCT], keys=["region"], counts=("n", "promoters"))
    assert list(narrow.columns) == ["region", "n", "promoters"]
    by_region = queries.rollup_totals(session, months=[OCT], by="region")
    assert list(by_region.columns[:2]) == ["month", "region"] and by_region["n"].sum() == narrow["n"].sum()


@pytest.mark.parametrize("call", [
    lambda s: rollup_sums(s, months=[OCT], keys=["leader"]),
    lambda s: queries.rollup_totals(s, months=[OCT], by="month"),
])  # fmt: skip
def test_an_unknown_grouping_is_refused(session: Session, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="cannot group rollups by"):
        call(session)
