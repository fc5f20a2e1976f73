"""The Governance page: operating models over time, side by side, their consistency and switch effects."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import governance as gov
from cxdash import queries
from cxdash.governance.switch_words import PLACEBO_TEST, PRETREND_TEST
from cxdash.governance.verdict import TEST_NAME
from cxdash.queries import governance as gq
from cxdash.views.overview import thresholds

DID_NOTE = (
    "Difference-in-differences: the switching region's change from before to after, minus the change in the regions "
    "that kept one model through the window (a region that switched inside the window is never a comparison "
    "region). p comes from a placebo test over those regions, so with k of them it cannot go below 1/(k + 1). "
    "Intervals resample region-months (fixed seed) and are given only with at least 3 months on each side."
)
EFFECTS_OVER = {"period": "the chosen period", "history": "the whole history"}
# The page's sections, one open at a time; a link names one by its label (``?governance_tab=…``).
SECTIONS = ("Models compared", "Consistency", "Before and after a switch", "History and changes")


@dataclass(frozen=True)
class GovernanceView:
    start: date
    end: date
    months: tuple[date, ...]
    region_codes: list[str]
    spans: pd.DataFrame
    switches: pd.DataFrame
    comparison: pd.DataFrame
    pairs: tuple[gov.ModelPair, ...]
    consistency: pd.DataFrame
    effects: pd.DataFrame
    paths: pd.DataFrame
    effects_over: str
    window: tuple[date, date]
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
    def regions_note(self) -> str:
        """How many regions stand behind the comparison, and how switched regions count."""
        switched = sorted({c for s in self.comparison["switched"] for c in str(s).split(", ") if c})
        ran = sorted({c for s in self.comparison["region_codes"] for c in str(s).split(", ") if c})
        text = f"{len(ran)} regions ran a recorded model in this period."
        if switched:
            text += (
                f" {', '.join(switched)} ran two models, so {'it appears' if len(switched) == 1 else 'they appear'} "
                "under both, for the months of each; every comparison counts a region once."
            )
        return text

    @property
    def switch_notes(self) -> list[str]:
        """Every switch in the history; those the chosen window cannot show as before/after say why."""
        first, last = self.window
        notes = []
        for r in self.switches.to_dict("records"):
            text = f"{r['region']}: {r['from_model']} → {r['to_model']} from {r['month']:%B %Y}"
            if r["month"] <= first:
                text += " (no months before it in this window: start earlier or use the whole history)"
            elif r["month"] > last:
                text += " (after this window: end it later or use the whole history)"
            notes.append(text + ".")
        return notes


def caveat(regions: int) -> str:
    """The plain warning every reading of this page needs."""
    return (
        "This is an observational comparison: regions differ in market, customers and history, not only in how "
        f"CX is run, so a gap between models is not proof that the model causes it. With {regions} regions, "
        "differences between models are hard to separate from differences between regions, so the comparisons are "
        "made region by region and their intervals are wide; where the data cannot tell two models apart, this page "
        "says so."
    )


def governance(session: Session, start: date, end: date, effects_over: str = "period") -> GovernanceView:
    """Everything the Governance page shows for the months from ``start`` to ``end``, read from rollups.

    Switch effects use the same months, or every month with data when ``effects_over`` is "history".
    """
    if effects_over not in EFFECTS_OVER:
        raise ValueError(f"effects_over must be one of {', '.join(EFFECTS_OVER)}; got {effects_over!r}")
    if start > end:
        start, end = end, start
    th = thresholds(session)
    everything = queries.months_with_data(session)
    months = [m for m in everything if start <= m <= end]
    window = everything if effects_over == "history" else months
    codes = list(queries.regions(session)["region"])
    changes = gq.governance_changes(session)
    whole = gov.model_by_month(changes, codes, everything)
    timeline = gov.model_by_month(changes, codes, months)
    cells = gq.rollup_cells(session, months=window)
    retention = queries.retention(session, months=window)
    here = cells[cells["month"].isin(months)]
    tagged = gov.with_models(here, timeline)
    in_window = gov.model_by_month(changes, codes, window)
    controls, switchers = gov.roles(in_window, whole)
    return GovernanceView(
        start=start,
        end=end,
        months=tuple(months),
        region_codes=codes,
        spans=gov.model_spans(whole),
        switches=gov.switches(whole),
        comparison=gov.compare_models(
            tagged, gov.with_models(retention[retention["month"].isin(months)], timeline), th
        ),
        pairs=gov.model_pair_verdicts(tagged, th),
        consistency=gov.regional(tagged, th),
        effects=gov.switch_effects(cells, retention, in_window, whole, th),
        paths=gov.switch_paths(cells, {r: s.before + s.after for r, s in switchers.items()}, controls, th),
        effects_over=effects_over,
        window=(window[0], window[-1]) if window else (start, end),
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


def _pct(value: object, fmt: str) -> str:
    return _num(value, fmt, 100.0) + ("" if _missing(value) else "%")


def _regions(codes: str, switched: str) -> str:
    names = [c for c in codes.split(", ") if c]
    moved = {c for c in switched.split(", ") if c}
    return f"{len(names)}: " + ", ".join(f"{c} (part of the period)" if c in moved else c for c in names)


HELP = {
    "Region-level NPS": "Mean of the monthly NPS of the regions under this model, each region-month under the "
    "model it ran that month. 95% interval: OLS with errors clustered by region (Student's t, regions − 1 "
    "degrees of freedom).",
    "Pooled NPS (description)": "NPS of all responses under the model taken together. Description only: it treats "
    "responses as independent, so its interval is far too narrow for comparing models.",
    "Verdict": "Region-level test: " + TEST_NAME + " For a switch: the placebo test below.",
    "NPS effect (vs others)": "Difference-in-differences: the region's NPS change from before to after the switch, "
    "minus the change of the regions that kept their model over the same months.",
    "p (adjusted)": TEST_NAME,
    "p (placebo)": PLACEBO_TEST,
    "Trend before": PRETREND_TEST,
    "NPS 95% CI": "Bootstrap over region-months on each side (fixed seed): month-to-month noise only, not the choice "
    "of comparison regions (the placebo p covers that). Refused with fewer than 3 months on a side.",
}


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """The side-by-side comparison as people read it (one row per model); region level first."""
    rows = [
        {
            "Model": r["model"],
            "Regions": _regions(r["region_codes"], r["switched"]),
            "Region-level NPS": _num(r["region_nps"], ".1f"),
            "95% CI (regions)": _ci(r["region_ci_low"], r["region_ci_high"], ".1f"),
            "Region-months": f"{int(r['region_months']):,}",
            "Responses": f"{int(r['n']):,}",
            "Pooled NPS (description)": _num(r["nps"], ".1f"),
            "Pooled 95% CI (responses as independent)": _ci(r["ci_low"], r["ci_high"], ".1f"),
            "Spread across regions": _num(r["region_spread"], ".1f"),
            "Spread across touchpoints": _num(r["touchpoint_spread"], ".1f"),
            "Monthly retention": _pct(r["retention"], ".2f"),
            "CSAT": _pct(r["csat"], ".1f"),
            "CES": _num(r["ces"], ".2f"),
        }
        for r in comparison.to_dict("records")
    ]
    return pd.DataFrame(rows)


def pairs_table(pairs: tuple[gov.ModelPair, ...], *, words: bool = False) -> pd.DataFrame:
    """Every two models: the verdict, the region-level difference with its interval and adjusted p, the regions.

    ``words`` adds the full verdict sentence (the CSV download carries it).
    """
    rows = []
    for pair in pairs:
        d = pair.difference
        row = {
            "Models": f"{pair.first} vs {pair.second}",
            "Verdict": pair.headline.capitalize(),
            "Difference (first − second)": _num(d.value, "+.1f"),
            "95% CI (regions)": _ci(d.ci_low, d.ci_high),
            "p (adjusted)": gov.p_text(pair.p_adjusted),
            "Regions": f"{pair.regions} ({len(pair.regions_first)} vs {len(pair.regions_second)})",
        }
        if words:
            row["In words"] = pair.verdict
        rows.append(row)
    return pd.DataFrame(rows)


def effects_table(effects: pd.DataFrame, *, words: bool = False) -> pd.DataFrame:
    """Switch effects as people read them (one row per region that switched); ``words`` adds the verdict sentence."""
    rows = [
        {
            "Region": r["region"],
            "Switch": f"{r['from_model']} → {r['to_model']} ({r['switch_month']:%b %Y})",
            "Months before / after": f"{r['months_before']} / {r['months_after']}",
            "NPS before → after": f"{_num(r['nps_before'], '.1f')} → {_num(r['nps_after'], '.1f')}",
            "Others before → after": f"{_num(r['control_nps_before'], '.1f')} → {_num(r['control_nps_after'], '.1f')}",
            "Verdict": gov.switch_headline(r),
            "NPS effect (vs others)": _num(r["did_nps"], "+.1f"),
            "p (placebo)": _placebo(r["placebo_p"], r["controls"]),
            "NPS 95% CI": "too few months" if r["no_interval"] else _ci(r["did_nps_low"], r["did_nps_high"]),
            "Trend before": gov.pretrend_short(r),
            "Retention effect (pp)": _num(r["did_retention"], "+.2f", 100.0),
            "Retention 95% CI": "too few months"
            if r["no_interval"]
            else _ci(r["did_retention_low"], r["did_retention_high"], "+.2f", 100.0),
            "Compared with": r["control_regions"] or "no region kept its model",
        }
        | ({"In words": gov.switch_verdict(r)} if words else {})
        for r in effects.to_dict("records")
    ]
    return pd.DataFrame(rows)


def _placebo(p: object, k: object) -> str:
    if _missing(p) or not isinstance(p, float) or not isinstance(k, int):
        return "no test possible"
    return f"{gov.p_text(p)} (lowest possible 1/{k + 1})"


def effect_sentences(effects: pd.DataFrame) -> list[str]:
    """One plain sentence per switcher on what its switch did to NPS (the same sentence the deck shows)."""
    if effects.empty:
        return ["No region switched model within this window, so there is no before/after to show; widen it."]
    return [gov.switch_verdict(r) for r in effects.to_dict("records")]
