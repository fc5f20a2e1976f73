"""The leadership alignment scorecard: per dimension the mean, agreement, CEO gap, change and RAG status."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import pandas as pd

from cxdash.metrics import STRONG_AGREEMENT, rwg, rwg_j
from cxdash.models import ALIGNMENT_DIMENSIONS

MIN_RATERS = 3
GREEN_MEAN = 4.0
RED_MEAN = 3.0
# Below 0.50 agreement is "weak" or absent in the usual r_wg reading (LeBreton & Senter, 2008).
WEAK_AGREEMENT = 0.50
# LeBreton & Senter (2008), table 3: upper bounds (at two decimals) of each band of r_wg.
AGREEMENT_BANDS = (
    (0.30, "lack of agreement"),
    (0.50, "weak agreement"),
    (0.70, "moderate agreement"),
    (0.90, "strong agreement"),
    (1.00, "very strong agreement"),
)
BANDS_RULE = (
    "Agreement runs from 0 (leaders' ratings as scattered as chance) to 1 (all alike). In words: up to .30 lack of "
    "agreement, .31–.50 weak, .51–.70 moderate, .71–.90 strong, above .90 very strong."
)
BANDS_SOURCE = (
    "Agreement is r_wg, the within-group agreement of the leaders' ratings against a uniform null on the 5-point "
    "scale: 1 − s²/σ²_EU, clipped to 0–1. Bands: LeBreton & Senter (2008)."
)
RWG_J_CAVEAT = (
    "r_wg(j) treats the dimensions as items of one scale: it rises with the number of items and assumes they "
    "measure one construct, which these distinct dimensions do not, so it overstates agreement; read the mean "
    "r_wg and each dimension's r_wg instead."
)
RAG_RULE = (
    f"Green: mean ≥ {GREEN_MEAN:.1f} and agreement ≥ {STRONG_AGREEMENT:.2f} (leaders agree, and agree it is done "
    f"well). Red: mean < {RED_MEAN:.1f} or agreement < {WEAK_AGREEMENT:.2f}. Amber: everything in between. "
    f"No status below {MIN_RATERS} raters, where agreement means nothing."
)
SCORECARD_COLUMNS = [
    "dimension",
    "label",
    "raters",
    "mean",
    "rwg",
    "band",
    "ceo",
    "others",
    "ceo_gap",
    "mean_change",
    "rwg_change",
    "status",
    "note",
]


@dataclass(frozen=True)
class AlignmentIndex:
    """One round as a whole: the mean of the dimension means (1–5); agreement as the mean r_wg of the dimensions
    with 3 or more raters and the share of them at r_wg ≥ 0.70 (``rated`` dimensions); r_wg(j) for detail only."""

    mean: float | None
    mean_rwg: float | None
    strong_share: float | None
    strong: int
    rated: int
    rwg_j: float | None
    raters: int
    note: str


def agreement_band(agreement: float | None) -> str:
    """An r_wg in words, by the bands of LeBreton & Senter (2008) read at two decimals; "" without an r_wg."""
    if agreement is None or pd.isna(agreement):
        return ""
    shown = round(float(agreement), 2)
    return next(words for top, words in AGREEMENT_BANDS if shown <= top)


def rag_status(mean: float | None, agreement: float | None) -> str:
    """Green: mean ≥ 4 and r_wg ≥ 0.70; red: mean < 3 or r_wg < 0.50; amber in between; "n/a" without r_wg."""
    if mean is None or agreement is None:
        return "n/a"
    if mean >= GREEN_MEAN and agreement >= STRONG_AGREEMENT:
        return "green"
    if mean < RED_MEAN or agreement < WEAK_AGREEMENT:
        return "red"
    return "amber"


def agreement_note(raters: int) -> str:
    """Why a dimension shows no r_wg ("" when it shows one)."""
    if raters == 0:
        return "no ratings yet"
    if raters < MIN_RATERS:
        return f"only {raters} rater(s): agreement needs at least {MIN_RATERS} to mean anything"
    return ""


def _scores(ratings: pd.DataFrame, dimension: str) -> list[float]:
    return [float(s) for s in ratings.loc[ratings["dimension"] == dimension, "score"]]


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def dimension_scores(ratings: pd.DataFrame, ceo: str | None = None) -> pd.DataFrame:
    """Per dimension: raters, mean (1–5), r_wg (from 3 raters), the CEO's rating and the mean of the others, RAG."""
    rows = []
    for dimension, label in ALIGNMENT_DIMENSIONS.items():
        mine = ratings[ratings["dimension"] == dimension]
        scores = [float(s) for s in mine["score"]]
        is_ceo = mine["leader"] == ceo if ceo is not None else pd.Series(False, index=mine.index)
        ceo_score = _mean([float(s) for s in mine.loc[is_ceo, "score"]])
        others = _mean([float(s) for s in mine.loc[~is_ceo, "score"]])
        mean = _mean(scores)
        agreement = rwg(scores) if len(scores) >= MIN_RATERS else None
        rows.append(
            {
                "dimension": dimension,
                "label": label,
                "raters": len(scores),
                "mean": mean,
                "rwg": agreement,
                "band": agreement_band(agreement),
                "ceo": ceo_score,
                "others": others,
                "ceo_gap": None if ceo_score is None or others is None else ceo_score - others,
                "status": rag_status(mean, agreement),
                "note": agreement_note(len(scores)),
            }
        )
    return pd.DataFrame(rows, columns=[c for c in SCORECARD_COLUMNS if c not in ("mean_change", "rwg_change")])


def scorecard(current: pd.DataFrame, previous: pd.DataFrame | None = None, ceo: str | None = None) -> pd.DataFrame:
    """The round's dimension scores with the change in mean and in r_wg since the previous round."""
    card = dimension_scores(current, ceo)
    # Both cards list the dimensions in the same order, so the rows line up.
    before = dimension_scores(previous, ceo) if previous is not None else card.assign(mean=None, rwg=None)
    return card.assign(
        mean_change=card["mean"].astype(float) - before["mean"].astype(float),
        rwg_change=card["rwg"].astype(float) - before["rwg"].astype(float),
    )[SCORECARD_COLUMNS]


def alignment_index(ratings: pd.DataFrame) -> AlignmentIndex:
    """Index = mean of the dimension means; agreement = mean r_wg and share at r_wg ≥ 0.70 over the dimensions
    with at least 3 raters (r_wg(j) over the same dimensions kept for detail)."""
    per_dimension = [_scores(ratings, d) for d in ALIGNMENT_DIMENSIONS]
    means = [statistics.fmean(s) for s in per_dimension if s]
    items = [s for s in per_dimension if len(s) >= MIN_RATERS]
    agreements = [rwg(s) for s in items]
    if ratings.empty:
        note = "no ratings yet"
    elif not items:
        note = f"no dimension has {MIN_RATERS} or more raters, so there is no overall agreement to show"
    else:
        note = ""
    strong = sum(1 for a in agreements if a >= STRONG_AGREEMENT)
    return AlignmentIndex(
        mean=statistics.fmean(means) if means else None,
        mean_rwg=statistics.fmean(agreements) if agreements else None,
        strong_share=strong / len(agreements) if agreements else None,
        strong=strong,
        rated=len(agreements),
        rwg_j=rwg_j(items) if items else None,
        raters=int(ratings["leader"].nunique()),
        note=note,
    )


def chief_executive(leaders: pd.DataFrame) -> str | None:
    """The CEO: the one leader nobody manages, else the leader titled or keyed "CEO"."""
    roots = leaders[leaders["reports_to"].isna()]
    if len(roots) == 1:
        return str(roots.iloc[0]["leader"])
    titled = leaders[(leaders["title"].str.upper() == "CEO") | (leaders["leader"].str.upper() == "CEO")]
    return str(titled.iloc[0]["leader"]) if len(titled) else None
