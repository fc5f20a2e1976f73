"""The "Why it moved" section shared by Overview (company) and Regions (one region)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from cxdash.charts import why as charts
from cxdash.overview import previous_month
from cxdash.present import escape_markdown
from cxdash.ui.chart import chart
from cxdash.ui.data import cached
from cxdash.ui.widgets import data_table, download_csv, folded
from cxdash.views import why as views
from cxdash.why.drivers import driver_table
from cxdash.why.story import BRIDGE_METHOD, bridge_title, impact_table

IMPACT_HELP = (
    "Impact = the touchpoint's share of responses × its NPS gap to every other response, in points of NPS. "
    "95% interval and two-sided Wald test with the share held fixed; p-values Benjamini–Hochberg adjusted "
    "across the touchpoints shown. Touchpoints under 5 responses are left out; under 30 get no verdict."
)

DETAILS = "The change bridge, where to act, and every touchpoint's impact"


def why_section(month: date, region: str | None, key: str) -> None:
    """The answer in two sentences at once (the bridge and the costliest touchpoint with its owner); the charts and
    the impact table on request, in an expander kept in the URL as ``?{key}=true``: they are the heaviest part of
    the page to draw, and most visits read the sentences only."""
    view = cached("why", views.why, month, region)
    st.subheader("Why it moved", help=BRIDGE_METHOD)
    st.markdown(escape_markdown(view.bridge_text))
    if view.impact.empty:
        st.info("Too few responses this month to weigh the touchpoints against each other.")
    elif view.impact_text:
        st.markdown(f"**Where to act:** {escape_markdown(view.impact_text)}", help=IMPACT_HELP)
    if view.bridge is None and view.impact.empty:
        return
    if details := folded(DETAILS, key=key, in_url=True):
        with details:
            _details(view, month, region, key)


def _details(view: views.WhyView, month: date, region: str | None, key: str) -> None:
    if view.bridge is not None:
        labels = (f"{previous_month(month):%b %Y}", f"{month:%b %Y}")
        names = view.names if view.bridge_by == "touchpoint" else {}
        steps = charts.bridge_frame(
            view.bridge.before, view.bridge.after, view.bridge.parts, view.bridge_by, names, labels
        )
        chart(charts.change_bridge, steps, bridge_title(view.bridge, labels, view.bridge_by, names))
    if view.impact.empty:
        return
    scope = f"in {region}" if region else "company-wide"
    chart(
        charts.importance_performance,
        charts.impact_frame(view.impact, view.names),
        f"Touchpoints {scope}, {month:%B %Y}",
    )
    table = impact_table(view.impact, view.names)
    st.markdown("**Every touchpoint's impact, worst first**", help=IMPACT_HELP)
    data_table(table, key=f"{key}_impact")
    download_csv(
        "Download the impact table (CSV)",
        table,
        f"cxdash-impact-{region or 'company'}-{month:%Y-%m}.csv",
        f"{key}_impact_csv",
    )


DRIVER_HELP = (
    "Ordinary least squares of the 0–10 score on CSAT and CES together, all three standardized, with "
    "heteroskedasticity-robust (HC3) intervals, on the region's newest 20,000 responses that carry both ratings; "
    "p-values Benjamini–Hochberg adjusted across every coefficient shown; a touchpoint needs 30 such responses. "
    "People who feel good answer every question well, so this measures association, not what causes what."
)


def drivers_section(region: str, month_from: date, month_to: date, names: dict[str, str], key: str) -> None:
    """How strongly CSAT and CES go with the likelihood to recommend in one region, per touchpoint."""
    view = cached("why_drivers", views.drivers_view, region, month_from, month_to)
    st.subheader("What goes with a high score", help=DRIVER_HELP)
    if view.sentence is None:
        st.info("Too few responses with both a CSAT and a CES rating in this period to relate them to NPS.")
        return
    st.markdown(escape_markdown(view.sentence))
    # Drawn only when opened (kept in the URL as ``?{key}=true``): a grid costs the page switch even folded away.
    if per_touchpoint := folded("Per touchpoint", key=key, in_url=True):
        with per_touchpoint:
            table = driver_table(view.table, names)
            data_table(table, key=f"{key}_drivers")
            name = f"cxdash-drivers-{region}-{month_to:%Y-%m}.csv"
            download_csv("Download the drivers (CSV)", table, name, f"{key}_csv")
