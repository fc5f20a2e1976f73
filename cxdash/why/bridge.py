"""Change bridge: a pooled NPS change split into each group's rate and mix contributions."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

COUNTS = ("promoters", "passives", "detractors")
OTHERS = "Others (fewer than 5 responses)"


@dataclass(frozen=True)
class Bridge:
    """NPS before and after, and per group the points it added: rate + mix = total; totals sum to the change.

    ``left_out`` names the groups under the threshold that are not in the bridge at all (see ``shown_bridge``).
    """

    before: float
    after: float
    parts: pd.DataFrame
    left_out: tuple[str, ...] = ()

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


def _small(before: pd.DataFrame, after: pd.DataFrame, key: str, suppress: int) -> pd.DataFrame:
    """Response counts before and after of the groups with 1 to ``suppress`` − 1 responses in either month."""
    sizes = pd.concat([_scores(before, key)["n"], _scores(after, key)["n"]], axis=1).fillna(0)
    sizes.columns = ["before", "after"]
    return sizes[((sizes > 0) & (sizes < suppress)).any(axis=1)]


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
    small = {str(k) for k in _small(before, after, key, suppress).index}
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


def shown_bridge(before: pd.DataFrame, after: pd.DataFrame, *, key: str, suppress: int = 5) -> Bridge | None:
    """The bridge as a page, CSV or deck may show it: no figure that only a group under ``suppress`` responses made.

    The pooled small groups keep one figure, their total, with no rate and no mix (NaN): a rate and a mix are two
    equations from which a pooled group's two NPS could be worked back. When the pool would hold one group alone,
    or fewer than ``suppress`` responses in a month, even that total is the small group's own figure, and the sum
    of the shown parts would give it away too; so those groups are left out of the bridge altogether (named in
    ``left_out``), and it runs between the other groups' NPS. None when no group is left in either month.
    """
    small = _small(before, after, key, suppress)
    pooled = small.sum()
    if len(small) == 1 or ((pooled > 0) & (pooled < suppress)).any():
        gone = {str(k) for k in small.index}
        before, after = before[~before[key].astype(str).isin(gone)], after[~after[key].astype(str).isin(gone)]
        if int(before[list(COUNTS)].to_numpy().sum()) == 0 or int(after[list(COUNTS)].to_numpy().sum()) == 0:
            return None
        return replace(nps_bridge(before, after, key=key, suppress=suppress), left_out=tuple(sorted(gone)))
    bridge = nps_bridge(before, after, key=key, suppress=suppress)
    parts = bridge.parts.copy()
    parts.loc[parts[key] == OTHERS, ["rate", "mix"]] = np.nan
    return replace(bridge, parts=parts)
