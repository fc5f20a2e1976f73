"""A native chart drawn as Vega-Lite, so the PDF and the page show the same chart the PPTX holds as an object."""

from __future__ import annotations

import math
from typing import Any

from cxdash.boardpack.pptx_charts import SERIES_COLORS
from cxdash.boardpack.slide import NativeChart, Slide

FONT = {"labelFontSize": 14, "titleFontSize": 14}


def _whole_ticks(chart: NativeChart) -> dict[str, Any]:
    """Counts (format "0") tick at about five whole numbers: an axis reading 0 0 0 1 1 1 misleads."""
    counts = [v for _, values in chart.series for v in values if v is not None]
    if chart.number_format != "0" or not counts or min(counts) < 0:
        return {}
    step = max(1, math.ceil(max(counts) / 5))
    return {"values": list(range(0, int(max(counts)) + step, step))}


def vega(chart: NativeChart) -> dict[str, Any]:
    """The chart as a Vega-Lite spec: the same categories, series, colours and value labels."""
    rows = [
        {"category": category, "series": name, "value": value}
        for name, values in chart.series
        for category, value in zip(chart.categories, values, strict=True)
        if value is not None
    ]
    names = [name for name, _ in chart.series]
    categories = list(chart.categories)
    decimals = len(chart.number_format.split(".")[1].rstrip("%")) if "." in chart.number_format else 0
    percent = chart.number_format.endswith("%")
    value_format = f".{decimals}{'%' if percent else 'f'}"
    across = chart.kind == "bar"
    category = {"field": "category", "type": "ordinal", "sort": categories, "title": None}
    value = {"field": "value", "type": "quantitative", "title": chart.axis_title or None}
    color = {
        "field": "series",
        "type": "nominal",
        "sort": names,
        "scale": {"domain": names, "range": [f"#{c}" for c in SERIES_COLORS[: len(names)]]},
        "legend": {"orient": "bottom", "title": None, "labelFontSize": 14} if len(names) > 1 else None,
    }
    encoding: dict[str, Any] = {
        ("y" if across else "x"): {**category, "axis": {"labelAngle": 0, "labelLimit": 220}},
        ("x" if across else "y"): {**value, "axis": {"format": value_format, **_whole_ticks(chart)}},
        "color": color,
    }
    if chart.kind == "line":
        layers: list[dict[str, Any]] = [{"mark": {"type": "line", "strokeWidth": 3, "point": True}}]
    else:
        offset = {"yOffset" if across else "xOffset": {"field": "series", "sort": names}}
        up = {"type": "text", "align": "left", "dx": 4} if across else {"type": "text", "baseline": "bottom", "dy": -3}
        down = {"type": "text", "align": "right", "dx": -4} if across else {"type": "text", "baseline": "top", "dy": 3}
        label = {**offset, "text": {**value, "format": value_format}}
        # A label sits beyond the end of its bar, on whichever side of zero that end lies.
        layers = [
            {"mark": {"type": "bar"}, "encoding": offset},
            {"mark": {**up, "fontSize": 14}, "encoding": label, "transform": [{"filter": "datum.value >= 0"}]},
            {"mark": {**down, "fontSize": 14}, "encoding": label, "transform": [{"filter": "datum.value < 0"}]},
        ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": chart.title, "fontSize": 16, "anchor": "start"},
        "data": {"values": rows},
        "encoding": encoding,
        "layer": layers,
        "height": max(36 * len(categories), 200) if across else 320,
        "config": {"axis": FONT, "view": {"stroke": None}},
    }


def picture(slide: Slide) -> dict[str, Any] | None:
    """The Vega-Lite spec a slide's chart is drawn from outside PowerPoint: its picture or its native chart."""
    if slide.native is not None:
        return vega(slide.native)
    return slide.chart
