"""How the Regions page writes its figures: the rank table and its CSV, the compare tiles."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from cxdash.export import csv_bytes
from cxdash.overview import Thresholds
from cxdash.regions import Period, rank_table, retention_trend
from cxdash.regions.present import compare_tiles, muted, p_text, period_note, rank_display
from tests.regions.data import FEB, JAN, counts

TH = Thresholds(low=30, suppress=5)
PERIOD = Period(JAN, FEB)
# A: Jan (40, 30, 30) → Feb (60, 20, 20); B has 20 responses in February.
BY_REGION = counts([(JAN, "A", 40, 30, 30), (FEB, "A", 60, 20, 20), (JAN, "B", 25, 10, 15), (FEB, "B", 15, 4, 1)])
REGIONS = pd.DataFrame({"region": ["A", "B"], "region_name": ['=HYPERLINK("x")', "Beta"]})
TARGETS = pd.DataFrame({"metric": ["nps"], "region": [None], "value": [30.0]})


def _table() -> pd.DataFrame:
    return rank_table(BY_REGION, REGIONS, retention_trend(BY_REGION.iloc[:0], [], []), TARGETS, PERIOD, TH)


def test_the_csv_carries_the_rank_table_with_readable_headers_and_safe_text() -> None:
    display = rank_display(_table(), PERIOD.comparison_label, TH)
    frame = pd.read_csv(io.BytesIO(csv_bytes(display)), encoding="utf-8-sig")
    assert list(frame.columns[:4]) == ["NPS rank", "Region", "Name", "NPS"]
    assert "Change vs previous month (pts)" in frame.columns
    a = frame.set_index("Region").loc["A"]
    assert a["NPS"] == 40.0 and a["Change vs previous month (pts)"] == 30.0 and a["p-value"] == pytest.approx(0.009)
    assert a["Name"].startswith("'=")
    assert frame.set_index("Region").loc["B", "Sample"] == "low sample (n < 30)"


def test_low_samples_are_greyed_in_the_table() -> None:
    table = _table()
    html = muted(rank_display(table, "previous month", TH), table["sample"] != "ok").to_html()
    low_row = list(table["region"]).index("B")
    assert f"row{low_row}_col0" in html and "#8a8a8a" in html


def test_the_tiles_mute_a_low_sample_region_and_claim_nothing() -> None:
    b = _table().set_index("region").loc["B"].to_dict() | {"region": "B"}
    company = {"nps": 30.0, "n": 120, "sample": "ok", "comparison_nps": 12.0, "p_value": 0.01, "significant": True}
    gap = {"gap": 35.0, "other_nps": 35.0, "other_n": 100, "significant": None, "note": "low sample (n < 30)"}
    retention = {"monthly": 0.95, "previous": 0.96, "chained_12m": None}
    tiles = compare_tiles(b, company, gap, retention, "Jan 2026")
    labels = ["B NPS", "Company NPS ✱", "Gap vs rest of company", "Retention", "Retention, 12 months (chained)"]
    assert [t.label for t in tiles] == labels
    assert tiles[0].delta_color == "off" and "no significance claim" in tiles[0].note
    assert tiles[2].value == "+35.0 pts" and "low sample" in tiles[2].note
    assert tiles[4].value == "—" and "12 months" in tiles[4].note


def test_the_period_note_states_the_thresholds_in_force() -> None:
    note = period_note(Period(JAN, FEB, "same_month_last_year"), Thresholds(low=50, suppress=10))
    assert "February 2025" in note and "Fewer than 50" in note and "fewer than 10" in note


@pytest.mark.parametrize(("p", "text"), [(0.0004, "< 0.001"), (0.0123, "0.012"), (None, None)])
def test_p_values_are_printed_with_three_decimals_and_tiny_ones_as_below_0_001(p: float | None, text: str) -> None:
    assert p_text(p) == text


def test_a_region_without_its_own_target_says_so_on_its_tile() -> None:
    a = _table().set_index("region").loc["A"].to_dict() | {"region": "A"}
    company = {"nps": 30.0, "n": 120, "sample": "ok", "comparison_nps": 12.0, "p_value": 0.01, "significant": True}
    gap = {"gap": 5.0, "other_nps": 35.0, "other_n": 100, "significant": False, "note": "within noise"}
    tiles = compare_tiles(a, company, gap, {"monthly": 0.95, "previous": 0.96, "chained_12m": None}, "Jan 2026")
    # A: NPS 40.0 against the company target 30.0 → on; its change (p 0.009, the only test) stays significant.
    assert "no regional target; company target 30.0: on" in tiles[0].note
    assert tiles[0].label == "A NPS ✱" and "significant change (adjusted p = 0.009)" in tiles[0].note


def test_a_missing_p_value_reads_as_a_dash_in_the_table() -> None:
    table = _table()
    html = muted(rank_display(table, "previous month", TH), table["sample"] != "ok").to_html()
    assert "None" not in html
