import streamlit as st

from cxdash import ui

FINDINGS, OUTCOMES, FOLLOWUP = "Actions on findings", "Outcomes", "Detractor follow-up"

actor = ui.current_actor("actions")
st.title("Actions")
st.caption("What was decided about each finding, who owns it, by when, and whether it worked.")
# Only the open tab runs and is drawn (opening another reruns the page); a link into the follow-up queue opens it.
on_findings, outcomes, followup = st.tabs(
    [FINDINGS, OUTCOMES, FOLLOWUP], key="actions_tab", on_change="rerun",
    default=FOLLOWUP if ui.followup_linked() else None,
)  # fmt: skip
if on_findings.open:
    with on_findings:
        ui.actions_page(actor)
if outcomes.open:
    with outcomes:
        ui.action_outcomes(actor)
if followup.open:
    with followup:
        ui.followup_section(actor)
