"""Reference lines: a dashed grey rule at one value, or drawn from its layer's data."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxdash.charts.reference import EDGE, dashed_rule, reference_line


def test_a_reference_line_is_a_dashed_rule_at_its_value() -> None:
    spec = reference_line("y", 0.0).to_dict()
    assert spec["mark"] == {"type": "rule", "color": "#666", "strokeDash": [4, 4]}
    assert spec["encoding"] == {"y": {"field": "y", "type": "quantitative"}}
    assert list(spec["datasets"].values()) == [[{"y": 0.0}]]


def test_a_rule_for_the_eye_only_is_hidden_from_screen_readers_and_may_use_its_layers_data() -> None:
    rule = dashed_rule(color=EDGE, aria=False, x="min(switch_month):T")
    data = pd.DataFrame({"switch_month": pd.to_datetime(["2026-01-01"])})
    spec = alt.layer(rule, data=data).to_dict()["layer"][0]
    assert spec["mark"] == {"type": "rule", "aria": False, "color": "#333", "strokeDash": [4, 4]}
    assert spec["encoding"]["x"] == {"aggregate": "min", "field": "switch_month", "type": "temporal"}
    assert "data" not in spec
