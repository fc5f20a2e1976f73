"""Change bridge: a pooled NPS change split into each group's rate and mix contributions."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

COUNTS = ("promoters", "passives", "detractors")
OTHERS = "Others (fewer than 5 responses)"


@dataclass(frozen=True)
class Bridge:
    """NPS before and after, and per group the points it added: rate + mix = total; totals sum to the change."""

    before: float
    after: float
    parts: pd.DataFrame

    @property
    def change(self) -> float:
        return self.after - self.before


def _scores(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    counts = frame.groupby(key)[list(COUNTS)].sum()
    n = counts.sum(axis=1)
    return pd.DataFrame({"n": n, "nps": 100.0 * (counts["promoters"] - counts["detractors"]) / n.where(n > 0)})


def _pool_small(frame: pd.DataFrame, key: str, small: set[str]) -> pd.DataFrame:
    pooled = frame.copy()
    pooled[key] = pooled[key].where(~pooled[key].isin(small), OTHERS)
    return pooled


def nps_bridge(before: pd.DataFrame, after: pd.DataFrame, *, key: str, suppress: int = 5) -> Bridge:
    """Split NPS(after) − NPS(before) into each group's rate (its own NPS moved) and mix (its share moved).

    With w a group's share of responses and N its NPS, the pooled change is Σ(w₂N₂ − w₁N₁) =
    Σ w̄·ΔN (rate) + Σ Δw·(N̄ − c) (mix), with midpoint w̄ and N̄ and c the midpoint of the pooled NPS
    (Σ Δw = 0, so c changes no total; it makes mix mean "more responses from a below-average group").
    A group present on one side only is all mix. Groups with fewer than ``suppress`` responses on
    either side are pooled into one "others" line so that no small group's NPS can be read back.
    """
    for name, frame in (("before", before), ("after", after)):
        missing = [c for c in (key, *COUNTS) if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks the columns {missing}")
        if frame.empty or int(frame[list(COUNTS)].to_numpy().sum()) == 0:
            raise ValueError(f"{name} has no responses: there is no change to explain")
    sizes = pd.concat([_scores(before, key)["n"], _scores(after, key)["n"]], axis=1).fillna(0)
    small = {str(k) for k, row in sizes.iterrows() if 0 < row.iloc[0] < suppress or 0 < row.iloc[1] < suppress}
    one, two = _scores(_pool_small(before, key, small), key), _scores(_pool_small(after, key, small), key)
    w1, w2 = one["n"] / one["n"].sum(), two["n"] / two["n"].sum()
    nps1 = float((w1 * one["nps"]).sum())
    nps2 = float((w2 * two["nps"]).sum())
    centre = (nps1 + nps2) / 2
    groups = sorted(set(one.index) | set(two.index), key=lambda g: (g == OTHERS, str(g)))
    rows = []
    for group in groups:
        a, b = float(w1.get(group, 0.0)), float(w2.get(group, 0.0))
        if a == 0 and b == 0:
            continue
        na, nb = float(one["nps"].get(group, 0.0)), float(two["nps"].get(group, 0.0))
        if a > 0 and b > 0:
            rate = (a + b) / 2 * (nb - na)
            mix = (b - a) * ((na + nb) / 2 - centre)
        else:
            level = nb if b > 0 else na
            rate, mix = 0.0, (b - a) * (level - centre)
        rows.append(
            {
                key: group,
                "n_before": int(one["n"].get(group, 0)),
                "n_after": int(two["n"].get(group, 0)),
                "rate": float(rate),
                "mix": float(mix),
                "total": float(rate + mix),
            }
        )
    return Bridge(nps1, nps2, pd.DataFrame(rows))
