"""The Ownership and Governance slides on a small database: low samples muted, suppressed values hidden and named."""

from __future__ import annotations

from datetime import date
from typing import Any

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
            ops = Leader(key="OPS", name="Head of Operations", title="Head", function="Ops", reports_to_id=ceo.id)
            s.add_all([cco, ops])
            s.flush()
            for leader, tp, role in [(cco, "WEB", "A"), (ops, "WEB", "R"), (ops, "MAIL", "A"), (ceo, "APP", "A")]:
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


def _chart_rows(chart: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The rows a chart draws, by leader (Altair keeps a layered chart's data in its datasets)."""
    (rows,) = [d for d in chart["datasets"].values() if d and "leader_name" in d[0]]
    return {row["leader_name"]: row for row in rows}


def test_ownership_mutes_the_low_sample_and_hides_the_suppressed_owner(small: Engine) -> None:
    with db.session(small) as session:
        (slide,) = build_deck(session, OCT, ["ownership"]).slides
    assert [(f.label, f.value) for f in slide.figures] == [
        ("CX leader's line to the CEO", "1 step"),
        ("No one accountable", "0"),
        ("Split accountability", "0"),
        ("No one responsible", "2"),
    ]
    assert slide.figures[3].note == "Email (Usage); Mobile app (Usage)"
    assert slide.chart is not None
    drawn = _chart_rows(slide.chart)
    assert set(drawn) == {"Chief Customer Officer", "Head of Operations"}
    assert (
        drawn["Chief Customer Officer"]["sample"] == "ok" and round(drawn["Chief Customer Officer"]["nps"], 1) == 37.4
    )
    assert drawn["Head of Operations"]["sample"] == "low" and round(drawn["Head of Operations"]["nps"], 1) == 30.0
    assert "Chief Executive: 3 response(s) — too few to show an NPS." in slide.marks
    assert any("grey: fewer than 30 responses" in m for m in slide.marks)


def test_governance_mutes_a_model_with_a_low_sample(small: Engine) -> None:
    with db.session(small) as session:
        (slide,) = build_deck(session, OCT, ["governance"]).slides
    rows = {f.label: f for f in slide.figures}
    assert list(rows) == ["Centralized", "Hybrid", "Decentralized"]
    assert rows["Centralized"].value == "38.1" and not rows["Centralized"].muted
    assert rows["Decentralized"].muted and "low sample" in rows["Decentralized"].note
    assert "No region switched model in September 2026 – October 2026." in slide.marks
    assert any(m.startswith("Observational: regions differ") for m in slide.marks)


def test_without_owners_or_models_the_slides_say_so(bare: Engine) -> None:
    with db.session(bare) as session:
        ownership, governance = build_deck(session, OCT, ["governance", "ownership"]).slides
    assert ownership.chart is None
    assert ownership.figures[0].value == "—" and ownership.figures[1].value == "3"
    assert ownership.figures[0].note == "none designated, and no leader is accountable for any touchpoint"
    assert ownership.marks == ()
    assert governance.chart is None and governance.figures == ()
    assert governance.marks[0].startswith("No region has both responses and a recorded operating model")
