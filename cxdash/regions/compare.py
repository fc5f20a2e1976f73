"""Is a gap real? A region against the rest of the company, its peers, or an earlier month (Wald test)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

from cxdash.metrics import NpsResult, bh_adjust, classify_sample, nps_change
from cxdash.metrics.multiple import ALPHA
from cxdash.overview import Thresholds
from cxdash.regions.trend import pooled

REST = "Rest of company"
SIGNIFICANT = "significant (adjusted p < 0.05)"
NOISE = "within noise (adjusted p ≥ 0.05)"
UNSETTLED = "no claim: the figures changed while they were read; reload the page"
GAP_COLUMNS = [
    "scope",
    "comparator",
    "region_n",
    "region_nps",
    "other_n",
    "other_nps",
    "gap",
    "p_value",
    "significant",
    "note",
]


def versus(mine: NpsResult, other: NpsResult, th: Thresholds) -> dict[str, Any]:
    """Gap = NPS(mine) − NPS(other) in points with its Wald test; no significance claim on a low sample.

    ``significant`` is True or False only when both sides have at least ``th.low`` responses; otherwise it
    is None (no claim) and ``note`` says why. Values of a suppressed side are hidden.
    """
    classes = (classify_sample(mine.n, th.low, th.suppress), classify_sample(other.n, th.low, th.suppress))
    change = nps_change(other, mine)
    hidden = "suppressed" in classes
    claim = classes == ("ok", "ok") and change.p_value is not None
    if mine.n == 0 or other.n == 0:
        note = "no responses"
    elif hidden:
        note = f"too few responses to show (n < {th.suppress})"
    elif not claim and "low" in classes:
        note = f"low sample (n < {th.low}): no significance claim"
    elif not claim:
        note = "the test is undefined for these counts"
    else:
        note = "significant (p < 0.05)" if change.significant else "within noise (p ≥ 0.05)"
    return {
        "region_n": mine.n,
        "region_nps": mine.score if classes[0] != "suppressed" else None,
        "other_n": other.n,
        "other_nps": other.score if classes[1] != "suppressed" else None,
        "gap": None if hidden else change.delta,
        "p_value": change.p_value if claim else None,
        "significant": change.significant if claim else None,
        "note": note,
    }


def adjusted(frame: pd.DataFrame, note: str = "note", family: Sequence[float | None] | None = None) -> pd.DataFrame:
    """The table's tests taken together (Benjamini–Hochberg): ``p_adjusted`` added; ``significant`` and the
    ``note`` column follow the adjusted p. Rows without a test (low samples, no responses) keep their note.

    ``family``: each row's p already adjusted in a larger family (the month's, ``views.overview.adjusted_kpis``)
    instead of over this table. Only rows both test are claimed: a row tested here but not there (the counts
    changed between the two reads) says so rather than keep its unadjusted verdict."""
    raw = [None if pd.isna(p) else float(p) for p in frame["p_value"]]
    given = bh_adjust(raw) if family is None else list(family)
    if len(given) != len(raw):
        raise ValueError(f"family has {len(given)} adjusted p-values for {len(raw)} rows")
    q = [None if p is None else v for p, v in zip(raw, given, strict=True)]
    notes = [
        n if p is None else UNSETTLED if v is None else SIGNIFICANT if v < ALPHA else NOISE
        for n, p, v in zip(frame[note], raw, q, strict=True)
    ]
    return frame.assign(
        p_value=pd.Series([None if v is None else p for p, v in zip(raw, q, strict=True)], index=frame.index,
                          dtype="float64"),
        p_adjusted=pd.Series([float("nan") if v is None else v for v in q], index=frame.index, dtype="float64"),
        significant=pd.Series([None if v is None else v < ALPHA for v in q], index=frame.index, dtype=object),
        **{note: notes},
    )  # fmt: skip


def rest_of_company(counts: pd.DataFrame, region: str) -> pd.DataFrame:
    """Counts of every region but ``region``: the comparator that does not contain the region itself."""
    return counts[counts["region"] != region]


def gaps(
    by_region: pd.DataFrame,
    region: str,
    peers: Sequence[str],
    scopes: dict[str, Sequence[date]],
    th: Thresholds,
) -> pd.DataFrame:
    """For each scope (label → months pooled): the region against the rest of the company and each peer;
    the table's tests are adjusted together (Benjamini–Hochberg)."""
    rows = []
    for scope, months in scopes.items():
        cells = by_region[by_region["month"].isin(list(months))]
        mine = pooled(cells[cells["region"] == region])
        comparators = {REST: rest_of_company(cells, region)} | {p: cells[cells["region"] == p] for p in peers}
        for name, other in comparators.items():
            rows.append({"scope": scope, "comparator": name} | versus(mine, pooled(other), th))
    frame = pd.DataFrame(rows, columns=GAP_COLUMNS)
    typed = frame.astype(
        {c: "float64" for c in ("region_nps", "other_nps", "gap", "p_value")} | {"significant": object}
    )
    return adjusted(typed)
