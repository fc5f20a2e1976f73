"""How likely each NPS score is, per region, touchpoint and month: the data's story.

The level of a cell is the region's baseline plus a slow company-wide
improvement, mild seasonality and a small monthly shock. Touchpoints pull away
from that level by their typical offset and by a fixed regional quirk; both are
amplified in decentralized regions, which is what makes centralized regions
look more consistent. Regions that switch model earn a gain and lose most of
their spread over the first months of the new model. DACH's support collapses
in the last month.
"""

from __future__ import annotations

import math
from datetime import date

from cxdash.sample.rand import cumulative, normal, stream
from cxdash.sample.reference import (
    REGIONS,
    SWITCHES,
    TOUCHPOINTS,
    RegionProfile,
    TouchpointProfile,
)
from cxdash.sample.timeline import LAST_MONTH, MONTHS, months_since

# (multiplier of the touchpoint offset, NPS points per unit of regional quirk)
SPREAD: dict[str, tuple[float, float]] = {
    "centralized": (0.4, 1.5),
    "hybrid": (0.9, 5.0),
    "decentralized": (1.6, 12.0),
}
TREND_PER_MONTH = 0.25
SEASON_AMPLITUDE = 2.0
SHOCK_SD = 1.5
SWITCH_RAMP_MONTHS = 3

INCIDENT_REGION = "DACH"
INCIDENT_STAGE = "Support"
INCIDENT_SUPPORT_DROP = 30.0
INCIDENT_OTHER_DROP = 2.0
# A support backlog also brings more support contacts, hence more surveys there.
INCIDENT_SUPPORT_SURGE = 1.6

PASSIVE_SHARE = 0.28
# Detractors cluster at 5-6 with a small spike at 0, as real NPS surveys do.
DETRACTOR_SHAPE = (0.07, 0.03, 0.04, 0.07, 0.11, 0.26, 0.42)
PASSIVE_SHAPE = (0.45, 0.55)
PROMOTER_SHAPE = (0.45, 0.55)


def in_incident(region: RegionProfile, month: date) -> bool:
    return region.code == INCIDENT_REGION and month == LAST_MONTH


def _season(month: date) -> float:
    return -SEASON_AMPLITUDE * math.cos(2 * math.pi * (month.month - 12) / 12)


def _ramp(region: RegionProfile, month: date) -> tuple[str, float, float]:
    """(model it moves towards, share of the way there, NPS gain reached so far)."""
    for switch in SWITCHES:
        if switch.region == region.code:
            k = months_since(month, switch.effective_from)
            if k >= 0:
                share = min(1.0, (k + 1) / SWITCH_RAMP_MONTHS)
                return switch.model, share, switch.nps_gain * share
    return region.model, 0.0, 0.0


def score_shares(nps: float) -> list[float]:
    """Shares of scores 0..10 whose expected NPS is ``nps`` (clipped to a realistic range)."""
    x = max(-60.0, min(68.0, nps)) / 100
    promoters = (1 - PASSIVE_SHARE + x) / 2
    detractors = (1 - PASSIVE_SHARE - x) / 2
    return (
        [detractors * s for s in DETRACTOR_SHAPE]
        + [PASSIVE_SHARE * s for s in PASSIVE_SHAPE]
        + [promoters * s for s in PROMOTER_SHAPE]
    )


class NpsModel:
    """Fixed quirks and shocks drawn once from the seed, independent of scale."""

    def __init__(self, seed: int) -> None:
        rng = stream(seed, "nps-model")
        self._quirk = {(r.code, t.code): normal(rng) for r in REGIONS for t in TOUCHPOINTS}
        self._shock = {(r.code, m): normal(rng) for r in REGIONS for m in MONTHS}

    def expected_nps(self, region: RegionProfile, touchpoint: TouchpointProfile, month: date) -> float:
        target_model, share, gain = _ramp(region, month)
        old_factor, old_sd = SPREAD[region.model]
        new_factor, new_sd = SPREAD[target_model]
        factor = old_factor + (new_factor - old_factor) * share
        quirk_sd = old_sd + (new_sd - old_sd) * share
        level = (
            region.nps
            + TREND_PER_MONTH * months_since(month, MONTHS[0])
            + _season(month)
            + SHOCK_SD * self._shock[(region.code, month)]
            + gain
        )
        value = level + factor * touchpoint.offset + quirk_sd * self._quirk[(region.code, touchpoint.code)]
        if in_incident(region, month):
            support = touchpoint.stage == INCIDENT_STAGE
            value -= INCIDENT_SUPPORT_DROP if support else INCIDENT_OTHER_DROP
        return value

    def score_cdfs(self, region: RegionProfile, month: date) -> list[list[float]]:
        """Cumulative score shares per touchpoint, in journey order."""
        return [cumulative(score_shares(self.expected_nps(region, t, month))) for t in TOUCHPOINTS]


def touchpoint_weights(region: RegionProfile, month: date) -> list[float]:
    surge = INCIDENT_SUPPORT_SURGE if in_incident(region, month) else 1.0
    return [t.weight * (surge if t.stage == INCIDENT_STAGE else 1.0) for t in TOUCHPOINTS]
