"""Sidebar filters kept in the URL and in the session, so a link reproduces the view and the period holds on
every page.

A choice's value comes, in this order, from: a value a write asked for (``choose_next``), what the user chose on
this page, the link's query parameter, what was chosen for the whole session (``remember``), the default. The
widget's value is always set through its key before it is drawn, so the picker on screen and the value the page
uses can never disagree (a widget keeps its own value in the browser otherwise).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from cxdash.present import escape_markdown, from_month_key, month_key, month_label
from cxdash.regions.period import COMPARISONS, DEFAULT_SPAN, Period, default_period, shift_month
from cxdash.ui.data import months

# Session-wide period, shared by every page: the focus month (the Overview's month, the Regions' "To"), the
# first month of a range, and the comparison.
PERIOD_END, PERIOD_START, PERIOD_COMPARE = "period_end", "period_start", "period_compare"


def choose_next(key: str, value: str) -> None:
    """Make the choice keyed ``key`` show ``value`` from the next run on (after a write created it, say)."""
    st.session_state[f"{key}_next"] = value


def _resolve(options: dict[str, str], *, param: str, key: str, default: str, remember: str | None) -> str:
    candidates = (
        st.session_state.get(f"{key}_next"),
        st.session_state.get(key),
        st.query_params.get(param),
        st.session_state.get(remember) if remember else None,
    )
    return next((c for c in candidates if c in options), default)


def url_choice(
    label: str,
    options: dict[str, str],
    *,
    param: str,
    key: str,
    default: str,
    radio: bool = False,
    remember: str | None = None,
) -> str:
    """A sidebar choice (code → label) kept in the URL as ``?param=code``; an unknown code in a link is named.
    With ``remember``, the choice is also the session's, and other pages' choices with that name start from it."""
    wanted = st.query_params.get(param)
    if wanted is not None and wanted not in options and key not in st.session_state:
        st.sidebar.warning(f"The link asks for {label.lower()} “{escape_markdown(wanted)}”, which does not exist.")
    st.session_state[key] = _resolve(options, param=param, key=key, default=default, remember=remember)
    st.session_state.pop(f"{key}_next", None)
    if radio:
        chosen = str(st.sidebar.radio(label, list(options), format_func=options.__getitem__, key=key))
    else:
        chosen = str(st.sidebar.selectbox(label, list(options), format_func=options.__getitem__, key=key))
    st.query_params[param] = chosen
    if remember:
        st.session_state[remember] = chosen
    return chosen


def _month_options() -> dict[str, str]:
    return {month_key(m): month_label(m) for m in months()}


def month_picker(key: str = "month") -> date | None:
    """Sidebar month picker kept in the URL and shared by every page; defaults to the latest month with data."""
    options = _month_options()
    if not options:
        return None
    latest = list(options)[-1]
    chosen = url_choice("Month", options, param=key, key=f"filter_{key}", default=latest, remember=PERIOD_END)
    start = st.session_state.get(PERIOD_START)
    if start is not None and start > chosen:
        # A range that would start after its (new) focus month starts a year before it instead.
        st.session_state[PERIOD_START] = _span_start(chosen, options)
    return from_month_key(chosen)


def _span_start(end: str, options: dict[str, str]) -> str:
    start = month_key(shift_month(from_month_key(end), 1 - DEFAULT_SPAN))
    return max(start, next(iter(options)))


def period_picker(*, compare: bool = True) -> Period | None:
    """Sidebar month range and comparison in the URL (``from``, ``to``, ``compare``) and shared by every page;
    default: the twelve months up to the session's month (the latest month with data at first). A page that
    compares nothing with a previous period asks for ``compare=False`` and shows no control that does nothing."""
    default = default_period(months())
    if default is None:
        return None
    labels = _month_options()
    end = _resolve(labels, param="to", key="filter_to", default=month_key(default.end), remember=PERIOD_END)
    first = _span_start(end, labels)
    start = url_choice("From", labels, param="from", key="filter_from", default=first, remember=PERIOD_START)
    end = url_choice("To", labels, param="to", key="filter_to", default=end, remember=PERIOD_END)
    against = st.session_state.get(PERIOD_COMPARE, "previous_month")
    if compare:
        against = url_choice(
            "Compare with",
            COMPARISONS,
            param="compare",
            key="filter_compare",
            default="previous_month",
            radio=True,
            remember=PERIOD_COMPARE,
        )
    if start > end:
        st.sidebar.caption("“From” was after “To”, so the two are used the other way round.")
        start, end = end, start
    return Period(from_month_key(start), from_month_key(end), against)


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
