"""The Governance page: operating models over time, side by side, their consistency and switch effects."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import pandas as pd
from sqlmodel import Session

from cxdash import governance as gov
from cxdash import queries
from cxdash.queries import governance as gq
from cxdash.views.overview import thresholds

DID_NOTE = (
    "Difference-in-differences: the switching region's change from before to after, minus the change in regions "
    "that kept one model over the same months. Intervals are 95% bootstrap intervals (fixed seed)."
)


@dataclass(frozen=True)
class GovernanceView:
    start: date
    end: date
    months: tuple[date, ...]
    region_codes: list[str]
    spans: pd.DataFrame
    switches: pd.DataFrame
    comparison: pd.DataFrame
    pairs: dict[tuple[str, str], gov.ModelPair]  # (first, second) → first − second
    consistency: pd.DataFrame
    effects: pd.DataFrame
    changes: pd.DataFrame
    caveat: str
    low_sample: int

    @property
    def consistency_note(self) -> str:
        """How to read the level-vs-spread chart."""
        return (
            "Each dot is a region under one model (a region that switched appears once per model). Right is a higher "
            "NPS; lower is more consistent across touchpoints. Spread is the standard deviation of touchpoint NPS "
            f"beyond sampling noise; grey dots have fewer than {self.low_sample} responses."
        )

    @property
    def switch_notes(self) -> list[str]:
        """Every switch in the history; those the chosen period cannot show as before/after say why."""
        notes = []
        for r in self.switches.to_dict("records"):
            text = f"{r['region']}: {r['from_model']} → {r['to_model']} from {r['month']:%B %Y}"
            if r["month"] <= self.start:
                text += " (no months before it in this period: start the period earlier to see its before/after)"
            elif r["month"] > self.end:
                text += " (after this period: end the period later to see its before/after)"
            notes.append(text + ".")
        return notes


def caveat(regions: int) -> str:
    """The plain warning every reading of this page needs."""
    return (
        "This is an observational comparison: regions differ in market, customers and history, not only in how "
        f"CX is run, so a gap between models is not proof that the model causes it. With {regions} regions, "
        "differences between models are hard to separate from differences between regions, so region-level "
        "intervals are wide; where the data cannot tell two models apart, this page says so."
    )


def governance(session: Session, start: date, end: date) -> GovernanceView:
    """Everything the Governance page shows for the months from ``start`` to ``end``, read from rollups."""
    if start > end:
        start, end = end, start
    th = thresholds(session)
    everything = queries.months_with_data(session)
    months = [m for m in everything if start <= m <= end]
    codes = list(queries.regions(session)["region"])
    changes = gq.governance_changes(session)
    whole = gov.model_by_month(changes, codes, everything)
    timeline = gov.model_by_month(changes, codes, months)
    cells = gq.rollup_cells(session, months=months)
    retention = queries.retention(session, months=months)
    tagged = gov.with_models(cells, timeline)
    comparison = gov.compare_models(tagged, gov.with_models(retention, timeline), th)
    # Each pair once, in model order, read as "first vs second" (first − second): model_pair gives b − a.
    pairs = {
        (first, second): gov.model_pair(tagged, second, first, th)
        for first, second in combinations(comparison["model"], 2)
    }
    return GovernanceView(
        start=start,
        end=end,
        months=tuple(months),
        region_codes=codes,
        spans=gov.model_spans(whole),
        switches=gov.switches(whole),
        comparison=comparison,
        pairs=pairs,
        consistency=gov.regional(tagged, th),
        effects=gov.switch_effects(cells, retention, timeline, th),
        changes=changes,
        caveat=caveat(len(codes)),
        low_sample=th.low,
    )


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _num(value: object, fmt: str, scale: float = 1.0) -> str:
    return "—" if _missing(value) or not isinstance(value, int | float) else format(float(value) * scale, fmt)


def _ci(low: object, high: object, fmt: str = "+.1f", scale: float = 1.0) -> str:
    if _missing(low) or _missing(high):
        return "no interval"
    return f"{_num(low, fmt, scale)} to {_num(high, fmt, scale)}"


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """The side-by-side comparison as people read it (one row per model)."""
    rows = [
        {
            "Model": r["model"],
            "Regions": f"{r['regions']} ({r['region_codes']})",
            "Responses": int(r["n"]),
            "NPS": _num(r["nps"], ".1f"),
            "95% CI": _ci(r["ci_low"], r["ci_high"], ".1f"),
            "Mean of regional NPS": _num(r["mean_regional_nps"], ".1f"),
            "Spread across regions": _num(r["region_spread"], ".1f"),
            "Spread across touchpoints": _num(r["touchpoint_spread"], ".1f"),
            "Monthly retention": _num(r["retention"], ".2f", 100.0) + ("%" if not _missing(r["retention"]) else ""),
            "CSAT": _num(r["csat"], ".1f", 100.0) + ("%" if not _missing(r["csat"]) else ""),
            "CES": _num(r["ces"], ".2f"),
        }
        for r in comparison.to_dict("records")
    ]
    return pd.DataFrame(rows)


def pairs_table(pairs: dict[tuple[str, str], gov.ModelPair]) -> pd.DataFrame:
    """Every two models side by side: the pooled NPS difference with its Wald 95% CI and p-value, region-level too."""
    rows = [
        {
            "Models": f"{pair.b} vs {pair.a}",
            "NPS difference (first − second)": _num(pair.pooled.delta, "+.1f"),
            "95% CI": _ci(pair.pooled.ci_low, pair.pooled.ci_high),
            "p-value": gov.p_text(pair.pooled.p_value),
            "Region-level difference": _num(pair.regional.delta, "+.1f"),
            "Region-level 95% CI": _ci(pair.regional.ci_low, pair.regional.ci_high),
            "Regions": f"{len(pair.regions_b)} vs {len(pair.regions_a)}",
            "Told apart?": "yes" if pair.distinguishable else "no",
        }
        for pair in pairs.values()
    ]
    return pd.DataFrame(rows)


def effects_table(effects: pd.DataFrame) -> pd.DataFrame:
    """Switch effects as people read them (one row per region that switched)."""
    rows = [
        {
            "Region": r["region"],
            "Switch": f"{r['from_model']} → {r['to_model']} ({r['switch_month']:%b %Y})",
            "Months before / after": f"{r['months_before']} / {r['months_after']}",
            "NPS before → after": f"{_num(r['nps_before'], '.1f')} → {_num(r['nps_after'], '.1f')}",
            "Others before → after": f"{_num(r['control_nps_before'], '.1f')} → {_num(r['control_nps_after'], '.1f')}",
            "NPS effect (DiD)": _num(r["did_nps"], "+.1f"),
            "NPS 95% CI": _ci(r["did_nps_low"], r["did_nps_high"]),
            "Retention effect (pp)": _num(r["did_retention"], "+.2f", 100.0),
            "Retention 95% CI": _ci(r["did_retention_low"], r["did_retention_high"], "+.2f", 100.0),
            "Compared with": r["control_regions"] or "no region kept its model",
        }
        for r in effects.to_dict("records")
    ]
    return pd.DataFrame(rows)


def effect_sentences(effects: pd.DataFrame) -> list[str]:
    """One plain sentence per switcher on what its switch did to NPS, honest about the interval."""
    if effects.empty:
        return ["No region switched model within this period, so there is no before/after to show; widen the period."]
    out = []
    for r in effects.to_dict("records"):
        head = f"{r['region']} ({r['from_model']} → {r['to_model']}, {r['switch_month']:%b %Y})"
        low, high, did = r["did_nps_low"], r["did_nps_high"], r["did_nps"]
        if _missing(did):
            reason = "no region kept its model" if not r["control_regions"] else "too few responses"
            out.append(f"{head}: no comparison possible ({reason}).")
        elif _missing(low) or r["sample"] != "ok":
            out.append(
                f"{head}: NPS changed {did:+.1f} points against other regions, but too little data for an interval."
            )
        elif low > 0 or high < 0:
            word = "rose" if did > 0 else "fell"
            out.append(
                f"{head}: NPS {word} {abs(did):.1f} points more than in regions that kept their model "
                f"(95% CI {low:+.1f} to {high:+.1f})."
            )
        else:
            out.append(
                f"{head}: NPS moved {did:+.1f} points against regions that kept their model, but the 95% interval "
                f"({low:+.1f} to {high:+.1f}) includes zero: the data cannot tell whether the switch made a difference."
            )
    return out


def history_table(changes: pd.DataFrame) -> pd.DataFrame:
    """The recorded model changes as people read them."""
    return pd.DataFrame(
        {"Region": changes["region"], "Model": changes["model"], "Effective from": changes["effective_from"]}
    )


def change_labels(changes: pd.DataFrame) -> dict[int, str]:
    """Each recorded change by id, labelled for a picker."""
    return {
        int(r["change_id"]): f"{r['region']} · {r['model']} from {r['effective_from']}"
        for r in changes.to_dict("records")
    }


def change_values(changes: pd.DataFrame, change_id: int) -> tuple[str, date]:
    """The model and date of one recorded change, to prefill its correction form."""
    row = changes[changes["change_id"] == change_id].iloc[0]
    return str(row["model"]), row["effective_from"]
