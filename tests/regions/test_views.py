"""The Regions page's figures from a real database (SQLite and PostgreSQL), read from rollups."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from cxdash import db
from cxdash.metrics.multiple import bh_adjust
from cxdash.models import Region, ResponseRollup, RetentionMonth, Target, Touchpoint
from cxdash.present import p_text, tile
from cxdash.queries.regional import touchpoint_counts, touchpoints
from cxdash.regions import REST, Period
from cxdash.views import regions as views
from cxdash.views.overview import adjusted_kpis, overview

SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)
PERIOD = Period(SEP, OCT, "previous_month")


@pytest.fixture
def filled(engine: Engine) -> Engine:
    """Regions A and B with responses, E with none; two touchpoints; A's customer counts start at zero in Sept."""
    with db.session(engine) as s:
        a, b, e = Region(code="A", name="Alpha"), Region(code="B", name="Beta"), Region(code="E", name="Empty")
        web = Touchpoint(code="WEB", name="Website", stage="Awareness", position=1)
        chat = Touchpoint(code="CHAT", name="Chat", stage="Support", position=2)
        s.add_all([a, b, e, web, chat])
        s.flush()
        assert a.id and b.id and web.id and chat.id
        cells = [
            # (month, region, touchpoint, promoters, passives, detractors)
            (SEP, a.id, web.id, 20, 10, 10),
            (OCT, a.id, web.id, 30, 10, 10),
            (OCT, a.id, chat.id, 30, 10, 10),
            (SEP, b.id, web.id, 20, 20, 20),
            (OCT, b.id, web.id, 20, 10, 20),
            (OCT, b.id, chat.id, 2, 1, 0),
        ]
        for month, region, tp, p, pa, d in cells:
            counts = {"n": p + pa + d, "promoters": p, "passives": pa, "detractors": d}
            s.add(ResponseRollup(month=month, region_id=region, touchpoint_id=tp, **counts))
        s.add(RetentionMonth(region_id=a.id, month=SEP, customers_start=0, customers_end=50, new_customers=50))
        s.add(RetentionMonth(region_id=a.id, month=OCT, customers_start=50, customers_end=60, new_customers=12))
        s.add(Target(metric="nps", region_id=None, year=2026, value=20.0))
        s.commit()
    return engine


def test_touchpoint_counts_sum_the_months_per_region_and_touchpoint(filled: Engine) -> None:
    with db.session(filled) as s:
        frame = touchpoint_counts(s, months=[SEP, OCT]).set_index(["region", "touchpoint"]).sort_index()
        order = touchpoints(s)["touchpoint"].tolist()
    assert order == ["WEB", "CHAT"]
    # A at WEB: (20, 10, 10) + (30, 10, 10) = (50, 20, 20), n = 90.
    assert frame.loc[("A", "WEB")].tolist() == [90, 50, 20, 20]
    assert ("E", "WEB") not in frame.index


def test_all_regions_ranks_every_region_including_one_without_responses(filled: Engine) -> None:
    with db.session(filled) as s:
        view = views.all_regions(s, PERIOD)
    table = view.table.set_index("region")
    # October: A (60, 20, 20) = NPS 40; B (22, 11, 20) n = 53 = NPS 3.77; E has none.
    assert table.loc["A", "nps"] == pytest.approx(40.0)
    assert table.loc["B", "nps"] == pytest.approx(100 * 2 / 53)
    assert table.loc["E", "n"] == 0 and pd.isna(table.loc["E", "nps"])
    assert list(view.table["region"]) == ["A", "B", "E"]
    # A: September had nobody at the start (undefined); October (60 − 12)/50 = 0.96.
    assert table.loc["A", "retention"] == pytest.approx(0.96)
    retention = view.retention.set_index(["region", "month"])
    assert pd.isna(retention.loc[("A", SEP), "monthly"])
    assert view.nps["region"].tolist().count("E") == 2


def test_compare_tests_the_region_against_the_rest_of_the_company(filled: Engine) -> None:
    with db.session(filled) as s:
        view = views.compare(s, PERIOD, "A", ("B", "A", "nope"))
    assert view.peers == ["B"]
    rest = view.gaps[(view.gaps["comparator"] == REST) & (view.gaps["scope"] == "October 2026")].iloc[0]
    # Rest of the company in October is B alone plus E (none): (22, 11, 20).
    assert rest["other_n"] == 53 and rest["gap"] == pytest.approx(40.0 - 100 * 2 / 53)
    assert set(view.gaps["scope"]) == {"October 2026", "Sep 2026 – Oct 2026"}
    assert view.touchpoints["touchpoint"].tolist() == ["WEB", "CHAT"]
    # 40 (n = 100) against 3.8 (n = 53) is a real gap, and the tile says so.
    assert rest["significant"] is True
    assert [t.label for t in view.tiles][:3] == ["A NPS", "Company NPS", "Gap vs rest of company ✱"]


def test_the_company_tile_makes_the_overviews_claim_about_the_same_change(filled: Engine) -> None:
    with db.session(filled) as s:
        company = next(t for t in views.compare(s, PERIOD, "A", ()).tiles if t.label == "Company NPS")
        on_overview = next(k for k in overview(s, OCT).kpis if k.key == "nps")
        yearly = views.compare(s, Period(SEP, OCT, "same_month_last_year"), "A", ())
        year_ago = next(t for t in yearly.tiles if t.label == "Company NPS")
    assert on_overview.p_adjusted is not None and on_overview.p_value is not None
    assert on_overview.p_adjusted > on_overview.p_value  # adjusted with the Overview's other tests
    # The Overview's tile also names the target; the change's words and p are the same on both pages.
    assert tile(on_overview, "Sep 2026").note.endswith(company.note)
    assert "adjusted p = 0.316" in company.note
    assert "adjusted" not in year_ago.note or "—" in year_ago.value  # no October 2025 data: nothing to test


@pytest.mark.parametrize("csat", [((100, 80), (100, 50)), ((100, 80), (100, 70))])
def test_the_overview_and_the_company_tile_read_one_adjusted_family(
    filled: Engine, csat: tuple[tuple[int, int], tuple[int, int]]
) -> None:
    """The company tile's adjusted p is the Overview's, whose family also holds the CSAT tile's change."""
    with db.session(filled) as s:
        web = s.exec(select(Touchpoint).where(Touchpoint.code == "WEB")).one()
        b = s.exec(select(Region).where(Region.code == "B")).one()
        for month, (n, top2) in zip((SEP, OCT), csat, strict=True):
            row = s.exec(
                select(ResponseRollup).where(
                    ResponseRollup.month == month,
                    ResponseRollup.region_id == b.id,
                    ResponseRollup.touchpoint_id == web.id,
                )
            ).one()
            row.csat_n, row.csat_top2 = n, top2
            s.add(row)
        s.commit()
        family = adjusted_kpis(s, OCT)
        shown = overview(s, OCT)
        company = next(t for t in views.compare(s, PERIOD, "A", ()).tiles if t.label == "Company NPS")
        table = views.all_regions(s, PERIOD).table
    nps = next(k for k in family.kpis if k.key == "nps")
    assert nps.p_adjusted is not None and nps.p_value is not None
    assert [k.p_adjusted for k in shown.kpis] == [k.p_adjusted for k in family.kpis]
    assert shown.regions["p_adjusted"].tolist() == family.regions["p_adjusted"].tolist()
    assert p_text(nps.p_adjusted, adjusted=True) in company.note
    # Adjusted with the regions' changes alone, the tile would say something else: the check above can tell.
    regions_only = bh_adjust([nps.p_value, *(None if pd.isna(p) else float(p) for p in table["p_value"])])[0]
    assert regions_only is not None
    assert p_text(regions_only, adjusted=True) != p_text(nps.p_adjusted, adjusted=True)


def test_compare_of_a_region_with_no_responses_claims_nothing(filled: Engine) -> None:
    with db.session(filled) as s:
        view = views.compare(s, PERIOD, "E", ())
    assert (view.gaps["region_n"] == 0).all() and view.gaps["significant"].isna().all()
    assert view.tiles[0].value == "—"
    assert (view.touchpoints["n"] == 0).all()


def test_compare_refuses_a_region_that_does_not_exist(filled: Engine) -> None:
    with db.session(filled) as s, pytest.raises(ValueError, match="there is no region 'ZZ'"):
        views.compare(s, PERIOD, "ZZ", ())


def test_a_regions_change_against_the_month_before_reads_the_overviews_adjusted_p(filled: Engine) -> None:
    """One claim, one number: a region's change vs the month before is adjusted in the month's family (the
    Overview's tiles and regions), on the rank table and the region's tile alike, and the help says so."""
    with db.session(filled) as s:
        family = adjusted_kpis(s, OCT).regions.set_index("region")
        table = views.all_regions(s, PERIOD).table.set_index("region")
        tiles = views.compare(s, PERIOD, "A", ()).tiles
        yearly = views.all_regions(s, Period(SEP, OCT, "same_month_last_year")).table
    a = table.loc["A"]
    assert a["p_value"] == pytest.approx(family.loc["A", "p_value"])
    assert a["p_adjusted"] == pytest.approx(family.loc["A", "p_adjusted"])
    assert f"adjusted p = {a['p_adjusted']:.3f}" in tiles[0].note
    # The company's NPS change is in the family: over the regions alone, A's adjusted p would read otherwise.
    regions_only = bh_adjust([None if pd.isna(p) else float(p) for p in table["p_value"]])
    assert p_text(regions_only[list(table.index).index("A")]) != p_text(a["p_adjusted"])
    assert "KPI tiles (NPS, CSAT, CES) and each region's NPS" in tiles[0].help
    assert tiles[0].help == tiles[1].help
    # Against a year ago no other page makes the claim: the rank table is the family.
    assert yearly["p_adjusted"].isna().all()  # no October 2025 data: nothing tested
