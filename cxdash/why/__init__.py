"""Why a number moved: change bridges (rate vs mix) and the impact of each touchpoint on company NPS."""

from cxdash.why.bridge import Bridge, nps_bridge, shown_bridge
from cxdash.why.impact import touchpoint_impact

__all__ = ["Bridge", "nps_bridge", "shown_bridge", "touchpoint_impact"]
