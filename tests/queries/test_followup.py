"""The follow-up KPIs as the database aggregates them equal the definition worked in Python (``followup_kpi``) on
hand-made cases, on SQLite and PostgreSQL; below 5 cases only counts leave; the queue is paged in the database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from cxdash import db
from cxdash.actions.followup import FollowUpKpi, followup_kpi
from cxdash.models import FollowUpCase, Region
from cxdash.permissions import Actor
from cxdash.views import followup as views

OCTOBER = date(2026, 10, 1)
T0 = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
AS_OF = T0 + timedelta(hours=48)


def _h(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


# Region -> (opened, first contact) per case. NORTH: 2, 10, 30, exactly 48, 50 hours and one never contacted.
# SOUTH: four cases only (suppressed). EAST: six contacted (an even count: the median is the mean of the middle two),
# one opened an hour before as_of (not yet due), and one 48 hours and a second late.
CASES: dict[str, list[tuple[datetime, datetime | None]]] = {
    "NORTH": [(T0, _h(2)), (T0, _h(10)), (T0, _h(30)), (T0, _h(48)), (T0, _h(50)), (T0, None)],
    "SOUTH": [(T0, _h(1)), (T0, _h(5)), (T0, None), (T0, None)],
    "EAST": [(T0, _h(h)) for h in (1, 2, 3, 4, 5)] + [(T0, _h(48) + timedelta(seconds=1)), (_h(47), None)],
}
STATUS = {True: "contacted", False: "new"}


def _store(session: Session, cases: dict[str, list[tuple[datetime, datetime | None]]]) -> None:
    ids = {}
    for code in ("EAST", "NORTH", "SOUTH"):
        region = Region(code=code, name=code.title())
        session.add(region)
        session.flush()
        ids[code] = region.id
    for code, rows in cases.items():
        for i, (opened, first) in enumerate(rows):
            status = STATUS[first is not None]
            session.add(FollowUpCase(response_key=f"{code}-{i}", region_id=ids[code], month=OCTOBER, nps=3,
                                     status=status, opened_at=opened, first_contact_at=first))  # fmt: skip
    session.commit()


@pytest.fixture
def cases(engine: Engine) -> Engine:
    """Three regions' October cases as in CASES."""
    with db.session(engine) as session:
        _store(session, CASES)
    return engine


def _reference(rows: list[tuple[datetime, datetime | None]]) -> FollowUpKpi:
    return followup_kpi([o for o, _ in rows], [f for _, f in rows], as_of=AS_OF)


@pytest.mark.parametrize("region", ["NORTH", "SOUTH", "EAST"])
def test_each_region_s_kpis_equal_the_definition(cases: Engine, region: str) -> None:
    with db.session(cases) as session:
        assert views.region_kpi(session, region, OCTOBER, AS_OF) == _reference(CASES[region])


def test_the_worked_figures(cases: Engine) -> None:
    with db.session(cases) as session:
        north, east = (views.region_kpi(session, r, OCTOBER, AS_OF) for r in ("NORTH", "EAST"))
    assert (north.due, north.within_48h, north.contacted, north.median_hours) == (6, 4, 5, 30.0)
    assert north.share_within_48h == pytest.approx(4 / 6)
    assert (east.cases, east.due, east.within_48h, east.contacted) == (7, 6, 5, 6)
    assert east.median_hours == pytest.approx(3.5)  # waits 1, 2, 3, 4, 5, 48 h 1 s: the mean of 3 and 4


def test_the_company_line_is_every_case_together(cases: Engine) -> None:
    every = [row for rows in CASES.values() for row in rows]
    with db.session(cases) as session:
        assert views.region_kpi(session, None, OCTOBER, AS_OF) == _reference(every)
        line = views.deck_line(session, OCTOBER, AS_OF)
        assert views.month_kpis(session, OCTOBER, AS_OF).company == line  # the tab's sentence: summed region counts
    assert line == f"Detractor follow-up, October 2026: {_reference(every).words}"


def test_the_table_hides_a_share_and_median_from_fewer_than_five_cases(cases: Engine) -> None:
    with db.session(cases) as session:
        table = views.month_kpis(session, OCTOBER, AS_OF).table.set_index("Region")
    south = table.loc["SOUTH"]
    assert (south["Cases"], south["New"], south["Contacted"]) == (4, 2, 2)
    assert south["Within 48 hours"] == "—" and south["Median hours to first contact"] == "—"
    assert south["Verdict"] == "Too few cases for a share"
    assert (
        table.loc["NORTH", "Within 48 hours"] == "67%" and table.loc["NORTH", "Median hours to first contact"] == "30.0"
    )


def test_a_month_without_cases_gives_zero_counts(cases: Engine) -> None:
    with db.session(cases) as session:
        kpi = views.region_kpi(session, "NORTH", date(2026, 9, 1), AS_OF)
        table = views.month_kpis(session, date(2026, 9, 1), AS_OF).table
    assert kpi.cases == 0 and kpi.words == "No follow-up case was opened."
    assert table["Cases"].sum() == 0 and set(table["Verdict"]) == {"No case"}


def test_a_regional_manager_s_queue_holds_their_region_only_while_counts_cover_every_region(cases: Engine) -> None:
    manager = Actor("nora", "regional_manager", region="NORTH")
    with db.session(cases) as session:
        view = views.queue_view(session, manager, OCTOBER, None, "all", AS_OF)
        asked_other = views.queue_view(session, manager, OCTOBER, "SOUTH", "all", AS_OF)
        executive = views.queue_view(session, Actor("eve", "executive"), OCTOBER, None, "all", AS_OF)
    assert view.regions == ["NORTH"] and set(view.queue["region"]) == {"NORTH"} and view.total == 6
    assert asked_other.total == 0 and asked_other.queue.empty
    assert executive.total == 0 and executive.queue.empty and not executive.detail
    assert set(view.kpis["Region"]) == {"EAST", "NORTH", "SOUTH"}


def test_the_queue_is_paged_oldest_first_and_a_page_past_the_end_shows_the_last(engine: Engine) -> None:
    opened = [(T0 + timedelta(minutes=7 * i), None) for i in range(120)]
    with db.session(engine) as session:
        _store(session, {"NORTH": list(reversed(opened))})
        cco = Actor("kim", "cco")
        first, third, beyond = (views.queue_view(session, cco, OCTOBER, None, None, AS_OF, page) for page in (1, 3, 9))
    assert (first.total, first.pages, first.page, len(first.queue)) == (120, 3, 1, views.PAGE_SIZE)
    assert list(first.queue["opened_at"]) == sorted(first.queue["opened_at"])
    assert first.queue["opened_at"].iloc[0] == f"{T0:%Y-%m-%d %H:%M}"
    assert (third.page, len(third.queue)) == (3, 20) and (beyond.page, len(beyond.queue)) == (3, 20)
    assert third.queue["opened_at"].iloc[0] > first.queue["opened_at"].iloc[-1]
