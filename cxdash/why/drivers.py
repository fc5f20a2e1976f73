"""How strongly CSAT and CES go with the likelihood to recommend: standardized coefficients, as association."""

from __future__ import annotations

import pandas as pd
import statsmodels.api as sm

from cxdash.metrics import bh_adjust

DRIVERS = {"csat": "CSAT (1–5)", "ces": "CES (1–7)"}
MIN_RESPONSES = 30
COLUMNS = ["touchpoint", "driver", "n", "beta", "ci_low", "ci_high", "p_value", "p_adjusted", "verdict"]


def _strength(beta: float) -> str:
    size = abs(beta)
    word = "strongly" if size >= 0.5 else "moderately" if size >= 0.3 else "weakly"
    way = "more" if beta > 0 else "less"
    return f"goes {word} with {way} willingness to recommend"


def _fit(frame: pd.DataFrame) -> list[dict[str, object]]:
    """OLS of the 0–10 score on both ratings, all standardized; HC3 errors (the scores are not normal)."""
    data = frame.dropna(subset=list(DRIVERS)).astype(float)
    if len(data) < MIN_RESPONSES or (data.std(ddof=1) == 0).any():
        return []
    z = (data - data.mean()) / data.std(ddof=1)
    model = sm.OLS(z["nps"].to_numpy(), sm.add_constant(z[list(DRIVERS)].to_numpy())).fit(cov_type="HC3")
    low, high = model.conf_int(0.05).T
    return [
        {"driver": name, "n": len(data), "beta": float(model.params[i + 1]), "ci_low": float(low[i + 1]),
         "ci_high": float(high[i + 1]), "p_value": float(model.pvalues[i + 1])}
        for i, name in enumerate(DRIVERS)
    ]  # fmt: skip


def drivers(responses: pd.DataFrame) -> pd.DataFrame:
    """Per touchpoint (and all together), the standardized coefficient of CSAT and of CES on the 0–10 score.

    Only responses that carry both ratings count; a touchpoint needs 30 of them. p-values are
    Benjamini–Hochberg adjusted across every coefficient shown. An association in survey answers,
    not a cause: the same mood colours all three answers.
    """
    rows = [{"touchpoint": "all", **r} for r in _fit(responses[["nps", *DRIVERS]])]
    for tp, group in responses.groupby("touchpoint"):
        rows += [{"touchpoint": str(tp), **r} for r in _fit(group[["nps", *DRIVERS]])]
    frame = pd.DataFrame(rows, columns=[c for c in COLUMNS if c not in ("p_adjusted", "verdict")])
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame["p_adjusted"] = bh_adjust(frame["p_value"].tolist())
    frame["verdict"] = [
        _strength(b) if q is not None and q < 0.05 else "no clear link"
        for b, q in zip(frame["beta"], frame["p_adjusted"], strict=True)
    ]
    return frame[COLUMNS]


def driver_table(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The coefficients as the page and CSV show them, with the verdict in words beside each."""
    return pd.DataFrame(
        {
            "Touchpoint": table["touchpoint"].map(lambda t: "All touchpoints" if t == "all" else names.get(t, t)),
            "Rating": table["driver"].map(DRIVERS),
            "Responses": table["n"].map(lambda n: f"{int(n):,}"),
            "Standardized coefficient": table["beta"].map(lambda b: f"{b:+.2f}"),
            "95% CI": [f"{lo:+.2f} to {hi:+.2f}" for lo, hi in zip(table["ci_low"], table["ci_high"], strict=True)],
            "Verdict": table["verdict"],
        }
    )


def driver_sentence(table: pd.DataFrame, label: str) -> str | None:
    """The all-touchpoints result in one sentence, e.g. "Across touchpoints, CSAT goes strongly with …"."""
    overall = table[table["touchpoint"] == "all"]
    if overall.empty:
        return None
    parts = [
        f"{DRIVERS[str(r['driver'])].split(' (')[0]} {r['verdict']} "
        f"(standardized {r['beta']:+.2f}, 95% CI {r['ci_low']:+.2f} to {r['ci_high']:+.2f})"
        for _, r in overall.iterrows()
    ]
    n = int(overall["n"].iloc[0])
    head = f"In {label}, across {n:,} responses with both ratings: "
    return head + "; ".join(parts) + ". This is association, not cause."
