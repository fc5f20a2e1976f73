"""The Ownership and Governance slides on a small database: the grid, the verdict title, and what is missing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine

from cxdash import db
from cxdash.boardpack.deck import build_deck
from cxdash.models import GovernanceChange, Leader, Ownership, Region, ResponseRollup, Touchpoint

SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)
# Per month: WEB has plenty of answers, MAIL a low sample, APP too few to show (all in region A but WEB).
COUNTS = {("A", "WEB"): (60, 20, 20), ("B", "WEB"): (10, 5, 5), ("C", "WEB"): (2, 0, 1),
          ("A", "MAIL"): (5, 3, 2), ("A", "APP"): (1, 1, 1)}  # fmt: skip


def _fill(engine: Engine, *, owners: bool) -> None:
    with db.session(engine) as s:
        regions = {c: Region(code=c, name=f"Region {c}") for c in "ABC"}
        touchpoints = {
            code: Touchpoint(code=code, name=name, stage="Usage", position=i)
            for i, (code, name) in enumerate([("WEB", "Website"), ("MAIL", "Email"), ("APP", "Mobile app")])
        }
        s.add_all([*regions.values(), *touchpoints.values()])
        s.flush()
        for month in (SEP, OCT):
            for (region, tp), (p, pa, d) in COUNTS.items():
                s.add(ResponseRollup(month=month, region_id=regions[region].id, touchpoint_id=touchpoints[tp].id,
                                     n=p + pa + d, promoters=p, passives=pa, detractors=d))  # fmt: skip
        if owners:
            ceo = Leader(key="CEO", name="Chief Executive", title="CEO", function="Executive")
            s.add(ceo)
            s.flush()
            cco = Leader(key="CCO", name="Chief Customer Officer", title="CCO", function="CX", reports_to_id=ceo.id)
            ops = Leader(key="OPS", name="Head of Ops", title="Head of Ops", function="Ops", reports_to_id=ceo.id)
            s.add_all([cco, ops])
            s.flush()
            for leader, tp, role in [(cco, "WEB", "A"), (ops, "WEB", "R"), (ops, "MAIL", "A"), (cco, "APP", "A")]:
                s.add(Ownership(touchpoint_id=touchpoints[tp].id, leader_id=leader.id, role=role))
            for region, model in zip("ABC", ["centralized", "hybrid", "decentralized"], strict=True):
                s.add(GovernanceChange(region_id=regions[region].id, model=model, effective_from=date(2026, 1, 1)))
        s.commit()


@pytest.fixture
def small(engine: Engine) -> Engine:
    """Regions A, B, C and touchpoints WEB, MAIL, APP in September and October 2026, owned and governed."""
    _fill(engine, owners=True)
    return engine


@pytest.fixture
def bare(engine: Engine) -> Engine:
    """The same answers with no leaders, ownership or operating models recorded."""
    _fill(engine, owners=False)
    return engine


def test_ownership_grid_has_a_row_per_touchpoint_and_a_column_per_leader(small: Engine) -> None:
    with db.session(small) as session:
        (slide,) = build_deck(session, OCT, ["ownership"]).slides
    assert slide.table is not None
    # The CEO holds no role, so has no column.
    assert slide.table.header == ("Stage", "Touchpoint", "CCO", "Ops", "Check")
    rows = {r[1].text: [c.text for c in r] for r in slide.table.rows}
    assert rows["Website"] == ["Usage", "Website", "A", "R", ""]
    assert rows["Email"] == ["", "Email", "", "A", "No R"]
    assert slide.table.rows[0][2].fill == "56B4E9" and slide.table.rows[0][3].fill == "B3DDF3"
    assert slide.title == "The CX leader (Chief Customer Officer) is 1 step from the CEO"


def test_governance_title_is_the_verdict_in_words(small: Engine) -> None:
    with db.session(small) as session:
        (slide,) = build_deck(session, OCT, ["governance"]).slides
    assert slide.title == "Centralized, Hybrid and Decentralized regions cannot be told apart on NPS with 3 regions"
    rows = {f.label: f for f in slide.figures}
    assert list(rows) == ["Centralized", "Hybrid", "Decentralized"]
    assert rows["Centralized"].value == "38.1" and not rows["Centralized"].muted
    assert rows["Decentralized"].muted and "low sample" in rows["Decentralized"].note
    assert "No region switched model in November 2025 – October 2026." in slide.method
    assert slide.marks[0].startswith("Observational: regions differ")


def test_without_owners_or_models_the_slides_say_so(bare: Engine) -> None:
    with db.session(bare) as session:
        ownership, governance = build_deck(session, OCT, ["governance", "ownership"]).slides
    assert ownership.table is None and ownership.title == "No ownership has been recorded yet"
    assert governance.chart is None and governance.figures == ()
    assert governance.title.startswith("No region has both responses and a recorded operating model")
