"""The KPI scorecard slide: NPS, retention, CSAT and CES against target, with their twelve-month trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from cxdash import present, queries
from cxdash.boardpack.slide import Cell, Table
from cxdash.metrics import nps_from_counts
from cxdash.overview import Kpi, company_retention, previous_month
from cxdash.ownership.health import plain_list
from cxdash.regions.period import month_span, shift_month
from cxdash.views import overview as views

# The verdict on NPS's change from last month (the Overview's adjusted test), as the deck's titles say it.
CERTAINTY = {True: " (significant)", False: " (can't tell from last month)"}

KEYS = ("nps", "retention", "csat", "ces")
# Compared at the precision the slide prints: NPS 35.5, 98.4%, 81.4%, CES 5.53.
STATUS_TEXT = {"on": "On target", "at risk": "At risk", "below": "Below target", "no target": "No target",
               "no data": "No data"}  # fmt: skip
# Light Okabe-Ito tints; the word says the status, so no one needs the colour to read it.
STATUS_FILL = {"on": "CCE3F0", "at risk": "FBE3B3", "below": "F3CDB8"}
METHOD = (
    "Status follows the one target rule: below target only when the whole 95% interval is below it (NPS: "
    "adjusted Wald; CSAT: Wilson), at risk when the value is below but the interval reaches the target; retention "
    "and CES are compared by value. The NPS change is tested (Wald, corrected for multiple testing); trends show "
    "the twelve months to this one, with months under 5 responses left out."
)


@dataclass(frozen=True)
class Row:
    """One KPI as the scorecard writes it."""

    kpi: Kpi
    value: str
    change: str
    target: str
    status: str
    trend: tuple[float | None, ...]


def _trends(session: Session, month: date, suppress: int) -> dict[str, tuple[float | None, ...]]:
    """Each KPI per month over the twelve months to ``month``; a month under ``suppress`` responses is None."""
    months = month_span(shift_month(month, -11), month)
    totals = {r["month"]: r for r in queries.rollup_totals(session, months=months).to_dict("records")}
    customers = queries.retention(session, months=months)
    out: dict[str, list[float | None]] = {key: [] for key in KEYS}
    for m in months:
        row = totals.get(m, {})
        out["nps"].append(
            nps_from_counts(int(row["promoters"]), int(row["passives"]), int(row["detractors"])).score
            if int(row.get("n", 0)) >= suppress
            else None
        )
        for key, num, den in (("csat", "csat_top2", "csat_n"), ("ces", "ces_sum", "ces_n")):
            count = int(row.get(den, 0))
            out[key].append(float(row[num]) / count if count >= suppress else None)
        out["retention"].append(company_retention(customers, m))
    return {key: tuple(values) for key, values in out.items()}


def scorecard(session: Session, month: date) -> list[Row]:
    """The four KPIs of ``month`` as the Overview's tiles show them, with status under the one target rule."""
    kpis = views.adjusted_kpis(session, month).kpis
    th = views.thresholds(session)
    trends = _trends(session, month, th.suppress)
    previous = previous_month(month).strftime("%b")
    rows = []
    for kpi in (k for k in kpis if k.key in KEYS):
        tile = present.tile(kpi, previous)
        shown = kpi.value is not None and tile.value != "—"
        # The Overview already judged every tile under the one target rule: the deck reads, never re-decides.
        status = kpi.status if shown and kpi.status is not None else ("no target" if kpi.target is None else "no data")
        change = tile.delta or "no change to show"
        change += _certainty(kpi)
        target = present.value_text(kpi.key, kpi.target) if kpi.target is not None else "—"
        rows.append(Row(kpi, tile.value, change, target, status, trends[kpi.key]))
    return rows


def _certainty(kpi: Kpi) -> str:
    """The change's verdict in words, after the Benjamini–Hochberg adjustment the Overview applies."""
    if kpi.undefined:
        return ", test undefined"
    if kpi.significant is True:
        return ", significant"
    if kpi.significant is False:
        return ", can't tell apart"
    return ", low sample" if kpi.sample == "low" else ""


def table(rows: list[Row]) -> Table:
    """The scorecard as a native table: KPI, value, change, target, status (tinted), trend."""
    cells = tuple(
        (
            Cell(r.kpi.label, bold=True),
            Cell(r.value, bold=True, muted=r.kpi.sample != "ok"),
            Cell(r.change, muted=r.kpi.sample != "ok"),
            Cell(r.target),
            Cell(STATUS_TEXT[r.status], fill=STATUS_FILL.get(r.status), bold=True),
            Cell(""),
        )
        for r in rows
    )
    header = ("KPI", "This month", "Change", "Target", "Status", "Last 12 months")
    return Table(header, cells, (1.3, 1.5, 3.0, 1.2, 1.7, 3.6), tuple(r.trend for r in rows))


def _names(rows: list[Row], status: str) -> list[str]:
    return [r.kpi.label for r in rows if r.status == status]


def headline(rows: list[Row]) -> str:
    """The scorecard's finding: how NPS moved, then which KPIs are below, at risk and on target."""
    nps = next((r for r in rows if r.kpi.key == "nps"), None)
    parts = []
    if nps is not None and nps.kpi.delta is not None and nps.value != "—":
        verb = "rose" if nps.kpi.delta > 0 else "fell"
        certainty = CERTAINTY.get(nps.kpi.significant, "")  # type: ignore[arg-type]
        parts.append(f"NPS {verb} {abs(nps.kpi.delta):.1f} points to {nps.value}{certainty}")
    for status, words in (("below", "below target"), ("at risk", "at risk"), ("on", "on target")):
        names = _names(rows, status)
        if names:
            parts.append(f"{plain_list(names)} {words}")
    return "; ".join(parts) or "No KPI has data this month"
