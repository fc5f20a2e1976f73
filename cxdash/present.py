"""How figures are written for people: units, signs, small-sample and significance notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cxdash.overview import Kpi

_PERCENT = {"retention", "csat"}


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


def _value(key: str, value: float) -> str:
    if key in _PERCENT:
        return f"{value * 100:.1f}%"
    if key == "ces":
        return f"{value:.2f}"
    if key == "responses":
        return f"{value:,.0f}"
    return f"{value:.1f}"


def _difference(key: str, diff: float) -> str:
    if key in _PERCENT:
        return f"{diff * 100:+.1f} pp"
    if key == "ces":
        return f"{diff:+.2f}"
    if key == "responses":
        return f"{diff:+,.0f}"
    return f"{diff:+.1f} pts"


_HELP = {
    "nps": "Net Promoter Score: % promoters (9-10) minus % detractors (0-6), from -100 to 100.",
    "retention": "Share of customers at the start of the month still customers at its end: (end - new) / start.",
    "csat": "Customer satisfaction: share of answers 4 or 5 on a 1-5 scale.",
    "ces": "Customer effort score: mean on a 1-7 scale, higher means easier.",
    "responses": "Survey responses received in the month.",
}


def tile(kpi: Kpi, previous_label: str) -> Tile:
    """Tile text for one KPI, honest about small samples and about significance."""
    notes = []
    if kpi.sample == "suppressed" or kpi.value is None:
        value = "—"
        notes.append(f"hidden: only {kpi.n} response(s)" if kpi.n else "no data this month")
    else:
        value = _value(kpi.key, kpi.value)
    delta = None
    if kpi.delta is not None and value != "—":
        delta = f"{_difference(kpi.key, kpi.delta)} vs {previous_label}"
    if kpi.sample == "low":
        notes.append(f"low sample (n = {kpi.n}); no significance claim")
    if kpi.vs_target is not None and value != "—":
        notes.append(f"target {_value(kpi.key, kpi.target or 0.0)} ({_difference(kpi.key, kpi.vs_target)})")
    if kpi.significant is True:
        notes.append(f"significant change (p = {kpi.p_value:.3f})")
    elif kpi.significant is False:
        notes.append("change within noise (p ≥ 0.05)")
    color = "off" if kpi.sample != "ok" or kpi.key == "responses" else ("normal" if kpi.higher_is_better else "inverse")
    label = f"{kpi.label} ✱" if kpi.significant else kpi.label
    return Tile(label, value, delta, color, " · ".join(notes), _HELP.get(kpi.key, ""))


_MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~$:"


def escape_markdown(text: str) -> str:
    """Data shown inside Markdown is shown as typed: no emphasis, links, HTML or icons."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)
