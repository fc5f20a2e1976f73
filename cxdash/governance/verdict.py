"""Two operating models compared, and a plain sentence on whether the data can tell them apart."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from cxdash.governance.compare import pooled_nps, regional
from cxdash.metrics import classify_sample
from cxdash.metrics.governance import Difference, mean_difference, nps_difference
from cxdash.overview import Thresholds


@dataclass(frozen=True)
class ModelPair:
    """Model ``b`` against model ``a``: pooled (response-level) and region-level NPS differences, b − a.

    ``scored_a``/``scored_b`` count the regions with enough responses for an NPS of their own.
    """

    a: str
    b: str
    pooled: Difference
    regional: Difference
    regions_a: tuple[str, ...]
    regions_b: tuple[str, ...]
    scored_a: int
    scored_b: int
    distinguishable: bool
    verdict: str


def p_text(p_value: float | None) -> str:
    """A p-value as people read it."""
    if p_value is None:
        return "no test possible"
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


def _interval(d: Difference) -> str:
    if d.ci_low is None or d.ci_high is None:
        return "no interval"
    return f"95% CI {d.ci_low:+.1f} to {d.ci_high:+.1f}"


def _verdict(pair: ModelPair, n_a: int, n_b: int, th: Thresholds) -> tuple[bool, str]:
    a, b, pooled, reg = pair.a, pair.b, pair.pooled, pair.regional
    cannot = "the data cannot tell these models apart."
    for model, n in ((a, n_a), (b, n_b)):
        if n == 0:
            return False, f"No region ran under {model} in this period, so there is nothing to compare it with."
    for model, n in ((a, n_a), (b, n_b)):
        if classify_sample(n, th.low, th.suppress) != "ok":
            return False, f"{model.capitalize()} has only {n} responses in this period, too few to compare: {cannot}"
    for model, codes, scored in ((a, pair.regions_a, pair.scored_a), (b, pair.regions_b, pair.scored_b)):
        if len(codes) < 2:
            return False, (
                f"Only one region ran under {model} in this period ({', '.join(codes)}), so a difference between "
                f"the models cannot be separated from a difference between regions: {cannot}"
            )
        if scored < 2:
            return False, (
                f"Of the {len(codes)} regions under {model} ({', '.join(codes)}), only {scored} had enough responses "
                f"for a regional NPS, so a difference between the models cannot be separated from a difference "
                f"between regions: {cannot}"
            )
    if not pooled.significant or pooled.delta is None:
        return False, (
            f"{b.capitalize()} vs {a}: {pooled.delta or 0.0:+.1f} NPS points ({_interval(pooled)}, "
            f"{p_text(pooled.p_value)}), within noise: {cannot}"
        )
    gap = f"{abs(pooled.delta):.1f} NPS points {'higher' if pooled.delta > 0 else 'lower'} than {a}"
    if not reg.significant or reg.delta is None:
        return False, (
            f"Pooled over responses, {b} scores {gap} ({_interval(pooled)}, {p_text(pooled.p_value)}), but regions "
            f"within each model differ so much that, with {pair.scored_b} {b} and {pair.scored_a} {a} regions, "
            f"the region-level difference ({reg.delta:+.1f}, {_interval(reg)}) could be zero: {cannot}"
        )
    return True, (
        f"{b.capitalize()} regions score {gap} regions ({_interval(pooled)}, {p_text(pooled.p_value)}), and the "
        f"gap holds region by region ({reg.delta:+.1f}, {_interval(reg)}). This is an association across regions, "
        "not proof that the model causes it."
    )


def model_pair(cells: pd.DataFrame, a: str, b: str, th: Thresholds) -> ModelPair:
    """Model b − model a over the tagged cells: Wald test on pooled NPS, Welch interval on regional NPS."""
    if a == b:
        raise ValueError(f"choose two different models to compare; got {a!r} twice")
    regions = regional(cells, th)
    shown = regions[regions["nps"].notna()]
    scores = {m: [float(s) for s in shown[shown["model"] == m]["nps"]] for m in (a, b)}
    codes = {m: tuple(sorted(cells[cells["model"] == m]["region"].unique())) for m in (a, b)}
    first, second = pooled_nps(cells[cells["model"] == a]), pooled_nps(cells[cells["model"] == b])
    pair = ModelPair(
        a=a,
        b=b,
        pooled=nps_difference(first, second),
        regional=mean_difference(scores[a], scores[b]),
        regions_a=codes[a],
        regions_b=codes[b],
        scored_a=len(scores[a]),
        scored_b=len(scores[b]),
        distinguishable=False,
        verdict="",
    )
    distinguishable, sentence = _verdict(pair, first.n, second.n, th)
    return replace(pair, distinguishable=distinguishable, verdict=sentence)
