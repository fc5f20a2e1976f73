"""Two operating models compared region by region, and one plain verdict per pair that every output shows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations

import pandas as pd

from cxdash.governance.compare import region_months
from cxdash.metrics import bh_adjust
from cxdash.metrics.governance import Estimate, clustered_difference
from cxdash.models import GOVERNANCE_MODELS
from cxdash.overview import Thresholds

ALPHA = 0.05
TEST_NAME = (
    "OLS on region-month NPS with errors clustered by region (statsmodels, CR1, Student's t with regions − 1 "
    "degrees of freedom); p-values adjusted by Benjamini–Hochberg across the pairs shown together."
)


@dataclass(frozen=True)
class ModelPair:
    """``first`` against ``second``: the mean region-month NPS difference (first − second) clustered by region.

    ``regions`` counts the distinct regions behind the comparison; a region that ran both models in the period
    (``switched``) is one of them, counted once, under the model it ran each month. ``rests_on`` names the
    regions without which the difference would vanish or change sign (leave one region out).
    """

    first: str
    second: str
    difference: Estimate
    p_adjusted: float | None
    regions_first: tuple[str, ...]
    regions_second: tuple[str, ...]
    switched: tuple[str, ...]
    rests_on: tuple[str, ...]
    distinguishable: bool
    headline: str
    verdict: str

    @property
    def regions(self) -> int:
        """Distinct regions behind the comparison."""
        return self.difference.regions


def p_text(p_value: float | None) -> str:
    """A p-value as people read it."""
    if p_value is None:
        return "no test possible"
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


def _names(codes: tuple[str, ...]) -> str:
    return ", ".join(codes)


def _words(pair: ModelPair, family: int) -> tuple[bool, str, str]:
    """(distinguishable, headline, sentence) for one pair; the only place a model verdict is worded."""
    first, second, d = pair.first, pair.second, pair.difference
    for model, codes in ((first, pair.regions_first), (second, pair.regions_second)):
        if not codes:
            return False, "nothing to compare", f"No region ran {model} in this period, so there is nothing to compare."
    for model, codes in ((first, pair.regions_first), (second, pair.regions_second)):
        if len(codes) < 2:
            return (
                False,
                f"cannot tell apart: one {model} region",
                (
                    f"Cannot tell {first} and {second} apart: only one region ran {model} in this period "
                    f"({_names(codes)}), so a difference between the models cannot be separated from a difference "
                    "between regions."
                ),
            )
    counted = f"{pair.regions} regions"
    once = (
        f" {_names(pair.switched)} ran both models and {'counts' if len(pair.switched) == 1 else 'count'} once, "
        "under the model in force each month."
        if pair.switched
        else ""
    )
    if d.value is None or d.ci_low is None or d.ci_high is None or pair.p_adjusted is None:
        return (
            False,
            f"cannot tell apart with {counted}",
            (f"Cannot tell {first} and {second} apart with {counted}: the regions give no interval.{once}"),
        )
    gap = f"{abs(d.value):.1f} NPS points"
    interval = f"95% CI {d.ci_low:+.1f} to {d.ci_high:+.1f}, {p_text(pair.p_adjusted)} after correcting for {family} "
    interval += "comparisons" if family > 1 else "comparison"
    if pair.p_adjusted < ALPHA and pair.rests_on:
        return (
            False,
            f"cannot tell apart: rests on {_names(pair.rests_on)}",
            (
                f"Cannot tell {first} and {second} apart with {counted}: {first} averaged {d.value:+.1f} NPS points "
                f"against {second} ({interval}), but the gap rests on {_names(pair.rests_on)}: without "
                f"{'it' if len(pair.rests_on) == 1 else 'any one of them'} it vanishes or reverses.{once}"
            ),
        )
    if pair.p_adjusted < ALPHA:
        higher, lower = (first, second) if d.value > 0 else (second, first)
        return (
            True,
            f"{higher} higher, holds region by region",
            (
                f"{higher.capitalize()} regions score {gap} higher than {lower} regions, and it holds region by region "
                f"({counted}; {interval}; with any one region left out it keeps its sign). An association across "
                f"regions, not proof that the model causes it.{once}"
            ),
        )
    return (
        False,
        f"cannot tell apart with {counted}",
        (
            f"Cannot tell {first} and {second} apart with {counted}: {first} averaged {d.value:+.1f} NPS points "
            f"against {second}, but regions under the same model differ by as much ({interval}).{once}"
        ),
    )


def _difference(rows: pd.DataFrame, first: str) -> Estimate:
    is_first = [m == first for m in rows["model"]]
    return clustered_difference(list(rows["nps"]), is_first, [str(r) for r in rows["region"]])


def _rests_on(rows: pd.DataFrame, first: str, value: float | None) -> tuple[str, ...]:
    """Regions whose removal leaves no difference or one of the other sign (the OLS slope is a difference of means)."""
    if value is None:
        return ()
    nps, regions = rows["nps"].to_numpy(dtype="float64"), rows["region"].to_numpy()
    is_first = (rows["model"] == first).to_numpy()
    out = []
    for region in sorted(set(regions)):
        keep = regions != region
        mine, theirs = nps[keep & is_first], nps[keep & ~is_first]
        if not mine.size or not theirs.size or (mine.mean() - theirs.mean()) * value <= 0:
            out.append(str(region))
    return tuple(out)


def _pair(months: pd.DataFrame, first: str, second: str) -> ModelPair:
    rows = months[months["model"].isin([first, second])]
    codes = {m: tuple(sorted(rows.loc[rows["model"] == m, "region"].unique())) for m in (first, second)}
    difference = _difference(rows, first)
    return ModelPair(
        first=first,
        second=second,
        difference=difference,
        p_adjusted=None,
        regions_first=codes[first],
        regions_second=codes[second],
        switched=tuple(sorted(set(codes[first]) & set(codes[second]))),
        rests_on=_rests_on(rows, first, difference.value),
        distinguishable=False,
        headline="",
        verdict="",
    )


def model_pair_verdicts(cells: pd.DataFrame, th: Thresholds) -> tuple[ModelPair, ...]:
    """THE verdict on every two operating models in the tagged rollup cells; page, CSV and board deck show it.

    ``cells`` are rollup counts per region, month (and touchpoint) tagged with the model in force
    (``with_models``). Each pair of models present, in model order, is read as "first vs second" (first −
    second). The unit of analysis is the region-month, each under the model it ran that month, with errors
    clustered by region, so a region that switched model is one region, never two. p-values are adjusted by
    Benjamini–Hochberg across the pairs returned together; a pair is told apart only when its adjusted p is
    below 0.05, each model ran in at least 2 regions and the gap keeps its sign with any one region left out.
    ``verdict`` is the sentence, ``headline`` its short form.
    """
    months = region_months(cells, th)
    present = [m for m in GOVERNANCE_MODELS if m in set(cells["model"])]
    pairs = [_pair(months, first, second) for first, second in combinations(present, 2)]
    # clustered_difference gives no p unless each model ran in at least 2 regions; those pairs are not tested.
    tested = [p.difference.p_value for p in pairs]
    family = sum(p is not None for p in tested)
    out = []
    for pair, q in zip(pairs, bh_adjust(tested), strict=True):
        adjusted = replace(pair, p_adjusted=q)
        told, headline, sentence = _words(adjusted, family)
        out.append(replace(adjusted, distinguishable=told, headline=headline, verdict=sentence))
    return tuple(out)
