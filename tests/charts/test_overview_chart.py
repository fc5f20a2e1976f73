"""The Overview's NPS by region in Vega-Lite: each row carries its colour, nothing to work out per mark."""

from __future__ import annotations

import json

import pandas as pd

from cxdash.charts.overview import REGION_PICK, nps_by_region
from cxdash.charts.palette import MUTED
from cxdash.charts.regions import colour_of

CODES = ["B", "A", "C"]
FRAME = pd.DataFrame(
    {
        "region": ["A", "B", "C"],
        "nps": [10.0, 20.0, None],
        "ci_low": [0.0, 5.0, None],
        "ci_high": [20.0, 30.0, None],
        "n": [100, 20, 3],
        "sample": ["ok", "low", "suppressed"],
    }
)


def test_each_region_is_drawn_in_its_own_colour_and_a_low_sample_muted_without_a_condition() -> None:
    spec = nps_by_region(FRAME, CODES).to_dict()
    rows = {r["region"]: r for rows in spec["datasets"].values() for r in rows if "region" in r}
    assert set(rows) == {"A", "B"}  # C is suppressed: no row at all
    assert rows["A"]["colour"] == colour_of(CODES)["A"] and rows["B"]["colour"] == MUTED
    assert rows["B"]["sample_label"] == "low sample (n < 30)"
    text = json.dumps(spec)
    assert '"condition"' not in text and "datum." not in text
    zero, whiskers, points = spec["layer"]
    assert zero["mark"]["type"] == "rule" and zero["mark"]["aria"] is False
    assert whiskers["encoding"]["color"] == {"field": "colour", "scale": None, "type": "nominal"}
    assert points["encoding"]["color"] == whiskers["encoding"]["color"]
    assert points["encoding"]["shape"]["field"] == "sample_label"
    params = [*spec.get("params", []), *(p for layer in spec["layer"] for p in layer.get("params", []))]
    assert [p["name"] for p in params] == [REGION_PICK] and params[0]["select"]["fields"] == ["region"]
