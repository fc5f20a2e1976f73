"""Native PowerPoint charts for the deck: bar, column and line charts and row sparklines the CCO can restyle."""

from __future__ import annotations

import math
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.util import Inches, Pt

from cxdash.boardpack.layout import READABLE_PT, TEXT, Box, rgb
from cxdash.boardpack.slide import NativeChart, plain

# Okabe-Ito: told apart by every common form of colour blindness.
SERIES_COLORS = ("0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00")
KINDS = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED, "line": XL_CHART_TYPE.LINE}


def _color(hex_color: str) -> RGBColor:
    return RGBColor(*rgb(hex_color))  # type: ignore[no-untyped-call]  # python-pptx leaves it unannotated


def _data(chart: NativeChart) -> CategoryChartData:
    data = CategoryChartData(number_format=chart.number_format)  # type: ignore[no-untyped-call]
    data.categories = [plain(c) for c in chart.categories]
    for name, values in chart.series:
        data.add_series(plain(name), values)  # type: ignore[no-untyped-call]
    return data


def native_chart(slide: Any, chart: NativeChart, box: Box) -> Any:
    """The chart as a PowerPoint chart object in ``box``: labelled values, 14-pt text, legend when it has series."""
    frame = slide.shapes.add_chart(
        KINDS[chart.kind], Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height), _data(chart)
    )
    drawn = frame.chart
    drawn.font.size = Pt(14)
    drawn.font.color.rgb = _color(TEXT)
    drawn.has_title = True
    drawn.chart_title.text_frame.text = plain(chart.title)
    drawn.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(16)
    drawn.has_legend = len(chart.series) > 1
    if drawn.has_legend:
        drawn.legend.position = XL_LEGEND_POSITION.BOTTOM
        drawn.legend.include_in_layout = False
    drawn.value_axis.has_major_gridlines = chart.kind == "line"
    drawn.value_axis.tick_labels.font.size = Pt(READABLE_PT)
    drawn.category_axis.tick_labels.font.size = Pt(14)
    counts = [v for _, values in chart.series for v in values if v is not None]
    if chart.number_format == "0" and counts:  # whole-number ticks for counts, about five of them
        drawn.value_axis.major_unit = float(max(1, math.ceil(max(counts) / 5)))
    if chart.kind == "bar":
        drawn.category_axis.reverse_order = True  # first category at the top, as the table reads
        drawn.value_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    for plot in drawn.plots:
        if chart.kind != "line":
            plot.has_data_labels = True
            plot.data_labels.number_format = chart.number_format
            plot.data_labels.number_format_is_linked = False
            plot.data_labels.font.size = Pt(14)
        for i, series in enumerate(plot.series):
            color = _color(SERIES_COLORS[i % len(SERIES_COLORS)])
            if chart.kind == "line":
                series.format.line.color.rgb = color
                series.format.line.width = Pt(2.5)
                series.smooth = False
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = color
    frame._element.nvGraphicFramePr.cNvPr.set("descr", plain(chart.title))
    return frame


def sparkline(slide: Any, values: tuple[float | None, ...], box: Box, label: str) -> Any:
    """A row's trend as a tiny native line chart: no axes, no legend, the last value marked."""
    data = CategoryChartData()  # type: ignore[no-untyped-call]
    data.categories = [str(i) for i in range(len(values))]
    data.add_series(plain(label), values)  # type: ignore[no-untyped-call]
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.LINE_MARKERS, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height), data
    )
    drawn = frame.chart
    drawn.font.size = Pt(READABLE_PT)
    drawn.has_legend = False
    drawn.has_title = False
    drawn.category_axis.visible = False
    drawn.value_axis.visible = False
    drawn.value_axis.has_major_gridlines = False
    series = drawn.plots[0].series[0]
    series.format.line.color.rgb = _color(SERIES_COLORS[0])
    series.format.line.width = Pt(2)
    series.smooth = False
    series.marker.style = XL_MARKER_STYLE.NONE
    last = series.points[len(values) - 1]
    last.marker.style = XL_MARKER_STYLE.CIRCLE
    last.marker.size = 7
    last.marker.format.fill.solid()
    last.marker.format.fill.fore_color.rgb = _color(SERIES_COLORS[0])
    frame._element.nvGraphicFramePr.cNvPr.set("descr", plain(f"{label}: 12-month trend"))
    return frame
