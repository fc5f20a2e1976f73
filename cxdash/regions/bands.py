"""Rank ranges: the ranks a region could hold given every region's 95% interval, not its point estimate alone."""

from __future__ import annotations

from collections.abc import Sequence


def rank_ranges(
    lows: Sequence[float], highs: Sequence[float], rankable: Sequence[bool]
) -> list[tuple[int, int] | None]:
    """Best and worst rank (1 = highest) of each rankable interval among the rankable ones; None for the rest.

    A region's best rank is 1 + the regions whose interval lies wholly above its own; its worst rank is
    the number of rankable regions minus those whose interval lies wholly below. Regions whose intervals
    overlap therefore share ranks: with every interval overlapping, every region reads 1–k.
    """
    if not len(lows) == len(highs) == len(rankable):
        raise ValueError("lows, highs and rankable must have one entry per region")
    kept = [i for i, ok in enumerate(rankable) if ok]
    ranges: list[tuple[int, int] | None] = [None] * len(lows)
    for i in kept:
        above = sum(1 for j in kept if lows[j] > highs[i])
        below = sum(1 for j in kept if highs[j] < lows[i])
        ranges[i] = (1 + above, len(kept) - below)
    return ranges


def rank_label(span: tuple[int, int] | None, unranked: str) -> str:
    """The rank as written: "3" when the interval pins one rank, "1–4" when it allows several, else ``unranked``."""
    if span is None:
        return unranked
    best, worst = span
    return str(best) if best == worst else f"{best}–{worst}"
