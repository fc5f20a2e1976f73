"""How figures are written for people: units, signs, small-sample and significance notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cxdash.overview import DECIMALS, Kpi, displayed, status_of

_PERCENT = {"retention", "csat"}
# Whole numbers that are names, not counts: written as they are, never "2,026".
_NOT_COUNTS = ("year", "id", "#", "key", "rank")


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    delta: str | None
    delta_color: str
    note: str
    help: str


def month_label(month: date) -> str:
    return f"{month:%B} {month.year}"


def month_key(month: date) -> str:
    """A month as YYYY-MM for URLs, keys and file names; strftime("%Y") drops the zeros of a year before 1000."""
    return f"{month.year:04d}-{month.month:02d}"


def from_month_key(text: str) -> date:
    """The first day of a YYYY-MM month (the inverse of month_key)."""
    return date(int(text[:4]), int(text[5:7]), 1)


def value_text(key: str, value: float) -> str:
    """A KPI's value as every page and the deck write it: percent, two decimals for CES, one for NPS."""
    if key in _PERCENT:
        return f"{value * 100:.1f}%"
    if key == "ces":
        return f"{value:.2f}"
    if key == "responses":
        return f"{value:,.0f}"
    return f"{value:.1f}"


def difference_text(key: str, diff: float) -> str:
    """A change in a KPI as written: percentage points, points or plain, always signed."""
    if key in _PERCENT:
        return f"{diff * 100:+.1f} pp"
    if key == "ces":
        return f"{diff:+.2f}"
    if key == "responses":
        return f"{diff:+,.0f}"
    return f"{diff:+.1f} pts"


def count_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of whole numbers that count something (responses, customers, rows), to be written "10,162"."""
    return [
        str(column)
        for column in frame.columns
        if pd.api.types.is_integer_dtype(frame[column])
        and not pd.api.types.is_bool_dtype(frame[column])
        and not any(word in str(column).lower().split() for word in _NOT_COUNTS)
    ]


def p_text(p: float, *, adjusted: bool = False) -> str:
    """A p-value as printed: "p = 0.042", "adjusted p < 0.001"."""
    name = "adjusted p" if adjusted else "p"
    return f"{name} < 0.001" if p < 0.001 else f"{name} = {p:.3f}"


STAR_NOTE = "✱ marks a change that stays significant (p < 0.05) when every change tested this month is allowed for."
STATUS_WORDS = {"on": "on target", "at risk": "at risk", "below": "below target"}
# The month's change family (cxdash.views.overview.adjusted_kpis): one adjusted p per claim on every page.
FAMILY = (
    "✱ and 'significant' use p-values adjusted by Benjamini–Hochberg across the month's change tests against the "
    "month before: the KPI tiles (NPS, CSAT, CES) and each region's NPS. The Regions page and the board pack "
    "adjust these changes in the same family, so a change reads the same adjusted p everywhere."
)
TARGET_RULE = (
    "Against target: below only when the whole 95% interval is below it, at risk when the value is below but "
    "the interval reaches it, compared as printed."
)
NPS_DEFINITION = (
    "Net Promoter Score: % promoters (9-10) minus % detractors (0-6), from -100 to 100; 95% interval: adjusted Wald."
)
_HELP = {
    "nps": f"{NPS_DEFINITION} Change vs last month: Wald test. {FAMILY} {TARGET_RULE}",
    "retention": "Share of customers at the start of the month still customers at its end: (end - new) / start. "
    "Counted, not sampled: no interval and no test; against target it is below when its printed value is.",
    "csat": "Customer satisfaction: share of answers 4 or 5 on a 1-5 scale; 95% interval: Wilson. Change vs last "
    f"month: two-proportion z test. {FAMILY} {TARGET_RULE}",
    "ces": "Customer effort score: mean on a 1-7 scale, higher means easier; 95% interval: Student t. Change vs "
    f"last month: Welch's t test on the ratings. {FAMILY} {TARGET_RULE}",
    "responses": "Survey responses received in the month.",
}


def _target_note(kpi: Kpi) -> str | None:
    """Target, status under the one target rule, and the gap as printed ("target 98.5%: on target")."""
    if kpi.target is None or kpi.value is None:
        return None
    status = kpi.status or status_of(kpi.key, kpi.value, kpi.target, (kpi.ci_low, kpi.ci_high))
    digits = DECIMALS[kpi.key]
    gap = round(displayed(kpi.key, kpi.value), digits) - round(displayed(kpi.key, kpi.target), digits)
    scale = 100 if kpi.key in _PERCENT else 1
    shown_gap = f" ({difference_text(kpi.key, gap / scale)})" if round(gap, digits) != 0 else ""
    return f"target {value_text(kpi.key, kpi.target)}: {STATUS_WORDS.get(status, status)}{shown_gap}"


def _change_note(kpi: Kpi, previous_label: str) -> str | None:
    """The change test in words: significant rise or drop, can't tell apart, or undefined."""
    if kpi.undefined:
        return "the change test is undefined (no spread in either month's answers)"
    if kpi.significant is None or kpi.p_value is None:
        return None
    adjusted = kpi.p_adjusted is not None
    p = p_text(kpi.p_adjusted if kpi.p_adjusted is not None else kpi.p_value, adjusted=adjusted)
    if kpi.significant:
        return f"significant {'rise' if (kpi.delta or 0) > 0 else 'drop'} vs {previous_label} ({p})"
    return f"can't tell apart from {previous_label} ({p})"


def tile(kpi: Kpi, previous_label: str) -> Tile:
    """Tile text for one KPI, honest about small samples, significance and the target."""
    notes = []
    if kpi.sample == "suppressed" or kpi.value is None:
        value = "—"
        notes.append(f"hidden: only {kpi.n} response(s)" if kpi.n else "no data this month")
    else:
        value = value_text(kpi.key, kpi.value)
    delta = None
    if kpi.delta is not None and value != "—":
        delta = f"{difference_text(kpi.key, kpi.delta)} vs {previous_label}"
    if kpi.sample == "low":
        notes.append(f"low sample (n = {kpi.n}); no significance claim")
    target = _target_note(kpi) if value != "—" else None
    change = _change_note(kpi, previous_label) if value != "—" else None
    notes += [note for note in (target, change) if note]
    # Only a tested, significant change (or counted retention) is coloured as a rise or a fall.
    judged = kpi.significant is True or kpi.key == "retention"
    color = "off" if kpi.sample != "ok" or not judged else ("normal" if kpi.higher_is_better else "inverse")
    label = f"{kpi.label} ✱" if kpi.significant else kpi.label
    return Tile(label, value, delta, color, " · ".join(notes), _HELP.get(kpi.key, ""))


_MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~$:"


def escape_markdown(text: str) -> str:
    """Data shown inside Markdown is shown as typed: no emphasis, links, HTML or icons."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)
