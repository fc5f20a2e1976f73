"""Charts as pictures for the deck, drawn offline by vl-convert: PNG for slides, vector PDF for the PDF."""

from __future__ import annotations

import math
from typing import Any

import vl_convert as vlc

from cxdash.boardpack.layout import Box

PNG_SCALE = 3
# A 1080p projector shows a 13.3-inch slide at about 144 dots per inch: pictures never fall below 150, so a
# chart is enlarged into its box at most PNG_SCALE × 72 / MIN_DPI times (the PDF's vector charts alike).
MIN_DPI = 150
MOST = PNG_SCALE * 72 / MIN_DPI
# Room around the plot for axis labels, titles, legends and facet headers, in points.
_AROUND_W, _AROUND_H = 90, 110
_PANEL_GAP = 24


def _panels(spec: dict[str, Any]) -> int:
    sort = spec.get("facet", {}).get("sort")
    return len(sort) if isinstance(sort, list) else int(spec.get("columns", 1))


def sized(spec: dict[str, Any], box: Box) -> dict[str, Any]:
    """The chart drawn for its box (a copy): a single view takes the box's width, small multiples share it
    out panel by panel, so the text keeps the app's projector size; other compound charts keep their own."""
    width, height = box.width * 72, box.height * 72
    if "facet" in spec and "spec" in spec:
        columns = int(spec.get("columns", 1))
        rows = math.ceil(_panels(spec) / columns)
        panel = {
            "width": max(int((width - _AROUND_W) / columns - _PANEL_GAP), 60),
            "height": max(int((height - _AROUND_H) / rows - _PANEL_GAP), 50),
        }
        return {**spec, "spec": {**spec["spec"], **panel}}
    if any(key in spec for key in ("hconcat", "vconcat", "concat", "repeat")):
        return spec
    return {**spec, "width": int(width - 2 * _AROUND_W)}


def png(spec: dict[str, Any], box: Box) -> bytes:
    """The chart as a PNG at PNG_SCALE × its size in points, crisp on a projector."""
    return bytes(vlc.vegalite_to_png(sized(spec, box), scale=PNG_SCALE))


def pdf(spec: dict[str, Any], box: Box) -> bytes:
    """The chart as a one-page vector PDF, its page the size of the chart in points."""
    return bytes(vlc.vegalite_to_pdf(sized(spec, box)))


def fit(width: float, height: float, box: Box, most: float = MOST) -> Box:
    """Where a picture of ``width`` × ``height`` inches goes in ``box``: as large as fits (up to ``most`` ×),
    centred across and at the top."""
    scale = min(box.width / width, box.height / height, most)
    drawn_w, drawn_h = width * scale, height * scale
    return Box(box.left + (box.width - drawn_w) / 2, box.top, drawn_w, drawn_h)
