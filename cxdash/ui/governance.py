"""Editing the governance history on the Governance page: record, correct or remove a change of model, each
confirmed in a dialog that says what it will do before anything is saved."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from cxdash import permissions
from cxdash.edits import governance as writes
from cxdash.models import GOVERNANCE_MODELS
from cxdash.present import escape_markdown as md
from cxdash.ui.frame import attempt
from cxdash.views import governance_edit as edits

WRITES: dict[str, Callable[..., object]] = {
    "add": writes.add_change,
    "fix": writes.update_change,
    "remove": writes.delete_change,
}


def _drop_pending() -> None:
    st.session_state.pop("governance_pending", None)


# The pending write is kept in session state (and dropped when the dialog is dismissed), so the confirming click
# finds it on a full rerun as well as on the dialog's own.
@st.dialog("Confirm the change to the governance history", on_dismiss=_drop_pending)
def _confirm(actor: permissions.Actor, pending: edits.Pending) -> None:
    st.markdown(md(pending.text))
    ok, cancel = st.columns(2)
    if ok.button(pending.label, type="primary", key="governance_confirm") and attempt(
        WRITES[pending.kind], actor, **pending.values
    ):
        st.session_state["governance_flash"] = pending.flash
        _drop_pending()
        st.rerun()
    if cancel.button("Cancel, change nothing", key="governance_cancel"):
        _drop_pending()
        st.rerun()


def _add_form(where: DeltaGenerator, changes: pd.DataFrame, region_codes: Sequence[str]) -> None:
    with where.form("governance_add"):
        st.markdown("**Record a change of model**")
        region = st.selectbox(
            "Region", region_codes, index=None, placeholder="Choose a region", key="governance_add_region"
        )
        model = st.selectbox(
            "Model", GOVERNANCE_MODELS, index=None, placeholder="Choose a model", key="governance_add_model"
        )
        since = st.date_input("Effective from", value=None, key="governance_add_date")
        if st.form_submit_button("Add change…"):
            if region is None or model is None or since is None:
                st.error("Choose a region, a model and an effective date; nothing was saved.")
            else:
                st.session_state["governance_pending"] = edits.pending_add(changes, region, model, since)


def _fix_form(where: DeltaGenerator, changes: pd.DataFrame) -> None:
    if not (labels := edits.change_labels(changes)):
        return
    change = where.selectbox("Change", list(labels), format_func=labels.__getitem__, key="governance_fix_id")
    was_model, was_date = edits.change_values(changes, change)
    with where.form("governance_fix"):
        st.markdown("**Correct or remove this change**")
        model = st.selectbox(
            "Model", GOVERNANCE_MODELS, GOVERNANCE_MODELS.index(was_model), key=f"governance_fix_model_{change}"
        )
        since = st.date_input("Effective from", value=was_date, key=f"governance_fix_date_{change}")
        save, remove = st.columns(2)
        if save.form_submit_button("Save correction…"):
            st.session_state["governance_pending"] = edits.pending_fix(changes, change, model, since)
        if remove.form_submit_button("Remove change…"):
            st.session_state["governance_pending"] = edits.pending_remove(changes, change)


def governance_editor(actor: permissions.Actor, changes: pd.DataFrame, region_codes: Sequence[str]) -> None:
    """What the last confirmed edit did; then, for roles that may edit governance, a form to record a change of
    model and one to correct or remove a recorded change, each confirmed in a dialog before it is saved."""
    if flash := st.session_state.pop("governance_flash", None):
        st.success(md(flash))
    if not permissions.can(actor, "edit_governance"):
        return
    add, fix = st.columns(2)
    _add_form(add, changes, region_codes)
    _fix_form(fix, changes)
    if pending := st.session_state.get("governance_pending"):
        _confirm(actor, pending)
