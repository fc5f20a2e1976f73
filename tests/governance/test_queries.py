"""Reads for the Governance page: the history and rollup cells for the chosen months only."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from cxdash import db
from cxdash.models import GovernanceChange, Region, ResponseRollup, Touchpoint
from cxdash.queries.governance import governance_changes, rollup_cells

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)


def test_rollup_cells_keep_region_touchpoint_and_month_for_the_chosen_months(engine: Engine) -> None:
    with db.session(engine) as s:
        region, tp = (
            Region(code="NAE", name="North America East"),
            Touchpoint(code="SU_PHONE", name="Phone", stage="Support"),
        )
        s.add_all([region, tp])
        s.commit()
        for month, n in ((JAN, 10), (FEB, 20)):
            s.add(
                ResponseRollup(
                    month=month, region_id=region.id, touchpoint_id=tp.id, n=n, promoters=n, ces_n=1, ces_sum=6
                )
            )
        s.commit()
        cells = rollup_cells(s, months=[FEB])
    assert cells.to_dict("records") == [
        {
            "month": FEB,
            "region": "NAE",
            "touchpoint": "SU_PHONE",
            "n": 20,
            "promoters": 20,
            "passives": 0,
            "detractors": 0,
            "csat_n": 0,
            "csat_top2": 0,
            "ces_n": 1,
            "ces_sum": 6,
        }
    ]


def test_changes_come_by_region_then_date(engine: Engine) -> None:
    with db.session(engine) as s:
        b, a = Region(code="B", name="B"), Region(code="A", name="A")
        s.add_all([b, a])
        s.commit()
        s.add_all(
            [
                GovernanceChange(region_id=b.id, model="hybrid", effective_from=JAN),
                GovernanceChange(region_id=a.id, model="centralized", effective_from=FEB),
                GovernanceChange(region_id=a.id, model="hybrid", effective_from=JAN),
            ]
        )
        s.commit()
        frame = governance_changes(s)
    assert list(zip(frame["region"], frame["effective_from"], strict=True)) == [("A", JAN), ("A", FEB), ("B", JAN)]
    assert frame["change_id"].notna().all()
