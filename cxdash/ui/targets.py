"""The Targets tab of the Data page: the stored targets, a form that sets one, and removal with confirmation.

It draws only; what the tab shows and every write come from ``cxdash.views.targets``. It lives here rather
than in ``app_pages/`` because every file there is a page of the navigation.
"""

from __future__ import annotations

import streamlit as st

from cxdash import permissions
from cxdash.present import escape_markdown
from cxdash.ui.data import cached, engine
from cxdash.ui.widgets import data_table, download_csv
from cxdash.views import targets as view

FLASH = {
    "saved": st.success,
    "removed": st.success,
    "unchanged": st.info,
    "invalid": st.error,
    "conflict": st.error,
    "refused": st.error,
}


def _finish(outcome: view.Outcome) -> None:
    st.session_state["data_targets_flash"] = outcome
    if outcome.reload:
        st.session_state.pop("data_target_loaded", None)
        st.session_state.pop("data_target_confirm", None)
    st.rerun()


def targets_tab(actor: permissions.Actor) -> None:
    """Draw the Targets tab for ``actor`` (the writes check the role again)."""
    pick = cached("data_targets_choices", view.choices)
    year_shown = st.selectbox("Show the targets of", pick.years, format_func=view.year_label, key="data_targets_year")
    stored = cached("data_targets", view.table, year_shown)
    data_table(stored, key="data_targets_table")
    download_csv("Download the targets (CSV)", stored, "cxdash-targets.csv", "data_targets_csv")
    st.caption("Retention and CSAT targets are in percent; the Overview, the Regions page and the board pack use them.")
    st.markdown("**Set or remove a target**")
    if outcome := st.session_state.pop("data_targets_flash", None):
        FLASH[outcome.status](escape_markdown(outcome.message))
    metric_cell, scope_cell, year_cell = st.columns(3)
    metrics, scopes = pick.metrics, pick.scopes
    metric = metric_cell.selectbox("Metric", list(metrics), format_func=metrics.__getitem__, key="data_target_metric")
    scope = scope_cell.selectbox("For", list(scopes), format_func=scopes.__getitem__, key="data_target_scope")
    year = int(year_cell.number_input("Year", pick.earliest, pick.latest, pick.default_year, key="data_target_year"))
    loaded = st.session_state.get("data_target_loaded")
    # A value field Streamlit forgot (the user was on another page) reopens the target as it is stored now.
    forgotten = "data_target_value" not in st.session_state
    if loaded is None or forgotten or view.opened_for(loaded) != (metric, scope, year):
        loaded = st.session_state["data_target_loaded"] = view.load(engine(), metric, scope, year)
        st.session_state["data_target_value"] = view.form_value(loaded)
    label = escape_markdown(view.value_label(metric))
    value = st.number_input(label, value=None, step=view.STEPS[metric], key="data_target_value")
    st.caption(escape_markdown(view.lock_note(loaded)))
    save, remove = st.columns(2)
    if save.button("Save target", type="primary", key="data_target_save"):
        _finish(view.save(engine(), actor, loaded, value))
    if loaded.value is not None:
        confirm = remove.checkbox(escape_markdown(view.remove_label(loaded)), key="data_target_confirm")
        if remove.button("Remove target", key="data_target_remove"):
            _finish(view.remove(engine(), actor, loaded, confirm))
