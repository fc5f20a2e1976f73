"""Ownership charts, checked through their Vega-Lite spec."""

from __future__ import annotations

import json
from datetime import date, datetime

import pandas as pd

from cxdash.charts import ownership as charts
from cxdash.ownership import ownership_health
from cxdash.ownership.matrix import raci_matrix


def _matrix():  # type: ignore[no-untyped-def]
    rows = [
        ("T1", "Website", "Awareness", "CMO", "A"),
        ("T1", "Website", "Awareness", "DIG", "R"),
        ("T2", "Events", "Awareness", "DIG", "C"),
    ]
    frame = pd.DataFrame(rows, columns=["touchpoint", "touchpoint_name", "stage", "leader", "role"])
    frame = frame.assign(leader_name="Leader " + frame["leader"])
    leaders = pd.DataFrame({"key": ["CMO", "DIG"], "title": ["CMO", "Digital"]})
    return raci_matrix(frame, leaders, ("CMO", "DIG"), ownership_health(frame))


def _scores() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "leader": ["A", "B", "C"],
            "leader_name": ["Leader A", "Leader B", "Leader C"],
            "touchpoints": [2, 1, 1],
            "n": [200, 12, 3],
            "nps": [-5.0, 25.0, None],
            "ci_low": [-15.0, -10.0, None],
            "ci_high": [5.0, 55.0, None],
            "sample": ["ok", "low", "suppressed"],
        }
    )


def test_matrix_keeps_journey_and_org_order_and_shows_health() -> None:
    spec = charts.raci_matrix(_matrix()).to_dict()
    grid, health = spec["hconcat"]
    y = grid["layer"][0]["encoding"]["y"]
    assert y["scale"]["domain"] == ["Website", "Events"]
    assert grid["layer"][0]["encoding"]["x"]["scale"]["domain"] == ["CMO", "Digital"]
    assert health["encoding"]["text"]["field"] == "status"
    statuses = {row["row"]: row["status"] for row in spec["datasets"][health["data"]["name"]]}
    assert statuses == {"Website": "ok", "Events": "no Accountable · no Responsible"}


def test_matrix_colours_every_role_with_a_legend_that_explains_it() -> None:
    spec = charts.raci_matrix(_matrix()).to_dict()
    color = spec["hconcat"][0]["layer"][0]["encoding"]["color"]
    assert [label.split(" ")[0] for label in color["scale"]["domain"]] == ["A", "R", "C", "I", "A+R"]
    assert len(set(color["scale"]["range"])) == 5


def test_matrix_rows_carry_their_ink_so_no_mark_works_out_its_colour() -> None:
    spec = charts.raci_matrix(_matrix()).to_dict()
    assert '"condition"' not in json.dumps(spec) and "datum." not in json.dumps(spec)
    grid, health = spec["hconcat"]
    cells = spec["datasets"][grid["data"]["name"]]
    assert {(c["row"], c["role"], c["ink"]) for c in cells} == {
        ("Website", "A", "white"),
        ("Website", "R", "black"),
        ("Events", "C", "black"),
    }
    assert not {"touchpoint", "leader"} & set(cells[0])  # codes are not drawn: they do not travel
    statuses = {row["row"]: row["ink"] for row in spec["datasets"][health["data"]["name"]]}
    assert statuses == {"Website": charts.MUTED, "Events": charts.PROBLEM}
    assert grid["layer"][1]["encoding"]["color"] == {"field": "ink", "scale": None, "type": "nominal"}


def _contrast(a: str, b: str) -> float:
    def lum(hex_colour: str) -> float:
        rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted([lum(a), lum(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_role_colour_stands_out_from_the_page_and_carries_a_readable_letter() -> None:
    for role, fill in charts.ROLE_COLORS.items():
        assert _contrast(fill, "#FFFFFF") >= 3, role
        letter = "#FFFFFF" if role in charts.LIGHT_LETTERS else "#000000"
        assert _contrast(fill, letter) >= 4.5, role


def test_leader_nps_has_ci_and_n_in_the_tooltip_mutes_low_and_drops_suppressed() -> None:
    frame = _scores()
    before = frame.copy()
    spec = charts.leader_nps(frame).to_dict()
    pd.testing.assert_frame_equal(frame, before)
    points = spec["layer"][2]
    titles = [t["title"] for t in points["encoding"]["tooltip"]]
    assert {"NPS", "95% CI low", "95% CI high", "Responses"} <= set(titles)
    assert points["encoding"]["color"]["condition"]["test"] == "(datum.sample === 'ok')"
    shown = spec["datasets"][spec["data"]["name"]] if "data" in spec else spec["datasets"][points["data"]["name"]]
    assert [r["leader_name"] for r in shown] == ["Leader A", "Leader B"]
    assert points["encoding"]["y"]["sort"] == ["Leader A", "Leader B"]


def test_trend_is_one_small_chart_per_leader_with_a_ci_band() -> None:
    frame = pd.DataFrame(
        {
            "month": [date(2026, 9, 1), date(2026, 10, 1)],
            "leader": ["A", "A"],
            "leader_name": ["Leader A", "Leader A"],
            "n": [100, 4],
            "nps": [10.0, None],
            "ci_low": [0.0, None],
            "ci_high": [20.0, None],
            "sample": ["ok", "suppressed"],
        }
    )
    spec = charts.leader_trend(frame).to_dict()
    assert spec["facet"]["field"] == "leader_name"
    band, line = spec["spec"]["layer"][:2]
    assert band["mark"]["type"] == "area" and band["encoding"]["y2"]["field"] == "ci_high"
    # Only the dots tell a month's figures: a band or line would show its raw fields, ci_low titled "NPS".
    assert band["mark"]["tooltip"] is False and line["mark"]["tooltip"] is False
    assert isinstance(frame["month"].iloc[0], date)


def test_findings_over_time_steps_after_each_change() -> None:
    frame = pd.DataFrame(
        {
            "at": [datetime(2026, 10, 1, 9), datetime(2026, 10, 2, 9)],
            "gaps": [2, 1],
            "overlaps": [1, 1],
            "no_responsible": [1, 1],
            "findings": [4, 3],
        }
    )
    spec = charts.findings_over_time(frame).to_dict()
    assert spec["mark"]["interpolate"] == "step-after"
    assert spec["encoding"]["y"]["field"] == "findings"
