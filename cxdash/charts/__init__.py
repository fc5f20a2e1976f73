"""Altair chart builders: a frame in, a chart out, the frame left untouched. One module per page."""

from cxdash.charts.overview import nps_by_region
from cxdash.charts.palette import PALETTE, region_colors, sample_label

__all__ = ["PALETTE", "nps_by_region", "region_colors", "sample_label"]
