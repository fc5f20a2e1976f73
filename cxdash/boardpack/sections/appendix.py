"""The appendix: how the figures are defined and tested, and how much data stands behind them and how fresh."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from cxdash import queries
from cxdash.boardpack.slide import Cell, Slide, Table
from cxdash.present import month_label
from cxdash.queries.data import import_history
from cxdash.regions.period import Period, month_span, shift_month
from cxdash.views.overview import thresholds

KICKER = "Appendix"
DEFINITIONS = (
    "NPS: % promoters (9–10) minus % detractors (0–6), with its 95% interval.",
    "Retention: (end − new) / start customers; CSAT: share of 4–5; CES: mean of 1–7.",
    "Every change is tested; 'significant' holds after allowing for the number of tests shown together.",
    "Under 30 responses: muted, no significance claim. Under 5: value hidden.",
)
DEFINITIONS_NOTE = (
    "Tests: NPS interval by adjusted Wald; changes by Wald (NPS), two-proportion z (CSAT) and Welch's t (CES), "
    "Benjamini–Hochberg across the tests shown together. "
    "Targets follow one rule: below only when the whole 95% interval is below the target, at risk when the value "
    "is below but the interval reaches it, compared at the precision shown. Operating models are compared at the "
    "region level; switch effects by difference-in-differences against regions that kept their model. Agreement: "
    "r_wg, strong at 0.70 or more (LeBreton & Senter 2008)."
)
LOW_FILL, HIDDEN_FILL = "FBE3B3", "F3CDB8"


def methods(session: Session, month: date, window: Period) -> Slide:
    """Definitions and methods: intervals, tests, the multiple-testing correction and the small-sample rules."""
    return Slide(
        "methods", "Every figure has an interval, every change a test, and small samples make no claim",
        bullets=DEFINITIONS, kicker=f"{KICKER} · Definitions and methods", method=DEFINITIONS_NOTE,
    )  # fmt: skip


def coverage(session: Session, month: date, window: Period) -> Slide:
    """Responses per region and month over the twelve months to ``month``, low and hidden cells marked, and
    how fresh the data is."""
    th = thresholds(session)
    months = month_span(shift_month(month, -11), month)
    counts = queries.rollup_totals(session, months=months, by="region")
    codes = list(queries.regions(session)["region"])
    lookup = {(str(code), m): int(n) for code, m, n in zip(counts["region"], counts["month"], counts["n"], strict=True)}
    rows, low, hidden = [], 0, 0
    for code in codes:
        cells = [Cell(code, bold=True)]
        for m in months:
            n = lookup.get((code, m), 0)
            fill = HIDDEN_FILL if n < th.suppress else LOW_FILL if n < th.low else None
            low += th.suppress <= n < th.low
            hidden += n < th.suppress
            cells.append(Cell(f"{n:,}", fill=fill))
        rows.append(tuple(cells))
    grid = Table(("Region", *(f"{m:%b %y}" for m in months)), tuple(rows), (1.45, *([0.95] * len(months))))
    total = int(counts["n"].sum()) if not counts.empty else 0
    history = import_history(session, limit=1)
    imported = f"; last import {history.iloc[0]['at']:%d %b %Y}" if not history.empty else ""
    available = queries.months_with_data(session)
    freshness = f"Latest data: {month_label(available[-1])}{imported}." if available else "No survey data yet."
    title = f"{total:,} responses in twelve months; {low} region-months are low samples and {hidden} are hidden"
    legend = f"Shaded: {th.suppress}–{th.low - 1} responses (muted); darker: under {th.suppress} (hidden)."
    return Slide(
        "coverage", title, table=grid, marks=(f"{legend} {freshness}",),
        kicker=f"{KICKER} · Data coverage and freshness", method=DEFINITIONS_NOTE,
    )  # fmt: skip
