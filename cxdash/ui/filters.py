"""Sidebar filters kept in the URL, so a link reproduces the view."""

from __future__ import annotations

from datetime import date

import streamlit as st

from cxdash.present import escape_markdown, from_month_key, month_key, month_label
from cxdash.regions.period import COMPARISONS, Period, default_period
from cxdash.ui.data import months


def month_picker(key: str = "month") -> date | None:
    """Sidebar month picker kept in the URL; defaults to the latest month with data."""
    available = months()
    if not available:
        return None
    wanted = st.query_params.get(key)
    labels = [month_key(m) for m in available]
    index = labels.index(wanted) if wanted in labels else len(labels) - 1
    chosen = st.sidebar.selectbox(
        "Month",
        labels,
        index=index,
        key=f"filter_{key}",
        format_func=lambda s: month_label(from_month_key(s)),
    )
    st.query_params[key] = chosen
    return from_month_key(chosen)


def period_picker(*, compare: bool = True) -> Period | None:
    """Sidebar month range and comparison in the URL (``from``, ``to``, ``compare``); default: last 12 months.

    ``compare=False`` leaves the comparison out, for pages where it would change nothing."""
    default = default_period(months())
    if default is None:
        return None
    labels = {month_key(m): month_label(m) for m in months()}
    start = url_choice("From", labels, param="from", key="filter_from", default=month_key(default.start))
    end = url_choice("To", labels, param="to", key="filter_to", default=month_key(default.end))
    against = "previous_month"
    if compare:
        against = url_choice(
            "Compare with", COMPARISONS, param="compare", key="filter_compare", default=against, radio=True
        )
    if start > end:
        st.sidebar.caption("“From” was after “To”, so the two are used the other way round.")
        start, end = end, start
    return Period(from_month_key(start), from_month_key(end), against)


def url_choice(label: str, options: dict[str, str], *, param: str, key: str, default: str, radio: bool = False) -> str:
    """A sidebar choice (code → label) kept in the URL as ``?param=code``; an unknown code in a link is named."""
    wanted = st.query_params.get(param)
    if wanted is not None and wanted not in options and key not in st.session_state:
        st.sidebar.warning(f"The link asks for {label.lower()} “{escape_markdown(wanted)}”, which does not exist.")
    codes, index = list(options), list(options).index(wanted if wanted in options else default)
    if radio:
        chosen = st.sidebar.radio(label, codes, index=index, format_func=options.__getitem__, key=key)
    else:
        chosen = st.sidebar.selectbox(label, codes, index=index, format_func=options.__getitem__, key=key)
    st.query_params[param] = str(chosen)
    return str(chosen)


def url_choices(label: str, options: dict[str, str], *, param: str, key: str, exclude: str) -> list[str]:
    """A sidebar multiple choice kept in the URL as ``?param=A,B``; codes in a link that do not exist are named."""
    asked = [c for c in (st.query_params.get(param) or "").split(",") if c]
    unknown = [c for c in asked if c not in options]
    if unknown and key not in st.session_state:
        st.sidebar.warning(f"The link names {label.lower()} that do not exist: {escape_markdown(', '.join(unknown))}.")
    codes = [c for c in options if c != exclude]
    picked = st.sidebar.multiselect(label, codes, [c for c in asked if c in codes], options.__getitem__, key=key)
    chosen = [c for c in picked if c in codes]
    st.query_params[param] = ",".join(chosen)
    return chosen
