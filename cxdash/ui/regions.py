"""Parts of the Regions page: the NPS/retention tabs, and what it draws only on request (touchpoint figures,
customer comments)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.elements.lib.mutable_tab_container import TabContainer

from cxdash import permissions
from cxdash.charts.regions import RETENTION_BASIS
from cxdash.overview import Thresholds
from cxdash.present import escape_markdown as md
from cxdash.regions.present import breakdown_display, muted
from cxdash.ui.data import cached
from cxdash.ui.widgets import data_table, download_csv, folded
from cxdash.views import comments
from cxdash.views.regions import TREND_PARAM, TRENDS


def trend_tabs() -> Sequence[TabContainer]:
    """NPS and retention over the period, only the open one drawn (opening the other reruns the page); a link
    with ``?trend=Retention`` opens the second."""
    return st.tabs(TRENDS, key=TREND_PARAM, bind="query-params")


def retention_basis() -> str:
    """Monthly retention or twelve months chained from it."""
    options = list(RETENTION_BASIS)
    return str(st.radio("Retention", options, format_func=RETENTION_BASIS.get, horizontal=True, key="regions_basis"))


def touchpoint_figures(region: str, touchpoints: pd.DataFrame, thresholds: Thresholds) -> None:
    """Touchpoints too small to show, named in one caption; the breakdown as a table in an expander drawn only when
    opened (a grid costs the page's drawing even folded away), which ``?regions_touchpoints=true`` opens."""
    hidden = touchpoints[touchpoints["sample"] == "suppressed"]
    if not hidden.empty:
        lines = [f"{md(str(row.label))}: {row.n} response(s), too few to show an NPS." for row in hidden.itertuples()]
        st.caption("  \n".join(lines))
    figures = folded("Touchpoint figures", key="regions_touchpoints", in_url=True)
    if figures is None:
        return
    with figures:
        rows = breakdown_display(touchpoints, thresholds)
        data_table(muted(rows, touchpoints["sample"] != "ok"), key="regions_touchpoints_table")
        download_csv("Download the touchpoints (CSV)", rows, f"cxdash-{region}-touchpoints.csv", "regions_tp_csv")


def customer_comments(month_from: date, month_to: date, region: str, actor: permissions.Actor) -> None:
    """The words behind the figures, on request (only they read raw responses); ``comments=show`` in the URL."""
    wanted = st.query_params.get("comments") == "show"
    if not st.toggle(f"Show customer comments from {md(region)}", value=wanted, key="regions_comments"):
        st.query_params.pop("comments", None)
        return
    st.query_params["comments"] = "show"
    page = int(st.session_state.get("regions_comments_page", 1)) - 1
    view = cached("regions_comments", comments.comments, actor, region, month_from, month_to, page)
    if view.refusal:
        st.info(md(view.refusal))
        return
    st.caption(view.caption)
    data_table(view.table, key="regions_comments_table")
    download_csv("Download these comments (CSV)", view.table, f"cxdash-{region}-comments.csv", "regions_notes_csv")
    if view.pages > 1:
        st.session_state["regions_comments_page"] = view.page + 1
        st.number_input("Page", 1, view.pages, key="regions_comments_page")
