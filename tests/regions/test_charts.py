"""Regions charts through their Vega-Lite spec: colours per region, CI bands, muted low samples, tooltips."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pandas as pd
import pytest

from cxdash.charts import region_colors
from cxdash.charts import regions as charts
from cxdash.charts.palette import MAIN_WIDTH, MUTED, PALETTE
from cxdash.overview import Thresholds
from cxdash.regions import company_nps_trend, nps_trend, retention_trend, touchpoint_breakdown
from tests.drawn import width as drawn_width
from tests.regions.data import FEB, JAN, counts

TH = Thresholds(low=30, suppress=5)
CODES = ["C", "A", "B"]


def _spec(chart: Any) -> dict[str, Any]:
    return dict(chart.to_dict())


def _text(chart: Any) -> str:
    return json.dumps(_spec(chart), default=str)


def _tooltips(spec: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "tooltip" and isinstance(value, list):
                found.update(t.get("title", "") for t in value)
            else:
                found |= _tooltips(value)
    elif isinstance(spec, list):
        for item in spec:
            found |= _tooltips(item)
    return found


def _trend() -> tuple[pd.DataFrame, pd.DataFrame]:
    # B in February has 20 responses: a low sample.
    low = counts([(JAN, "A", 40, 30, 30), (FEB, "A", 60, 20, 20), (JAN, "B", 25, 10, 15), (FEB, "B", 15, 4, 1)])
    return nps_trend(low, ["A", "B", "C"], [JAN, FEB], TH), company_nps_trend(low, [JAN, FEB], TH)


def test_small_multiples_draw_one_panel_per_region_with_the_shared_region_colours() -> None:
    trend, company = _trend()
    spec = _spec(charts.nps_small_multiples(trend, company, CODES))
    assert spec["facet"]["field"] == "panel" and spec["facet"]["sort"] == CODES and spec["columns"] == 3
    scale = region_colors(CODES).to_dict()
    assert scale["domain"] == ["A", "B", "C"] and scale["range"] == list(PALETTE[:3])
    # Each row carries its line's and its point's colour: nothing for the browser to work out per mark.
    rows = next(iter(spec["datasets"].values()))
    ink = {(r["series"], r["panel"]): r["ink"] for r in rows}
    assert ink[("A", "A")] == PALETTE[0] and ink[("B", "B")] == PALETTE[1]
    assert {ink[("Company", code)] for code in CODES} == {charts.COMPANY_COLOR}
    dots = {(r["series"], str(r["month"])[:7], r["dot"]) for r in rows if r["nps"] is not None}
    assert ("A", "2026-02", PALETTE[0]) in dots and ("B", "2026-02", MUTED) in dots  # B's February: a low sample
    assert {dot for series, _, dot in dots if series == "Company"} == {MUTED}
    assert '"condition"' not in _text(charts.nps_small_multiples(trend, company, CODES))


def test_small_multiples_dot_the_regions_months_only_each_telling_the_company_s_nps_beside_its_own() -> None:
    trend, company = _trend()
    spec = _spec(charts.nps_small_multiples(trend, company, CODES))
    (points,) = [layer for layer in spec["spec"]["layer"] if layer["mark"]["type"] == "point"]
    assert points["transform"] == [{"filter": "datum.nps != null && (datum.series != 'Company')"}]
    assert "Company NPS (all regions pooled)" in _tooltips(points)
    rows = next(iter(spec["datasets"].values()))
    pooled = {str(r["month"])[:7]: r["nps"] for r in rows if r["series"] == "Company"}
    a_rows = [r for r in rows if r["series"] == "A"]
    assert a_rows and all(r["company_nps"] == pooled[str(r["month"])[:7]] for r in a_rows)
    assert all(r["company_nps"] is None for r in rows if r["series"] == "C")  # C has no responses, so no point


def test_bands_and_lines_tell_nothing_on_hover_so_only_the_points_tooltips_name_a_figure() -> None:
    trend, company = _trend()
    built = [
        charts.nps_small_multiples(trend, company, CODES),
        charts.compare_nps(trend, company, "A", CODES),
    ]
    for chart in built:
        spec = _spec(chart)
        layers = spec.get("spec", spec)["layer"]
        quiet = [layer["mark"] for layer in layers if layer["mark"]["type"] in ("area", "line")]
        assert len(quiet) == 2 and all(mark["tooltip"] is False for mark in quiet)


@pytest.mark.parametrize(
    ("panels", "width", "columns"),
    [(8, MAIN_WIDTH, 4), (5, MAIN_WIDTH, 3), (3, MAIN_WIDTH, 3), (1, MAIN_WIDTH, 1), (8, 480, 2)],
)
def test_the_grid_fits_the_width_with_panels_no_narrower_than_the_minimum_and_rows_evened_out(
    panels: int, width: int, columns: int
) -> None:
    across, panel = charts.grid(panels, width)
    assert across == columns
    assert panel >= charts.MIN_PANEL_WIDTH
    assert charts.AXIS_ROOM + across * panel + (across - 1) * charts.FACET_SPACING <= width


def test_a_width_too_narrow_for_two_panels_gets_one_column_as_wide_as_it_allows() -> None:
    assert charts.grid(8, 250) == (1, 250 - charts.AXIS_ROOM)


def _eight_regions() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, list[str]]:
    """Twelve months of eight regions with the widest axis labels the sample can bring (NPS −100, 100.0%)."""
    codes = ["ANZ", "APAC", "DACH", "LATAM", "NAE", "NAW", "NORDICS", "UKI"]
    months = [date(2025, m, 1) for m in range(11, 13)] + [date(2026, m, 1) for m in range(1, 11)]
    rows = [(m, c, 0 if i % 2 else 60, 0, 60 if i % 2 else 0) for i, c in enumerate(codes) for m in months]
    low = counts(rows)
    customers = pd.DataFrame(
        [(m, c, 1000, 1000 - 10 * i, 0) for i, c in enumerate(codes) for m in months],
        columns=["month", "region", "customers_start", "customers_end", "new_customers"],
    )
    retention = retention_trend(customers, codes, months)
    return (
        nps_trend(low, codes, months, TH),
        company_nps_trend(low, months, TH),
        retention,
        retention.assign(region="Company"),
        codes,
    )


def test_small_multiples_of_eight_regions_fit_the_main_column_when_drawn() -> None:
    nps, company_nps, retention, company_retention, codes = _eight_regions()
    drawn = [
        charts.nps_small_multiples(nps, company_nps, codes),
        *(charts.retention_small_multiples(retention, company_retention, codes, b) for b in charts.RETENTION_BASIS),
    ]
    for chart in drawn:
        spec = _spec(chart)
        assert spec["columns"] == 4 and len(spec["facet"]["sort"]) == 8
        assert drawn_width(chart) <= MAIN_WIDTH


def test_nps_charts_band_the_ci_mute_low_samples_and_tell_n_and_ci_in_the_tooltip() -> None:
    trend, company = _trend()
    text = _text(charts.nps_small_multiples(trend, company, CODES))
    assert '"ci_low"' in text and '"ci_high"' in text and '"area"' in text
    assert MUTED in text and "low sample (n < 30)" in text
    assert {"Responses (n)", "95% CI low", "95% CI high", "Sample"} <= _tooltips(
        _spec(charts.nps_small_multiples(trend, company, CODES))
    )


def test_a_suppressed_month_leaves_a_gap_not_a_point() -> None:
    few = counts([(JAN, "A", 2, 1, 0), (FEB, "A", 60, 20, 20)])
    trend = nps_trend(few, ["A"], [JAN, FEB], TH)
    company = company_nps_trend(few, [JAN, FEB], TH)
    spec = _spec(charts.compare_nps(trend, company, "A", ["A"]))
    rows = next(iter(spec["datasets"].values()))
    january = [r for r in rows if r["series"] == "A" and str(r["month"]).startswith("2026-01")]
    assert january[0]["nps"] is None and january[0]["ci_low"] is None and january[0]["n"] is None
    assert not {"promoters", "passives", "detractors"} & set(january[0])
    assert "break-paths" in json.dumps(spec)


def test_compare_uses_each_regions_own_colour_and_a_grey_company_line() -> None:
    trend, company = _trend()
    shown = trend[trend["region"].isin(["B", "A"])]
    spec = _spec(charts.compare_nps(shown, company, "B", CODES))
    text = json.dumps(spec)
    colours = dict(zip(region_colors(CODES).to_dict()["domain"], region_colors(CODES).to_dict()["range"], strict=True))
    assert (
        f'"domain": ["A", "B", "Company"], "range": ["{colours["A"]}", "{colours["B"]}", "{charts.COMPANY_COLOR}"]'
        in (text)
    )
    assert charts.COMPANY_LINE in text


def test_retention_charts_show_the_chosen_basis_with_customer_counts_in_the_tooltip() -> None:
    customers = pd.DataFrame(
        [(JAN, "A", 100, 110, 20), (FEB, "A", 110, 105, 5)],
        columns=["month", "region", "customers_start", "customers_end", "new_customers"],
    )
    trend = retention_trend(customers, ["A"], [JAN, FEB])
    company = trend.assign(region="Company")
    for basis in ("monthly", "chained_12m"):
        spec = _spec(charts.retention_small_multiples(trend, company, ["A"], basis))
        assert f'"field": "{basis}"' in json.dumps(spec)
        assert "Customers at start (n)" in _tooltips(spec)
        assert '"condition"' not in json.dumps(spec)
        rows = next(iter(spec["datasets"].values()))
        assert {(r["series"], r["ink"]) for r in rows} == {("A", PALETTE[0]), ("Company", charts.COMPANY_COLOR)}
    compare = _spec(charts.compare_retention(trend, company, "A", ["A"], "monthly"))
    assert "Customers at start (n)" in _tooltips(compare)


def test_breakdown_leaves_out_hidden_rows_and_marks_the_rest_of_the_company() -> None:
    tps = pd.DataFrame({"touchpoint": ["T1", "T2"], "touchpoint_name": ["Web", "Chat"], "stage": ["Usage"] * 2})
    tps = tps.assign(position=[1, 2])
    cells = pd.DataFrame(
        [("A", "T1", 20, 5, 5), ("A", "T2", 1, 0, 1), ("B", "T1", 10, 10, 10)],
        columns=["region", "touchpoint", "promoters", "passives", "detractors"],
    ).assign(n=lambda f: f["promoters"] + f["passives"] + f["detractors"])
    frame = touchpoint_breakdown(cells, tps, "A", TH)
    spec = _spec(charts.breakdown(frame, "A", ["A", "B"], "NPS by touchpoint"))
    rows = next(iter(spec["datasets"].values()))
    assert [r["label"] for r in rows] == ["Usage · Web"]
    assert "tick" in json.dumps(spec) and {"Rest of company NPS", "Responses (n)"} <= _tooltips(spec)


def test_breakdown_rows_carry_their_colour_so_no_mark_works_it_out() -> None:
    tps = pd.DataFrame({"touchpoint": ["T1", "T2"], "touchpoint_name": ["Web", "Chat"], "stage": ["Usage"] * 2})
    cells = pd.DataFrame(
        [("A", "T1", 50, 20, 30), ("A", "T2", 10, 5, 5), ("B", "T1", 10, 10, 10), ("B", "T2", 10, 10, 10)],
        columns=["region", "touchpoint", "promoters", "passives", "detractors"],
    ).assign(n=lambda f: f["promoters"] + f["passives"] + f["detractors"])
    frame = touchpoint_breakdown(cells, tps.assign(position=[1, 2]), "A", TH)
    spec = _spec(charts.breakdown(frame, "A", ["A", "B"], "NPS by touchpoint"))
    rows = {r["label"]: r for r in next(iter(spec["datasets"].values()))}
    assert rows["Usage · Web"]["colour"] == charts.colour_of(["A", "B"])["A"]  # 100 responses
    assert rows["Usage · Chat"]["colour"] == MUTED  # 20 responses: a low sample
    assert '"condition"' not in json.dumps(spec) and "datum." not in json.dumps(spec)


def test_charts_leave_their_input_untouched() -> None:
    trend, company = _trend()
    before = (trend.copy(), company.copy())
    charts.nps_small_multiples(trend, company, CODES)
    charts.compare_nps(trend, company, "A", CODES)
    pd.testing.assert_frame_equal(trend, before[0])
    pd.testing.assert_frame_equal(company, before[1])
