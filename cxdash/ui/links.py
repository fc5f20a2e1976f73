"""Drill-down: from a region on the Overview to its compare view, from a finding to the page that explains it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from cxdash import permissions
from cxdash.attention import Attention
from cxdash.present import escape_markdown
from cxdash.ui.assign import assign_action
from cxdash.ui.chart import _spec, _title_text

REGIONS_PAGE, OWNERSHIP_PAGE = "app_pages/regions.py", "app_pages/ownership.py"


def open_region(region: str) -> None:
    """Switch to the Regions page comparing ``region`` (the session's period goes along, as on every page)."""
    st.switch_page(REGIONS_PAGE, query_params={"view": "compare", "region": region})


def region_chart(build: Callable[..., Any], *args: Any, actor: permissions.Actor, param: str, key: str) -> None:
    """A chart whose region marks can be clicked: the click opens that region's compare view (for roles that may
    open Regions; for the others it is a plain chart)."""
    spec = _spec(build.__module__, build.__qualname__, args)
    if not permissions.can_open(actor, "regions"):
        st.vega_lite_chart(spec, width="stretch", key=key, alt=_title_text(spec.get("title")))
        return
    alt = _title_text(spec.get("title")) + ". Select a region to compare it with the company."
    state: Any = st.vega_lite_chart(spec, width="stretch", key=key, alt=alt, on_select="rerun", selection_mode=param)
    picked = state.get("selection", {}).get(param) or []
    if picked and picked[0].get("region"):
        open_region(str(picked[0]["region"]))


def attention_links(item: Attention, actor: permissions.Actor) -> None:
    """Under an attention item: a link to its region's compare view, or to the Ownership map (pages the role opens)."""
    if item.region and permissions.can_open(actor, "regions"):
        params = {"view": "compare", "region": item.region}
        st.page_link(
            REGIONS_PAGE,
            label=f"Compare {item.region} in Regions",
            query_params=params,
            icon=":material/arrow_forward:",
        )
    if item.page == "ownership" and permissions.can_open(actor, "ownership"):
        st.page_link(OWNERSHIP_PAGE, label="See the Ownership map", icon=":material/arrow_forward:")


ICONS = {"high": ":material/error:", "medium": ":material/warning:", "low": ":material/info:"}


def attention_item(item: Attention, actor: permissions.Actor, month: date, *, key: str) -> None:
    """One finding of the attention list: its sentence, the page that explains it, and an action on it."""
    st.markdown(f"{ICONS[item.severity]} **{item.topic}** — {escape_markdown(item.text)}")
    attention_links(item, actor)
    assign_action(actor, item.subjects, month, key=key)
