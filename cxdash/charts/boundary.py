"""What a chart may send to the browser: only the columns it draws, and nothing of a suppressed cell."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

SUPPRESSED = "suppressed"


def chart_frame(
    frame: pd.DataFrame, keys: Sequence[str], values: Sequence[str], *, sample: str = "sample"
) -> pd.DataFrame:
    """The plotted ``keys`` and numeric ``values`` only; a suppressed row (fewer than 5 responses) keeps its keys but
    carries no value, interval or count, since Altair embeds every cell of its frame in the page."""
    out = frame.loc[:, list(dict.fromkeys([*keys, *values]))].copy()
    hidden = (frame[sample] == SUPPRESSED).to_numpy()
    for column in values:
        # Float columns: Altair writes their missing cells as null.
        out[column] = out[column].astype("float64").where(~hidden)
    return out.reset_index(drop=True)
