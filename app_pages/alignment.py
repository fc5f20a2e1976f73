import streamlit as st

from cxdash import alignment, permissions, ui
from cxdash.charts import alignment as charts
from cxdash.edits import alignment as edits
from cxdash.models import ALIGNMENT_DIMENSIONS
from cxdash.present import escape_markdown as md
from cxdash.views import alignment as views

actor = ui.current_actor("alignment")
rounds = ui.cached("alignment_rounds", views.round_labels)
chosen = None
if rounds:
    labels = dict(zip(rounds, rounds, strict=True))
    chosen = ui.url_choice("Survey round", labels, param="round", key="alignment_round", default=rounds[-1])
view = ui.cached("alignment", views.alignment, chosen, actor)
names, managed = view.leaders, permissions.can(actor, "manage_alignment_rounds")
# The round the answers form showed when it was submitted: a save never lands in another round.
form_round = st.session_state.pop("alignment_form_round", None)


def save(write, done: str, goto: str | None = None, **values) -> None:  # type: ignore[no-untyped-def]
    """Run one write; on success say so after a fresh run (on the new round, if one was created)."""
    if ui.attempt(write, actor, **values):
        st.session_state["alignment_flash"] = done
        for key in [k for k in st.session_state if str(k).startswith(("alignment_score_", "alignment_named"))]:
            del st.session_state[key]
        if goto:
            ui.choose_next("alignment_round", goto)
        st.rerun()


st.title("Alignment")
if flash := st.session_state.pop("alignment_flash", None):
    st.success(md(flash))
if view.round is None:
    st.info("There is no alignment round yet. Create the first round below, or import one from CSV.")
else:
    st.caption(f"Leadership alignment survey {md(view.round)}, held on {view.held_on.day} {view.held_on:%B %Y}.")
    for column, tile in zip(st.columns(4), views.tiles(view), strict=True):
        with column:
            ui.kpi_tile(tile)
    st.subheader("Scorecard")
    table = views.scorecard_table(view.scorecard)
    st.dataframe(views.scorecard_style(table), hide_index=True, key="alignment_scorecard")
    st.caption(f"{alignment.RAG_RULE} Δ: change since {md(view.previous or 'the previous round (none)')}.")
    st.caption(f"{alignment.BANDS_RULE} {views.rwg_j_note(view.index)}")
    for note in views.small_group_notes(view):
        st.caption(note)
    ui.download_csv("Download the scorecard (CSV)", table, f"alignment-{view.round}.csv", "alignment_scorecard_csv")
    ui.chart(charts.rating_spread, view.points, view.scorecard, list(ALIGNMENT_DIMENSIONS.values()))
    if not view.identified:
        st.caption("Leaders are anonymous here, numbered from the most favourable rater down.")
    st.subheader("Who owns CX here?")
    left, right = st.columns([2, 3])
    left.markdown(views.clarity_text(view))
    if view.clarity.answered:
        ui.chart(charts.ownership_answers, view.answers, where=right)
    st.subheader("Trend across rounds")
    ui.chart(charts.alignment_trend, view.trend)
    st.caption("Dashed lines: a mean of 4 (needed for green), a mean r_wg of 0.70, and the industry's 70% clear.")

st.header("Enter a round")
shown = ["Leader answers", *(["New round", "Import CSV"] if managed else [])]
tabs = dict(zip(shown, st.tabs(shown), strict=True))
with tabs["Leader answers"]:
    mine = list(names) if managed else [k for k in [actor.leader_key] if k in names]
    if view.round is None or not mine:
        st.info("There is no round to answer yet." if view.round is None else "Your account is not linked to a leader.")
    else:
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
                    answers = {"scores": scores, "named_owner": named, "replace": replace}
                    save(edits.enter_answers, done, round_label=view.round, leader=leader, **answers)
if managed:
    with tabs["New round"], st.form("alignment_round_form"):
        label = st.text_input("Label", placeholder="2026-Q4", max_chars=32, key="alignment_new_label").strip()
        held_on = st.date_input("Held on", key="alignment_new_held_on")
        if st.form_submit_button("Create round", key="alignment_create_round"):
            save(edits.create_round, f"Created round {label}.", goto=label, label=label, held_on=held_on)
    with tabs["Import CSV"]:
        kinds = edits.IMPORT_KINDS
        kind = st.selectbox("The file holds", list(kinds), format_func=kinds.__getitem__, key="alignment_import_kind")
        upload = st.file_uploader("CSV file", type="csv", key="alignment_upload")
        if upload is not None and st.button("Import", key="alignment_import"):
            report = edits.import_csv(
                ui.engine(), actor=actor, kind=kind, data=upload.getvalue(), file_name=upload.name
            )
            if report.ok:
                st.session_state["alignment_flash"] = report.summary()
                st.rerun()
            st.error(md(report.summary()))
            problems = views.problems_frame(report)
            st.dataframe(problems, hide_index=True, key="alignment_import_problems")
            ui.download_csv("Download the report (CSV)", problems, f"cxdash-{kind}-problems.csv", "alignment_problems")
if permissions.can(actor, "edit_settings"):
    with st.expander("Designated CX owner"):
        at = list(names).index(view.owner.leader) if view.owner.leader in names else None
        owner = st.selectbox("Owner", list(names), index=at, format_func=names.get, key="alignment_cx_owner") or ""
        if st.button("Save the designated owner", key="alignment_save_owner"):
            save(edits.set_cx_owner, f"{names.get(owner, owner)} is now the designated CX owner.", leader=owner)
