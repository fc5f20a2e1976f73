"""How the Regions page writes its figures: readable tables (also the CSV) and the compare tiles."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import replace
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from cxdash.overview import Kpi, Thresholds
from cxdash.present import Tile, escape_markdown, month_label, tile
from cxdash.regions.claims import PERIOD_HELP as PERIOD_HELP
from cxdash.regions.claims import family_words
from cxdash.regions.period import Period

MUTED_TEXT = "color: #8a8a8a"
TARGET_SCOPE = {"region": "this region", "company": "company (no regional target)", "none": "no target set"}
RETENTION_12M_HELP = (
    "Share of the customers at the start of the 12 months ending this month still customers at its end, chained "
    "from the monthly rates: the product of the 12 monthly retention figures (end − new) / start."
)


def sample_text(sample: str, th: Thresholds) -> str:
    """Table wording of a sample class, with the thresholds in force."""
    return {
        "ok": f"n ≥ {th.low}",
        "low": f"low sample (n < {th.low})",
        "suppressed": f"suppressed (n < {th.suppress})",
    }[sample]


def p_text(value: object) -> str | None:
    """A p-value as printed: three decimals, "< 0.001" below that, None (a blank cell) without a test."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    p = float(value)  # type: ignore[arg-type]
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def _p(series: pd.Series) -> list[str | None]:
    return [p_text(v) for v in series]


def _round(series: pd.Series, digits: int, scale: float = 1.0) -> pd.Series:
    return (series.astype("float64") * scale).round(digits)


def rank_display(table: pd.DataFrame, comparison: str, th: Thresholds) -> pd.DataFrame:
    """The rank table with readable headers, rounded figures and the sample and test written out."""
    return pd.DataFrame(
        {
            "NPS rank": table["rank_label"],
            "Region": table["region"],
            "Name": table["region_name"],
            "NPS": _round(table["nps"], 1),
            "95% CI low": _round(table["ci_low"], 1),
            "95% CI high": _round(table["ci_high"], 1),
            "Responses": table["n"],
            "Sample": [sample_text(s, th) for s in table["sample"]],
            f"Change vs {comparison} (pts)": _round(table["change"], 1),
            "p-value": _p(table["p_value"]),
            "Adjusted p (BH)": _p(table["p_adjusted"]),
            "Change test": table["change_note"],
            "Retention % (month)": _round(table["retention"], 2, 100.0),
            "Retention % (12 months, chained)": _round(table["retention_12m"], 2, 100.0),
            "NPS target": table["target"],
            "Target set for": table["target_scope"].map(TARGET_SCOPE),
            "NPS vs target (pts)": _round(table["vs_target"], 1),
            "Against target": table["target_status"],
        }
    )


def rank_essentials(comparison: str) -> list[str]:
    """The rank table's columns a reader needs first; intervals, p-values, retention and targets are one pick away."""
    return ["NPS rank", "Region", "Name", "NPS", "Responses", f"Change vs {comparison} (pts)", "Change test",
            "Against target"]  # fmt: skip


def gap_display(gaps: pd.DataFrame, region: str) -> pd.DataFrame:
    """The gap table: the region against each comparator, per scope, with the test written out."""
    return pd.DataFrame(
        {
            "Period": gaps["scope"],
            "Compared with": gaps["comparator"],
            f"{region} NPS": _round(gaps["region_nps"], 1),
            f"{region} responses": gaps["region_n"],
            "Their NPS": _round(gaps["other_nps"], 1),
            "Their responses": gaps["other_n"],
            f"Gap (pts, {region} − them)": _round(gaps["gap"], 1),
            "p-value": _p(gaps["p_value"]),
            "Adjusted p (BH)": _p(gaps["p_adjusted"]),
            "Test": gaps["note"],
        }
    )


def breakdown_display(frame: pd.DataFrame, th: Thresholds) -> pd.DataFrame:
    """Touchpoint or stage rows: NPS with CI, sample, and the gap to the rest of the company."""
    return pd.DataFrame(
        {
            "Stage": frame["stage"],
            "Touchpoint": frame["label"],
            "NPS": _round(frame["nps"], 1),
            "95% CI low": _round(frame["ci_low"], 1),
            "95% CI high": _round(frame["ci_high"], 1),
            "Responses": frame["n"],
            "Sample": [sample_text(s, th) for s in frame["sample"]],
            "Rest of company NPS": _round(frame["rest_nps"], 1),
            "Gap (pts)": _round(frame["gap"], 1),
            "p-value": _p(frame["p_value"]),
            "Adjusted p (BH)": _p(frame["p_adjusted"]),
            "Test": frame["note"],
        }
    )


def muted(display: pd.DataFrame, flags: pd.Series) -> Styler:
    """Grey out the rows flagged (low or suppressed samples, gaps with no claim), as the charts do."""
    grey = [bool(f) for f in flags]

    def style(row: pd.Series) -> list[str]:
        return [MUTED_TEXT if grey[int(str(row.name))] else "" for _ in row]

    frame = display.reset_index(drop=True)
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    texts: list[Hashable] = [c for c in frame.columns if c not in floats]
    formats: dict[Any, Any] = {c: _format(str(c)) for c in floats}
    # Text cells without a value (a p-value with no test) read "—" like the numbers, not "None".
    return frame.style.apply(style, axis=1).format(formats, na_rep="—").format(None, subset=texts, na_rep="—")


def _format(column: str) -> str:
    return "{:.2f}" if column.startswith("Retention") else "{:.1f}"


def period_note(period: Period, th: Thresholds) -> str:
    """What the page's figures are and how their changes are judged, in one sentence or three."""
    focus, against = month_label(period.end), month_label(period.comparison_month)
    return (
        f"Trends run {month_label(period.start)} – {focus}. Month figures are for {focus}, compared with the "
        f"{period.comparison_label} ({against}); ✱ or “significant” means a figure that holds (p < 0.05) once the "
        f"tests judged with it are allowed for: {family_words(period)}; a gap with the other gaps in its table. "
        "NPS rank: the ranks a region's 95% interval allows (“1–3”: "
        f"cannot be told apart from the regions it overlaps). Fewer than {th.low} responses is a low sample: muted, "
        f"unranked and never called significant; fewer than {th.suppress} hides the value."
    )


def _value(row: Mapping[Any, Any], key: str) -> float | None:
    value = row.get(key)
    return None if value is None or pd.isna(value) else float(value)


def compare_tiles(
    region: Mapping[Any, Any],
    company: Mapping[Any, Any],
    gap: Mapping[Any, Any],
    retention: Mapping[Any, Any],
    previous_label: str,
    change_help: str | None = None,
) -> list[Tile]:
    """Tiles for the chosen region: its NPS, the company's, the gap to the rest, and its retention.

    ``change_help`` (``change_help(period)``): the two NPS tiles' help, naming the family their change is
    adjusted in; without it they keep the Overview's, which speaks of the month before."""
    nps = Kpi(
        "nps",
        f"{escape_markdown(str(region['region']))} NPS",
        _value(region, "nps"),
        _value(region, "comparison_nps"),
        None,
        int(region["n"]),
        str(region["sample"]),
    )
    whole = Kpi(
        "nps",
        "Company NPS",
        _value(company, "nps"),
        _value(company, "comparison_nps"),
        None,
        int(company["n"]),
        str(company["sample"]),
        significant=company["significant"],
        p_value=_value(company, "p_value"),
        p_adjusted=_value(company, "p_adjusted"),
    )
    kept = Kpi("retention", "Retention", _value(retention, "monthly"), _value(retention, "previous"), None, 0, "ok")
    shown = [_region_tile(tile(nps, previous_label), region), tile(whole, previous_label)]
    helped = shown if change_help is None else [replace(t, help=change_help) for t in shown]
    tiles = [*helped, _gap_tile(gap)]
    tiles.append(tile(kept, previous_label))
    year = _value(retention, "chained_12m")
    tiles.append(
        Tile(
            "Retention, 12 months (chained)",
            "—" if year is None else f"{year * 100:.1f}%",
            None,
            "off",
            "needs 12 months of customer counts" if year is None else "chained monthly retention",
            RETENTION_12M_HELP,
        )
    )
    return tiles


def target_note(row: Mapping[Any, Any]) -> str:
    """The region's standing against its NPS target, saying whose target it is (the one target rule)."""
    target, status = _value(row, "target"), str(row["target_status"])
    if target is None:
        return "no NPS target set"
    if row["target_scope"] == "company":
        return f"no regional target; company target {target:.1f}: {status}"
    return f"target {target:.1f}: {status}"


def _p_words(value: object) -> str:
    text = p_text(value) or "—"
    return text if text.startswith("<") else f"= {text}"


def _region_tile(shown: Tile, row: Mapping[Any, Any]) -> Tile:
    """The region's NPS tile with its change judged as in the rank table (adjusted p) and its target."""
    notes = [shown.note] if shown.note else []
    significant = row["significant"] is True
    if row["significant"] is not None and not pd.isna(row["significant"]):
        verdict = "significant change" if significant else "change within noise"
        notes.append(f"{verdict} (adjusted p {_p_words(row['p_adjusted'])})")
    if shown.value != "—":
        notes.append(target_note(row))
    label = f"{shown.label} ✱" if significant else shown.label
    return replace(shown, label=label, note=" · ".join(notes))


def _gap_tile(gap: Mapping[Any, Any]) -> Tile:
    value = _value(gap, "gap")
    other = _value(gap, "other_nps")
    notes = [str(gap["note"])]
    if other is not None:
        notes.append(f"rest of company {other:.1f} (n = {int(gap['other_n']):,})")
    return Tile(
        "Gap vs rest of company ✱" if gap["significant"] else "Gap vs rest of company",
        "—" if value is None else f"{value:+.1f} pts",
        None,
        "off",
        " · ".join(notes),
        "This region's NPS minus the pooled NPS of every other region in the same months, tested with a Wald test "
        "between the two groups (not the change over time on the NPS tile); ✱ when the p-value stays below 0.05 "
        "after Benjamini–Hochberg adjustment over the gap table. The rest of the company excludes the region, so "
        "the two groups share no responses.",
    )
