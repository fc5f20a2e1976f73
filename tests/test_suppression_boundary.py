"""Suppression at the data boundary: nothing of a cell under 5 responses reaches a chart's data or a CSV download.

One database holds suppressed cells (a region-month, a touchpoint split between two owners, a leader's month, a
region's months under each of its two operating models); every page's charts are inspected through
``chart.to_dict()`` (the data the browser receives, tooltips included) and every download through the bytes the
button sends.
"""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from cxdash import db
from cxdash.charts import alignment as alignment_charts
from cxdash.charts import governance as governance_charts
from cxdash.charts import overview as overview_charts
from cxdash.charts import ownership as ownership_charts
from cxdash.charts import regions as regions_charts
from cxdash.charts import why as why_charts
from cxdash.export import csv_bytes
from cxdash.governance.pretrend import SWITCHER
from cxdash.metrics import nps_from_counts
from cxdash.models import (
    AlignmentRating,
    AlignmentRound,
    GovernanceChange,
    Leader,
    Ownership,
    Region,
    ResponseRollup,
    Touchpoint,
)
from cxdash.permissions import Actor
from cxdash.queries.core import rollup_sums
from cxdash.regions import Period
from cxdash.regions.present import breakdown_display, gap_display, rank_display
from cxdash.views import alignment as alignment_views
from cxdash.views import governance as governance_views
from cxdash.views import overview as overview_views
from cxdash.views import ownership as ownership_views
from cxdash.views import regions as regions_views
from cxdash.views import why as why_views
from cxdash.why import story as why_story
from cxdash.why.bridge import OTHERS, nps_bridge

JAN, SEP, OCT = date(2026, 1, 1), date(2026, 9, 1), date(2026, 10, 1)
PERIOD = Period(SEP, OCT, "previous_month")
# The hidden cells: A's October at CHAT (2, 1, 0), C's October at APP (1, 0, 2), C's September at APP (1, 1, 0).
HIDDEN = [(2, 1, 0), (1, 0, 2), (1, 1, 0)]
COUNTS = ("promoters", "passives", "detractors")
CFO = Actor(username="cfo", role="executive", leader_key="VPS")


@pytest.fixture
def suppressed(engine: Engine) -> Engine:
    """Regions A, B (ample responses) and C (2 and 3 responses); CHAT split between two owners with 3 responses."""
    with db.session(engine) as s:
        regions = {code: Region(code=code, name=f"Region {code}") for code in "ABC"}
        tps = {
            code: Touchpoint(code=code, name=code.title(), stage=stage, position=i)
            for i, (code, stage) in enumerate([("WEB", "Awareness"), ("CHAT", "Support"), ("APP", "Usage")])
        }
        s.add_all([*regions.values(), *tps.values()])
        ceo = Leader(key="CEO", name="Ceo", title="CEO", function="Executive")
        s.add(ceo)
        s.flush()
        leaders = {
            key: Leader(key=key, name=key.title(), title=key, function="Customer", reports_to_id=ceo.id)
            for key in ("CCO", "VPS")
        }
        s.add_all(leaders.values())
        s.flush()
        for tp, leader in [("WEB", "CCO"), ("CHAT", "CCO"), ("CHAT", "VPS"), ("APP", "VPS")]:
            s.add(Ownership(touchpoint_id=tps[tp].id, leader_id=leaders[leader].id, role="A"))
        cells = [
            (SEP, "A", "WEB", 20, 10, 10),
            (OCT, "A", "WEB", 30, 10, 10),
            (SEP, "B", "WEB", 20, 20, 20),
            (OCT, "B", "WEB", 20, 10, 20),
            (OCT, "A", "CHAT", 2, 1, 0),
            (SEP, "C", "APP", 1, 1, 0),
            (OCT, "C", "APP", 1, 0, 2),
        ]
        for month, region, tp, p, pa, d in cells:
            counts = {"n": p + pa + d, "promoters": p, "passives": pa, "detractors": d}
            rid, tid = regions[region].id, tps[tp].id
            assert rid is not None and tid is not None
            s.add(ResponseRollup(month=month, region_id=rid, touchpoint_id=tid, **counts))
        held = AlignmentRound(label="2026-Q3", held_on=OCT)
        s.add(held)
        s.flush()
        assert held.id is not None
        for leader, score in [(ceo, 5), (leaders["CCO"], 3), (leaders["VPS"], 4)]:
            assert leader.id is not None
            s.add(AlignmentRating(round_id=held.id, leader_id=leader.id, dimension="customer_vision", score=score))
        s.commit()
    return engine


def _hidden_numbers() -> list[str]:
    """The hidden cells' score and interval bounds as JSON writes them (round scores like 50 are too common)."""
    numbers = []
    for counts in HIDDEN:
        result = nps_from_counts(*counts)
        numbers += [json.dumps(result.ci_low), json.dumps(result.ci_high)]
        if result.score is not None and not float(result.score).is_integer():
            numbers.append(json.dumps(result.score))
    return numbers


def _records(chart: alt.TopLevelMixin) -> list[dict[str, Any]]:
    spec = chart.to_dict()
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def _assert_nothing_hidden(chart: alt.TopLevelMixin, *, counts: bool = True) -> None:
    """No hidden score or bound anywhere in the spec; a suppressed row carries no number; no raw counts."""
    text = json.dumps(chart.to_dict())
    for number in _hidden_numbers():
        assert number not in text
    for row in _records(chart):
        if "suppressed" in (row.get("sample"), row.get("sample_label", "")[:10]):
            assert all(v is None for k, v in row.items() if isinstance(v, int | float) and not isinstance(v, bool))
        if counts:
            assert not set(COUNTS) & set(row)


def _csv(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig")


def _blank(row: pd.Series, columns: list[str]) -> None:
    for column in columns:
        assert pd.isna(row[column]) or row[column] == "—", column


def test_regions_charts_and_rank_csv_carry_nothing_of_a_suppressed_region(suppressed: Engine) -> None:
    with db.session(suppressed) as s:
        view = regions_views.all_regions(s, PERIOD)
    _assert_nothing_hidden(regions_charts.nps_small_multiples(view.nps, view.company_nps, view.codes))
    for basis in regions_charts.RETENTION_BASIS:
        chart = regions_charts.retention_small_multiples(view.retention, view.company_retention, view.codes, basis)
        _assert_nothing_hidden(chart)
    rank = _csv(rank_display(view.table, PERIOD.comparison_label, view.thresholds)).set_index("Region")
    assert rank.loc["C", "Responses"] == 3 and rank.loc["C", "NPS rank"] == "unranked"
    _blank(rank.loc["C"], ["NPS", "95% CI low", "95% CI high", "Change vs previous month (pts)", "p-value"])
    assert not {c for c in rank.columns if c.lower() in COUNTS}


def test_regions_compare_charts_and_csvs_carry_nothing_of_a_suppressed_touchpoint(suppressed: Engine) -> None:
    with db.session(suppressed) as s:
        a = regions_views.compare(s, PERIOD, "A", ("C",))
        c = regions_views.compare(s, PERIOD, "C", ())
    for view in (a, c):
        _assert_nothing_hidden(regions_charts.compare_nps(view.nps, view.company_nps, view.region, view.codes))
        _assert_nothing_hidden(regions_charts.breakdown(view.touchpoints, view.region, view.codes, "Touchpoints"))
        _assert_nothing_hidden(regions_charts.breakdown(view.stages, view.region, view.codes, "Stages"))
    touchpoints = _csv(breakdown_display(a.touchpoints, a.thresholds)).set_index("Touchpoint")
    _blank(touchpoints.loc["Support · Chat"], ["NPS", "95% CI low", "95% CI high", "Gap (pts)", "p-value"])
    gaps = _csv(gap_display(a.gaps, "A"))
    october_c = gaps[(gaps["Compared with"] == "C") & (gaps["Period"] == "October 2026")].iloc[0]
    _blank(october_c, ["Their NPS", "Gap (pts, A − them)", "p-value"])


def test_ownership_charts_and_csvs_carry_nothing_of_a_suppressed_touchpoint_or_month(suppressed: Engine) -> None:
    with db.session(suppressed) as s:
        view = ownership_views.ownership(s, OCT, (), ())
    _assert_nothing_hidden(ownership_charts.leader_nps(view.leaders))
    _assert_nothing_hidden(ownership_charts.leader_trend(view.trend))
    # VPS in September: C's APP alone, 2 responses: the month is in the chart as a gap, with no number.
    vps_sep = [r for r in _records(ownership_charts.leader_trend(view.trend)) if r["leader_name"] == "Vps"]
    assert any(r["nps"] is None and r["n"] is None for r in vps_sep)
    owned = _csv(ownership_views.downloadable(view.owned_table))
    chat = owned[owned["Touchpoint"] == "Chat"]
    # Split between two owners, 3 responses: listed under each, hidden under each, never counted twice.
    assert chat["Responses"].tolist() == [3, 3]
    for _, row in chat.iterrows():
        _blank(row, ["NPS", "95% CI"])
    leaders = _csv(ownership_views.downloadable(view.leader_table))
    for number in _hidden_numbers():
        assert number not in leaders.to_csv()


def test_alignment_charts_send_only_what_they_draw_and_no_names_to_an_anonymous_viewer(suppressed: Engine) -> None:
    with db.session(suppressed) as s:
        view = alignment_views.alignment(s, None, CFO)
    charts = [
        alignment_charts.rating_spread(view.points, view.scorecard, list(view.scorecard["label"])),
        alignment_charts.alignment_trend(view.trend),
    ]
    for chart in charts:
        text = json.dumps(chart.to_dict())
        assert '"Ceo"' not in text and '"CCO"' not in text and '"CEO"' not in text
    spread = _records(charts[0])
    assert {r["rater"] for r in spread if "rater" in r} == {"You", "Leader 1", "Leader 2"}
    table = _csv(alignment_views.scorecard_table(view.scorecard)).set_index("Dimension")
    # Only 3 raters on one dimension; every other dimension has none: no r_wg, no agreement words.
    resourcing = table.loc["Resourcing"]
    assert pd.isna(resourcing["Agreement (0–1)"]) and pd.isna(resourcing["Agreement in words"])


def test_the_overview_chart_carries_nothing_of_a_suppressed_region(suppressed: Engine) -> None:
    with db.session(suppressed) as s:
        view = overview_views.overview(s, OCT)
    _assert_nothing_hidden(overview_charts.nps_by_region(view.regions, view.region_codes), counts=False)


@pytest.fixture
def governed(suppressed: Engine) -> Engine:
    """A and B hybrid throughout; C hybrid, then decentralized from October: 2 responses before, 3 after."""
    with db.session(suppressed) as s:
        ids = {r.code: r.id for r in s.exec(select(Region)).all()}
        for code, model, since in [
            ("A", "hybrid", JAN),
            ("B", "hybrid", JAN),
            ("C", "hybrid", JAN),
            ("C", "decentralized", OCT),
        ]:
            assert ids[code] is not None
            s.add(GovernanceChange(region_id=ids[code], model=model, effective_from=since))
        s.commit()
    return suppressed


@pytest.mark.parametrize("over", ["period", "history"])
def test_governance_charts_carry_nothing_of_a_region_under_a_model_with_fewer_than_5_responses(
    governed: Engine, over: str
) -> None:
    with db.session(governed) as s:
        view = governance_views.governance(s, SEP, OCT, over)
    assert list(view.switches["region"]) == ["C"]
    charts = [
        governance_charts.model_timeline(view.spans, view.region_codes, view.start, view.end),
        governance_charts.model_levels(view.comparison, view.consistency),
        governance_charts.level_vs_spread(view.consistency),
        governance_charts.switch_effects(view.effects, view.region_codes),
        governance_charts.pre_trends(view.paths, view.effects),
    ]
    for chart in charts:
        _assert_nothing_hidden(chart)
        for row in _records(chart):
            # C under either model, its switch effect and its own monthly path (its comparison regions' path is
            # pooled from A and B): each rests on 2 or 3 responses.
            if row.get("region") == "C" and row.get("series", SWITCHER) == SWITCHER:
                drawn = {"nps", "region_nps", "did_nps", "ret", "ci_low", "ci_high", "region_ci_low", "region_ci_high"}
                assert all(row[k] is None for k in drawn & set(row)), row
    # The only model C ran alone (decentralized, 3 responses) has no level in the chart; hybrid's level rests on the
    # months of A and B (C's September, 2 responses, is left out of it).
    assert "decentralized" not in {r.get("model") for r in _records(charts[1]) if r.get("region_nps") is not None}


def test_the_why_bridge_carries_nothing_of_a_small_region_or_touchpoint(suppressed: Engine) -> None:
    """C (2 and 3 responses) and A's CHAT (3 in October) would each be pooled alone: their one figure would be their
    own, so they are left out of the bridge and no step, level or tooltip of the chart is made from them."""
    labels = ("Sep 2026", "Oct 2026")
    with db.session(suppressed) as s:
        company, region_a, region_c = why_views.why(s, OCT), why_views.why(s, OCT, "A"), why_views.why(s, OCT, "C")
        rollups = rollup_sums(s, months=[SEP, OCT], keys=["month", "region", "touchpoint"])
    assert region_c.bridge is None and "too few to bridge" in region_c.bridge_text
    cases = [(company, "region", "C", {"A", "B"}), (region_a, "touchpoint", "CHAT", {"Web"})]
    for view, key, small, shown in cases:
        assert view.bridge is not None and view.bridge.left_out == (small,)
        names = view.names if key == "touchpoint" else {}
        steps = why_charts.bridge_frame(view.bridge.before, view.bridge.after, view.bridge.parts, key, names, labels)
        chart = why_charts.change_bridge(steps, why_story.bridge_title(view.bridge, labels, key, names))
        _assert_nothing_hidden(chart)
        rows = _records(chart)
        assert {r["step"] for r in rows} == shown | set(labels)
        # What the raw decomposition would say of the small group, at any precision, is nowhere in the spec.
        scope = rollups if key == "region" else rollups[rollups["region"] == "A"]
        raw = nps_bridge(scope[scope["month"] == SEP], scope[scope["month"] == OCT], key=key).parts
        text = json.dumps(chart.to_dict())
        for value in raw.loc[raw[key] == OTHERS, ["rate", "mix", "total"]].to_numpy().ravel():
            assert float(value).is_integer() or json.dumps(float(value)) not in text
        # Steps and levels at the precision shown, so the spec says no more than the bars' labels.
        assert all(round(r[c], 1) == r[c] for r in rows for c in ("start", "end", "change"))
        assert f"without {names.get(small, small)}" in text and view.bridge_text.startswith("Without ")
