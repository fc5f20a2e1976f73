"""Input checks shared by the metric functions: a bad figure is refused with its name, never turned into a number."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable


def count(name: str, value: object) -> int:
    """A count of people or responses: a whole number ≥ 0 (not a bool, not a float such as 3.0 or NaN)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number of people or responses; got {value!r}")
    whole = int(value)
    if whole < 0:
        raise ValueError(f"{name} cannot be negative; got {whole}")
    return whole


def finite(name: str, value: object) -> float:
    """A real, finite number (not a bool, NaN or an infinity)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return float(value)


def ratings(name: str, values: Iterable[object], scale_points: int) -> list[float]:
    """Ratings on a 1…``scale_points`` agreement scale, each finite and on the scale."""
    checked = []
    for value in values:
        number = finite(name, value)
        if not 1.0 <= number <= scale_points:
            raise ValueError(f"{name} must lie on the 1–{scale_points} scale; got {value!r}")
        checked.append(number)
    return checked
