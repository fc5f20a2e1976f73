"""Detractor follow-up on screen: the Actions page's tab (KPIs per region, opening a month's cases, the queue and its
form) and the Regions page's two figures for the chosen region and month."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import streamlit as st
from sqlmodel import Session

from cxdash import audit, permissions
from cxdash.edits.followup import open_cases, update_case
from cxdash.models import FOLLOWUP_STATUSES
from cxdash.present import escape_markdown as md
from cxdash.present import month_key, month_label
from cxdash.ui.data import cached, months
from cxdash.ui.filters import PERIOD_END
from cxdash.ui.frame import attempt
from cxdash.ui.widgets import data_table
from cxdash.views import followup as views

QUEUE_STATUSES = {"open": "Open (new or contacted)", "all": "Every status"} | views.STATUS_LABELS
REGION, STATUS, PAGE = "actions_followup_region", "actions_followup_status", "actions_followup_page"
LINK_PARAMS = ("fu_region", "fu_status", "fu_page")


def followup_linked() -> bool:
    """The page was opened by a link into the follow-up queue (any of ``fu_region``, ``fu_status``, ``fu_page``)."""
    return any(param in st.query_params for param in LINK_PARAMS)


def _first_page() -> None:
    st.session_state[PAGE] = 1


def _from_link(managed: list[str]) -> None:
    """A link (a bookmark, the benchmark) may open the queue on a region (``fu_region``), a status (``fu_status``)
    and a page (``fu_page``); what the user picks afterwards wins."""
    asked = st.query_params
    if REGION not in st.session_state and asked.get("fu_region") in managed:
        st.session_state[REGION] = asked["fu_region"]
    if STATUS not in st.session_state and asked.get("fu_status") in QUEUE_STATUSES:
        st.session_state[STATUS] = asked["fu_status"]
    if PAGE not in st.session_state and (asked.get("fu_page") or "").isdigit():
        st.session_state[PAGE] = max(1, int(asked["fu_page"]))


def _as_of() -> datetime:
    # Ages to the minute: a cached queue is reused for the rest of the minute instead of recomputed on every click.
    return audit.now().replace(second=0)


def _month(available: list[date]) -> date:
    keys = {month_key(m): m for m in reversed(available)}
    remembered = st.session_state.get(PERIOD_END)
    index = list(keys).index(remembered) if remembered in keys else 0
    chosen = st.selectbox("Month of the responses", list(keys), index, format_func=lambda k: month_label(keys[k]),
                          key="actions_followup_month")  # fmt: skip
    return keys[str(chosen)]


def followup_section(actor: permissions.Actor) -> None:
    """Counts and KPIs per region for everyone; opening cases, the queue and its form for those who manage them."""
    available = months()
    if not available:
        st.info("There are no responses yet, so there are no detractors to follow up.")
        return
    if flash := st.session_state.pop("actions_followup_flash", None):
        st.success(md(flash))
    month = _month(available)
    managed = cached("followup_regions", views.managed_regions, actor)
    _from_link(managed)
    picks = st.columns(2)
    region = picks[0].selectbox("Region", ["", *managed], format_func=lambda c: c or "Every region you manage",
                                key=REGION, disabled=not managed, on_change=_first_page)  # fmt: skip
    status = picks[1].selectbox("Cases", list(QUEUE_STATUSES), format_func=QUEUE_STATUSES.__getitem__,
                                key=STATUS, disabled=not managed, on_change=_first_page)  # fmt: skip
    page = int(st.session_state.get(PAGE, 1))
    view = cached("followup_queue", views.queue_view, actor, month, region or None, status, _as_of(), page)
    st.subheader(f"Detractors of {month_label(month)}: how fast they heard back", help=views.KPI_HELP)
    data_table(view.kpis, key="actions_followup_kpis")
    st.caption(md(view.company))
    if not managed:
        st.caption("Your role shows the counts; the cases themselves are for the CCO and each region's manager.")
        return
    _open_button(actor, month, managed)
    _queue(actor, view)


def _open_button(actor: permissions.Actor, month: date, managed: list[str]) -> None:
    everywhere = permissions.can(actor, "manage_followup")
    scope = None if everywhere else managed[0]
    label = f"Open cases for {month_label(month)}" + ("" if everywhere else f" in {scope}")
    if not st.button(label, key="actions_followup_open", help="A case for every detractor (0–6) that has none yet."):
        return
    opened: list[int] = []

    def run(session: Session, *, actor: permissions.Actor, **values: object) -> None:
        opened.append(open_cases(session, actor=actor, month=month, region=scope))

    if attempt(run, actor):
        words = f"{opened[0]} case(s) opened for the detractors of {month_label(month)}"
        st.session_state["actions_followup_flash"] = words + ("." if opened[0] else "; every one already had a case.")
        st.rerun()


def _queue(actor: permissions.Actor, view: views.FollowUpView) -> None:
    shown = views.queue_display(view)
    st.subheader(f"Follow-up queue ({view.total:,})")
    if shown.empty:
        st.info("No case in this filter. Open the month's cases above, or choose another status.")
        return
    st.session_state[PAGE] = view.page  # the view stopped at the last page when the queue got shorter
    pager, note = st.columns([1, 4], vertical_alignment="bottom")
    pager.number_input(f"Page (of {view.pages:,})", 1, view.pages, step=1, key=PAGE, disabled=view.pages == 1)
    first = (view.page - 1) * views.PAGE_SIZE + 1
    note.caption(f"Oldest first, from every month: cases {first:,}–{first + len(shown) - 1:,} of {view.total:,}, "
                 f"{views.PAGE_SIZE} a page. Times are UTC.")  # fmt: skip
    data_table(shown, key="actions_followup_queue")
    _case_form(actor, view.queue)


def _case_form(actor: permissions.Actor, queue: pd.DataFrame) -> None:
    labels = {int(i): f"#{i} {r}, {a} old, {s}" for i, r, a, s in queue[["id", "region", "age", "status_label"]]
              .itertuples(False)}  # fmt: skip
    chosen = st.selectbox("Case", list(labels), format_func=labels.__getitem__, key="actions_followup_pick")
    row = queue[queue["id"] == chosen].iloc[0]
    people = cached("followup_assignees", views.assignees, str(row["region"]))
    options = ["", *people]
    current = row["assignee"] if row["assignee"] in people else ""
    with st.form("actions_followup_case"):
        cols = st.columns(2)
        status = cols[0].selectbox(
            "Status", FOLLOWUP_STATUSES, FOLLOWUP_STATUSES.index(row["status"]),
            format_func=views.STATUS_LABELS.__getitem__, key=f"actions_fu_status_{chosen}",
        )  # fmt: skip
        assignee = cols[1].selectbox(
            "Assignee", options, options.index(current), format_func=lambda u: people.get(u, "Nobody"),
            key=f"actions_fu_who_{chosen}",
        )  # fmt: skip
        if st.form_submit_button("Save the case") and attempt(
            update_case, actor, case_id=chosen, version=int(row["version"]), status=status, assignee=assignee or None
        ):
            st.session_state["actions_followup_flash"] = f"Case #{chosen} is now {views.STATUS_LABELS[status].lower()}."
            st.rerun()


def followup_figures(region: str, month: date) -> None:
    """The Regions page's follow-up figures for one region and month, with the sentence that reads them."""
    kpi = cached("followup_region", views.region_kpi, region, month, _as_of())
    share = "—" if kpi.share_within_48h is None else f"{kpi.share_within_48h:.0%}"
    median = "—" if kpi.median_hours is None else f"{kpi.median_hours:.0f} h"
    left, middle, right = st.columns([1, 1, 2])
    left.metric("Detractors contacted within 48 h", share, help=views.KPI_HELP, border=True)
    middle.metric("Median time to first contact", median, help=views.KPI_HELP, border=True)
    right.caption(f"Detractor follow-up, {month_label(month)}: {md(kpi.words)}")
