"""Alignment across survey rounds: index, agreement and ownership clarity, round by round."""

from __future__ import annotations

import pandas as pd

from cxdash.alignment.clarity import ownership_clarity
from cxdash.alignment.scorecard import alignment_index

TREND_COLUMNS = ["round", "held_on", "index", "agreement", "strong_share", "clarity", "raters"]


def alignment_trend(
    rounds: pd.DataFrame, ratings: pd.DataFrame, beliefs: pd.DataFrame, owner: str | None
) -> pd.DataFrame:
    """Per round, oldest first: alignment index (1–5), mean r_wg and the share of dimensions at r_wg ≥ 0.70,
    and the share of leaders naming the designated owner."""
    rows = []
    for label, held_on in zip(rounds["round"], rounds["held_on"], strict=True):
        index = alignment_index(ratings[ratings["round"] == label])
        clarity = ownership_clarity(beliefs[beliefs["round"] == label], owner)
        rows.append(
            {
                "round": label,
                "held_on": held_on,
                "index": index.mean,
                "agreement": index.mean_rwg,
                "strong_share": index.strong_share,
                "clarity": clarity.share,
                "raters": index.raters,
            }
        )
    return pd.DataFrame(rows, columns=TREND_COLUMNS)
