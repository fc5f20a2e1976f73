"""Short free-text comments; sparse on purpose, so responses.csv stays small."""

from __future__ import annotations

import random

from cxdash.sample.rand import choice

COMMENT_SHARE = 0.03
# During the DACH support incident unhappy customers write far more often.
INCIDENT_COMMENT_SHARE = 0.3

PROMOTER = (
    "Quick and friendly, thank you.",
    "Everything worked first time.",
    "Great service, I would recommend you.",
    "The new app is really easy to use.",
    "Clear answers and fast delivery.",
)
PASSIVE = (
    "Fine overall, nothing special.",
    "Good product, the process could be simpler.",
    "OK, but it took a bit longer than expected.",
    "Mostly fine; the invoice was confusing.",
)
DETRACTOR = (
    "Too slow and nobody followed up.",
    "I had to explain my problem three times.",
    "The invoice was wrong again.",
    "Setup was confusing and the guide was out of date.",
    "Prices went up but the service did not improve.",
)
WAITING = (
    "Waited over 40 minutes on the phone before anyone answered.",
    "Still waiting for a call back after a week.",
    "Support queue is far too long at the moment.",
    "Waiting times are unacceptable, I gave up after an hour.",
    "My ticket has been open for ten days with no reply.",
)


def comment_for(rng: random.Random, nps: int, incident_support: bool) -> str:
    """A comment matching the score, or "" for the many respondents who write nothing."""
    if incident_support and nps <= 6:
        return choice(rng, WAITING) if rng.random() < INCIDENT_COMMENT_SHARE else ""
    if rng.random() >= COMMENT_SHARE:
        return ""
    if nps >= 9:
        return choice(rng, PROMOTER)
    return choice(rng, PASSIVE if nps >= 7 else DETRACTOR)
