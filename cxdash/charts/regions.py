"""Regions charts: small multiples of every region, one region against the company and peers, touchpoints."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import altair as alt
import pandas as pd

from cxdash.charts.boundary import chart_frame
from cxdash.charts.palette import FONT_SIZE, MAIN_WIDTH, MUTED, projector, region_colors, sample_label

COMPANY_COLOR = "#555555"
COMPANY_LINE = "Company (all regions pooled)"
REGION_LINE = "Region"
BREAK: Literal["break-paths-show-domains"] = "break-paths-show-domains"
RETENTION_BASIS = {"monthly": "Monthly retention", "chained_12m": "Retention, 12 months (chained monthly)"}
PANEL_HEIGHT = 150
MIN_PANEL_WIDTH = 150
FACET_SPACING = 20
# Room for the y axis with its title, the chart's padding and the browser's wider type, measured on both charts.
AXIS_ROOM = 140
SAMPLE_SHAPES = alt.Scale(domain=[sample_label("ok"), sample_label("low")], range=["circle", "triangle-down"])
LINE_DASH = alt.StrokeDash(
    "line:N",
    title=None,
    scale=alt.Scale(domain=[REGION_LINE, COMPANY_LINE], range=[[1, 0], [6, 4]]),
    legend=alt.Legend(labelLimit=320),
)
SERIES_KEYS = ["month", "region", "series", "line"]
NPS_VALUES = ["nps", "ci_low", "ci_high", "n"]
RETENTION_VALUES = ["customers_start", "new_customers", "customers_end", *RETENTION_BASIS]
BREAKDOWN_DRAWN = [
    "label",
    "nps",
    "ci_low",
    "ci_high",
    "n",
    "colour",
    "sample_label",
    "rest_nps",
    "rest_n",
    "gap",
    "note",
]
MONTH = alt.X("month:T", title=None, axis=alt.Axis(format="%b %y", labelAngle=0, tickCount=4))


def colour_of(codes: Sequence[str]) -> dict[str, str]:
    """Each region's colour as every page draws it."""
    scale = region_colors(codes)
    return dict(zip(scale.domain, scale.range, strict=True))


def grid(panels: int, width: int = MAIN_WIDTH) -> tuple[int, int]:
    """Columns and panel width (px) for ``panels`` small multiples to fit ``width`` px: as many columns as keep a
    panel at least MIN_PANEL_WIDTH wide, then rows evened out (8 panels: 4 + 4, 5 panels: 3 + 2)."""
    room = width - AXIS_ROOM
    most = max(1, min(panels, (room + FACET_SPACING) // (MIN_PANEL_WIDTH + FACET_SPACING)))
    columns = math.ceil(panels / math.ceil(panels / most)) if panels else 1
    return columns, max((room - (columns - 1) * FACET_SPACING) // columns, 1)


def _facet(layers: list[alt.Chart], data: pd.DataFrame, codes: Sequence[str], title: str) -> alt.FacetChart:
    """One panel per region code, in code order, laid out by ``grid`` to fit the main column."""
    columns, width = grid(len(codes))
    return (
        alt.LayerChart(data=data, layer=layers)
        .properties(width=width, height=PANEL_HEIGHT)
        .facet(
            facet=alt.Facet("panel:N", title=None, sort=list(codes), header=alt.Header(labelFontSize=FONT_SIZE)),
            columns=columns,
            spacing=FACET_SPACING,
        )
        .properties(title=title)
    )


def _series(trend: pd.DataFrame, company: pd.DataFrame) -> pd.DataFrame:
    regions = trend.assign(line=REGION_LINE, series=trend["region"])
    whole = company.assign(line=COMPANY_LINE, series="Company")
    data = pd.concat([regions, whole], ignore_index=True)
    return data.assign(month=pd.to_datetime(data["month"]))


def _nps_series(trend: pd.DataFrame, company: pd.DataFrame) -> pd.DataFrame:
    """Region and company NPS as drawn: no promoter/passive/detractor counts, nothing of a suppressed month."""
    data = _series(trend, company)
    data = data.assign(sample_label=data["sample"].map(sample_label))
    return chart_frame(data, [*SERIES_KEYS, "sample", "sample_label"], NPS_VALUES)


def _retention_series(trend: pd.DataFrame, company: pd.DataFrame) -> pd.DataFrame:
    return _series(trend, company)[[*SERIES_KEYS, *RETENTION_VALUES]]


def _nps_tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("series:N", title="Who"),
        alt.Tooltip("month:T", title="Month", format="%B %Y"),
        alt.Tooltip("nps:Q", title="NPS", format=".1f"),
        alt.Tooltip("ci_low:Q", title="95% CI low", format=".1f"),
        alt.Tooltip("ci_high:Q", title="95% CI high", format=".1f"),
        alt.Tooltip("n:Q", title="Responses (n)", format=","),
        alt.Tooltip("sample_label:N", title="Sample"),
    ]


def _nps_layers(
    colours: tuple[Any, Any, Any], band_filter: str, y_title: str, *, points: str = "true", more: Sequence[Any] = ()
) -> list[alt.Chart]:
    """Band (95% CI), lines (company dashed) and points (low samples muted; only where ``points`` holds) over one
    shared data set, coloured by ``colours``: the band's, the lines' and the points' colour encodings. ``more``
    tooltips follow the point's own."""
    band_colour, line_colour, point_colour = colours
    base = alt.Chart()
    y = alt.Y("nps:Q", title=y_title, scale=alt.Scale(zero=False, nice=True))
    band = (
        base.transform_filter(band_filter)
        .mark_area(opacity=0.18, invalid=BREAK, tooltip=False)
        .encode(x=MONTH, y=alt.Y("ci_low:Q", title=y_title), y2="ci_high:Q", color=band_colour, detail="series:N")
    )
    lines = base.mark_line(strokeWidth=2.5, invalid=BREAK, tooltip=False).encode(
        x=MONTH, y=y, detail="series:N", color=line_colour, strokeDash=LINE_DASH
    )
    points = (
        base.transform_filter(f"datum.nps != null && ({points})")
        .mark_point(filled=True, size=90)
        .encode(
            x=MONTH,
            y=y,
            color=point_colour,
            shape=alt.Shape("sample_label:N", title="Sample (muted: low)", scale=SAMPLE_SHAPES),
            tooltip=[*_nps_tooltip(), *more],
        )
    )
    return [band, lines, points]


def _inked(data: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """Rows with the colour each is drawn in: ``ink`` for its line (the region's; the company's grey) and ``dot`` for
    its point (muted for a low sample and for the company), so that the browser works nothing out per mark."""
    company = data["line"] == COMPANY_LINE
    ink = data["region"].map(colour_of(codes)).where(~company, COMPANY_COLOR)
    if "sample" not in data:
        return data.assign(ink=ink)
    return data.assign(ink=ink, dot=ink.where(~company & (data["sample"] == "ok"), MUTED))


def _with_company_nps(data: pd.DataFrame) -> pd.DataFrame:
    """Every row that has an NPS with the company's NPS of its month (none where the company's month is hidden): a
    hidden row stays without a number."""
    company = data[data["line"] == COMPANY_LINE].drop_duplicates("month").set_index("month")["nps"]
    return data.assign(company_nps=data["month"].map(company).astype("float64").where(data["nps"].notna()))


def _panels(data: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """Each region's rows in its own panel, and the company's rows in every panel."""
    return pd.concat(
        [data[data["line"] == REGION_LINE].assign(panel=data["region"])]
        + [data[data["line"] == COMPANY_LINE].assign(panel=code) for code in codes]
    )


def nps_small_multiples(trend: pd.DataFrame, company: pd.DataFrame, codes: Sequence[str]) -> alt.TopLevelMixin:
    """One panel per region: NPS with its 95% CI band, the company line for reference, low samples muted. Only the
    region's months are points, each telling the company's NPS beside its own: the company's dots would be the same
    24 eight times over, a third of what the browser draws on a switch to Regions."""
    panels = _panels(_with_company_nps(_inked(_nps_series(trend, company), codes)), codes)
    ink, dot = alt.Color("ink:N", scale=None), alt.Color("dot:N", scale=None)
    beside = [alt.Tooltip("company_nps:Q", title="Company NPS (all regions pooled)", format=".1f")]
    regions_only = "datum.series != 'Company'"
    layers = _nps_layers((ink, ink, dot), regions_only, "NPS", points=regions_only, more=beside)
    title = "NPS by region with 95% CI (gaps: fewer than 5 responses, value hidden)"
    return projector(_facet(layers, panels, codes, title))


def _retention_layers(color: Any, basis: str) -> list[alt.Chart]:
    title = RETENTION_BASIS[basis]
    tooltip = [
        alt.Tooltip("series:N", title="Who"),
        alt.Tooltip("month:T", title="Month", format="%B %Y"),
        alt.Tooltip("monthly:Q", title="Monthly retention", format=".2%"),
        alt.Tooltip("chained_12m:Q", title="12 months, chained monthly", format=".2%"),
        alt.Tooltip("customers_start:Q", title="Customers at start (n)", format=","),
        alt.Tooltip("new_customers:Q", title="New customers", format=","),
        alt.Tooltip("customers_end:Q", title="Customers at end", format=","),
    ]
    y = alt.Y(f"{basis}:Q", title=title, axis=alt.Axis(format=".1%"), scale=alt.Scale(zero=False))
    lines = (
        alt.Chart()
        .mark_line(strokeWidth=2.5, invalid=BREAK, tooltip=False)
        .encode(
            x=MONTH,
            y=y,
            detail="series:N",
            color=color,
            strokeDash=LINE_DASH,
        )
    )
    points = (
        alt.Chart()
        .transform_filter(f"datum.{basis} != null")
        .mark_point(filled=True, size=50)
        .encode(x=MONTH, y=y, color=color, tooltip=tooltip)
    )
    return [lines, points]


def retention_small_multiples(
    trend: pd.DataFrame, company: pd.DataFrame, codes: Sequence[str], basis: str
) -> alt.TopLevelMixin:
    """One panel per region: monthly retention (E − N)/S or 12 months chained from it, with the company line."""
    panels = _panels(_inked(_retention_series(trend, company), codes), codes)
    title = f"{RETENTION_BASIS[basis]} by region (gaps: no customer counts, or none at the start)"
    return projector(_facet(_retention_layers(alt.Color("ink:N", scale=None), basis), panels, codes, title))


def _compare_colour(shown: Sequence[str], codes: Sequence[str]) -> alt.Color:
    colours = colour_of(codes)
    return alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=[*shown, "Company"], range=[*(colours[c] for c in shown), COMPANY_COLOR]),
        legend=alt.Legend(symbolOpacity=1, symbolType="circle"),
    )


def compare_nps(trend: pd.DataFrame, company: pd.DataFrame, region: str, codes: Sequence[str]) -> alt.TopLevelMixin:
    """The chosen region (with its 95% CI band), its peers and the company, on the same NPS axis."""
    data = _nps_series(trend, company)
    colour = _compare_colour(list(dict.fromkeys(trend["region"])), codes)
    line = alt.condition(alt.datum.series == "Company", alt.value(COMPANY_COLOR), colour)
    point = alt.condition((alt.datum.sample == "ok") & (alt.datum.series != "Company"), colour, alt.value(MUTED))
    layers = _nps_layers((colour, line, point), f"datum.series == '{region}'", "NPS (band: 95% CI)")
    chart = alt.layer(*layers, data=data).properties(height=360, title=f"NPS: {region} against the company and peers")
    return projector(chart)


def compare_retention(
    trend: pd.DataFrame, company: pd.DataFrame, region: str, codes: Sequence[str], basis: str
) -> alt.TopLevelMixin:
    """The chosen region, its peers and the company on the same retention axis."""
    colour = _compare_colour(list(dict.fromkeys(trend["region"])), codes)
    layers = _retention_layers(alt.condition(alt.datum.series == "Company", alt.value(COMPANY_COLOR), colour), basis)
    chart = alt.layer(*layers, data=_retention_series(trend, company)).properties(
        height=300, title=f"{RETENTION_BASIS[basis]}: {region} against the company and peers"
    )
    return projector(chart)


def breakdown(frame: pd.DataFrame, region: str, codes: Sequence[str], title: str) -> alt.TopLevelMixin:
    """The region's NPS per row (touchpoint or stage) with its 95% CI; a grey tick marks the rest of the company."""
    shown = frame[frame["nps"].notna()]
    # Each row carries its colour (the region's; grey for a low sample): nothing for the browser to work out per mark.
    ink = pd.Series(colour_of(codes)[region], index=shown.index).where(shown["sample"] == "ok", MUTED)
    data = shown.assign(sample_label=shown["sample"].map(sample_label), colour=ink)[BREAKDOWN_DRAWN]
    y = alt.Y("label:N", title=None, sort=list(frame["label"]), axis=alt.Axis(labelLimit=320))
    colour = alt.Color("colour:N", scale=None)
    tooltip = [
        alt.Tooltip("label:N", title="Where"),
        alt.Tooltip("nps:Q", title=f"{region} NPS", format=".1f"),
        alt.Tooltip("ci_low:Q", title="95% CI low", format=".1f"),
        alt.Tooltip("ci_high:Q", title="95% CI high", format=".1f"),
        alt.Tooltip("n:Q", title="Responses (n)", format=","),
        alt.Tooltip("sample_label:N", title="Sample"),
        alt.Tooltip("rest_nps:Q", title="Rest of company NPS", format=".1f"),
        alt.Tooltip("rest_n:Q", title="Rest of company n", format=","),
        alt.Tooltip("gap:Q", title="Gap (pts)", format="+.1f"),
        alt.Tooltip("note:N", title="Test"),
    ]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    x = alt.X("ci_low:Q", title="NPS (line: 95% CI; grey tick: rest of company)", scale=alt.Scale(domain=[-100, 100]))
    whiskers = base.mark_rule(strokeWidth=2).encode(x=x, x2="ci_high:Q", color=colour)
    rest = base.mark_tick(color=COMPANY_COLOR, thickness=3, size=22).encode(x="rest_nps:Q")
    points = base.mark_point(filled=True, size=120).encode(
        x="nps:Q", color=colour, shape=alt.Shape("sample_label:N", title="Sample (muted: low)", scale=SAMPLE_SHAPES)
    )
    chart = alt.layer(whiskers, rest, points).properties(height=alt.Step(30), title=title)
    return projector(chart)
