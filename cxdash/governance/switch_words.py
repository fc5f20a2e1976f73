"""One plain sentence per switch of model: what the before/after shows, how sure it is, and the pre-trend."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from fractions import Fraction
from typing import Any

from cxdash.governance.did import MIN_MONTHS
from cxdash.governance.verdict import p_text

PLACEBO_TEST = (
    "Placebo (permutation) test: each region that kept its model all window is treated as if it had switched in "
    "the same months; p is the share of those placebo effects at least as large as the real one, counting the "
    "real one. With k comparison regions the smallest possible p is 1/(k + 1). Benjamini–Hochberg across the "
    "switches shown."
)
PRETREND_TEST = "OLS trend of the monthly NPS gap (region − comparison regions) before the switch, t-test on the slope."


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _floor(k: int) -> str:
    return f"1/{k + 1} = {float(Fraction(1, k + 1)):.3f}"


def pretrend_text(row: Mapping[Hashable, Any]) -> str:
    """The pre-trend check in words."""
    if _missing(row["pretrend_slope"]):
        return f"Too few months before the switch (fewer than {MIN_MONTHS}) to check the trend before it."
    slope, p = float(row["pretrend_slope"]), row["pretrend_p"]
    said = f"{slope:+.1f} points a month, {p_text(None if _missing(p) else float(p))}"
    if not _missing(p) and float(p) < 0.05:
        return f"Before the switch the gap to the comparison regions was already moving ({said}): read with caution."
    return f"Before the switch the gap to the comparison regions held steady ({said})."


def pretrend_short(row: Mapping[Hashable, Any]) -> str:
    """The pre-trend check as a table cell: its verdict first, then the slope and p."""
    if _missing(row["pretrend_slope"]):
        return "too few months"
    p = row["pretrend_p"]
    moving = not _missing(p) and float(p) < 0.05
    words = "already moving: read with caution" if moving else "steady"
    return f"{words} ({float(row['pretrend_slope']):+.1f} pts/month, {p_text(None if _missing(p) else float(p))})"


def switch_headline(row: Mapping[Hashable, Any]) -> str:
    """The switch's verdict in a few words, for a table cell beside its figures (``switch_verdict`` says it all)."""
    if not row["control_regions"]:
        return "nothing to compare with"
    if _missing(row["did_nps"]):
        return "too few responses"
    if row["no_interval"]:
        return "too few months to tell"
    if row["significant"]:
        return "a real change"
    if int(row["placebo_larger"]) == 0:
        return "suggestive, not proof"
    return "can't tell from chance"


def switch_verdict(row: Mapping[Hashable, Any]) -> str:
    """THE sentence on one switch (a row of ``switch_effects``); the page, the CSV and the deck show it."""
    head = f"{row['region']} ({row['from_model']} → {row['to_model']}, {row['switch_month']:%b %Y})"
    if not row["control_regions"]:
        return f"{head}: no region kept one model through this window, so there is nothing to compare it with."
    if _missing(row["did_nps"]):
        return f"{head}: too few responses for a comparison."
    did, k = float(row["did_nps"]), int(row["controls"])
    moved = f"NPS moved {did:+.1f} points against the {int(row['controls'])} regions that kept their model"
    if row["no_interval"]:
        return (
            f"{head}: {moved}, but the window holds only {row['months_before']} month(s) before and "
            f"{row['months_after']} after the switch; at least {MIN_MONTHS} on each side are needed for an "
            "interval or a trend check, so the data cannot tell whether the switch made a difference. Choose a "
            "longer window."
        )
    p = float(row["placebo_p"])
    if row["significant"]:
        return f"{head}: {moved}, more than the placebo runs of those regions ({p_text(p)}). {pretrend_text(row)}"
    if int(row["placebo_larger"]) == 0:
        return (
            f"{head}: {moved}, more than any of them moved in a placebo run ({p_text(p)}, the smallest possible with "
            f"{k} comparison regions: {_floor(k)}). Suggestive, not proof: more comparison regions would be needed "
            f"to rule out chance. {pretrend_text(row)}"
        )
    return (
        f"{head}: {moved}, but {row['placebo_larger']} of them moved as much in a placebo run ({p_text(p)}): the "
        f"data cannot tell whether the switch made a difference. {pretrend_text(row)}"
    )
