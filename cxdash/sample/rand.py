"""Random helpers built only on ``Random.random()``.

``random()`` is the one generator method whose output Python promises to keep
stable, so building everything else on it keeps the sample byte-identical across
Python versions and platforms.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def stream(seed: int, part: str) -> random.Random:
    """An independent generator per part, so scaling responses leaves other files unchanged."""
    return random.Random(f"{seed}/{part}")


def normal(rng: random.Random) -> float:
    """Approximately standard normal (Irwin-Hall of four uniforms), bounded at about ±3.5."""
    return (rng.random() + rng.random() + rng.random() + rng.random() - 2.0) * math.sqrt(3.0)


def jitter(rng: random.Random) -> float:
    """Triangular on (-1, 1): cheap noise for scores derived from another score."""
    return rng.random() + rng.random() - 1.0


def cumulative(weights: Sequence[float]) -> list[float]:
    """Cumulative shares ending exactly at 1.0, for :func:`pick`."""
    total = float(sum(weights))
    acc = 0.0
    out: list[float] = []
    for w in weights:
        acc += w / total
        out.append(acc)
    out[-1] = 1.0
    return out


def pick(rng: random.Random, cum: Sequence[float]) -> int:
    """Index drawn with the shares in ``cum`` (from :func:`cumulative`)."""
    return bisect_right(cum, rng.random())


def choice(rng: random.Random, items: Sequence[T]) -> T:
    return items[min(len(items) - 1, int(rng.random() * len(items)))]


def clamp_round(value: float, low: int, high: int) -> int:
    return max(low, min(high, math.floor(value + 0.5)))
