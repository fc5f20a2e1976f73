"""Ownership clarity: do leaders name the designated CX owner when asked "who owns CX here?"."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# "30% of senior leaders are confused about who should take ownership of customer experience."
INDUSTRY_CONFUSED = 0.30
DONT_KNOW = "Don't know"


@dataclass(frozen=True)
class OwnershipClarity:
    """How many of the leaders who answered named the designated owner."""

    owner: str | None
    answered: int
    naming_owner: int

    @property
    def share(self) -> float | None:
        """Share of answering leaders who name the designated owner."""
        return self.naming_owner / self.answered if self.answered else None

    @property
    def confused(self) -> float | None:
        """Share who name someone else or do not know: comparable with the industry's 30%."""
        return None if self.share is None else 1.0 - self.share


def _named(value: object) -> str | None:
    return None if value is None or pd.isna(value) or value == "" else str(value)  # type: ignore[call-overload]


def ownership_clarity(beliefs: pd.DataFrame, owner: str | None) -> OwnershipClarity:
    """Clarity = leaders naming the designated owner / leaders who answered (a "don't know" counts as an answer)."""
    named = [_named(v) for v in beliefs["named_owner"]]
    hits = sum(1 for n in named if owner is not None and n == owner)
    return OwnershipClarity(owner=owner, answered=len(named), naming_owner=hits)


def answer_distribution(beliefs: pd.DataFrame, titles: dict[str, str], owner: str | None) -> pd.DataFrame:
    """How many leaders gave each answer, most frequent first; ``kind`` is owner, other or dont_know."""
    named = [_named(v) for v in beliefs["named_owner"]]
    counts: dict[str | None, int] = {}
    for n in named:
        counts[n] = counts.get(n, 0) + 1
    total = len(named)
    rows = [
        {
            "answer": DONT_KNOW if key is None else titles.get(key, key),
            "leader": key,
            "leaders": count,
            "share": count / total,
            "kind": "dont_know" if key is None else "owner" if key == owner else "other",
        }
        for key, count in counts.items()
    ]
    frame = pd.DataFrame(rows, columns=["answer", "leader", "leaders", "share", "kind"])
    return frame.sort_values(["leaders", "answer"], ascending=[False, True], ignore_index=True)
