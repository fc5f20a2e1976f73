"""Why it moved on the sample: DACH drives October's drop, and the costliest touchpoint names its owner."""

from datetime import date

import pytest

from cxdash import db
from cxdash.charts import why as charts
from cxdash.views.why import why
from cxdash.why.bridge import OTHERS

OCTOBER = date(2026, 10, 1)


def test_october_bridge_shows_dach_as_the_largest_negative_contributor(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        view = why(session, OCTOBER)
    assert view.bridge is not None
    parts = view.bridge.parts.set_index("region")
    assert parts["total"].idxmin() == "DACH"
    assert parts.loc["DACH", "rate"] < 0
    assert parts["total"].sum() == pytest.approx(view.bridge.change, abs=1e-9)
    assert view.bridge_text.startswith("NPS fell 5.2 points")
    assert "DACH −4.6 (−4.1 its own NPS, −0.4 its share of responses)" in view.bridge_text


def test_the_impact_names_the_costliest_touchpoint_and_its_owner(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        view = why(session, OCTOBER, region="DACH")
    worst = view.impact.iloc[0]
    assert view.names[worst["touchpoint"]] == "Chat support"
    assert view.impact_text is not None and "Chat support" in view.impact_text
    assert "Chief Customer Officer" in view.impact_text


def test_the_first_month_has_no_bridge(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        view = why(session, date(2024, 11, 1))
    assert view.bridge is None
    assert "No responses in October 2024" in view.bridge_text


def test_chart_data_carries_only_what_is_plotted(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        view = why(session, OCTOBER, region="ANZ")
    frame = charts.impact_frame(view.impact, view.names)
    assert "p_value" not in frame.columns and "touchpoint" not in frame.columns
    assert (frame["n"] >= 5).all()
    spec = charts.importance_performance(frame, "t").to_dict()
    rows = [row for data in spec["datasets"].values() for row in data]
    assert all(row.get("n", 5) >= 5 for row in rows)


def test_the_company_impact_chart_names_the_costliest_touchpoint_and_its_owner(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        view = why(session, OCTOBER)
    spec = charts.importance_performance(charts.impact_frame(view.impact, view.names), "t").to_dict()
    rows = [row for data in spec["datasets"].values() for row in data if "impact" in row]
    worst = min(rows, key=lambda row: row["impact"])
    # The point is labelled on the chart, and its owner is what the tooltip names as Accountable.
    assert worst["tag"] == worst["name"] == "Chat support"
    assert worst["owner"] == view.impact.iloc[0]["owner"] and worst["owner"]
    tooltips = [t for layer in spec["layer"] for t in layer.get("encoding", {}).get("tooltip", [])]
    assert {"field": "owner", "title": "Accountable", "type": "nominal"} in tooltips
    assert view.impact_text is not None and worst["owner"] in view.impact_text


def test_a_pooled_step_tells_its_total_and_no_rate_or_mix_to_the_browser(sample_url: str) -> None:
    """Nordics' October: several touchpoints under 5 responses pool into one step; the browser gets its total
    and, for rate and mix, words; every number at the one decimal the chart shows."""
    with db.session(db.make_engine(sample_url)) as session:
        view = why(session, OCTOBER, region="NORDICS")
    assert view.bridge is not None and view.bridge.left_out == ()
    labels = ("Sep 2026", "Oct 2026")
    steps = charts.bridge_frame(view.bridge.before, view.bridge.after, view.bridge.parts, "touchpoint", view.names,
                                labels)  # fmt: skip
    spec = charts.change_bridge(steps, "t").to_dict()
    rows = [row for data in spec["datasets"].values() for row in data]
    (pool,) = [row for row in rows if row["step"] == OTHERS]
    assert pool["rate"] == pool["mix"] == "pooled: not split"
    assert all(isinstance(row["rate"], str) and isinstance(row["mix"], str) for row in rows)
    assert all(round(row[c], 1) == row[c] for row in rows for c in ("start", "end", "change"))
    assert "Others (fewer than 5 responses) together" in view.bridge_text
