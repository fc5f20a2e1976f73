"""Entering an alignment round on the Alignment page: each leader's answers, a new round, a CSV import and the
designated CX owner, as far as the signed-in role may."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from cxdash import permissions
from cxdash.edits import alignment as edits
from cxdash.models import ALIGNMENT_DIMENSIONS
from cxdash.present import escape_markdown as md
from cxdash.ui.data import engine
from cxdash.ui.filters import choose_next
from cxdash.ui.frame import attempt
from cxdash.ui.widgets import data_table, download_csv
from cxdash.views import alignment as views


def _save(
    actor: permissions.Actor, write: Callable[..., Any], done: str, goto: str | None = None, **values: Any
) -> None:
    """Run one write; on success say so after a fresh run (on the new round, if one was created)."""
    if attempt(write, actor, **values):
        st.session_state["alignment_flash"] = done
        for key in [k for k in st.session_state if str(k).startswith(("alignment_score_", "alignment_named"))]:
            del st.session_state[key]
        if goto:
            choose_next("alignment_round", goto)
        st.rerun()


def _answers_form(actor: permissions.Actor, view: views.AlignmentView, managed: bool, form_round: str | None) -> None:
    names = view.leaders
    mine = list(names) if managed else [k for k in [actor.leader_key] if k in names]
    if view.round is None or not mine:
        st.info("There is no round to answer yet." if view.round is None else "Your account is not linked to a leader.")
        return
    st.session_state["alignment_form_round"] = view.round
    with st.form("alignment_answers_form"):
        st.markdown(f"**Answers for round {md(view.round)}** (1 = strongly disagree, 5 = strongly agree)")
        if view.answered:
            st.caption("Already answered this round: " + md(", ".join(names.get(k, k) for k in view.answered)))
        leader = st.selectbox("Leader", mine, format_func=names.__getitem__, key="alignment_leader")
        scores = {
            d: st.radio(label, [1, 2, 3, 4, 5], index=None, horizontal=True, key=f"alignment_score_{d}")
            for d, label in ALIGNMENT_DIMENSIONS.items()
        }
        options = [*names, edits.DONT_KNOW_ANSWER]
        named = st.selectbox(
            "Who owns CX here?", options, index=None, format_func=view.answer_label, key="alignment_named_owner"
        )
        replace = st.checkbox("Replace this leader's earlier answers for this round", key="alignment_replace")
        if st.form_submit_button(f"Save answers to round {md(view.round)}", key="alignment_save_answers"):
            if form_round not in (None, view.round):
                st.error(
                    f"This form was for round {md(form_round)}, but the page now shows round {md(view.round)}; "
                    "nothing was saved. Check the answers and save again."
                )
            else:
                done = f"Saved the answers of {names[leader]} for round {view.round}."
                answers: dict[str, Any] = {"scores": scores, "named_owner": named, "replace": replace}
                _save(actor, edits.enter_answers, done, round_label=view.round, leader=leader, **answers)


def _new_round_form(actor: permissions.Actor) -> None:
    with st.form("alignment_round_form"):
        label = st.text_input("Label", placeholder="2026-Q4", max_chars=32, key="alignment_new_label").strip()
        held_on = st.date_input("Held on", key="alignment_new_held_on")
        if st.form_submit_button("Create round", key="alignment_create_round"):
            _save(actor, edits.create_round, f"Created round {label}.", goto=label, label=label, held_on=held_on)


def _import(actor: permissions.Actor) -> None:
    kinds = edits.IMPORT_KINDS
    kind = st.selectbox("The file holds", list(kinds), format_func=kinds.__getitem__, key="alignment_import_kind")
    upload = st.file_uploader("CSV file", type="csv", key="alignment_upload")
    if upload is not None and st.button("Import", key="alignment_import"):
        report = edits.import_csv(engine(), actor=actor, kind=kind, data=upload.getvalue(), file_name=upload.name)
        if report.ok:
            st.session_state["alignment_flash"] = report.summary()
            st.rerun()
        st.error(md(report.summary()))
        problems = views.problems_frame(report)
        data_table(problems, key="alignment_import_problems")
        download_csv("Download the report (CSV)", problems, f"cxdash-{kind}-problems.csv", "alignment_problems")


def _designated_owner(actor: permissions.Actor, view: views.AlignmentView) -> None:
    names = view.leaders
    with st.expander("Designated CX owner"):
        at = list(names).index(view.owner.leader) if view.owner.leader in names else None
        owner = (
            st.selectbox("Owner", list(names), index=at, format_func=names.__getitem__, key="alignment_cx_owner") or ""
        )
        if st.button("Save the designated owner", key="alignment_save_owner"):
            _save(actor, edits.set_cx_owner, f"{names.get(owner, owner)} is now the designated CX owner.", leader=owner)


def round_entry(actor: permissions.Actor, view: views.AlignmentView) -> None:
    """Enter a round: a leader's answers (their own, or anyone's for who manages rounds), a new round and a CSV
    import for who manages rounds, and the designated CX owner for who edits settings."""
    # The round the answers form showed when it was submitted: a save never lands in another round.
    form_round = st.session_state.pop("alignment_form_round", None)
    managed = permissions.can(actor, "manage_alignment_rounds")
    shown = ["Leader answers", *(["New round", "Import CSV"] if managed else [])]
    tabs = dict(zip(shown, st.tabs(shown), strict=True))
    with tabs["Leader answers"]:
        _answers_form(actor, view, managed, form_round)
    if managed:
        with tabs["New round"]:
            _new_round_form(actor)
        with tabs["Import CSV"]:
            _import(actor)
    if permissions.can(actor, "edit_settings"):
        _designated_owner(actor, view)
