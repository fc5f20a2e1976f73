"""The bridge and the impact table told in one sentence each, for the page, the deck and the digest."""

from __future__ import annotations

import pandas as pd

from cxdash.why.bridge import Bridge

BRIDGE_METHOD = (
    "Shift-share decomposition with midpoint weights: a group's part = its average share × its own NPS change "
    "(rate) + its change in share × its average NPS minus the overall level (mix). The parts add up exactly to "
    "the change. Groups with fewer than 5 responses in either month are pooled and shown as one figure, with no "
    "rate or mix; when the pool would be one group alone, or under 5 responses in a month, its figure would be "
    "that small group's own, so those groups are left out and the bridge runs between the other groups' NPS."
)


def signed(points: float) -> str:
    """Points with their sign and a true minus, as every "why" sentence writes them (never "−0.0")."""
    return f"{round(points, 1) + 0.0:+.1f}".replace("-", "−")


def _part(row: pd.Series, name: str) -> str:
    """One group's points; a pooled group's as one figure (no rate or mix can be shown for it)."""
    if pd.isna(row["rate"]):
        return f"{name} together {signed(row['total'])}"
    split = f"{signed(row['rate'])} its own NPS, {signed(row['mix'])} its share of responses"
    return f"{name} {signed(row['total'])} ({split})"


def left_out_clause(bridge: Bridge, names: dict[str, str] | None = None) -> str:
    """'Without C (fewer than 5 responses in a month, so not shown), ' — or nothing when no group is left out."""
    if not bridge.left_out:
        return ""
    listed = ", ".join((names or {}).get(g, g) for g in bridge.left_out)
    return f"Without {listed} (fewer than 5 responses in a month, so not shown), "


def bridge_title(bridge: Bridge, labels: tuple[str, str], by: str, names: dict[str, str] | None = None) -> str:
    """The waterfall's title, saying which groups it leaves out."""
    without = f", without {', '.join((names or {}).get(g, g) for g in bridge.left_out)}" if bridge.left_out else ""
    return f"NPS from {labels[0]} to {labels[1]}, by {by}{without}"


def bridge_sentence(bridge: Bridge, key: str, names: dict[str, str] | None = None) -> str:
    """'NPS fell 5.2 points: DACH −3.4 (−3.1 its own NPS, −0.3 its share of responses); …' — biggest movers first."""
    names = names or {}
    verb = "rose" if bridge.change > 0.05 else "fell" if bridge.change < -0.05 else "held steady, moving"
    head = f"NPS {verb} {abs(bridge.change):.1f} points ({bridge.before:.1f} → {bridge.after:.1f})"
    if bridge.left_out:
        head = left_out_clause(bridge, names) + head
    parts = bridge.parts.reindex(bridge.parts["total"].abs().sort_values(ascending=False).index).head(3)
    pieces = [_part(row, names.get(str(row[key]), str(row[key]))) for _, row in parts.iterrows()]
    return f"{head}: {'; '.join(pieces)}." if pieces else f"{head}."


def impact_sentence(impact: pd.DataFrame, names: dict[str, str] | None = None) -> str | None:
    """The touchpoint that costs most, its owner, and whether that cost is real after the multiple-testing control."""
    names = names or {}
    if impact.empty or float(impact["impact"].iloc[0]) >= 0:
        return None
    worst = impact.iloc[0]
    name = names.get(str(worst["touchpoint"]), str(worst["touchpoint"]))
    interval = f"95% CI {signed(-worst['ci_high'])} to {signed(-worst['ci_low'])}"
    owner = f"accountable: {worst['owner']}"
    if str(worst["verdict"]).startswith("costs"):
        gain = f"{-worst['impact']:.1f}"
        return f"If {name} matched the rest of the journey, NPS would be {gain} points higher ({interval}); {owner}."
    doubt = {
        "too few responses to tell": "it has too few responses to tell",
        "can't tell from the rest": "that cannot be told from noise once every touchpoint's test is counted",
    }.get(str(worst["verdict"]), "the test is undefined")
    return f"{name} costs the most ({-worst['impact']:.1f} points, {interval}), but {doubt}; {owner}."


def impact_table(impact: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The impact table as a page or CSV shows it: worst first, rounded, a verdict in words beside each figure."""
    bounds = zip(impact["ci_low"], impact["ci_high"], strict=True)
    return pd.DataFrame(
        {
            "Touchpoint": impact["touchpoint"].map(lambda t: names.get(str(t), str(t))),
            "Accountable": impact["owner"],
            "Responses": impact["n"].map(lambda n: f"{int(n):,}"),
            "Share": impact["share"].map(lambda s: f"{100 * s:.1f}%"),
            "NPS gap to the rest": impact["gap"].map(signed),
            "Points of NPS": impact["impact"].map(signed),
            "95% CI": [f"{signed(lo)} to {signed(hi)}" for lo, hi in bounds],
            "Verdict": impact["verdict"],
        }
    )


def themes_table(table: pd.DataFrame) -> pd.DataFrame:
    """Comment themes as the page and CSV show them; NPS blank under 5 mentions (too few to show)."""

    def nps(row: pd.Series) -> str:
        if pd.isna(row["nps"]):
            return "too few to show"
        return f"{row['nps']:.0f} ({row['ci_low']:.0f} to {row['ci_high']:.0f})"

    return pd.DataFrame(
        {
            "Theme": table["theme"],
            "Mentions": table["mentions"].map(lambda n: f"{int(n):,}"),
            "NPS of those mentioning it (95% CI)": [nps(r) for _, r in table.iterrows()],
            "Negative in tone": table["negative"].map(lambda s: "—" if pd.isna(s) else f"{100 * s:.0f}%"),
            "Share of comments": table["share"].map(lambda s: f"{100 * s:.0f}%"),
            "Top terms": table["terms"],
        }
    )
