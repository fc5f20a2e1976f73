"""Undoing a response import on the Data page (admins): pick it, confirm in a dialog, and it is gone."""

from __future__ import annotations

import streamlit as st

from cxdash import permissions
from cxdash.ingest.delete import Selection, delete_responses
from cxdash.present import escape_markdown
from cxdash.ui.data import cached
from cxdash.ui.frame import attempt
from cxdash.views import data as view


def _close() -> None:
    st.session_state.pop("data_delete_open", None)


# The open dialog is remembered in session state (and forgotten when dismissed), so the confirming click finds it
# open on a full rerun as well as on the dialog's own.
@st.dialog("Delete an import", on_dismiss=_close)
def _confirm(actor: permissions.Actor, batch: int, label: str) -> None:
    st.markdown(
        f"This deletes every response that import **{escape_markdown(label)}** added and recomputes the figures "
        "of their months. Responses it updated keep their stored values. It cannot be undone."
    )
    confirmed = st.button("Delete the responses", type="primary", key="data_delete_confirm")
    if confirmed and attempt(delete_responses, actor, chosen=Selection(batch=batch)):
        _close()
        st.session_state["data_delete_flash"] = f"Deleted the responses of import {label}."
        st.rerun()


def delete_import(actor: permissions.Actor) -> None:
    """An admin undoes a response import loaded by mistake; the deletion is audited and checked again in cxdash."""
    if not permissions.can(actor, "import_data"):
        return
    st.subheader("Delete an import")
    if flash := st.session_state.pop("data_delete_flash", None):
        st.success(escape_markdown(flash))
    imports = cached("data_deletable", view.deletable_imports, actor)
    if not imports:
        st.caption("No response import can be deleted: the responses of every import are gone or were loaded "
                   "before cxdash kept track (delete those with `python -m cxdash delete responses`).")  # fmt: skip
        return
    batch = st.selectbox("Import", list(imports), format_func=imports.__getitem__, key="data_delete_batch")
    if st.button("Delete…", key="data_delete", help="Asks for confirmation first"):
        st.session_state["data_delete_open"] = batch
    if st.session_state.get("data_delete_open") == batch:
        _confirm(actor, batch, imports[batch])
