"""The Regions slide: NPS and retention per region for the month, in rank bands where intervals overlap."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd
from sqlmodel import Session

from cxdash import queries
from cxdash.boardpack.slide import Cell, NativeChart, Slide, Table
from cxdash.ownership.health import plain_list
from cxdash.present import month_label
from cxdash.regions import default_period
from cxdash.regions.period import Period
from cxdash.views import regions as views

METHOD = (
    "Bands, not ranks: regions are sorted by NPS, and a region joins the band of the region leading it when their "
    "95% intervals (adjusted Wald) overlap, since the data cannot order them. The change against the month before "
    "is a Wald test, corrected for multiple testing (Benjamini-Hochberg) together with the month's other changes "
    "(company NPS, CSAT, CES and every region), as on the Overview; under 30 responses a region is muted and never "
    "called significant, under 5 its NPS is hidden. Retention: (end - new) / start for the month."
)


def _shown(value: Any) -> bool:
    return value is not None and not pd.isna(value)


def bands(rows: Sequence[Mapping[Hashable, Any]]) -> list[int]:
    """Band numbers (1 = top) for rows sorted by NPS, best first: a row starts a new band when its interval's
    top is below the bottom of the interval of the band's first row."""
    out: list[int] = []
    leader_low: float | None = None
    for row in rows:
        if not out or leader_low is None or float(row["ci_high"]) < leader_low:
            out.append(out[-1] + 1 if out else 1)
            leader_low = float(row["ci_low"])
        else:
            out.append(out[-1])
    return out


def band_names(count: int) -> list[str]:
    """What a band is called on the slide: top, middle and bottom when there are three, else numbered."""
    if count == 1:
        return ["All alike"]
    if count == 2:
        return ["Top", "Low"]
    if count == 3:
        return ["Top", "Mid", "Low"]
    return [f"Band {i}" for i in range(1, count + 1)]


def _title(ranked: Sequence[Mapping[Hashable, Any]], numbers: list[int], dropped: list[str]) -> str:
    top = [str(r["region"]) for r, b in zip(ranked, numbers, strict=True) if b == 1]
    bottom = [str(r["region"]) for r, b in zip(ranked, numbers, strict=True) if b == max(numbers) > 1]
    parts = [f"{plain_list(top)} lead{'s' if len(top) == 1 else ''} on NPS"]
    if bottom:
        parts.append(f"{plain_list(bottom)} trail{'s' if len(bottom) == 1 else ''}")
    if len(numbers) == 1:
        parts = [f"The {len(top)} regions cannot be told apart on NPS"]
    if dropped:
        parts.append(f"{plain_list(dropped)} fell significantly")
    return "; ".join(parts)


def regions(session: Session, month: date, window: Period) -> Slide:
    """Regions in rank bands by NPS for the month, with their interval, change and retention."""
    period = default_period([m for m in queries.months_with_data(session) if m <= month])
    kicker = f"Regions · {month_label(month)}"
    if period is None:
        return Slide("regions", f"There is no survey data up to {month_label(month)}", kicker=kicker)
    table = views.all_regions(session, period).table
    records = table.to_dict("records")
    ranked = sorted((r for r in records if _shown(r["nps"])), key=lambda r: -float(r["nps"]))
    hidden = [r for r in records if not _shown(r["nps"])]
    numbers = bands(ranked)
    names = band_names(max(numbers, default=1))
    dropped = [str(r["region"]) for r in ranked if r["significant"] is True and float(r["change"]) < 0]
    rows = []
    for row, band in zip(ranked, numbers, strict=True):
        muted = row["sample"] != "ok"
        change = f"{row['change']:+.1f}" if _shown(row["change"]) else "—"
        change += " ✱" if row["significant"] is True else (" low n" if muted else "")
        retention = f"{row['retention'] * 100:.1f}%" if _shown(row["retention"]) else "—"
        rows.append(
            (
                Cell(names[band - 1], bold=True),
                Cell(str(row["region"]), muted=muted),
                Cell(f"{row['nps']:.1f}", bold=True, muted=muted),
                Cell(f"{row['ci_low']:.0f} to {row['ci_high']:.0f}", muted=muted),
                Cell(change, muted=muted),
                Cell(retention),
                Cell(f"{int(row['n']):,}", muted=muted),
            )
        )
    rows += [
        (Cell("—"), Cell(str(r["region"]), muted=True), Cell("hidden", muted=True), Cell("—"), Cell("—"),
         Cell(f"{r['retention'] * 100:.1f}%" if _shown(r["retention"]) else "—"), Cell(f"{int(r['n']):,}"))
        for r in hidden
    ]  # fmt: skip
    grid = Table(
        ("Band", "Region", "NPS", "95% CI", "Change", "Retained", "n"),
        tuple(rows),
        (1.2, 1.1, 0.9, 1.3, 1.2, 1.3, 0.9),
    )
    chart = NativeChart(
        "bar",
        f"NPS by region, {month_label(month)}",
        tuple(str(r["region"]) for r in ranked),
        (("NPS", tuple(round(float(r["nps"]), 1) for r in ranked)),),
        axis_title="NPS",
    )
    marks = (f"✱ significant change vs {month_label(period.comparison_month)}; grey: fewer than 30 responses.",)
    return Slide(
        "regions", _title(ranked, numbers, dropped), chart=None, table=grid, native=chart, marks=marks,
        kicker=kicker, method=METHOD,
    )  # fmt: skip
