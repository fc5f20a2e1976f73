"""Editing the RACI matrix in place: pick a role in a cell and it saves; a second Accountable asks first."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cxdash import permissions
from cxdash.present import escape_markdown as md
from cxdash.ui.data import engine
from cxdash.views import raci_edit as edit
from cxdash.views.ownership import OwnershipView

LOADED, PENDING, ROUND, FLASH_KEY = (
    "ownership_raci_loaded",
    "ownership_raci_pending",
    "ownership_raci_round",
    "ownership_flash",
)
ROW_HEIGHT = 35
FLASH = {"saved": st.success, "unchanged": st.info, "confirm_overlap": st.warning, "refused": st.error}


def _editor_key() -> str:
    # A fresh key after every save gives a fresh grid: the browser forgets the edit it showed.
    return f"ownership_raci_editor_{st.session_state.get(ROUND, 0)}"


def _reset() -> None:
    """Forget the opened map, the pending change and the grid's edits: the next run reads the map anew."""
    for key in (LOADED, PENDING):
        st.session_state.pop(key, None)
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def _picked(table: edit.Grid) -> None:
    state: dict[str, Any] = st.session_state.get(_editor_key(), {})
    if picked := edit.first_edit(table, state.get("edited_rows", {})):
        st.session_state[PENDING] = picked


def _save(actor: permissions.Actor, change: edit.CellChange, confirmed: bool) -> None:
    st.session_state[FLASH_KEY] = edit.save(engine(), actor, change, confirmed)
    _reset()
    st.rerun()


@st.dialog("Confirm a second accountable leader", on_dismiss=_reset)
def _confirm(actor: permissions.Actor, change: edit.CellChange) -> None:
    st.markdown(md(change.question()))
    ok, cancel = st.columns(2)
    if ok.button("Save the overlap", type="primary", key="ownership_raci_confirm"):
        _save(actor, change, confirmed=True)
    if cancel.button("Cancel, change nothing", key="ownership_raci_cancel"):
        _reset()
        st.rerun()


def raci_editor(view: OwnershipView, actor: permissions.Actor) -> None:
    """The matrix as a grid of role pickers (filters apply); each change is saved at once, with the audit."""
    if outcome := st.session_state.pop(FLASH_KEY, None):
        FLASH[outcome.status](md(outcome.message))
    if LOADED not in st.session_state:
        st.session_state[LOADED] = edit.open_cells(engine())
    table = edit.grid(view, st.session_state[LOADED])
    options = edit.choices(table.frame)
    names = view.leader_names
    role = {
        label: st.column_config.SelectboxColumn(label, options=options, width=80, help=names.get(key, key))
        for label, key in table.leaders.items()
    }
    fixed = {
        edit.STAGE: st.column_config.TextColumn(edit.STAGE, pinned=True, width=100),
        edit.TOUCHPOINT: st.column_config.TextColumn(edit.TOUCHPOINT, pinned=True, width=150),
    }
    st.data_editor(
        table.frame,
        key=_editor_key(),
        hide_index=True,
        height=ROW_HEIGHT * (len(table.frame) + 1) + 3,  # every touchpoint in view: no scrolling inside the grid
        row_height=ROW_HEIGHT,
        placeholder="",
        disabled=[edit.STAGE, edit.TOUCHPOINT],
        column_config={**fixed, **role},
        on_change=_picked,
        args=(table,),
    )
    st.caption(f"{edit.LEGEND} {edit.LOCK_NOTE}")
    if PENDING not in st.session_state:
        return
    change = edit.change_for(view, st.session_state[LOADED], *st.session_state[PENDING])
    if change.role == change.loaded.role:
        _reset()
    elif change.needs_confirmation:
        _confirm(actor, change)
    else:
        _save(actor, change, confirmed=False)
