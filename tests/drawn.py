"""Charts as Vega draws them (offline, by vl-convert): how wide they come out, for tests that they fit a page."""

from __future__ import annotations

import json
import re
from typing import Any

import vl_convert as vlc


def width(chart: Any) -> float:
    """Pixels across the chart's SVG, axes, titles and legends included (a browser's type runs a few px wider)."""
    svg = vlc.vegalite_to_svg(json.dumps(chart.to_dict(), default=str))
    found = re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg)
    assert found, svg[:200]
    return float(found[1])
