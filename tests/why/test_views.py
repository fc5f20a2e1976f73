"""Why it moved on the sample: DACH drives October's drop, and the costliest touchpoint names its owner."""

from datetime import date

import pytest

from cxdash import db
from cxdash.charts import why as charts
from cxdash.views.why import why

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
