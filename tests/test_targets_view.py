"""The Targets tab's view: targets in the units people read, percent in and shares stored, outcomes as sentences."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pandas as pd
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from cxdash import db
from cxdash.models import AuditEvent, Region, ResponseRollup, Target, Touchpoint
from cxdash.permissions import DEMO_ACTOR, Actor
from cxdash.targets import LoadedTarget
from cxdash.views import targets as view

CCO = Actor(username="cora", role="cco")


@pytest.fixture
def stored(engine: Engine) -> Iterator[Engine]:
    """Region NAE, one month of responses (October 2026) and three targets over two years."""
    with db.session(engine) as session:
        nae, web = Region(code="NAE", name="North America East"), Touchpoint(code="WEB", name="Web", stage="Usage")
        session.add_all([nae, web])
        session.commit()
        assert nae.id is not None and web.id is not None
        session.add_all(
            [
                ResponseRollup(month=date(2026, 10, 1), region_id=nae.id, touchpoint_id=web.id, n=1, promoters=1),
                Target(metric="csat", region_id=None, year=2026, value=0.8),
                Target(metric="nps", region_id=nae.id, year=2026, value=25.0),
                Target(metric="nps", region_id=None, year=2025, value=30.0),
            ]
        )
        session.commit()
    yield engine


def _value(engine: Engine, metric: str, year: int) -> float | None:
    with db.session(engine) as session:
        found = session.exec(select(Target).where(Target.metric == metric, Target.year == year)).first()
        return None if found is None else found.value


def _events(engine: Engine) -> int:
    with db.session(engine) as session:
        return len(session.exec(select(AuditEvent)).all())


def test_the_table_reads_in_percent_and_points_newest_year_and_the_company_first(stored: Engine) -> None:
    with db.session(stored) as session:
        table = view.table(session)
    expected = pd.DataFrame(
        {
            "Metric": ["CSAT", "NPS", "NPS"],
            "Scope": ["Company", "North America East", "Company"],
            "Year": [2026, 2026, 2025],
            "Target": [80.0, 25.0, 30.0],
            "Unit": ["%", "points", "points"],
        }
    )
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)


def test_the_table_is_filtered_by_year(stored: Engine) -> None:
    with db.session(stored) as session:
        assert view.table(session, 2025)["Year"].tolist() == [2025]
        assert view.table(session, 2031).empty


def test_the_form_offers_every_metric_the_company_and_each_region(stored: Engine) -> None:
    with db.session(stored) as session:
        pick = view.choices(session)
    assert pick.metrics == {"nps": "NPS", "retention": "Retention", "csat": "CSAT", "ces": "CES"}
    assert pick.scopes == {view.COMPANY: "Company (all regions)", "NAE": "NAE · North America East"}
    assert pick.years == [view.ALL_YEARS, 2026, 2025] and pick.default_year == 2026
    assert [view.year_label(y) for y in pick.years] == ["All years", "2026", "2025"]


def test_a_percent_typed_in_the_form_is_stored_as_a_share(stored: Engine) -> None:
    loaded = view.load(stored, "csat", view.COMPANY, 2026)
    assert view.form_value(loaded) == 80.0
    outcome = view.save(stored, CCO, loaded, 82.5)
    assert (outcome.status, outcome.message) == ("saved", "Saved: the company-wide CSAT target for 2026 is now 82.5%.")
    assert _value(stored, "csat", 2026) == 0.825 and outcome.reload


def test_an_empty_value_is_asked_for_and_nothing_changes(stored: Engine) -> None:
    outcome = view.save(stored, CCO, view.load(stored, "ces", view.COMPANY, 2026), None)
    assert (outcome.status, outcome.message) == ("invalid", "Enter a target value, then save.")
    assert not outcome.reload and _value(stored, "ces", 2026) is None and _events(stored) == 0


def test_a_value_out_of_range_is_a_sentence_in_percent(stored: Engine) -> None:
    outcome = view.save(stored, CCO, view.load(stored, "csat", view.COMPANY, 2026), 120.0)
    assert outcome.status == "invalid" and "A CSAT target must be from 0% to 100%; 120% is outside" in outcome.message
    assert _value(stored, "csat", 2026) == 0.8


def test_removing_needs_the_confirmation(stored: Engine) -> None:
    loaded = view.load(stored, "nps", "NAE", 2026)
    refused = view.remove(stored, CCO, loaded, confirm=False)
    assert refused.status == "invalid" and refused.message.startswith("Tick the box to confirm that the NPS target")
    assert _value(stored, "nps", 2026) == 25.0
    assert view.remove(stored, CCO, loaded, confirm=True).status == "removed"
    assert _value(stored, "nps", 2026) is None


def test_a_refusal_by_role_comes_before_anything_else(stored: Engine) -> None:
    loaded = view.load(stored, "nps", "NAE", 2026)
    for outcome in (
        view.save(stored, Actor("eve", "executive"), loaded, None),
        view.remove(stored, Actor("eve", "executive"), loaded, confirm=False),
    ):
        assert outcome.status == "refused" and "does not allow edit targets" in outcome.message
    assert _events(stored) == 0


def test_a_conflict_reloads_the_form(stored: Engine) -> None:
    mine = view.load(stored, "nps", "NAE", 2026)
    assert view.save(stored, DEMO_ACTOR, view.load(stored, "nps", "NAE", 2026), 27.0).status == "saved"
    outcome = view.save(stored, CCO, mine, 29.0)
    assert outcome.status == "conflict" and outcome.reload and _value(stored, "nps", 2026) == 27.0


def test_saving_the_same_value_is_only_information(stored: Engine) -> None:
    outcome = view.save(stored, CCO, view.load(stored, "nps", "NAE", 2026), 25.0)
    assert outcome.status == "unchanged" and not outcome.reload and _events(stored) == 0


def test_a_key_the_save_would_refuse_opens_as_not_set(stored: Engine) -> None:
    loaded = view.load(stored, "nps", "MARS", 2026)
    assert loaded.value is None and view.form_value(loaded) is None
    assert "There is no region 'MARS'" in view.save(stored, CCO, loaded, 10.0).message


def test_the_form_says_what_it_opened_and_its_unit() -> None:
    loaded = LoadedTarget("retention", None, 2026, 0.985)
    assert view.lock_note(loaded).startswith("When you opened it, the company-wide retention target for 2026 was 98.5%")
    assert view.value_label("retention") == "Retention target in % of customers kept (0% to 100%)"
    assert view.value_label("nps") == "NPS target in points (-100 to 100 points)"
    assert view.opened_for(loaded) == ("retention", view.COMPANY, 2026)


@pytest.mark.parametrize(("role", "shown"), [("admin", True), ("cco", True), ("executive", False), ("viewer", False)])
def test_the_tab_is_shown_to_roles_that_may_edit_targets(role: str, shown: bool) -> None:
    assert view.shown_to(Actor("someone", role)) is shown
