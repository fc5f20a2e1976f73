"""Which tests each claim on the Regions page is adjusted with (its Benjamini–Hochberg family), in words.

A region's change against the month before is one of the month's change claims, which the Overview and the
board pack make too: it is adjusted in that one family (``cxdash.views.overview.adjusted_kpis``), so it reads the
same adjusted p wherever it appears. Every other test on the page is adjusted within the table that shows it.
"""

from __future__ import annotations

from cxdash.present import FAMILY, NPS_DEFINITION, TARGET_RULE
from cxdash.regions.period import Period, shift_month

PERIOD_HELP = (
    "Each change is a Wald test on the two months' promoter and detractor shares. Against the month before, a "
    "region's change is adjusted with Benjamini–Hochberg together with the month's other change tests (the "
    "company's NPS, CSAT and CES and every region's NPS), the family of the Overview and the board pack, so it "
    "reads the same adjusted p there and here; against the same month a year before, with the other regions' "
    "changes in the rank table. A gap is a different test: the region against the rest of the company or a peer "
    "in the same months (Wald), adjusted with the other gaps in its table; the touchpoints and the stages are "
    "adjusted within their own tables. ✱ or “significant” means an adjusted p < 0.05."
)


def family_words(period: Period) -> str:
    """Which tests a region's change is adjusted with, as the period compares (see PERIOD_HELP)."""
    if period.comparison_month == shift_month(period.end, -1):
        return "a change with every change tested this month, as on the Overview"
    return "a change with the other regions' changes"


def change_help(period: Period) -> str:
    """The help of an NPS tile whose change is against the period's comparison month: the test and its family."""
    if period.comparison_month == shift_month(period.end, -1):
        return f"{NPS_DEFINITION} Change vs the month before: Wald test. {FAMILY} {TARGET_RULE}"
    return (
        f"{NPS_DEFINITION} Change vs the same month a year before: Wald test. ✱ and 'significant' use p-values "
        "adjusted by Benjamini–Hochberg across every region's change against that month (the rank table's "
        f"family; the company's change is adjusted with them). {TARGET_RULE}"
    )
