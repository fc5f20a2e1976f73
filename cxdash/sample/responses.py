"""Survey responses, streamed to CSV month by month in bounded memory."""

from __future__ import annotations

import csv
import random
from datetime import date
from pathlib import Path

from cxdash.sample.comments import comment_for
from cxdash.sample.nps_model import INCIDENT_STAGE, NpsModel, in_incident, touchpoint_weights
from cxdash.sample.rand import clamp_round, cumulative, jitter, pick, stream
from cxdash.sample.reference import CHANNELS, REGIONS, TOUCHPOINTS, RegionProfile
from cxdash.sample.timeline import MONTHS, days_in

COLUMNS: tuple[str, ...] = (
    "response_key",
    "customer_key",
    "region",
    "touchpoint",
    "channel",
    "responded_on",
    "nps",
    "csat",
    "ces",
    "comment",
)
CSAT_SHARE = 0.8
CES_SHARE = 0.6
VOLUME_NOISE = 0.2
PRIMARY_CHANNEL_WEIGHT = 6.0
FLUSH_EVERY = 5_000

Row = tuple[str, str, str, str, str, str, int, int | str, int | str, str]

_CHANNEL_CDFS = [cumulative([PRIMARY_CHANNEL_WEIGHT if c == t.channel else 1.0 for c in CHANNELS]) for t in TOUCHPOINTS]


class _RegionMonth:
    """Everything needed to draw one region's responses in one month."""

    def __init__(
        self, region: RegionProfile, month: date, model: NpsModel, n: int, rng: random.Random, first_customer: int
    ) -> None:
        self.region = region
        self.first_customer = first_customer
        self.score_cdfs = model.score_cdfs(region, month)
        self.touchpoint_cdf = cumulative(touchpoint_weights(region, month))
        self.incident = in_incident(region, month)
        self.per_day = [0] * days_in(month)
        for _ in range(n):
            self.per_day[int(rng.random() * len(self.per_day))] += 1

    def draw(self, rng: random.Random, number: int, responded_on: str) -> Row:
        t = pick(rng, self.touchpoint_cdf)
        touchpoint = TOUCHPOINTS[t]
        nps = pick(rng, self.score_cdfs[t])
        # CSAT and CES follow NPS loosely, as they do in real surveys.
        csat: int | str = clamp_round(1 + 0.4 * nps + 1.2 * jitter(rng), 1, 5) if rng.random() < CSAT_SHARE else ""
        ces: int | str = clamp_round(1.5 + 0.5 * nps + 1.5 * jitter(rng), 1, 7) if rng.random() < CES_SHARE else ""
        return (
            f"R{number:07d}",
            f"C{self.first_customer + int(rng.random() * self.region.customers):06d}",
            self.region.code,
            touchpoint.code,
            CHANNELS[pick(rng, _CHANNEL_CDFS[t])],
            responded_on,
            nps,
            csat,
            ces,
            comment_for(rng, nps, self.incident and touchpoint.stage == INCIDENT_STAGE, touchpoint.code),
        )


def _first_customers() -> dict[str, int]:
    """Each region draws from its own block of customer numbers, so keys never collide."""
    first: dict[str, int] = {}
    start = 1
    for region in REGIONS:
        first[region.code] = start
        start += region.customers
    return first


def _volume(region: RegionProfile, month: date, scale: float, rng: random.Random) -> int:
    weights = touchpoint_weights(region, month)
    surge = sum(weights) / sum(t.weight for t in TOUCHPOINTS)
    noise = 1 + VOLUME_NOISE * (2 * rng.random() - 1)
    return max(0, round(region.volume * scale * surge * noise))


def write_responses(path: Path, *, seed: int, scale: float) -> int:
    """Write responses.csv in date order and return the number of rows."""
    rng = stream(seed, "responses")
    model = NpsModel(seed)
    first = _first_customers()
    written = 0
    buffer: list[Row] = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for month in MONTHS:
            cells = [_RegionMonth(r, month, model, _volume(r, month, scale, rng), rng, first[r.code]) for r in REGIONS]
            for day in range(days_in(month)):
                responded_on = month.replace(day=day + 1).isoformat()
                for cell in cells:
                    for _ in range(cell.per_day[day]):
                        written += 1
                        buffer.append(cell.draw(rng, written, responded_on))
                    if len(buffer) >= FLUSH_EVERY:
                        writer.writerows(buffer)
                        buffer.clear()
        writer.writerows(buffer)
    return written
